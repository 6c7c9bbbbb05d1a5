import Foundation
import RemindCore

/// A request body the client writes from a `JSONValue` tree rather than through `JSONEncoder`, which
/// walks a post's free-form `props` slowly. Each conformance must write what its `Encodable`
/// conformance writes (key order aside).
protocol JSONTreeEncodable {
    func jsonTree() -> JSONValue
}

extension Post: JSONTreeEncodable {
    /// The post as JSON: empty strings and zero times left out, the message always present (`encode(to:)`
    /// writes this tree too).
    func jsonTree() -> JSONValue {
        var members: [String: JSONValue] = ["message": .string(message)]
        for (key, value) in [(CodingKeys.id, id), (.channelID, channelID), (.userID, userID), (.rootID, rootID),
                             (.type, type), (.pendingPostID, pendingPostID)] where !value.isEmpty {
            members[key.stringValue] = .string(value)
        }
        if let props { members[CodingKeys.props.stringValue] = .object(props) }
        for (key, value) in [(CodingKeys.createAt, createAt), (.updateAt, updateAt), (.editAt, editAt),
                             (.deleteAt, deleteAt)] where value != 0 {
            members[key.stringValue] = .number(Double(value))
        }
        return .object(members)
    }
}

extension JSONValue {
    /// Compact JSON text with sorted keys and unescaped slashes, like the client's `JSONEncoder`.
    /// Throws for a number JSON cannot express (NaN, infinity), as `JSONEncoder` does.
    func serialized() throws -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(1_024)
        try write(into: &out)
        return Data(out)
    }

    private func write(into out: inout [UInt8]) throws {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .number(let value): out.append(contentsOf: try Self.text(of: value).utf8)
        case .string(let value): JSONLiteral.append(value, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                try element.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                JSONLiteral.append(key, to: &out)
                out.append(UInt8(ascii: ":"))
                try members[key]?.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Integral values without a fraction (as `JSONEncoder` writes them), others in Swift's shortest form.
    private static func text(of number: Double) throws -> String {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, EncodingError.Context(codingPath: [], debugDescription: "not a JSON number"))
        }
        if number.rounded() == number, abs(number) < 0x1p53 { return String(Int64(number)) }
        return "\(number)"
    }
}
