import Foundation

/// An HTTP/1.1 request as a plain value: what a handler sees, with no socket behind it.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The request target's path, percent-decoded, without the query (`/command`).
    public var path: String
    /// The raw query string after `?`, not decoded (empty when absent).
    public var query: String
    /// Header fields in arrival order; names as sent. Look them up with `header(_:)`.
    public var headers: [(name: String, value: String)]
    public var body: Data
    /// The peer's address (`127.0.0.1:53122`), for logs.
    public var remoteAddress: String
    /// 16 hex characters the server draws per request; also in the log entry and `X-Request-ID`.
    public var requestID: String

    public init(
        method: String, path: String, query: String = "", headers: [(name: String, value: String)] = [],
        body: Data = Data(), remoteAddress: String = "", requestID: String = ""
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.requestID = requestID
    }

    /// The first header with this name, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
