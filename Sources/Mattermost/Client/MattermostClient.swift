import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// A REST v4 client for one Mattermost server and one token (the bot's, or an admin's for
/// `register-command`). The endpoint methods live in `MattermostClient+Endpoints.swift`.
///
/// Requests run in parallel: the only shared state, `lastRateLimit` and `serverVersion` (updated from
/// every response), is guarded by a `Mutex`. (It was an actor, which serialised every request's JSON
/// encoding and decoding on one executor.) Cookies are disabled because a `MMAUTHTOKEN` cookie would
/// override the `Authorization` header.
public final class MattermostClient: Sendable {
    private struct Observed {
        var rateLimit: RateLimitStatus?
        var serverVersion: String?
    }

    /// The server's base URL, e.g. `https://chat.example.com` (a path prefix is kept).
    public let baseURL: URL
    private let token: String
    private let requestTimeout: Duration
    /// Set when `requestTimeout` is not a whole number of seconds, which URLSession on Linux cannot
    /// enforce (it truncates to whole seconds, so under 1 s every request fails at once): the client
    /// then enforces the exact deadline itself and gives URLSession the next whole second as a backstop.
    private let enforcesTimeout: Bool
    private let session: URLSession
    private let encoder: JSONEncoder
    private let decoder = JSONDecoder()
    private let observed = Mutex(Observed())
    private let failureObserver: (@Sendable (_ endpoint: String, _ status: String) -> Void)?

    /// The rate-limit headers of the latest response that carried them.
    public var lastRateLimit: RateLimitStatus? { observed.withLock { $0.rateLimit } }
    /// `X-Version-Id` of the latest response, e.g. `10.5.0.13192….`.
    public var serverVersion: String? { observed.withLock { $0.serverVersion } }

    /// Creates a client; `requestTimeout` bounds each request (any positive duration, sub-second too).
    /// `maxConnections` caps the parallel connections to the server (URLSession's default on Linux is 6,
    /// which silently queued the deliverer's parallel posts behind each other).
    /// `onFailure` hears of every failed call: its endpoint (`POST /posts`, ids replaced by `:id`) and
    /// the HTTP status, or `network` / `decoding` (for the API error metrics).
    public init(
        baseURL: URL, token: String, requestTimeout: Duration = .seconds(10), maxConnections: Int = 32,
        onFailure: (@Sendable (_ endpoint: String, _ status: String) -> Void)? = nil
    ) {
        failureObserver = onFailure
        self.baseURL = baseURL
        self.token = token
        self.requestTimeout = max(requestTimeout, .milliseconds(1))
        let wholeSeconds = Self.wholeSecondsRoundedUp(self.requestTimeout)
        enforcesTimeout = self.requestTimeout != .seconds(wholeSeconds)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = TimeInterval(wholeSeconds)
        configuration.timeoutIntervalForResource = TimeInterval(wholeSeconds)
        configuration.httpMaximumConnectionsPerHost = max(1, maxConnections)
        session = URLSession(configuration: configuration)
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// Sends one request to `/api/v4` + `path` (or, with `underAPI: false`, to `path` itself, for the
    /// `/hooks/…` endpoints) and decodes a success body as `Response`.
    /// - Parameter missingIsNil: answer nil instead of throwing on 404.
    func send<Response: Decodable>(
        _ method: String, _ path: String, query: [URLQueryItem] = [], body: (some Encodable)? = Optional<Data>.none,
        as type: Response.Type, missingIsNil: Bool = false, underAPI: Bool = true
    ) async throws(MattermostError) -> Response? {
        var request = URLRequest(url: try url(path, query: query, underAPI: underAPI))
        request.httpMethod = method
        request.timeoutInterval = TimeInterval(Self.wholeSecondsRoundedUp(requestTimeout))
        request.httpShouldHandleCookies = false
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body {
            do {
                if let tree = body as? any JSONTreeEncodable {
                    request.httpBody = try tree.jsonTree().serialized()
                } else {
                    request.httpBody = try encoder.encode(body)
                }
            } catch {
                throw .encoding(String(describing: error))
            }
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let data: Data, response: HTTPURLResponse
        do {
            (data, response) = try await transfer(request)
        } catch {
            if error != .cancelled { failureObserver?(Self.endpoint(method, path), "network") }
            throw error
        }
        record(response)
        switch response.statusCode {
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
            failureObserver?(Self.endpoint(method, path), String(response.statusCode))
        }
        switch response.statusCode {
        case 429:
            let retryAfter = RateLimitStatus.largest(response.value(forHTTPHeaderField: "Retry-After"))
            let reset = RateLimitStatus.largest(response.value(forHTTPHeaderField: "X-RateLimit-Reset"))
            throw .rateLimited(retryAfter: retryAfter.map { .seconds($0) }, reset: reset.map { .seconds($0) })
        default:
            throw .server(status: response.statusCode, try? decoder.decode(AppError.self, from: data))
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

    private func transfer(_ request: URLRequest) async throws(MattermostError) -> (Data, HTTPURLResponse) {
        let what = "\(request.httpMethod ?? "") \(request.url?.path ?? "")"
        do {
            let (data, response) = enforcesTimeout ? try await dataWithDeadline(for: request) : try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else { throw MattermostError.network("not an HTTP response") }
            return (data, http)
        } catch let error as MattermostError {
            throw error
        } catch is CancellationError {
            throw .cancelled
        } catch let error as URLError where error.code == .cancelled {
            throw .cancelled
        } catch let error as URLError {
            throw .network("\(what): URLError \(error.code.rawValue) \(error.localizedDescription)")
        } catch {
            throw .network("\(what): \(error)")
        }
    }

    /// The transfer, abandoned (and cancelled) once `requestTimeout` has passed.
    private func dataWithDeadline(for request: URLRequest) async throws -> (Data, URLResponse) {
        let session = session
        let timeout = requestTimeout
        return try await withThrowingTaskGroup(of: (Data, URLResponse)?.self) { group in
            group.addTask { try await session.data(for: request) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else {
                try Task.checkCancellation()
                throw MattermostError.network(
                    "\(request.httpMethod ?? "") \(request.url?.path ?? ""): no answer within \(timeout)")
            }
            return result
        }
    }

    private func record(_ response: HTTPURLResponse) {
        let status = RateLimitStatus(header: { response.value(forHTTPHeaderField: $0) })
        let version = response.value(forHTTPHeaderField: "X-Version-Id")
        guard status != nil || version != nil else { return }
        observed.withLock { observed in
            if let status { observed.rateLimit = status }
            if let version { observed.serverVersion = version }
        }
    }

    /// A duration in whole seconds, rounded up: all URLSession on Linux can enforce.
    private static func wholeSecondsRoundedUp(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(1, attoseconds > 0 ? seconds + 1 : seconds)
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
