import Foundation

/// An `application/x-www-form-urlencoded` body or query string, decoded the way browsers and Go's
/// `url.Values.Encode` encode it: `+` is a space, `%XX` is a byte, keys may repeat (lists).
/// A malformed escape (`%G1`, a trailing `%`) is kept literally rather than failing the whole form,
/// and byte sequences that are not UTF-8 become U+FFFD.
public struct FormData: Sendable, Equatable {
    /// Every `name=value` pair in order; a pair without `=` has an empty value.
    public var pairs: [(name: String, value: String)]

    /// Decodes a form body.
    public init(_ body: Data) {
        self.init(urlEncoded: String(decoding: body, as: UTF8.self))
    }

    /// Decodes a query string or form body given as text (without a leading `?`).
    public init(urlEncoded text: String) {
        pairs = text.split(separator: "&", omittingEmptySubsequences: true).map { field in
            let parts = field.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (Self.decode(parts[0]), parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    /// The first value for `key`, or nil when absent.
    public subscript(_ key: String) -> String? {
        pairs.first { $0.name == key }?.value
    }

    /// Every value for `key`, in order (empty when absent).
    public func all(_ key: String) -> [String] {
        pairs.filter { $0.name == key }.map(\.value)
    }

    public static func == (lhs: FormData, rhs: FormData) -> Bool {
        lhs.pairs.elementsEqual(rhs.pairs) { $0.name == $1.name && $0.value == $1.value }
    }

    private static func decode(_ component: Substring) -> String {
        var bytes: [UInt8] = []
        let utf8 = Array(component.utf8)
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(.space)
            } else if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
                let high = hexValue(utf8[index + 1]), let low = hexValue(utf8[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

extension HTTPRequest {
    /// The query string decoded as form data (`+` as space, repeated keys kept), as Mattermost's
    /// GET slash commands send their fields.
    public var queryItems: FormData {
        FormData(urlEncoded: query)
    }

    /// The body decoded as `application/x-www-form-urlencoded`.
    public var form: FormData {
        FormData(body)
    }
}
