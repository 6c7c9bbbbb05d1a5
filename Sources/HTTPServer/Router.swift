/// Routes requests by method and exact path to handlers: unknown paths get 404, known paths with
/// another method get 405 with `Allow`. A GET route also answers HEAD (the server drops the body).
/// Build it, then hand `handler` to the server; it is an immutable value after that.
public struct Router: Sendable {
    private var routes: [String: [String: HTTPHandler]] = [:]

    /// An empty router (everything is 404).
    public init() {}

    /// Sends `method` requests for exactly `path` (percent-decoded, without query) to `handler`.
    public mutating func add(_ method: String, _ path: String, _ handler: @escaping HTTPHandler) {
        routes[path, default: [:]][method.uppercased()] = handler
    }

    /// The handler to give `HTTPServer`.
    public var handler: HTTPHandler {
        let routes = routes
        return { request in
            guard let byMethod = routes[request.path] else { return .text("Not Found\n", status: 404) }
            let method = request.method == "HEAD" && byMethod["HEAD"] == nil ? "GET" : request.method
            guard let handler = byMethod[method] else {
                var allowed = Set(byMethod.keys)
                if allowed.contains("GET") { allowed.insert("HEAD") }
                var response = HTTPResponse.text("Method Not Allowed\n", status: 405)
                response.headers.append(("Allow", allowed.sorted().joined(separator: ", ")))
                return response
            }
            return await handler(request)
        }
    }
}
