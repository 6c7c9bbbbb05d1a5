import Foundation
import Mattermost
import Testing
import TestSupport

/// The client's transport (libcurl): proxies from the environment, TLS verification with the system
/// store or a given CA, cancellation, and the User-Agent, each against a real server on 127.0.0.1.
@Suite("HTTP transport: proxies, TLS, cancellation")
struct HTTPTransportTests {
    @Test("proxy variables are read as curl reads them; empty ones count as unset")
    func proxyEnvironment() {
        let options = HTTPTransportOptions(environment: [
            "HTTP_PROXY": "http://cgi-header:1", "https_proxy": "http://tls-proxy:3128", "NO_PROXY": "internal.example.com",
            "REMIND_MATTERMOST_CA_FILE": "/etc/remindd/ca.pem",
        ])
        #expect(options.httpProxy == nil)
        #expect(options.httpsProxy == "http://tls-proxy:3128")
        #expect(options.noProxy == "internal.example.com")
        #expect(options.caFile == "/etc/remindd/ca.pem")

        let fallback = HTTPTransportOptions(environment: [
            "http_proxy": "http://plain:8080", "HTTPS_PROXY": " ", "ALL_PROXY": "socks5h://all:1080", "no_proxy": "*",
        ])
        #expect(fallback.httpProxy == "http://plain:8080")
        #expect(fallback.httpsProxy == "socks5h://all:1080")
        #expect(fallback.noProxy == "*")
        #expect(HTTPTransportOptions(environment: [:]) == HTTPTransportOptions())
    }

    @Test("an http URL goes through http_proxy, and straight to the host when NO_PROXY names it")
    func httpProxy() async throws {
        let fake = FakeMattermost()
        let proxyURL = try await fake.start()
        defer { Task { await fake.stop() } }
        // `.invalid` never resolves (RFC 6761): an answer can only have come through the proxy, which here
        // is the fake itself (it serves absolute-form request targets as a forward proxy passes them on).
        let unreachable = try #require(URL(string: "http://mattermost.invalid"))
        let proxied = MattermostClient(baseURL: unreachable, token: fake.botToken,
                                       transport: HTTPTransportOptions(httpProxy: proxyURL.absoluteString))
        let me = try await proxied.me()
        #expect(me.username == fake.bot.username)
        let seen = try #require(await fake.requests("GET", "/api/v4/users/me").last)
        #expect(seen.header("Host") == "mattermost.invalid")

        let bypassing = MattermostClient(
            baseURL: unreachable, token: fake.botToken,
            transport: HTTPTransportOptions(httpProxy: proxyURL.absoluteString, noProxy: "example.org,.invalid"))
        guard let reason = await networkFailure(of: bypassing, expected: "a network error going direct") else { return }
        #expect(reason.contains("mattermost.invalid"))
        #expect(await fake.requests("GET", "/api/v4/users/me").count == 1)
    }

    @Test("https: a server the CA file vouches for is reached (HTTP/2); an unknown CA or a wrong host name is refused")
    func tlsVerification() async throws {
        let certificates = try TestCertificates()
        defer { certificates.remove() }
        let fake = FakeMattermost()
        let upstream = try await fake.start()
        let port = try #require(upstream.port.flatMap(UInt16.init(exactly:)))
        let nginx = try await NginxProxy.tlsTerminator(
            upstreamPort: port, certificate: certificates.certificate, key: certificates.key)
        defer {
            nginx.stop()
            Task { await fake.stop() }
        }

        let trusting = MattermostClient(baseURL: nginx.baseURL, token: fake.botToken,
                                        transport: HTTPTransportOptions(caFile: certificates.authority.path))
        #expect(try await trusting.me().username == fake.bot.username)
        let town = await fake.addChannel("town-square")
        let posted = try await trusting.createPost(Post(channelID: town.id, message: "over TLS"))
        #expect(posted.message == "over TLS")
        let accessLog = try String(contentsOf: nginx.directory.appendingPathComponent("access.log"), encoding: .utf8)
        #expect(accessLog.contains("\"GET /api/v4/users/me HTTP/2.0\""), "nginx saw: \(accessLog)")

        // Another CA does not vouch for the server, and neither does the system store (whatever it holds on
        // this machine, it cannot hold a CA made a moment ago).
        let stranger = try TestCertificates()
        defer { stranger.remove() }
        let doubting = MattermostClient(baseURL: nginx.baseURL, token: fake.botToken,
                                        transport: HTTPTransportOptions(caFile: stranger.authority.path))
        guard let unknownReason = await networkFailure(of: doubting, expected: "a refused certificate") else { return }
        #expect(unknownReason.lowercased().contains("certificate"), "\(unknownReason)")
        let systemStore = MattermostClient(baseURL: nginx.baseURL, token: fake.botToken, transport: HTTPTransportOptions())
        guard await networkFailure(of: systemStore, expected: "the system store to refuse the test CA") != nil else { return }

        // Right CA, wrong name: the certificate is for localhost, not 127.0.0.1.
        let byAddress = try #require(URL(string: "https://127.0.0.1:\(nginx.port)"))
        let misnamed = MattermostClient(baseURL: byAddress, token: fake.botToken,
                                        transport: HTTPTransportOptions(caFile: certificates.authority.path))
        guard let hostReason = await networkFailure(of: misnamed, expected: "a refused host name") else { return }
        #expect(hostReason.contains("127.0.0.1"))
        #expect(await fake.requests("GET", "/api/v4/users/me").count == 1)
    }

    @Test("a cancelled caller is answered at once, not at the request timeout")
    func cancellation() async throws {
        try await withFakeServer(timeout: .seconds(30)) { fake, client in
            await fake.setLatency(.seconds(20))
            let started = ContinuousClock.now
            let call = Task { await mattermostError { () async throws(MattermostError) in _ = try await client.me() } }
            try await Task.sleep(for: .milliseconds(200))
            call.cancel()
            let error = await call.value
            #expect(error == .cancelled)
            #expect(ContinuousClock.now - started < .seconds(5))
            await fake.setLatency(.zero)
            // The client still works after a cancellation (its transfer was taken out of curl's hands).
            #expect(try await client.me().username == fake.bot.username)
        }
    }

    @Test("requests say who sends them")
    func userAgent() async throws {
        try await withFakeServer { fake, client in
            _ = try await client.me()
            let seen = try #require(await fake.requests("GET", "/api/v4/users/me").last)
            #expect(seen.header("User-Agent")?.hasPrefix("remindd/") == true)
            #expect(seen.header("Expect") == nil)
        }
    }

    /// Why `client.me()` failed on the network, or nil (recorded as an issue naming what was `expected`)
    /// when it failed otherwise or not at all.
    private func networkFailure(of client: MattermostClient, expected: String) async -> String? {
        let error = await mattermostError { () async throws(MattermostError) in try await client.me() }
        guard case .network(let reason)? = error else {
            Issue.record("expected \(expected), got \(String(describing: error))")
            return nil
        }
        return reason
    }
}
