import Foundation
import Testing
@testable import HTTPServer
import TestSupport

/// What a parser makes of `bytes` appended in pieces ending at `cuts`: every request and the failure,
/// in order (the parser's own view, without the socket).
func parserOutcome(_ bytes: [UInt8], cuts: [Int], maxHeadBytes: Int = 64, maxBodyBytes: Int = 100) -> [String] {
    var parser = RequestParser(maxHeadBytes: maxHeadBytes, maxBodyBytes: maxBodyBytes)
    var outcome: [String] = []
    var start = 0
    for end in cuts + [bytes.count] where end >= start {
        parser.append(Array(bytes[start..<end]))
        start = end
        reading: while true {
            switch parser.next() {
            case .needMoreBytes:
                break reading
            case .bodyExpected:
                continue
            case .request(let request):
                outcome.append("\(request.method) \(request.path) [\(String(decoding: request.body, as: UTF8.self))]")
            case .failure(let status, let reason):
                outcome.append("\(status) \(reason)")
                return outcome
            }
        }
    }
    return outcome
}

@Suite("The same bytes give the same requests however they are split")
struct SplitConsistencyTests {
    static let chunked = "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"

    static let cases: [(String, [String])] = [
        (chunked + "5;\(String(repeating: "e", count: 70))\r\nhello\r\n0\r\n\r\n", ["400 chunk line too long"]),
        (chunked + "5;\(String(repeating: "e", count: 62))\r\nhello\r\n0\r\n\r\n", ["POST /c [hello]"]),
        (chunked + "5;\(String(repeating: "e", count: 63))\n\(String(repeating: "x", count: 5))\n0\n\n", ["400 chunk line too long"]),
        (chunked + "0\r\nX-T: \(String(repeating: "t", count: 60))\r\n\r\n", ["431 trailers too large"]),
        (chunked + "0\r\nX-T: \(String(repeating: "t", count: 55))\r\n\r\n", ["POST /c []"]),
        (chunked + "0\r\nX-A: 1\r\nX-B: \(String(repeating: "b", count: 50))\r\n\r\n", ["431 trailers too large"]),
        (chunked + "2\r\nhello\r\n0\r\n\r\n", ["400 chunk data longer than its size"]),
        (chunked + "2\r\nhi\r\r\n0\r\n\r\n", ["400 chunk data longer than its size"]),
        (chunked + "0000000000000000002\r\nhi\r\n0\r\n\r\n", ["400 invalid chunk size"]),
        (chunked + "65\r\n", ["413 request body too large"]),
        (chunked + "3\r\nabc\r\n3\nde\n\r\n0\r\n\r\n", ["POST /c [abcde\n]"]),
        (chunked + "3\r\nabc\r\n3\nde\n\r\r0\r\n\r\n", ["400 chunk data longer than its size"]),
        ("\r\n\r\nGET /a HTTP/1.1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 3\r\n\r\nxyz" + chunked + "1\r\nq\r\n0\r\n\r\nJUNK\r\n\r\n",
            ["GET /a []", "POST /b [xyz]", "POST /c [q]", "400 malformed request line"]),
        ("GET /\(String(repeating: "a", count: 70))", ["431 request head too large"]),
        ("POST /old HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", ["400 Transfer-Encoding in an HTTP/1.0 request"]),
        ("POST /ok HTTP/1.0\r\nContent-Length: 2\r\n\r\nok", ["POST /ok [ok]"]),
    ]

    @Test("whole, byte by byte and at random points", arguments: cases.indices)
    func sameOutcome(index: Int) {
        let (text, expected) = Self.cases[index]
        let bytes = Array(text.utf8)
        #expect(parserOutcome(bytes, cuts: []) == expected, "whole: \(text.debugDescription)")
        #expect(parserOutcome(bytes, cuts: Array(0..<bytes.count)) == expected, "byte by byte: \(text.debugDescription)")
        var generator = SplitMix64(seed: UInt64(index))
        for _ in 0..<50 {
            let cuts = (0..<Int.random(in: 1...4, using: &generator))
                .map { _ in Int.random(in: 0...bytes.count, using: &generator) }.sorted()
            #expect(parserOutcome(bytes, cuts: cuts) == expected, "cuts \(cuts): \(text.debugDescription)")
        }
    }

    @Test("over a socket, a chunk line trickled byte by byte gets the answer it gets sent whole")
    func trickledChunkLine() async throws {
        var configuration = HTTPServer.Configuration.forTests
        configuration.maxHeadBytes = 256
        let request = Self.chunked + "5;\(String(repeating: "e", count: 255))\r\nhello\r\n0\r\n\r\n"
        try await withServer(configuration) { _, port in
            let whole = try RawClient(port: port)
            try whole.send(request)
            let wholeStatus = try await whole.readResponse().status

            let trickled = try RawClient(port: port)
            for byte in request.utf8 {
                try trickled.send([byte])
                try await Task.sleep(for: .microseconds(200))
            }
            #expect(try await trickled.readResponse().status == wholeStatus)
            #expect(wholeStatus == 400)
        }
    }
}
