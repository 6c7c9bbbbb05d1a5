import Foundation
import Testing
@testable import HTTPServer

@Suite("Parsing, framing and limits")
struct ParsingLimitTests {
    @Test(
        "malformed or unsupported requests get their status and a closed connection",
        arguments: [
            ("GARBAGE\r\n\r\n", 400),
            ("GET /\r\n\r\n", 400),
            ("GET  / HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/1.1 extra\r\n\r\n", 400),
            ("GET / FOO/1.1\r\n\r\n", 400),
            ("GET / HTTP/2.0\r\n\r\n", 505),
            ("GET relative HTTP/1.1\r\n\r\n", 400),
            ("G(T / HTTP/1.1\r\n\r\n", 400),
            ("GET /%zz HTTP/1.1\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nNoColon\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nX-A: 1\r\n  folded\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nName : x\r\n\r\n", 400),
            ("GET / HTTP/1.1\r\nX: a\u{1}b\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello", 400),
            ("POST / HTTP/1.1\r\nContent-Length: 5, 6\r\n\r\nhello", 400),
            ("POST / HTTP/1.1\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n", 501),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n+5\r\nhello\r\n0\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n", 400),
            ("POST / HTTP/1.1\r\nExpect: the-unexpected\r\nContent-Length: 1\r\n\r\n", 417),
            ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
            ("POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n", 400),
        ] as [(String, Int)])
    func rejected(request: String, status: Int) async throws {
        let recorder = LogRecorder()
        try await withServer(logger: recorder.logger) { _, port in
            let client = try RawClient(port: port)
            try client.send(request)
            let response = try await client.readResponse()
            #expect(response.status == status, "\(request.debugDescription)")
            #expect(response.header("Connection") == "close")
            #expect(await client.isClosedByServer())
            #expect(recorder.entries.map(\.status) == [status])
        }
    }

    @Test("a repeated identical Content-Length is accepted")
    func repeatedIdenticalLength() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            try client.send("POST /p HTTP/1.1\r\nContent-Length: 2\r\ncontent-length: 2\r\n\r\nok")
            #expect(try await client.readResponse().body == "POST /p\nok")
        }
    }

    @Test("bare LF line endings and leading empty lines are tolerated")
    func lenientLineEndings() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            try client.send("\r\n\nGET /lf HTTP/1.1\nHost: a\n\n")
            #expect(try await client.readResponse().body == "GET /lf\n")
        }
    }

    @Test("header lookup is case-insensitive and values are trimmed")
    func headerLookup() async throws {
        let handler: HTTPHandler = { .text($0.header("x-token") ?? "none") }
        try await withServer(handler: handler) { _, port in
            let client = try RawClient(port: port)
            try client.send("GET / HTTP/1.1\r\nX-TOKEN: \t secret \t\r\n\r\n")
            #expect(try await client.readResponse().body == "secret")
        }
    }

    @Test("chunked request bodies are decoded, extensions and trailers ignored, connection reused")
    func chunkedBody() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            try client.send("POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n")
            try await Task.sleep(for: .milliseconds(20))
            try client.send("6;name=value\r\n world\r\nA\r\n0123456789\r\n0\r\nX-Trailer: t\r\n\r\n")
            #expect(try await client.readResponse().body == "POST /c\nhello world0123456789")
            try client.send("GET /after HTTP/1.1\r\n\r\n")
            #expect(try await client.readResponse().body == "GET /after\n")
        }
    }

    @Test("Expect: 100-continue gets an interim response before the body is sent")
    func expectContinue() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            try client.send("POST /e HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            #expect(try await client.readResponse().status == 100)
            try client.send("data")
            let final = try await client.readResponse()
            #expect(final.status == 200)
            #expect(final.body == "POST /e\ndata")
        }
    }

    @Test("request head over the limit is 431")
    func oversizedHead() async throws {
        var configuration = HTTPServer.Configuration.forTests
        configuration.maxHeadBytes = 1024
        try await withServer(configuration) { _, port in
            let client = try RawClient(port: port)
            try client.send("GET / HTTP/1.1\r\nX-Big: \(String(repeating: "a", count: 2000))\r\n\r\n")
            #expect(try await client.readResponse().status == 431)
            #expect(await client.isClosedByServer())

            let unterminated = try RawClient(port: port)
            try unterminated.send("GET /\(String(repeating: "a", count: 1100))")
            #expect(try await unterminated.readResponse().status == 431)

            let fits = try RawClient(port: port)
            try fits.send("GET / HTTP/1.1\r\nX-Big: \(String(repeating: "a", count: 900))\r\n\r\n")
            #expect(try await fits.readResponse().status == 200)
        }
    }

    @Test("the default head limit is 16 KiB")
    func defaultHeadLimit() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            try client.send("GET / HTTP/1.1\r\nX-Big: \(String(repeating: "a", count: 17 * 1024))\r\n\r\n")
            #expect(try await client.readResponse().status == 431)
        }
    }

    @Test("body over the limit is 413, declared or chunked, and before 100-continue")
    func oversizedBody() async throws {
        var configuration = HTTPServer.Configuration.forTests
        configuration.maxBodyBytes = 100
        try await withServer(configuration) { _, port in
            let declared = try RawClient(port: port)
            try declared.send("POST / HTTP/1.1\r\nContent-Length: 101\r\n\r\n")
            #expect(try await declared.readResponse().status == 413)

            let chunked = try RawClient(port: port)
            try chunked.send("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n40\r\n\(String(repeating: "x", count: 64))\r\n40\r\n")
            #expect(try await chunked.readResponse().status == 413)

            let expecting = try RawClient(port: port)
            try expecting.send("POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n")
            #expect(try await expecting.readResponse().status == 413)

            let fits = try RawClient(port: port)
            try fits.send("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n\(String(repeating: "y", count: 100))")
            #expect(try await fits.readResponse().status == 200)
        }
    }

    @Test("the default body limit is 1 MiB; a 1 MiB body is accepted")
    func defaultBodyLimit() async throws {
        try await withServer(handler: { .text("\($0.body.count)") }) { _, port in
            let client = try RawClient(port: port)
            try client.send("POST / HTTP/1.1\r\nContent-Length: \(1 << 20)\r\n\r\n" + String(repeating: "z", count: 1 << 20))
            #expect(try await client.readResponse().body == "\(1 << 20)")
            try client.send("POST / HTTP/1.1\r\nContent-Length: \((1 << 20) + 1)\r\n\r\n")
            #expect(try await client.readResponse().status == 413)
        }
    }
}
