import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A minimal HTTP/1.1 listener on a free 127.0.0.1 port that stands in for remindd behind a proxy:
/// it records every request (request line, headers, body) and answers `200` with the body
/// `upstream saw <request target>`, closing each connection after one exchange.
///
/// Ownership: the accept loop runs on its own thread; `received` is guarded by `lock`.
final class RecordingHTTPListener: @unchecked Sendable {
    /// One request as it arrived on the wire.
    struct Request: Sendable {
        let requestLine: String
        /// Header names lower-cased; a repeated header keeps its last value.
        let headers: [String: String]
        let body: Data
    }

    struct SocketError: Error, CustomStringConvertible {
        let call: String
        let code: Int32
        var description: String { "\(call) failed: errno \(code)" }
    }

    let port: UInt16
    private let listenSocket: Int32
    private let lock = NSLock()
    private var received: [Request] = []
    private var stopped = false

    /// Requests received so far, in arrival order.
    var requests: [Request] {
        lock.lock()
        defer { lock.unlock() }
        return received
    }

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketError(call: "socket", code: errno) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        guard bound, listen(fd, 16) == 0 else {
            let code = errno
            close(fd)
            throw SocketError(call: "bind/listen", code: code)
        }
        listenSocket = fd
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    /// Stops accepting; the accept loop ends and the socket is closed.
    func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        if !wasStopped { shutdown(listenSocket, Int32(SHUT_RDWR)) }
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func acceptLoop() {
        defer { close(listenSocket) }
        while !isStopped {
            let client = accept(listenSocket, nil, nil)
            if client < 0 { continue }
            serve(client)
            close(client)
        }
    }

    private func serve(_ client: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let request = read(from: client) else { return }
        lock.lock()
        received.append(request)
        lock.unlock()
        let target = request.requestLine.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        let body = "upstream saw \(target)"
        let response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: \(body.utf8.count)\r\n"
            + "Connection: close\r\n\r\n" + body
        _ = response.utf8CString.withUnsafeBufferPointer { buffer in
            send(client, buffer.baseAddress, buffer.count - 1, Int32(MSG_NOSIGNAL))
        }
    }

    private func read(from client: Int32) -> Request? {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 16_384)
        let separator = Data("\r\n\r\n".utf8)
        var headEnd: Range<Data.Index>?
        var expectedTotal = Int.max
        while data.count < expectedTotal {
            let count = recv(client, &chunk, chunk.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: chunk[0..<count])
            if headEnd == nil, let range = data.range(of: separator) {
                headEnd = range
                let head = String(decoding: data[..<range.lowerBound], as: UTF8.self)
                let length = Self.headers(of: head)["content-length"].flatMap { Int($0) } ?? 0
                expectedTotal = range.upperBound + length
            }
        }
        guard let range = headEnd else { return nil }
        let head = String(decoding: data[..<range.lowerBound], as: UTF8.self)
        let requestLine = head.components(separatedBy: "\r\n").first ?? ""
        return Request(requestLine: requestLine, headers: Self.headers(of: head), body: Data(data[range.upperBound...]))
    }

    private static func headers(of head: String) -> [String: String] {
        var headers: [String: String] = [:]
        for line in head.components(separatedBy: "\r\n").dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return headers
    }
}
