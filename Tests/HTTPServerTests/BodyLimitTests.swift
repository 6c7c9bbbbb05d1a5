import Foundation
import Synchronization
import Testing
@testable import HTTPServer

/// Counts handler calls across the server's tasks.
final class CallCounter: Sendable {
    private let storage = Mutex(0)
    var count: Int { storage.withLock { $0 } }
    func increment() { storage.withLock { $0 += 1 } }
}

@Suite("Per-route body caps and the budget of buffered body bytes")
struct BodyLimitTests {
    /// `/small` takes at most 64 bytes, `/large` 2,000 (above the server's 100), `/plain` the server's.
    private func router(calls: CallCounter) -> Router {
        var router = Router()
        let counted: HTTPHandler = { request in
            calls.increment()
            return await echoHandler(request)
        }
        router.add("POST", "/small", maxBodyBytes: 64, counted)
        router.add("POST", "/large", maxBodyBytes: 2_000, counted)
        router.add("POST", "/plain", counted)
        return router
    }

    private func withRouterServer(
        _ configuration: HTTPServer.Configuration, calls: CallCounter = CallCounter(), _ body: (HTTPServer, Int) async throws -> Void
    ) async throws {
        let server = HTTPServer(configuration: configuration, router: router(calls: calls))
        let port = try server.start()
        do {
            try await body(server, port)
        } catch {
            await server.shutdown(gracePeriod: .milliseconds(100))
            throw error
        }
        await server.shutdown(gracePeriod: .milliseconds(100))
    }

    private static var configuration: HTTPServer.Configuration {
        var configuration = HTTPServer.Configuration.forTests
        configuration.maxBodyBytes = 100
        return configuration
    }

    @Test("a Content-Length over the route's cap is 413 before any body byte is sent; the handler never runs")
    func declaredLengthOverRouteCap() async throws {
        let calls = CallCounter()
        try await withRouterServer(Self.configuration, calls: calls) { _, port in
            let client = try RawClient(port: port)
            try client.send("POST /small HTTP/1.1\r\nContent-Length: 65\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.status == 413)
            #expect(await client.isClosedByServer())

            let expecting = try RawClient(port: port)
            try expecting.send("POST /small HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 65\r\n\r\n")
            #expect(try await expecting.readResponse().status == 413)

            let fits = try RawClient(port: port)
            try fits.send("POST /small HTTP/1.1\r\nContent-Length: 64\r\n\r\n" + String(repeating: "s", count: 64))
            #expect(try await fits.readResponse().status == 200)
            #expect(calls.count == 1)
        }
    }

    @Test("a chunked body growing past the route's cap is 413")
    func chunkedOverRouteCap() async throws {
        try await withRouterServer(Self.configuration) { _, port in
            let client = try RawClient(port: port)
            try client.send("POST /small HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n\(String(repeating: "c", count: 32))\r\n")
            try client.send("21\r\n")
            #expect(try await client.readResponse().status == 413)
        }
    }

    @Test("routes without a cap get the server's maxBodyBytes; a route may allow more than it")
    func defaultAndLargerCaps() async throws {
        try await withRouterServer(Self.configuration) { _, port in
            let plain = try RawClient(port: port)
            try plain.send("POST /plain HTTP/1.1\r\nContent-Length: 100\r\n\r\n" + String(repeating: "p", count: 100))
            #expect(try await plain.readResponse().status == 200)
            try plain.send("POST /plain HTTP/1.1\r\nContent-Length: 101\r\n\r\n")
            #expect(try await plain.readResponse().status == 413)

            let large = try RawClient(port: port)
            try large.send("POST /large HTTP/1.1\r\nContent-Length: 1500\r\n\r\n" + String(repeating: "l", count: 1500))
            #expect(try await large.readResponse().status == 200)

            let unknown = try RawClient(port: port)
            try unknown.send("POST /nowhere HTTP/1.1\r\nContent-Length: 101\r\n\r\n")
            #expect(try await unknown.readResponse().status == 413)
        }
    }

    @Test("a body that would exceed the shared budget gets 503 while another holds it; the budget comes back")
    func sharedBudget() async throws {
        var configuration = HTTPServer.Configuration.forTests
        configuration.maxBufferedBodyBytes = 1_000
        let recorder = LogRecorder()
        try await withServer(configuration, logger: recorder.logger) { _, port in
            let holder = try RawClient(port: port)
            try holder.send("POST /a HTTP/1.1\r\nContent-Length: 800\r\n\r\nstart")
            try await Task.sleep(for: .milliseconds(100))

            let declared = try RawClient(port: port)
            try declared.send("POST /b HTTP/1.1\r\nContent-Length: 300\r\n\r\n")
            #expect(try await declared.readResponse().status == 503)
            #expect(recorder.entries.contains { $0.status == 503 && $0.method == "POST" && $0.path == "/b" })
            let chunked = try RawClient(port: port)
            try chunked.send("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n12C\r\n")
            #expect(try await chunked.readResponse().status == 503)

            let small = try RawClient(port: port)
            try small.send("POST /d HTTP/1.1\r\nContent-Length: 200\r\n\r\n" + String(repeating: "d", count: 200))
            #expect(try await small.readResponse().status == 200)

            try holder.send(String(repeating: "h", count: 795))
            #expect(try await holder.readResponse().status == 200)
            for _ in 0..<5 {
                try holder.send("POST /e HTTP/1.1\r\nContent-Length: 900\r\n\r\n" + String(repeating: "e", count: 900))
                #expect(try await holder.readResponse().status == 200)
            }
        }
    }

    @Test("a client vanishing mid-body gives its share of the budget back")
    func budgetReturnedOnClose() async throws {
        var configuration = HTTPServer.Configuration.forTests
        configuration.maxBufferedBodyBytes = 1_000
        try await withServer(configuration) { server, port in
            do {
                let vanishing = try RawClient(port: port)
                try vanishing.send("POST /a HTTP/1.1\r\nContent-Length: 900\r\n\r\npartial")
                try await Task.sleep(for: .milliseconds(100))
            }
            #expect(await eventually { server.openConnectionCount == 0 })
            let next = try RawClient(port: port)
            try next.send("POST /b HTTP/1.1\r\nContent-Length: 900\r\n\r\n" + String(repeating: "n", count: 900))
            #expect(try await next.readResponse().status == 200)
        }
    }
}
