import Foundation
import Testing
@testable import Mattermost

/// Bodies anyone can POST are depth-checked before `JSONDecoder`, which traps (killing the service) on
/// some inputs at its own 512-level limit, e.g. 513 `[` (found by fuzz-callbacks).
@Suite("BoundedJSON")
struct BoundedJSONTests {
    @Test("513 nested arrays, the fuzzer's crash, are refused before the decoder sees them")
    func fuzzerCrash() {
        let body = Data(repeating: UInt8(ascii: "["), count: 513)
        #expect(throws: BoundedJSON.TooDeep.self) { try BoundedJSON.decode(PostActionRequest.self, from: body) }
    }

    @Test("the limit is 64 levels; brackets inside strings (escaped quotes included) do not count")
    func limit() throws {
        let deep = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(throws: Never.self) { try BoundedJSON.decode(Anything.self, from: Data(deep.utf8)) }
        let deeper = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: BoundedJSON.TooDeep.self) { try BoundedJSON.decode(Anything.self, from: Data(deeper.utf8)) }
        let brackets = String(repeating: "[", count: 100)
        let inString = #"{"context": {"text": "\""# + brackets + #""}}"#
        let click = try BoundedJSON.decode(PostActionRequest.self, from: Data(inString.utf8))
        #expect(click.contextString("text") == "\"" + brackets)
    }

    /// Any JSON at all (the decoder still scans all of it).
    struct Anything: Decodable {
        init(from decoder: any Decoder) throws {}
    }
}
