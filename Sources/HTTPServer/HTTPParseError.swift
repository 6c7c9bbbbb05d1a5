/// Why a request could not be read, as the status the client gets back before the connection closes.
struct HTTPParseError: Error, Equatable {
    /// 400, 408, 413, 417, 431, 501 or 505.
    var status: Int
    /// A short explanation for the response body and the log.
    var reason: String

    static func badRequest(_ reason: String) -> HTTPParseError { HTTPParseError(status: 400, reason: reason) }
}
