import Foundation
import HTTPServer
import Mattermost
import Testing
import TestSupport

@Suite("X-RateLimit-* twice (RateLimitSettings.VaryByUser)")
struct RateLimitHeaderTests {
    @Test("repeated or comma-joined values: the smallest limit and remaining, the largest reset")
    func mostRestrictiveReading() {
        let fields = ["X-RateLimit-Limit": "101, 11", "X-RateLimit-Remaining": "50, 3", "X-RateLimit-Reset": "12, 9"]
        #expect(RateLimitStatus(header: { fields[$0] }) == RateLimitStatus(limit: 11, remaining: 3, reset: .seconds(12)))
        let single = ["X-RateLimit-Limit": "2", "X-RateLimit-Remaining": "1", "X-RateLimit-Reset": "1"]
        #expect(RateLimitStatus(header: { single[$0] }) == RateLimitStatus(limit: 2, remaining: 1, reset: .seconds(1)))
        for broken in ["5, x", "", "5,", "-1"] {
            let fields = ["X-RateLimit-Limit": "6", "X-RateLimit-Remaining": broken, "X-RateLimit-Reset": "1"]
            #expect(RateLimitStatus(header: { fields[$0] }) == nil, "\(broken.debugDescription)")
        }
    }

    @Test("the fake with varyByUser adds the caller's set after its own; an unauthenticated answer has one")
    func fakeSendsTwoSets() async throws {
        let fake = FakeMattermost()
        await fake.setRateLimit(perSecond: 1, maxBurst: 5, varyByUser: true)
        func me(_ token: String) async -> HTTPResponse {
            await fake.handle(HTTPRequest(method: "GET", path: "/api/v4/users/me", headers: [("Authorization", "Bearer \(token)")]))
        }
        for _ in 0..<3 { _ = await me(fake.botToken) }
        let admin = await me(fake.adminToken)
        #expect(admin.headers.filter { $0.name == "X-RateLimit-Remaining" }.map(\.value) == ["2", "5"])
        #expect(admin.headers.filter { $0.name == "X-RateLimit-Limit" }.map(\.value) == ["6", "6"])
        let stranger = await me("not-a-token")
        #expect(stranger.headers.filter { $0.name == "X-RateLimit-Remaining" }.map(\.value) == ["1"])
    }

    @Test("the client reads both sets from the fake over a socket")
    func clientAgainstTheFake() async throws {
        try await withFakeServer { fake, client in
            await fake.setRateLimit(perSecond: 1, maxBurst: 5, varyByUser: true)
            _ = try await client.me()
            #expect(client.lastRateLimit == RateLimitStatus(limit: 6, remaining: 5, reset: .seconds(1)))
        }
    }

    @Test("the user's set being the stricter one, and a 429 with two resets, over a socket")
    func clientAgainstDuplicatedHeaders() async throws {
        let sets: [(name: String, value: String)] = [
            ("X-RateLimit-Limit", "101"), ("X-RateLimit-Remaining", "50"), ("X-RateLimit-Reset", "12"),
            ("X-RateLimit-Limit", "11"), ("X-RateLimit-Remaining", "3"), ("X-RateLimit-Reset", "9"),
        ]
        try await withCallbackServer(answering: HTTPResponse(status: 404, headers: sets)) { url, _ in
            let client = MattermostClient(baseURL: url, token: "t")
            _ = await mattermostError { () async throws(MattermostError) in try await client.me() }
            #expect(client.lastRateLimit == RateLimitStatus(limit: 11, remaining: 3, reset: .seconds(12)))
        }
        let refusal = HTTPResponse(status: 429, headers: [
            ("X-RateLimit-Limit", "6"), ("X-RateLimit-Remaining", "2"), ("X-RateLimit-Reset", "4"),
            ("X-RateLimit-Limit", "6"), ("X-RateLimit-Remaining", "0"), ("X-RateLimit-Reset", "7"), ("Retry-After", "2"),
        ], body: Data("limit exceeded\n".utf8))
        try await withCallbackServer(answering: refusal) { url, _ in
            let client = MattermostClient(baseURL: url, token: "t")
            let error = await mattermostError { () async throws(MattermostError) in try await client.me() }
            #expect(error == .rateLimited(retryAfter: .seconds(2), reset: .seconds(7)))
            #expect(client.lastRateLimit?.remaining == 0)
        }
    }

    @Test("header names are read in any case and values without the blanks around them, over a socket")
    func headerCaseAndBlanks() async throws {
        let answer = HTTPResponse(status: 404, headers: [
            ("x-ratelimit-LIMIT", " \t6 "), ("X-RATELIMIT-remaining", "4\t"), ("X-RateLimit-Reset", "  3"),
        ])
        try await withCallbackServer(answering: answer) { url, _ in
            let client = MattermostClient(baseURL: url, token: "t")
            _ = await mattermostError { () async throws(MattermostError) in try await client.me() }
            #expect(client.lastRateLimit == RateLimitStatus(limit: 6, remaining: 4, reset: .seconds(3)))
        }
    }
}
