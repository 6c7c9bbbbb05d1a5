#if canImport(Glibc)
import Glibc
#endif

/// The few socket system calls the server makes, wrapped so the HTTP layer never touches `sockaddr`.
enum POSIXSocket {
    /// What one `accept` call produced.
    enum AcceptResult {
        /// `peer` is what per-peer limits count by: the IPv4 address, or the /64 an IPv6 address is in
        /// (one host usually owns a whole /64).
        case connection(descriptor: Int32, remoteAddress: String, peer: String)
        /// No pending connection (the listening socket is non-blocking).
        case wouldBlock
        /// The process or system is out of file descriptors: back off, then accept again.
        case outOfDescriptors
        /// The pending connection died before it was accepted, or another transient error.
        case failed
    }

    /// A non-blocking, close-on-exec listening socket bound to `host:port` with `SO_REUSEADDR`.
    static func listen(host: String, port: Int, backlog: Int) throws(HTTPServerError) -> Int32 {
        let bareHost = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let address = bareHost.contains(":") ? "[\(bareHost)]:\(port)" : "\(bareHost):\(port)"
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var results: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(bareHost.isEmpty ? nil : bareHost, String(port), &hints, &results)
        guard status == 0, let info = results else {
            throw HTTPServerError(
                operation: "resolve", code: status, message: String(cString: gai_strerror(status)), address: address)
        }
        defer { freeaddrinfo(results) }

        let flags = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let descriptor = socket(info.pointee.ai_family, flags, 0)
        guard descriptor >= 0 else { throw .posix("create a socket for", address: address) }
        var enabled: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &enabled, socklen_t(MemoryLayout<Int32>.size))
        guard bind(descriptor, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
            let error = HTTPServerError.posix("bind", address: address)
            close(descriptor)
            throw error
        }
        guard Glibc.listen(descriptor, Int32(clamping: backlog)) == 0 else {
            let error = HTTPServerError.posix("listen on", address: address)
            close(descriptor)
            throw error
        }
        return descriptor
    }

    /// The port the kernel bound (useful after binding port 0).
    static func boundPort(of descriptor: Int32) -> Int {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(descriptor, $0, &length) }
        }
        return describe(storage).port
    }

    /// Accepts one pending connection as a non-blocking, close-on-exec socket with `TCP_NODELAY`
    /// (responses are small and written whole: waiting for Nagle only adds latency).
    static func accept(from listener: Int32) -> AcceptResult {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let descriptor = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.accept(listener, $0, &length) }
        }
        guard descriptor >= 0 else {
            switch errno {
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case EMFILE, ENFILE, ENOBUFS, ENOMEM: return .outOfDescriptors
            default: return .failed
            }
        }
        // Glibc's module map hides accept4, so the flags are set after the fact (nothing forks meanwhile).
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
        _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        var enabled: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &enabled, socklen_t(MemoryLayout<Int32>.size))
        let peer = describe(storage)
        let remoteAddress = peer.host.contains(":") ? "[\(peer.host)]:\(peer.port)" : "\(peer.host):\(peer.port)"
        return .connection(descriptor: descriptor, remoteAddress: remoteAddress, peer: peerKey(storage) ?? peer.host)
    }

    /// Sends without raising SIGPIPE when the peer has gone (MSG_NOSIGNAL, so the server never changes
    /// the process's signal dispositions); returns bytes sent, or -1 with `errno`.
    static func send(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int {
        Glibc.send(descriptor, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL))
    }

    private static func decodeCString(_ characters: [CChar]) -> String {
        String(decoding: characters.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// An IPv6 peer's /64 prefix (`2001:db8:1:2::/64`); nil for IPv4 and IPv4-mapped peers, which
    /// count by their address.
    private static func peerKey(_ storage: sockaddr_storage) -> String? {
        guard Int32(storage.ss_family) == AF_INET6 else { return nil }
        var storage = storage
        let bytes = withUnsafeBytes(of: &storage) { raw in
            raw.withMemoryRebound(to: sockaddr_in6.self) { Array(withUnsafeBytes(of: $0[0].sin6_addr) { $0 }) }
        }
        let isMapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
        guard !isMapped else { return nil }
        var prefix = in6_addr()
        withUnsafeMutableBytes(of: &prefix) { $0.copyBytes(from: bytes[0..<8]) }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        inet_ntop(AF_INET6, &prefix, &text, socklen_t(text.count))
        return decodeCString(text) + "/64"
    }

    private static func describe(_ storage: sockaddr_storage) -> (host: String, port: Int) {
        var storage = storage
        let family = Int32(storage.ss_family)
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        return withUnsafePointer(to: &storage) { pointer in
            switch family {
            case AF_INET:
                return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { address in
                    var ip = address.pointee.sin_addr
                    inet_ntop(AF_INET, &ip, &text, socklen_t(text.count))
                    return (decodeCString(text), Int(UInt16(bigEndian: address.pointee.sin_port)))
                }
            case AF_INET6:
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { address in
                    var ip = address.pointee.sin6_addr
                    inet_ntop(AF_INET6, &ip, &text, socklen_t(text.count))
                    return (decodeCString(text), Int(UInt16(bigEndian: address.pointee.sin6_port)))
                }
            default:
                return ("unknown", 0)
            }
        }
    }
}
