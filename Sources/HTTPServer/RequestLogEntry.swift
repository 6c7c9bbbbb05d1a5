/// One line of the access log: what the server passes to its log hook after each response,
/// including the error responses it writes itself (400, 408, 413, 431, 503…).
public struct RequestLogEntry: Sendable {
    /// The request method, or `""` when the request line could not be read.
    public var method: String
    /// The decoded path, or the raw target when it could not be decoded (`""` if none).
    public var path: String
    /// The status sent; 0 when the handler asked to drop the connection.
    public var status: Int
    /// From the first byte of the request to the response being handed to the socket.
    public var duration: Duration
    /// Request body bytes received.
    public var requestBodyBytes: Int
    /// Response body bytes sent (0 for HEAD).
    public var responseBodyBytes: Int
    /// The peer (`127.0.0.1:53122`, `[::1]:53122`).
    public var remoteAddress: String
    /// The id also given to the handler and echoed as `X-Request-ID`.
    public var requestID: String
    /// The route the path matched (`/command`, or a prefix route such as `/calendar/`), never the path's
    /// own text when that holds more; nil when no route matched or the request could not be read.
    public var route: String? = nil
}

/// Receives one entry per request; called on the connection's queue, so it must be quick and thread-safe.
public typealias RequestLogger = @Sendable (RequestLogEntry) -> Void
