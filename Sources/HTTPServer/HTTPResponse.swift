import Foundation

/// An HTTP response as a plain value. The server adds `Content-Length`, `Date` and `Connection`.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Data(text.utf8))
    }

    /// Closes the connection without writing anything: for test doubles that simulate a lost response.
    public static let dropConnection = HTTPResponse(status: 0)

    /// An `application/json` response with an already encoded body.
    public static func json(_ body: Data, status: Int = 200) -> HTTPResponse {
        HTTPResponse(status: status, headers: [("Content-Type", "application/json")], body: body)
    }
}

/// What the server calls for every request. Runs concurrently for concurrent requests.
public typealias HTTPHandler = @Sendable (HTTPRequest) async -> HTTPResponse
