import Foundation
import Glibc
@testable import HTTPServer

/// A blocking TCP client for tests that need byte-level control: pipelining, trickling, malformed input.
/// Reads block a Dispatch thread, never the cooperative pool the server's handlers run on.
/// Used by one test at a time, sequentially.
final class RawClient: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One parsed response.
    struct Response {
        var status: Int
        var headers: [(name: String, value: String)]
        var body: String

        func header(_ name: String) -> String? {
            headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
        }
    }

    let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Connects to 127.0.0.1:`port` from `source` (any 127/8 address: Linux routes them all to the
    /// loopback interface, so tests can be several peers); reads give up after `timeout` seconds.
    init(port: Int, from source: String = "127.0.0.1", timeout: Int = 5) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: errno \(errno)") }
        var local = sockaddr_in()
        local.sin_family = sa_family_t(AF_INET)
        local.sin_addr.s_addr = inet_addr(source)
        let bound = withUnsafePointer(to: &local) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw Failure(description: "bind \(source): errno \(code)")
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        let status = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard status == 0 else {
            let code = errno
            Glibc.close(descriptor)
            throw Failure(description: "connect: errno \(code)")
        }
    }

    deinit {
        Glibc.close(descriptor)
    }

    /// Sends all of `text`; throws if the server has closed the connection.
    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw Failure(description: "send: errno \(errno)") }
            offset += sent
        }
    }

    /// Stops sending (half-close), as a client does after its last request.
    func finishSending() {
        shutdown(descriptor, Int32(SHUT_WR))
    }

    /// Reads one response; `bodyless` for responses to HEAD. Throws on EOF or timeout before it is complete.
    func readResponse(bodyless: Bool = false) async throws -> Response {
        try await offloaded { try self.readResponseBlocking(bodyless: bodyless) }
    }

    /// Reads until the server closes; returns everything received (including already buffered bytes).
    /// Throws if the server keeps the connection open past the timeout.
    func readUntilClosed() async throws -> String {
        try await offloaded { try self.readUntilClosedBlocking() }
    }

    /// Whether the server has closed the connection (EOF or reset) within the read timeout.
    func isClosedByServer() async -> Bool {
        (try? await offloaded { self.isClosedByServerBlocking() }) ?? false
    }

    private func offloaded<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    func readResponseBlocking(bodyless: Bool = false) throws -> Response {
        while true {
            if let response = try parseBufferedResponse(bodyless: bodyless) { return response }
            guard try fill() else { throw Failure(description: "connection closed before a full response") }
        }
    }

    func readUntilClosedBlocking() throws -> String {
        while try fill() {}
        defer { buffer = [] }
        return String(decoding: buffer, as: UTF8.self)
    }

    func isClosedByServerBlocking() -> Bool {
        do {
            while try fill() {}
            return true
        } catch {
            return (error as? Failure)?.description.contains("reset") == true
        }
    }

    private func fill() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = recv(descriptor, &chunk, chunk.count, 0)
        if count > 0 {
            buffer.append(contentsOf: chunk[..<count])
            return true
        }
        if count == 0 { return false }
        if errno == ECONNRESET { throw Failure(description: "connection reset") }
        throw Failure(description: "recv: errno \(errno) (timeout?)")
    }

    private func parseBufferedResponse(bodyless: Bool) throws -> Response? {
        let terminator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let headEnd = buffer.firstRange(of: terminator) else { return nil }
        let head = String(decoding: buffer[..<headEnd.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
            throw Failure(description: "bad status line in \(head)")
        }
        let headers = lines.map { line -> (name: String, value: String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : "")
        }
        let length = bodyless ? 0 : headers.first { $0.name.lowercased() == "content-length" }.flatMap { Int($0.value) } ?? 0
        let bodyStart = headEnd.upperBound
        guard buffer.count - bodyStart >= length else { return nil }
        let body = String(decoding: buffer[bodyStart..<(bodyStart + length)], as: UTF8.self)
        buffer.removeFirst(bodyStart + length)
        return Response(status: status, headers: headers, body: body)
    }
}
