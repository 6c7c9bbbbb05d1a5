import Foundation
import Testing
@testable import HTTPServer

@Suite("Per-peer connection caps and shedding unused connections")
struct PeerLimitTests {
    /// Opens `count` connections from `source` that have each started a request head, so none of
    /// them can be shed; waits until the server has read every one.
    private func busyClients(
        _ count: Int, from source: String, port: Int, server: HTTPServer
    ) async throws -> [RawClient] {
        let before = server.openConnectionCount
        let clients = try (0..<count).map { _ in try RawClient(port: port, from: source) }
        for client in clients { try client.send("GET /slow HTTP/1.1\r\n") }
        #expect(await eventually { server.openConnectionCount == before + count && server.unusedConnectionCount == 0 })
        return clients
    }

    @Test("a peer holding its cap of busy connections is refused while another address is served")
    func perPeerCapLeavesHeadroom() async throws {
        var configuration = HTTPServer.Configuration.forTests
        configuration.maxConnections = 10
        configuration.maxConnectionsPerPeer = 4
        try await withServer(configuration) { server, port in
            let flood = try await busyClients(4, from: "127.0.0.1", port: port, server: server)
            let refused = try (0..<6).map { _ in try RawClient(port: port, from: "127.0.0.1") }
            for client in refused {
                #expect(try await client.readResponse().status == 503)
            }
            let other = try RawClient(port: port, from: "127.0.0.2")
            try other.send("GET /healthz HTTP/1.1\r\nX-Forwarded-For: 127.0.0.1\r\n\r\n")
            #expect(try await other.readResponse().body == "GET /healthz\n")
            #expect(server.openConnectionCount == 5)
            withExtendedLifetime(flood) {}
        }
    }

    @Test("X-Forwarded-For does not make connections from one socket address count as another's")
    func forwardedForIgnored() async throws {
        var configuration = HTTPServer.Configuration.forTests
        configuration.maxConnectionsPerPeer = 2
        try await withServer(configuration) { server, port in
            let busy = try await busyClients(2, from: "127.0.0.1", port: port, server: server)
            let third = try RawClient(port: port, from: "127.0.0.1")
            try third.send("GET / HTTP/1.1\r\nX-Forwarded-For: 10.9.9.9\r\n\r\n")
            #expect(try await third.readResponse().status == 503)
            withExtendedLifetime(busy) {}
        }
    }

    @Test("with the default caps, 300 idle sockets from one address leave 127.0.0.2 served")
    func defaultCapsAgainstAnIdleFlood() async throws {
        raiseOpenFileLimit(to: 4096)
        var configuration = HTTPServer.Configuration.forTests
        configuration.headerReadTimeout = .seconds(30)
        try await withServer(configuration) { server, port in
            let flood = try (0..<300).map { _ in try RawClient(port: port, from: "127.0.0.1") }
            #expect(await eventually { server.openConnectionCount == 256 })
            let other = try RawClient(port: port, from: "127.0.0.2")
            try other.send("GET /healthz HTTP/1.1\r\n\r\n")
            #expect(try await other.readResponse().status == 200)
            #expect(server.openConnectionCount == 257)
            withExtendedLifetime(flood) {}
        }
    }

    @Test("at the total cap the oldest connection that sent nothing makes room; busy ones stay")
    func shedsOldestUnusedFirst() async throws {
        var configuration = HTTPServer.Configuration.forTests
        configuration.maxConnections = 4
        configuration.headerReadTimeout = .seconds(30)
        try await withServer(configuration) { server, port in
            let busy = try await busyClients(2, from: "127.0.0.3", port: port, server: server)
            let oldestIdle = try RawClient(port: port, from: "127.0.0.1", timeout: 2)
            #expect(await eventually { server.openConnectionCount == 3 })
            let youngerIdle = try RawClient(port: port, from: "127.0.0.2", timeout: 1)
            #expect(await eventually { server.openConnectionCount == 4 })

            let newcomer = try RawClient(port: port, from: "127.0.0.4")
            try newcomer.send("GET /in HTTP/1.1\r\n\r\n")
            #expect(try await newcomer.readResponse().body == "GET /in\n")
            #expect(await oldestIdle.isClosedByServer())
            #expect(!(await youngerIdle.isClosedByServer()))
            for client in busy {
                try client.send("\r\n")
                #expect(try await client.readResponse().status == 200)
            }
        }
    }

    @Test("a peer at its cap replaces its own oldest unused connection, not another peer's")
    func perPeerShedsItsOwn() async throws {
        var configuration = HTTPServer.Configuration.forTests
        configuration.maxConnectionsPerPeer = 2
        configuration.headerReadTimeout = .seconds(30)
        try await withServer(configuration) { server, port in
            let otherPeer = try RawClient(port: port, from: "127.0.0.2", timeout: 1)
            let first = try RawClient(port: port, from: "127.0.0.1", timeout: 2)
            let second = try RawClient(port: port, from: "127.0.0.1", timeout: 1)
            #expect(await eventually { server.openConnectionCount == 3 })
            let third = try RawClient(port: port, from: "127.0.0.1")
            try third.send("GET / HTTP/1.1\r\n\r\n")
            #expect(try await third.readResponse().status == 200)
            #expect(await first.isClosedByServer())
            #expect(!(await second.isClosedByServer()))
            #expect(!(await otherPeer.isClosedByServer()))
        }
    }
}
