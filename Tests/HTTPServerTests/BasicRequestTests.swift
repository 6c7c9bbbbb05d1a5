import Foundation
import FoundationNetworking
import Testing
@testable import HTTPServer

@Suite("Basic requests over real sockets")
struct BasicRequestTests {
    @Test("GET with URLSession reaches the handler with a decoded path and the raw query")
    func getWithURLSession() async throws {
        try await withServer { _, port in
            let url = try #require(URL(string: "http://127.0.0.1:\(port)/hello%20world?a=1&b=x+y"))
            let (data, response) = try await URLSession.shared.data(from: url)
            let http = try #require(response as? HTTPURLResponse)
            #expect(http.statusCode == 200)
            #expect(String(decoding: data, as: UTF8.self) == "GET /hello world?a=1&b=x+y\n")
            let requestID = try #require(http.value(forHTTPHeaderField: "X-Request-ID"))
            #expect(requestID.count == 16 && requestID.allSatisfy(\.isHexDigit))
            #expect(http.value(forHTTPHeaderField: "Date")?.hasSuffix("GMT") == true)
        }
    }

    @Test("POST with URLSession delivers the body")
    func postWithURLSession() async throws {
        try await withServer { _, port in
            var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/command")))
            request.httpMethod = "POST"
            request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data("text=me+to+eat&token=abc".utf8)
            let (data, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 200)
            #expect(String(decoding: data, as: UTF8.self) == "POST /command\ntext=me+to+eat&token=abc")
        }
    }

    @Test("raw GET and POST, status line with reason phrase and the server's headers")
    func rawRequests() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            try client.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n")
            let get = try await client.readResponse()
            #expect(get.status == 200)
            #expect(get.body == "GET /x\n")
            #expect(get.header("Connection") == "keep-alive")
            #expect(get.header("Content-Length") == "7")
            try client.send("POST /y HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello")
            let post = try await client.readResponse()
            #expect(post.body == "POST /y\nhello")
        }
    }

    @Test("keep-alive: one connection serves several requests, Connection: close ends it")
    func keepAliveThenClose() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            for index in 0..<5 {
                try client.send("GET /\(index) HTTP/1.1\r\nHost: a\r\n\r\n")
                #expect(try await client.readResponse().body == "GET /\(index)\n")
            }
            try client.send("GET /last HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n")
            let last = try await client.readResponse()
            #expect(last.header("Connection") == "close")
            #expect(try await client.readUntilClosed() == "")
        }
    }

    @Test("URLSession reuses the kept-alive connection")
    func urlSessionReusesConnection() async throws {
        try await withServer { server, port in
            let session = URLSession(configuration: .ephemeral)
            defer { session.invalidateAndCancel() }
            for _ in 0..<3 {
                let url = try #require(URL(string: "http://127.0.0.1:\(port)/"))
                _ = try await session.data(from: url)
            }
            #expect(server.openConnectionCount == 1)
        }
    }

    @Test("HTTP/1.0 closes after the response unless keep-alive is asked for")
    func http10() async throws {
        try await withServer { _, port in
            let plain = try RawClient(port: port)
            try plain.send("GET /old HTTP/1.0\r\n\r\n")
            let response = try await plain.readResponse()
            #expect(response.header("Connection") == "close")
            #expect(try await plain.readUntilClosed() == "")

            let keepAlive = try RawClient(port: port)
            try keepAlive.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try await keepAlive.readResponse().header("Connection") == "keep-alive")
            try keepAlive.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            #expect(try await keepAlive.readResponse().body == "GET /b\n")
        }
    }

    @Test("pipelined requests are answered in order")
    func pipelining() async throws {
        let slowFirst: HTTPHandler = { request in
            if request.path == "/0" { try? await Task.sleep(for: .milliseconds(100)) }
            return .text(request.path)
        }
        try await withServer(handler: slowFirst) { _, port in
            let client = try RawClient(port: port)
            let batch = (0..<10).map { "GET /\($0) HTTP/1.1\r\nHost: a\r\n\r\n" }.joined()
                + "POST /10 HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc"
            try client.send(batch)
            for index in 0...10 {
                #expect(try await client.readResponse().body == "/\(index)")
            }
        }
    }

    @Test("HEAD gets Content-Length but no body; 204 gets neither")
    func headAndNoContent() async throws {
        let handler: HTTPHandler = { request in
            request.path == "/empty" ? HTTPResponse(status: 204) : .text("twelve bytes")
        }
        try await withServer(handler: handler) { _, port in
            let client = try RawClient(port: port)
            try client.send("HEAD /x HTTP/1.1\r\n\r\n")
            let head = try await client.readResponse(bodyless: true)
            #expect(head.header("Content-Length") == "12")
            try client.send("GET /empty HTTP/1.1\r\n\r\n")
            let empty = try await client.readResponse()
            #expect(empty.status == 204)
            #expect(empty.header("Content-Length") == nil)
            try client.send("GET /x HTTP/1.1\r\n\r\n")
            #expect(try await client.readResponse().body == "twelve bytes")
        }
    }

    @Test("absolute-form targets are served by their path")
    func absoluteForm() async throws {
        try await withServer { _, port in
            let client = try RawClient(port: port)
            try client.send("GET http://example.com:8080/p%2Fq?x=1 HTTP/1.1\r\nHost: example.com\r\n\r\n")
            #expect(try await client.readResponse().body == "GET /p/q?x=1\n")
        }
    }

    @Test("the request id reaches the handler, the response and the log")
    func requestIDEverywhere() async throws {
        let recorder = LogRecorder()
        let handler: HTTPHandler = { .text($0.requestID) }
        try await withServer(logger: recorder.logger, handler: handler) { _, port in
            let client = try RawClient(port: port)
            try client.send("GET /id?q=1 HTTP/1.1\r\n\r\n")
            let response = try await client.readResponse()
            #expect(response.header("X-Request-ID") == response.body)
            let entry = try #require(recorder.entries.first)
            #expect(entry.requestID == response.body)
            #expect(entry.method == "GET")
            #expect(entry.path == "/id")
            #expect(entry.status == 200)
            #expect(entry.responseBodyBytes == 16)
            #expect(entry.remoteAddress.hasPrefix("127.0.0.1:"))
        }
    }

    @Test("dropConnection closes without writing anything")
    func dropConnection() async throws {
        try await withServer(handler: { _ in .dropConnection }) { _, port in
            let client = try RawClient(port: port)
            try client.send("POST /hook HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}")
            #expect(try await client.readUntilClosed() == "")
        }
    }
}
