import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Mattermost's view of a callback host: it refuses to call loopback, private, link-local and
/// unique-local addresses (and `localhost`) unless `ServiceSettings.AllowedUntrustedInternalConnections`
/// lists them (MATTERMOST.md §3). This classifies a host the same way, so `remindd check` can say so
/// before a user's button click fails.
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

    private static func reason(ipv4 bytes: [UInt8]) -> String? {
        switch (bytes[0], bytes[1]) {
        case (0, _): return "an unspecified address (0.0.0.0/8)"
        case (127, _): return "a loopback address (127.0.0.0/8)"
        case (10, _): return "a private address (10.0.0.0/8)"
        case (172, 16...31): return "a private address (172.16.0.0/12)"
        case (192, 168): return "a private address (192.168.0.0/16)"
        case (169, 254): return "a link-local address (169.254.0.0/16)"
        default: return nil
        }
    }

    private static func reason(ipv6 bytes: [UInt8]) -> String? {
        if bytes.allSatisfy({ $0 == 0 }) { return "an unspecified address (::)" }
        if bytes.dropLast().allSatisfy({ $0 == 0 }) && bytes[15] == 1 { return "a loopback address (::1)" }
        if bytes[0] & 0xfe == 0xfc { return "a unique local address (fc00::/7)" }
        if bytes[0] == 0xfe && bytes[1] & 0xc0 == 0x80 { return "a link-local address (fe80::/10)" }
        // IPv4-mapped (::ffff:a.b.c.d): Go unmaps these before checking.
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return reason(ipv4: Array(bytes[12..<16]))
        }
        return nil
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
