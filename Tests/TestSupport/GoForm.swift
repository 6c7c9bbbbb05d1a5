import Foundation

/// Form encoding exactly like Go's `url.Values.Encode()`, which is what Mattermost sends to slash commands:
/// keys sorted (values of one key keep their order), `url.QueryEscape` (space as `+`, only `A-Za-z0-9-_.~`
/// left as is, everything else `%XX` upper-case).
public enum GoForm {
    /// Encodes the pairs.
    public static func encode(_ pairs: [(name: String, value: String)]) -> String {
        let grouped = Dictionary(grouping: pairs.enumerated(), by: { $0.element.name })
        return grouped.keys.sorted().flatMap { key in
            (grouped[key] ?? []).sorted { $0.offset < $1.offset }.map {
                "\(queryEscape(key))=\(queryEscape($0.element.value))"
            }
        }.joined(separator: "&")
    }

    /// Go's `url.QueryEscape`.
    public static func queryEscape(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: " "):
                result += "+"
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += hex.count == 1 ? "%0" + hex : "%" + hex
            }
        }
        return result
    }
}
