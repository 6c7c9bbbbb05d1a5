import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Mattermost's view of a callback host: its HTTP client refuses loopback, private, link-local,
/// unique-local, shared (CGNAT), benchmarking, documentation, multicast, reserved and IPv6 transition
/// addresses (and `localhost`) unless `ServiceSettings.AllowedUntrustedInternalConnections` lists them
/// (MATTERMOST.md §3). This classifies a host the same way, so `remindd check` can say so before a
/// user's button click fails.
public enum InternalAddress {
    /// Why Mattermost would treat `host` (a name or an IPv4/IPv6 literal, brackets allowed) as
    /// internal, e.g. "a loopback address (127.0.0.0/8)"; nil for a public address or a name
    /// (names are not resolved here: see `resolvedInternalReason`).
    public static func reason(forLiteral host: String) -> String? {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare.lowercased() == "localhost" || bare.lowercased().hasSuffix(".localhost") { return "localhost" }
        if let ipv4 = ipv4Bytes(bare) { return reason(ipv4: ipv4) }
        if let ipv6 = ipv6Bytes(bare) { return reason(ipv6: ipv6) }
        return nil
    }

    /// True when `host` is an IP literal (IPv4, or IPv6 with or without brackets).
    public static func isLiteral(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        return ipv4Bytes(bare) != nil || ipv6Bytes(bare) != nil
    }

    /// True for `0.0.0.0` and `::`: addresses to listen on, never to connect to.
    public static func isUnspecified(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if let ipv4 = ipv4Bytes(bare) { return ipv4 == [0, 0, 0, 0] }
        if let ipv6 = ipv6Bytes(bare) { return ipv6.allSatisfy { $0 == 0 } }
        return false
    }

    /// Resolves the name `host` on this machine (which usually resolves it like the Mattermost
    /// server does) and returns why an address it resolves to is internal; nil when every address is
    /// public. Throws when the name does not resolve here.
    public static func resolvedInternalReason(forName host: String) throws -> String? {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0 else { throw ResolutionError(host: host, reason: String(cString: gai_strerror(status))) }
        defer { freeaddrinfo(list) }
        var cursor = list
        while let entry = cursor?.pointee {
            cursor = entry.ai_next
            guard let address = entry.ai_addr else { continue }
            if entry.ai_family == AF_INET {
                let bytes = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                    withUnsafeBytes(of: pointer.pointee.sin_addr) { Array($0) }
                }
                if let reason = reason(ipv4: bytes) { return reason }
            } else if entry.ai_family == AF_INET6 {
                let bytes = address.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                    withUnsafeBytes(of: pointer.pointee.sin6_addr) { Array($0) }
                }
                if let reason = reason(ipv6: bytes) { return reason }
            }
        }
        return nil
    }

    /// A name that did not resolve.
    public struct ResolutionError: Error, Sendable, CustomStringConvertible {
        public var host: String
        public var reason: String
        public var description: String { "cannot resolve \(host): \(reason)" }
    }

    /// A CIDR block Mattermost refuses, and how `check` names it.
    private struct Block {
        let prefix: [UInt8]
        let length: Int
        let reason: String

        /// `cidr` is written the usual way (`100.64.0.0/10`); `kind` is what the addresses are.
        init(_ cidr: String, _ kind: String) {
            let parts = cidr.split(separator: "/")
            prefix = InternalAddress.ipv4Bytes(String(parts[0])) ?? InternalAddress.ipv6Bytes(String(parts[0])) ?? []
            length = Int(parts[1]) ?? 0
            reason = "\(kind) (\(cidr))"
        }

        func contains(_ address: [UInt8]) -> Bool {
            guard address.count == prefix.count else { return false }
            let whole = length / 8
            guard address[..<whole] == prefix[..<whole] else { return false }
            let rest = length % 8
            guard rest > 0 else { return true }
            let mask = UInt8(0xFF) << (8 - rest)
            return address[whole] & mask == prefix[whole] & mask
        }
    }

    private static let ipv4Blocks = [
        Block("0.0.0.0/8", "an unspecified address"),
        Block("127.0.0.0/8", "a loopback address"),
        Block("10.0.0.0/8", "a private address"),
        Block("172.16.0.0/12", "a private address"),
        Block("192.168.0.0/16", "a private address"),
        Block("169.254.0.0/16", "a link-local address"),
        Block("100.64.0.0/10", "a shared (carrier-grade NAT) address"),
        Block("192.0.0.0/24", "an IETF protocol assignment"),
        Block("198.18.0.0/15", "a benchmarking address"),
        Block("192.0.2.0/24", "a documentation address (TEST-NET-1)"),
        Block("198.51.100.0/24", "a documentation address (TEST-NET-2)"),
        Block("203.0.113.0/24", "a documentation address (TEST-NET-3)"),
        Block("224.0.0.0/4", "a multicast address"),
        Block("240.0.0.0/4", "a reserved address"),
    ]

    private static let ipv6Blocks = [
        Block("::/128", "an unspecified address"),
        Block("::1/128", "a loopback address"),
        Block("fc00::/7", "a unique local address"),
        Block("fe80::/10", "a link-local address"),
        Block("ff00::/8", "a multicast address"),
        Block("2001::/23", "an IETF protocol assignment"),
        Block("2002::/16", "a 6to4 address"),
        Block("64:ff9b::/96", "a NAT64 address"),
        Block("100::/64", "a discard-only address"),
    ]

    private static func reason(ipv4 bytes: [UInt8]) -> String? {
        ipv4Blocks.first { $0.contains(bytes) }?.reason
    }

    private static func reason(ipv6 bytes: [UInt8]) -> String? {
        // IPv4-mapped (::ffff:a.b.c.d): Go unmaps these before checking.
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return reason(ipv4: Array(bytes[12..<16]))
        }
        return ipv6Blocks.first { $0.contains(bytes) }?.reason
    }

    private static func ipv4Bytes(_ text: String) -> [UInt8]? {
        var address = in_addr()
        guard inet_pton(AF_INET, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: address) { Array($0) }
    }

    private static func ipv6Bytes(_ text: String) -> [UInt8]? {
        var address = in6_addr()
        guard inet_pton(AF_INET6, text, &address) == 1 else { return nil }
        return withUnsafeBytes(of: address) { Array($0) }
    }
}
