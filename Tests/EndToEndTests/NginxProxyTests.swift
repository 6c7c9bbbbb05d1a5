import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import TestSupport

/// The shipped nginx path-prefix snippet, running in a real nginx (TestSupport's `NginxProxy`) in
/// front of a recording listener that stands in for remindd.
@Suite(.enabled(if: NginxProxy.executablePath != nil, "nginx not installed (apt-get install nginx)"))
struct NginxProxyTests {
    private let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpShouldSetCookies = false
        return URLSession(configuration: configuration)
    }()

    private func get(_ proxy: NginxProxy, _ path: String) async throws -> (status: Int, body: String) {
        let url = try #require(URL(string: proxy.baseURL.absoluteString + path))
        let (data, response) = try await session.data(from: url)
        let status = try #require(response as? HTTPURLResponse).statusCode
        return (status, String(decoding: data, as: UTF8.self))
    }

    @Test func slashCommandPostIsForwardedWithPrefixStrippedAndForwardedHeaders() async throws {
        let upstream = try RecordingHTTPListener()
        defer { upstream.stop() }
        let proxy = try await NginxProxy(upstreamPort: upstream.port)
        defer { proxy.stop() }

        let form = "token=abc&command=%2Fremind&text=me+to+review+the+PR+in+2+hours"
        var request = URLRequest(url: try #require(URL(string: proxy.baseURL.absoluteString + "/remind/command?probe=1")))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(form.utf8)
        let (data, response) = try await session.data(for: request)

        #expect(try #require(response as? HTTPURLResponse).statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self) == "upstream saw /command?probe=1")
        let seen = try #require(upstream.requests.first)
        #expect(upstream.requests.count == 1)
        #expect(seen.requestLine == "POST /command?probe=1 HTTP/1.1")
        #expect(seen.body == Data(form.utf8))
        #expect(seen.headers["x-forwarded-prefix"] == "/remind")
        #expect(seen.headers["x-forwarded-proto"] == "http")
        #expect(seen.headers["x-forwarded-for"] == "127.0.0.1")
        #expect(seen.headers["x-real-ip"] == "127.0.0.1")
        #expect(seen.headers["x-forwarded-host"] == "127.0.0.1")
        #expect(seen.headers["host"] == "127.0.0.1")
    }

    @Test func buttonCallbackAndHealthCheckReachRemindd() async throws {
        let upstream = try RecordingHTTPListener()
        defer { upstream.stop() }
        let proxy = try await NginxProxy(upstreamPort: upstream.port)
        defer { proxy.stop() }

        let click = #"{"user_id":"u1","post_id":"p1","context":{"action":"complete","token":"t"}}"#
        var request = URLRequest(url: try #require(URL(string: proxy.baseURL.absoluteString + "/remind/action")))
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data(click.utf8)
        let (data, _) = try await session.data(for: request)
        #expect(String(decoding: data, as: UTF8.self) == "upstream saw /action")

        let health = try await get(proxy, "/remind/healthz")
        #expect(health.status == 200 && health.body == "upstream saw /healthz")
        #expect(upstream.requests.map(\.requestLine) == ["POST /action HTTP/1.1", "GET /healthz HTTP/1.1"])
        #expect(upstream.requests.first?.body == Data(click.utf8))
    }

    @Test func metricsStayPrivateAndOtherPathsStayWithMattermost() async throws {
        let upstream = try RecordingHTTPListener()
        defer { upstream.stop() }
        let proxy = try await NginxProxy(upstreamPort: upstream.port)
        defer { proxy.stop() }

        let metrics = try await get(proxy, "/remind/metrics")
        #expect(metrics.status == 404)
        let mattermost = try await get(proxy, "/api/v4/system/ping")
        #expect(mattermost.status == 404 && mattermost.body == "mattermost stand-in")
        let unprefixed = try await get(proxy, "/remindcommand")
        #expect(unprefixed.body == "mattermost stand-in")
        #expect(upstream.requests.isEmpty)
    }

    @Test func bodiesOverOneMebibyteAreRefusedBeforeRemindd() async throws {
        let upstream = try RecordingHTTPListener()
        defer { upstream.stop() }
        let proxy = try await NginxProxy(upstreamPort: upstream.port)
        defer { proxy.stop() }

        var request = URLRequest(url: try #require(URL(string: proxy.baseURL.absoluteString + "/remind/command")))
        request.httpMethod = "POST"
        request.httpBody = Data(repeating: UInt8(ascii: "a"), count: 1_048_576 + 1)
        let (_, response) = try await session.data(for: request)
        #expect(try #require(response as? HTTPURLResponse).statusCode == 413)
        #expect(upstream.requests.isEmpty)
    }
}
