/// Routes requests by method and exact path (or, failing that, path prefix) to handlers: unknown paths get 404, known paths with
/// another method get 405 with `Allow`. A GET route also answers HEAD (the server drops the body).
/// A route may cap its request bodies below (or above) the server's `maxBodyBytes`; the server
/// enforces the cap before reading the body when it is built with `HTTPServer(configuration:logger:router:)`.
/// Build it, then hand it (or `handler` and `bodyLimit`) to the server; it is an immutable value after that.
public struct Router: Sendable {
    private var routes: [String: [String: HTTPHandler]] = [:]
    private var bodyLimits: [String: [String: Int]] = [:]
    /// Prefix routes, tried in the order added when no exact path matches.
    private var prefixes: [String] = []

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

    /// Sends `method` requests for every path that starts with `prefix` (e.g. `/calendar/`) and has no exact
    /// route to `handler`, which reads the rest of `request.path` itself.
    public mutating func add(
        _ method: String, prefix: String, maxBodyBytes: Int? = nil, _ handler: @escaping HTTPHandler
    ) {
        if !prefixes.contains(prefix) { prefixes.append(prefix) }
        add(method, prefix, maxBodyBytes: maxBodyBytes, handler)
    }

    /// The routes' body caps, to give `HTTPServer` along with `handler`.
    public var bodyLimit: BodyLimit {
        let bodyLimits = bodyLimits
        let key = routeKey
        return { method, path in bodyLimits[key(path)]?[method] }
    }

    /// The route `path` matches (its exact path, or the prefix it starts with), or nil for none: what an
    /// access log and metrics may name without copying the route list or the path's own text.
    public var routeLabel: @Sendable (String) -> String? {
        let routes = Set(routes.keys)
        let key = routeKey
        return { path in
            let matched = key(path)
            return routes.contains(matched) ? matched : nil
        }
    }

    /// The key a path is routed by: itself when it has a route, else the first prefix it starts with.
    private var routeKey: @Sendable (String) -> String {
        let exact = Set(routes.keys)
        let prefixes = prefixes
        return { path in
            if exact.contains(path) { return path }
            return prefixes.first { path.hasPrefix($0) && path.count > $0.count } ?? path
        }
    }

    /// The handler to give `HTTPServer`.
    public var handler: HTTPHandler {
        let routes = routes
        let key = routeKey
        return { request in
            guard let byMethod = routes[key(request.path)] else { return .text("Not Found\n", status: 404) }
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
