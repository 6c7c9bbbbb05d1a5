import Foundation
import HTTPServer
import Mattermost
import Synchronization

/// A minimal, fast stand-in for Mattermost for the delivery benchmark (the test fake lives in a test-only
/// target): `GET /users/me`, `GET /users/{id}`, `POST /channels/direct`, `GET /channels/{id}/posts` (always
/// empty) and `POST /posts` (201 at once, recording when each delivery key arrived), with an optional
/// GCRA limiter answering `X-RateLimit-*` and 429 like Mattermost's. `GET /bench/stats` and
/// `GET /bench/arrivals` report what it saw when it runs in its own process (`BenchMattermostProcess`).
/// State is guarded by a `Mutex`.
final class BenchMattermost: Sendable {
    private struct State {
        var arrivals: [String: [Date]] = [:]
        var postCount = 0
        var refusals = 0
        var limiter: BenchLimiter?
    }

    private let state: Mutex<State>
    private let started = ContinuousClock.now
    private let encoder = JSONEncoder()
    private let server: Mutex<HTTPServer?> = Mutex(nil)

    /// A server, with Mattermost's limiter at its usual settings (10/s, bursts of 100) when `limited`.
    init(limited: Bool) {
        state = Mutex(State(limiter: limited ? BenchLimiter(perSecond: 10, maxBurst: 100) : nil))
    }

    /// Starts serving on 127.0.0.1 and returns the base URL.
    func start() throws -> URL {
        let http = HTTPServer(configuration: HTTPServer.Configuration(maxConcurrentHandlers: 256)) { [self] request in
            handle(request)
        }
        let port = try http.start()
        server.withLock { $0 = http }
        return URL(string: "http://127.0.0.1:\(port)")!
    }

    func stop() async {
        if let http = server.withLock({ $0 }) { await http.shutdown(gracePeriod: .seconds(1)) }
    }

    /// When each delivery key's posts arrived.
    var arrivals: [String: [Date]] { state.withLock { $0.arrivals } }
    /// Posts created.
    var postCount: Int { state.withLock { $0.postCount } }
    /// Requests refused with 429.
    var refusals: Int { state.withLock { $0.refusals } }

    private func handle(_ request: HTTPRequest) -> HTTPResponse {
        let now = Date()
        if request.path.hasPrefix("/bench/") { return report(request.path) }
        var headers: [(name: String, value: String)] = []
        let offset = ContinuousClock.now - started
        let refused: Bool = state.withLock { state in
            guard var limiter = state.limiter else { return false }
            let decision = limiter.take(at: offset)
            state.limiter = limiter
            headers = decision.headers
            if !decision.allowed { state.refusals += 1 }
            return !decision.allowed
        }
        if refused {
            var response = HTTPResponse.text("limit exceeded\n", status: 429)
            response.headers += headers
            return response
        }
        var response = route(request, now: now)
        response.headers += headers
        return response
    }

    private func route(_ request: HTTPRequest, now: Date) -> HTTPResponse {
        let parts = request.path.split(separator: "/").map(String.init)  // api, v4, …
        switch (request.method, parts.dropFirst(2).first, parts.count) {
        case ("POST", "posts", 3):
            return createPost(request.body, now: now)
        case ("GET", "users", 4) where parts[3] == "me":
            return json(User(id: "bot0000000000000000000000", username: "remindbot", isBot: true))
        case ("GET", "users", 4):
            return json(User(id: parts[3], username: "user-\(parts[3])", timezone: .manual("Europe/Berlin")))
        case ("POST", "channels", 4) where parts[3] == "direct":
            let ids = (try? JSONDecoder().decode([String].self, from: request.body)) ?? []
            return json(Channel(id: "dm-" + ids.sorted().joined(separator: "-"), teamID: "", name: ids.sorted().joined(separator: "__"), type: .direct), status: 201)
        case ("GET", "channels", 5) where parts[4] == "posts":
            return json(PostList(order: [], posts: [:]))
        default:
            return .text("not found", status: 404)
        }
    }

    /// What the benchmark reads back from a fake in another process (outside the limiter).
    private func report(_ path: String) -> HTTPResponse {
        switch path {
        case "/bench/stats":
            let (posts, refusals) = state.withLock { ($0.postCount, $0.refusals) }
            return json(BenchStats(posts: posts, refusals: refusals))
        case "/bench/arrivals":
            // Microseconds since 1970.
            return json(arrivals.mapValues { $0.map { Int64(($0.timeIntervalSince1970 * 1_000_000).rounded()) } })
        default:
            return .text("not found", status: 404)
        }
    }

    /// Answers like Mattermost (the post as sent, with an id, the bot as author and the creation time)
    /// without decoding the props: only the delivery key is read. The fake stays cheap so that the
    /// figures measure remindd, not the fake.
    private func createPost(_ body: Data, now: Date) -> HTTPResponse {
        guard let post = try? JSONDecoder().decode(DeliveryKeyedPost.self, from: body), body.first == UInt8(ascii: "{"),
              body.count > 2 else { return .text("bad post", status: 400) }
        if let key = post.props?.reminddDelivery {
            state.withLock { state in
                state.arrivals[key, default: []].append(now)
                state.postCount += 1
            }
        }
        let millis = Int64(now.timeIntervalSince1970 * 1_000)
        var created = Data(#"{"id":"\#(UUID().uuidString)","user_id":"bot","create_at":\#(millis),"update_at":\#(millis),"#.utf8)
        created.append(body.dropFirst())
        return .json(created, status: 201)
    }

    private func json(_ value: some Encodable, status: Int = 200) -> HTTPResponse {
        .json((try? encoder.encode(value)) ?? Data(), status: status)
    }
}

/// What the fake reads of a created post.
private struct DeliveryKeyedPost: Decodable {
    struct Props: Decodable {
        var reminddDelivery: String?

        enum CodingKeys: String, CodingKey { case reminddDelivery = "remindd_delivery" }
    }

    var props: Props?
}

/// `GET /bench/stats`.
struct BenchStats: Codable {
    var posts: Int
    var refusals: Int
}

/// Mattermost's GCRA rate limiter (`throttled`), as in the test fake: limit = burst + 1, `Reset` = time until
/// the bucket is full (seconds, rounded up), `Retry-After` on refusal.
struct BenchLimiter: Sendable {
    struct Decision {
        var allowed: Bool
        var headers: [(name: String, value: String)]
    }

    private let emission: Duration
    private let tolerance: Duration
    private let limit: Int
    private var theoreticalArrival: Duration?

    init(perSecond: Int, maxBurst: Int) {
        emission = .seconds(1) / perSecond
        tolerance = emission * (maxBurst + 1)
        limit = maxBurst + 1
    }

    mutating func take(at now: Duration) -> Decision {
        let arrival = theoreticalArrival ?? now
        let newArrival = max(now, arrival) + emission
        let allowAt = newArrival - tolerance
        var retryAfter: Duration?
        let timeToLive: Duration
        if now < allowAt {
            retryAfter = allowAt - now
            timeToLive = arrival - now
        } else {
            timeToLive = newArrival - now
            theoreticalArrival = newArrival
        }
        let next = tolerance - timeToLive
        let remaining = next > .zero - emission ? max(0, Int(next / emission)) : 0
        var headers = [("X-RateLimit-Limit", String(limit)), ("X-RateLimit-Remaining", String(remaining)),
                       ("X-RateLimit-Reset", String(Self.roundedUp(timeToLive)))]
        if let retryAfter { headers.append(("Retry-After", String(Self.roundedUp(retryAfter)))) }
        return Decision(allowed: retryAfter == nil, headers: headers)
    }

    private static func roundedUp(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return attoseconds > 0 ? seconds + 1 : seconds
    }
}
