/// Routes requests by method and exact path to handlers: unknown paths get 404, known paths with
/// another method get 405 with `Allow`. A GET route also answers HEAD (the server drops the body).
/// A route may cap its request bodies below (or above) the server's `maxBodyBytes`; the server
/// enforces the cap before reading the body when it is built with `HTTPServer(configuration:logger:router:)`.
/// Build it, then hand it (or `handler` and `bodyLimit`) to the server; it is an immutable value after that.
public struct Router: Sendable {
    private var routes: [String: [String: HTTPHandler]] = [:]
    private var bodyLimits: [String: [String: Int]] = [:]

    /// An empty router (everything is 404).
    public init() {}

    /// Sends `method` requests for exactly `path` (percent-decoded, without query) to `handler`.
    /// With `maxBodyBytes`, a longer body is answered 413 without being read (nor the handler called).
    public mutating func add(
        _ method: String, _ path: String, maxBodyBytes: Int? = nil, _ handler: @escaping HTTPHandler
    ) {
        routes[path, default: [:]][method.uppercased()] = handler
        bodyLimits[path, default: [:]][method.uppercased()] = maxBodyBytes
    }

    /// The routes' body caps, to give `HTTPServer` along with `handler`.
    public var bodyLimit: BodyLimit {
        let bodyLimits = bodyLimits
        return { method, path in bodyLimits[path]?[method] }
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
