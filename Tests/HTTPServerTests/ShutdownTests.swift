import Foundation
import Synchronization
import Testing
@testable import HTTPServer

@Suite("Binding and graceful shutdown")
struct ShutdownTests {
    @Test("shutdown waits for an in-flight handler, closes idle connections and refuses new ones")
    func gracefulShutdown() async throws {
        let handlerStarted = Mutex(false)
        let handler: HTTPHandler = { request in
            guard request.path == "/slow" else { return .text("quick") }
            handlerStarted.withLock { $0 = true }
            try? await Task.sleep(for: .milliseconds(400))
            return .text("finished")
        }
        let server = HTTPServer(configuration: .forTests, handler: handler)
        let port = try server.start()
        let idle = try RawClient(port: port)
        try idle.send("GET / HTTP/1.1\r\n\r\n")
        #expect(try await idle.readResponse().body == "quick")
        let busy = try RawClient(port: port)
        try busy.send("GET /slow HTTP/1.1\r\n\r\n")
        #expect(await eventually { handlerStarted.withLock { $0 } })

        let shutdownFinished = Mutex(false)
        let shutdown = Task {
            await server.shutdown(gracePeriod: .seconds(5))
            shutdownFinished.withLock { $0 = true }
        }
        #expect(try await idle.readUntilClosed() == "")
        #expect(await eventually { (try? RawClient(port: port)) == nil })
        #expect(!shutdownFinished.withLock { $0 })

        let response = try await busy.readResponse()
        #expect(response.body == "finished")
        #expect(response.header("Connection") == "close")
        await shutdown.value
        #expect(server.openConnectionCount == 0)
        #expect(serverSocketDescriptors(port: port) == 0)
    }

    @Test("a handler slower than the grace period is cut off")
    func gracePeriodExpires() async throws {
        let handlerStarted = Mutex(false)
        let server = HTTPServer(configuration: .forTests) { _ in
            handlerStarted.withLock { $0 = true }
            try? await Task.sleep(for: .seconds(5))
            return .text("too late")
        }
        let port = try server.start()
        let client = try RawClient(port: port)
        try client.send("GET / HTTP/1.1\r\n\r\n")
        #expect(await eventually { handlerStarted.withLock { $0 } })
        await server.shutdown(gracePeriod: .milliseconds(200))
        #expect(try await client.readUntilClosed() == "")
        #expect(server.openConnectionCount == 0)
    }

    @Test("binds IPv4 and IPv6 loopback and wildcard addresses", arguments: ["127.0.0.1", "0.0.0.0", "[::1]", "::1", "::"])
    func binds(host: String) async throws {
        let server = HTTPServer(configuration: HTTPServer.Configuration(host: host, port: 0), handler: echoHandler)
        let port = try server.start()
        #expect(port > 0)
        if !host.contains(":") || host == "::" {
            let client = try RawClient(port: port)
            try client.send("GET /v HTTP/1.1\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
        }
        await server.shutdown(gracePeriod: .milliseconds(100))
    }

    @Test("binding a port in use fails with a readable error")
    func portInUse() async throws {
        let first = HTTPServer(configuration: .forTests, handler: echoHandler)
        let port = try first.start()
        let second = HTTPServer(configuration: HTTPServer.Configuration(port: port), handler: echoHandler)
        #expect {
            _ = try second.start()
        } throws: { error in
            "\(error)".contains("bind 127.0.0.1:\(port)") && "\(error)".contains("in use")
        }
        await first.shutdown(gracePeriod: .milliseconds(100))
    }
}

@Suite("Handler concurrency")
struct HandlerConcurrencyTests {
    /// Tracks how many handlers run at once.
    final class Occupancy: Sendable {
        private let counts = Mutex((current: 0, peak: 0))
        var peak: Int { counts.withLock { $0.peak } }
        func enter() { counts.withLock { $0.current += 1; $0.peak = max($0.peak, $0.current) } }
        func leave() { counts.withLock { $0.current -= 1 } }
    }

    @Test("handlers of different connections run concurrently, up to maxConcurrentHandlers", arguments: [1, 4])
    func concurrencyCap(limit: Int) async throws {
        let occupancy = Occupancy()
        var configuration = HTTPServer.Configuration.forTests
        configuration.maxConcurrentHandlers = limit
        let handler: HTTPHandler = { _ in
            occupancy.enter()
            try? await Task.sleep(for: .milliseconds(100))
            occupancy.leave()
            return .text("done")
        }
        try await withServer(configuration, handler: handler) { _, port in
            let clients = try (0..<6).map { _ in try RawClient(port: port) }
            for client in clients { try client.send("GET / HTTP/1.1\r\n\r\n") }
            for client in clients { #expect(try await client.readResponse().body == "done") }
        }
        #expect(occupancy.peak == limit)
    }
}
