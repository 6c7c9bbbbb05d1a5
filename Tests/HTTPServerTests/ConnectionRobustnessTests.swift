import Foundation
import Glibc
import Testing
@testable import HTTPServer

@Suite("Slow, idle, abusive and vanishing clients")
struct ConnectionRobustnessTests {
    @Test("a slowloris client is answered 408 and closed while others are served")
    func slowloris() async throws {
        var configuration = HTTPServer.Configuration.forTests
        configuration.headerReadTimeout = .seconds(1)
        try await withServer(configuration) { _, port in
            let slow = try RawClient(port: port)
            try slow.send("GET / HTTP/1.1\r\n")
            let trickler = Task {
                for index in 0..<40 {
                    try await Task.sleep(for: .milliseconds(100))
                    try slow.send("X-\(index): v\r\n")
                }
            }
            for index in 0..<5 {
                let other = try RawClient(port: port)
                try other.send("GET /other\(index) HTTP/1.1\r\n\r\n")
                #expect(try await other.readResponse().status == 200)
                try await Task.sleep(for: .milliseconds(100))
            }
            let answer = try await slow.readResponse()
            #expect(answer.status == 408)
            #expect(await slow.isClosedByServer())
            trickler.cancel()
        }
    }

    @Test("a body that stops arriving gets 408")
    func slowBody() async throws {
        var configuration = HTTPServer.Configuration.forTests
        configuration.bodyReadTimeout = .milliseconds(300)
        try await withServer(configuration) { _, port in
            let client = try RawClient(port: port)
            try client.send("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc")
            #expect(try await client.readResponse().status == 408)
        }
    }

    @Test("an idle kept-alive connection is closed after the idle timeout")
    func idleTimeout() async throws {
        var configuration = HTTPServer.Configuration.forTests
        configuration.idleTimeout = .milliseconds(200)
        try await withServer(configuration) { server, port in
            let client = try RawClient(port: port)
            try client.send("GET / HTTP/1.1\r\n\r\n")
            #expect(try await client.readResponse().status == 200)
            #expect(try await client.readUntilClosed() == "")
            #expect(await eventually { server.openConnectionCount == 0 })
        }
    }

    @Test("1,000 idle connections do not starve a new request")
    func thousandIdleConnections() async throws {
        raiseOpenFileLimit(to: 4096)
        var configuration = HTTPServer.Configuration.forTests
        configuration.headerReadTimeout = .seconds(30)
        try await withServer(configuration) { server, port in
            // Four peers of 250: one peer alone is held to `maxConnectionsPerPeer` (PeerLimitTests).
            let idle = try (0..<1000).map { try RawClient(port: port, from: "127.0.0.\(1 + $0 % 4)") }
            #expect(await eventually { server.openConnectionCount == 1000 })
            let client = try RawClient(port: port)
            try client.send("GET /still-here HTTP/1.1\r\n\r\n")
            #expect(try await client.readResponse().body == "GET /still-here\n")
            withExtendedLifetime(idle) {}
        }
    }

    @Test("connections beyond the cap get 503 and are closed, never left hanging, when all are in use")
    func connectionCap() async throws {
        var configuration = HTTPServer.Configuration.forTests
        configuration.maxConnections = 2
        let recorder = LogRecorder()
        try await withServer(configuration, logger: recorder.logger) { server, port in
            let first = try RawClient(port: port)
            let second = try RawClient(port: port)
            try first.send("GET / HTTP/1.1\r\n")
            try second.send("GET / HTTP/1.1\r\n")
            #expect(await eventually { server.openConnectionCount == 2 && server.unusedConnectionCount == 0 })
            let refused = try RawClient(port: port)
            #expect(try await refused.readResponse().status == 503)
            #expect(await refused.isClosedByServer())
            #expect(recorder.entries.map(\.status) == [503])

            try first.send("Connection: close\r\n\r\n")
            #expect(try await first.readResponse().status == 200)
            #expect(await eventually { server.openConnectionCount == 1 })
            let admitted = try RawClient(port: port)
            try admitted.send("GET / HTTP/1.1\r\n\r\n")
            #expect(try await admitted.readResponse().status == 200)
            withExtendedLifetime(second) {}
        }
    }

    @Test("clients vanishing mid-headers, mid-body or before the response leave the server healthy")
    func abruptDisconnects() async throws {
        let handler: HTTPHandler = { request in
            if request.path == "/slow" { try? await Task.sleep(for: .milliseconds(200)) }
            return .text(String(repeating: "r", count: 256 * 1024))
        }
        try await withServer(handler: handler) { server, port in
            do {
                let midHeaders = try RawClient(port: port)
                try midHeaders.send("GET / HTTP/1.1\r\nX-Partial: ")
            }
            do {
                let midBody = try RawClient(port: port)
                try midBody.send("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\nonly-some")
            }
            do {
                let beforeResponse = try RawClient(port: port)
                try beforeResponse.send("GET /slow HTTP/1.1\r\n\r\n")
            }
            do {
                let resetDuringResponse = try RawClient(port: port)
                try resetDuringResponse.send("GET /slow HTTP/1.1\r\n\r\n")
                resetConnection(resetDuringResponse.descriptor)
            }
            do {
                let notReading = try RawClient(port: port)
                try notReading.send("GET /big HTTP/1.1\r\n\r\nGET /big HTTP/1.1\r\n\r\n")
                try await Task.sleep(for: .milliseconds(50))
                resetConnection(notReading.descriptor)
            }
            #expect(await eventually { server.openConnectionCount == 0 })
            let healthy = try RawClient(port: port)
            try healthy.send("GET / HTTP/1.1\r\n\r\n")
            #expect(try await healthy.readResponse().status == 200)
        }
    }

    @Test("no file descriptors leak across normal, failed and abandoned requests")
    func noDescriptorLeaks() async throws {
        let server = HTTPServer(configuration: .forTests, handler: echoHandler)
        let port = try server.start()
        #expect(serverSocketDescriptors(port: port) == 1)
        for index in 0..<20 {
            let client = try RawClient(port: port)
            switch index % 4 {
            case 0:
                try client.send("GET / HTTP/1.1\r\nConnection: close\r\n\r\n")
                _ = try await client.readResponse()
            case 1:
                try client.send("BROKEN\r\n\r\n")
                _ = try await client.readResponse()
            case 2:
                try client.send("POST / HTTP/1.1\r\nContent-Length: 9\r\n\r\nabc")
            default:
                try client.send("GET / HTTP/1.1\r\n\r\n")
                _ = try await client.readResponse()
            }
        }
        #expect(await eventually { server.openConnectionCount == 0 })
        #expect(await eventually { serverSocketDescriptors(port: port) == 1 })
        await server.shutdown(gracePeriod: .milliseconds(100))
        #expect(await eventually { serverSocketDescriptors(port: port) == 0 })
    }
}
