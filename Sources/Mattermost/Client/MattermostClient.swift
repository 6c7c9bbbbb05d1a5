import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A REST v4 client for one Mattermost server and one token (the bot's, or an admin's for
/// `register-command`). The endpoint methods live in `MattermostClient+Endpoints.swift`.
///
/// An actor: it owns `lastRateLimit` and `serverVersion`, updated from every response. Cookies are
/// disabled because a `MMAUTHTOKEN` cookie would override the `Authorization` header.
public actor MattermostClient {
    /// The server's base URL, e.g. `https://chat.example.com` (a path prefix is kept).
    public nonisolated let baseURL: URL
    private let token: String
    private let requestTimeout: Duration
    private let session: URLSession
    private let encoder: JSONEncoder

    /// The rate-limit headers of the latest response that carried them.
    public private(set) var lastRateLimit: RateLimitStatus?
    /// `X-Version-Id` of the latest response, e.g. `10.5.0.13192….`.
    public private(set) var serverVersion: String?

    /// Creates a client; `requestTimeout` bounds each request.
    public init(baseURL: URL, token: String, requestTimeout: Duration = .seconds(10)) {
        self.baseURL = baseURL
        self.token = token
        self.requestTimeout = requestTimeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = requestTimeout.timeInterval
        configuration.timeoutIntervalForResource = requestTimeout.timeInterval
        session = URLSession(configuration: configuration)
        encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    }

    deinit {
        session.invalidateAndCancel()
    }

    /// Sends one request to `/api/v4` + `path` and decodes a success body as `Response`.
    /// - Parameter missingIsNil: answer nil instead of throwing on 404.
    func send<Response: Decodable>(
        _ method: String, _ path: String, query: [URLQueryItem] = [], body: (some Encodable)? = Optional<Data>.none,
        as type: Response.Type, missingIsNil: Bool = false
    ) async throws(MattermostError) -> Response? {
        var request = URLRequest(url: try url(path, query: query))
        request.httpMethod = method
        request.timeoutInterval = requestTimeout.timeInterval
        request.httpShouldHandleCookies = false
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let body {
            do {
                request.httpBody = try encoder.encode(body)
            } catch {
                throw .encoding(String(describing: error))
            }
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await transfer(request)
        record(response)
        switch response.statusCode {
        case 200..<300:
            if Response.self == Empty.self, let empty = Empty() as? Response { return empty }
            do {
                return try JSONDecoder().decode(Response.self, from: data)
            } catch {
                throw .decoding("\(method) \(path): \(error)")
            }
        case 404 where missingIsNil:
            return nil
        case 429:
            let retryAfter = response.value(forHTTPHeaderField: "Retry-After").flatMap { Int64($0) }
            let reset = response.value(forHTTPHeaderField: "X-RateLimit-Reset").flatMap { Int64($0) }
            throw .rateLimited(retryAfter: retryAfter.map { .seconds($0) }, reset: reset.map { .seconds($0) })
        default:
            throw .server(status: response.statusCode, try? JSONDecoder().decode(AppError.self, from: data))
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
        do {
            let (data, response) = try await session.data(for: request)
            guard let http = response as? HTTPURLResponse else { throw MattermostError.network("not an HTTP response") }
            return (data, http)
        } catch let error as MattermostError {
            throw error
        } catch is CancellationError {
            throw .cancelled
        } catch let error as URLError where error.code == .cancelled {
            throw .cancelled
        } catch let error as URLError {
            throw .network("\(request.httpMethod ?? "") \(request.url?.path ?? ""): URLError \(error.code.rawValue) \(error.localizedDescription)")
        } catch {
            throw .network("\(request.httpMethod ?? "") \(request.url?.path ?? ""): \(error)")
        }
    }

    private func record(_ response: HTTPURLResponse) {
        if let status = RateLimitStatus(header: { response.value(forHTTPHeaderField: $0) }) {
            lastRateLimit = status
        }
        if let version = response.value(forHTTPHeaderField: "X-Version-Id") {
            serverVersion = version
        }
    }

    private func url(_ path: String, query: [URLQueryItem]) throws(MattermostError) -> URL {
        guard var components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false) else {
            throw .encoding("bad base URL \(baseURL)")
        }
        var prefix = components.percentEncodedPath
        while prefix.hasSuffix("/") { prefix.removeLast() }
        components.percentEncodedPath = prefix + "/api/v4" + path
        components.queryItems = query.isEmpty ? nil : query
        guard let url = components.url else { throw .encoding("bad path \(path)") }
        return url
    }

    /// Percent-encodes one path segment (an id or a name).
    nonisolated static func segment(_ value: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/;?#")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}

/// Stands for "ignore the body" in `send`.
struct Empty: Decodable {}

extension Duration {
    /// This duration in seconds, for Foundation APIs.
    var timeInterval: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
