import Testing
@testable import RemindService

@Suite("Internal addresses: every block Mattermost's HTTP client refuses, at its edges")
struct InternalAddressTests {
    private static let max6 = "ffff:ffff:ffff:ffff"

    /// Each block's first and last address (flagged, naming the block) and the addresses just outside
    /// it (nil: not internal).
    static let table: [(String, String?)] = [
        ("0.0.0.0", "0.0.0.0/8"), ("0.255.255.255", "0.0.0.0/8"), ("1.0.0.0", nil),
        ("9.255.255.255", nil), ("10.0.0.0", "10.0.0.0/8"), ("10.255.255.255", "10.0.0.0/8"), ("11.0.0.0", nil),
        ("100.63.255.255", nil), ("100.64.0.0", "100.64.0.0/10"), ("100.127.255.255", "100.64.0.0/10"), ("100.128.0.0", nil),
        ("126.255.255.255", nil), ("127.0.0.0", "127.0.0.0/8"), ("127.255.255.255", "127.0.0.0/8"), ("128.0.0.0", nil),
        ("169.253.255.255", nil), ("169.254.0.0", "169.254.0.0/16"), ("169.254.255.255", "169.254.0.0/16"), ("169.255.0.0", nil),
        ("172.15.255.255", nil), ("172.16.0.0", "172.16.0.0/12"), ("172.31.255.255", "172.16.0.0/12"), ("172.32.0.0", nil),
        ("191.255.255.255", nil), ("192.0.0.0", "192.0.0.0/24"), ("192.0.0.255", "192.0.0.0/24"), ("192.0.1.0", nil),
        ("192.0.1.255", nil), ("192.0.2.0", "192.0.2.0/24"), ("192.0.2.255", "192.0.2.0/24"), ("192.0.3.0", nil),
        ("192.167.255.255", nil), ("192.168.0.0", "192.168.0.0/16"), ("192.168.255.255", "192.168.0.0/16"), ("192.169.0.0", nil),
        ("198.17.255.255", nil), ("198.18.0.0", "198.18.0.0/15"), ("198.19.255.255", "198.18.0.0/15"), ("198.20.0.0", nil),
        ("198.51.99.255", nil), ("198.51.100.0", "198.51.100.0/24"), ("198.51.100.255", "198.51.100.0/24"), ("198.51.101.0", nil),
        ("203.0.112.255", nil), ("203.0.113.0", "203.0.113.0/24"), ("203.0.113.255", "203.0.113.0/24"), ("203.0.114.0", nil),
        ("223.255.255.255", nil), ("224.0.0.0", "224.0.0.0/4"), ("239.255.255.255", "224.0.0.0/4"),
        ("240.0.0.0", "240.0.0.0/4"), ("255.255.255.255", "240.0.0.0/4"), ("8.8.8.8", nil),

        ("::", "::/128"), ("::1", "::1/128"), ("::2", nil),
        ("ff:ffff:ffff:\(max6):ffff", nil), ("100::", "100::/64"), ("100::ffff:ffff:ffff:ffff", "100::/64"), ("100:0:0:1::", nil),
        ("64:ff9a:ffff:\(max6):ffff", nil), ("64:ff9b::", "64:ff9b::/96"), ("64:ff9b::ffff:ffff", "64:ff9b::/96"),
        ("64:ff9b::1:0:0", nil),
        ("2000:ffff:ffff:\(max6):ffff", nil), ("2001::", "2001::/23"), ("2001:1ff:ffff:\(max6):ffff", "2001::/23"),
        ("2001:200::", nil), ("2001:db8::1", nil),
        ("2001:ffff:ffff:\(max6):ffff", nil), ("2002::", "2002::/16"), ("2002:ffff:ffff:\(max6):ffff", "2002::/16"), ("2003::", nil),
        ("fbff:ffff:ffff:\(max6):ffff", nil), ("fc00::", "fc00::/7"), ("fdff:ffff:ffff:\(max6):ffff", "fc00::/7"), ("fe00::", nil),
        ("fe7f:ffff:ffff:\(max6):ffff", nil), ("fe80::", "fe80::/10"), ("febf:ffff:ffff:\(max6):ffff", "fe80::/10"), ("fec0::", nil),
        ("feff:ffff:ffff:\(max6):ffff", nil), ("ff00::", "ff00::/8"), ("ffff:ffff:ffff:\(max6):ffff", "ff00::/8"),
        ("::ffff:100.64.0.1", "100.64.0.0/10"), ("::ffff:100.128.0.0", nil), ("[2002::1]", "2002::/16"), ("2606:4700::1111", nil),
    ]

    @Test("flagged inside each block, not just outside it", arguments: table)
    func edges(address: String, block: String?) {
        #expect(InternalAddress.isLiteral(address), "\(address) is an address")
        let reason = InternalAddress.reason(forLiteral: address)
        if let block {
            #expect(reason?.hasSuffix("(\(block))") == true, "\(address): \(reason ?? "not internal")")
        } else {
            #expect(reason == nil, "\(address): \(reason ?? "")")
        }
    }
}
