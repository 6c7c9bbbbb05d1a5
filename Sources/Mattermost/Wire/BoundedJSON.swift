import Foundation

/// JSON decoding for bodies anyone can send (`/action`, `/dialog`): nesting is checked first, with a byte
/// scan, so Foundation's `JSONDecoder` never meets input at its own depth limit. At that limit (512 levels)
/// it traps instead of throwing for some inputs (`[` × 513), which would take the whole service down.
public enum BoundedJSON {
    /// Deepest nesting accepted; Mattermost's callbacks need a handful of levels.
    public static let maxDepth = 64

    /// Why a body was refused before decoding.
    public struct TooDeep: Error, Sendable, Equatable {}

    /// Decodes `data` as `type` after checking its nesting is at most `maxDepth`.
    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        guard isShallow(data) else { throw TooDeep() }
        return try JSONDecoder().decode(type, from: data)
    }

    /// True when no array or object in `data` nests deeper than `maxDepth` (brackets inside strings, with
    /// their escapes, do not count). Malformed input may pass; the decoder refuses it.
    static func isShallow(_ data: Data) -> Bool {
        var depth = 0
        var inString = false
        var escaped = false
        for byte in data {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxDepth { return false }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return true
    }
}
