import Foundation
import RemindCore
import Synchronization

/// A REST v4 client for one Mattermost server and one token (the bot's, or an admin's for
/// `register-command`). The endpoint methods live in `MattermostClient+Endpoints.swift`.
///
/// Requests run in parallel: the only shared state, `lastRateLimit` and `serverVersion` (updated from
/// every response), is guarded by a `Mutex`. (It was an actor, which serialised every request's JSON
/// encoding and decoding on one executor.) The transport is libcurl (`CurlTransport`), which keeps no
/// cookies: a `MMAUTHTOKEN` cookie would override the `Authorization` header.
public final class MattermostClient: Sendable {
    private struct Observed {
        var rateLimit: RateLimitStatus?
        var serverVersion: String?
    }

    /// The server's base URL, e.g. `https://chat.example.com` (a path prefix is kept).
    public let baseURL: URL
    private let token: String
    private let transport: CurlTransport
    private let encoder: JSONEncoder
    private let decoder = JSONDecoder()
    private let observed = Mutex(Observed())
    private let failureObserver: (@Sendable (_ endpoint: String, _ status: String) -> Void)?

    /// The rate-limit headers of the latest response that carried them.
    public var lastRateLimit: RateLimitStatus? { observed.withLock { $0.rateLimit } }
    /// `X-Version-Id` of the latest response, e.g. `10.5.0.13192….`.
    public var serverVersion: String? { observed.withLock { $0.serverVersion } }

    /// Creates a client; `requestTimeout` bounds each request, connecting and redirects included (any
    /// positive duration, to the millisecond). `maxConnections` caps the parallel connections to the server;
    /// further requests wait for one. `transport` gives the proxies and trusted certificates (by default
    /// from the process environment: `http_proxy`, `HTTPS_PROXY`, `NO_PROXY`, `REMIND_MATTERMOST_CA_FILE`).
    /// `onFailure` hears of every failed call: its endpoint (`POST /posts`, ids replaced by `:id`) and
    /// the HTTP status, or `network` / `decoding` (for the API error metrics).
    public init(
        baseURL: URL, token: String, requestTimeout: Duration = .seconds(10), maxConnections: Int = 32,
        transport: HTTPTransportOptions = HTTPTransportOptions(environment: ProcessInfo.processInfo.environment),
        onFailure: (@Sendable (_ endpoint: String, _ status: String) -> Void)? = nil
    ) {
        failureObserver = onFailure
        self.baseURL = baseURL
        self.token = token
        self.transport = CurlTransport(settings: CurlTransport.Settings(
            timeout: max(requestTimeout, .milliseconds(1)), maxConnections: maxConnections, options: transport,
            userAgent: "remindd/\(RemindVersion.current)"))
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    /// Sends one request to `/api/v4` + `path` (or, with `underAPI: false`, to `path` itself, for the
    /// `/hooks/…` endpoints) and decodes a success body as `Response`.
    /// - Parameter missingIsNil: answer nil instead of throwing on 404.
    func send<Response: Decodable>(
        _ method: String, _ path: String, query: [URLQueryItem] = [], body: (some Encodable)? = Optional<Data>.none,
        as type: Response.Type, missingIsNil: Bool = false, underAPI: Bool = true
    ) async throws(MattermostError) -> Response? {
        let url = try url(path, query: query, underAPI: underAPI)
        var request = HTTPRequestMessage(
            method: method, url: url, headers: ["Authorization: Bearer \(token)", "Accept: application/json"])
        if let body {
            do {
                if let tree = body as? any JSONTreeEncodable {
                    request.body = try tree.jsonTree().serialized()
                } else {
                    request.body = try encoder.encode(body)
                }
            } catch {
                throw .encoding(String(describing: error))
            }
            request.headers.append("Content-Type: application/json")
        }
        let response: HTTPResponseMessage
        do {
            response = try await transport.send(request)
        } catch {
            if error != .cancelled { failureObserver?(Self.endpoint(method, path), "network") }
            switch error {
            case .cancelled: throw .cancelled
            case .timedOut: throw .network("\(method) \(url.path): no answer within \(transport.settings.timeout)")
            case .failed(let reason): throw .network("\(method) \(url.path): \(reason)")
            }
        }
        let data = response.body
        record(response)
        switch response.status {
        case 200..<300:
            if Response.self == Empty.self, let empty = Empty() as? Response { return empty }
            do {
                if let treeType = Response.self as? any JSONTreeDecodable.Type {
                    return try treeType.init(tree: JSONValue(parsing: data)) as? Response
                }
                return try decoder.decode(Response.self, from: data)
            } catch {
                failureObserver?(Self.endpoint(method, path), "decoding")
                throw .decoding("\(method) \(path): \(error)")
            }
        case 404 where missingIsNil:
            return nil
        default:
            failureObserver?(Self.endpoint(method, path), String(response.status))
        }
        switch response.status {
        case 429:
            let retryAfter = RateLimitStatus.largest(response.header("Retry-After"))
            let reset = RateLimitStatus.largest(response.header("X-RateLimit-Reset"))
            throw .rateLimited(retryAfter: retryAfter.map { .seconds($0) }, reset: reset.map { .seconds($0) })
        default:
            throw .server(status: response.status, try? decoder.decode(AppError.self, from: data))
        }
    }

    /// Like `send`, for endpoints that always answer a body on success.
    func sendExpectingBody<Response: Decodable>(
        _ method: String, _ path: String, query: [URLQueryItem] = [], body: (some Encodable)? = Optional<Data>.none,
        as type: Response.Type
    ) async throws(MattermostError) -> Response {
        guard let response = try await send(method, path, query: query, body: body, as: type) else {
            throw .decoding("\(method) \(path): no body")
        }
        return response
    }

    private func record(_ response: HTTPResponseMessage) {
        let status = RateLimitStatus(header: { response.header($0) })
        let version = response.header("X-Version-Id")
        guard status != nil || version != nil else { return }
        observed.withLock { observed in
            if let status { observed.rateLimit = status }
            if let version { observed.serverVersion = version }
        }
    }

    private func url(_ path: String, query: [URLQueryItem], underAPI: Bool) throws(MattermostError) -> URL {
        guard var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else {
            throw .encoding("bad base URL \(baseURL)")
        }
        var prefix = components.percentEncodedPath
        while prefix.hasSuffix("/") { prefix.removeLast() }
        components.percentEncodedPath = prefix + (underAPI ? "/api/v4" : "") + path
        components.queryItems = query.isEmpty ? nil : query
        guard let url = components.url else { throw .encoding("bad path \(path)") }
        return url
    }

    /// A call's endpoint with few distinct values (a metric label): the method and the path under
    /// `/api/v4`, every id or name segment replaced by `:id` (`PUT /posts/:id/patch`).
    static func endpoint(_ method: String, _ path: String) -> String {
        var segments: [String] = []
        for segment in path.split(separator: "/") {
            let afterName = ["username", "name"].contains(segments.last ?? "")
            let isID = segment.count >= 20 && segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            segments.append(afterName || isID ? ":id" : String(segment))
        }
        return method + " /" + segments.joined(separator: "/")
    }

    /// Percent-encodes one path segment (an id or a name).
    static func segment(_ value: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

/// Stands for "ignore the body" in `send`.
struct Empty: Decodable {}
