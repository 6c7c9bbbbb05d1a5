import FuzzDriver
import Foundation
import Mattermost
import RemindService

/// The executable's entry point: libFuzzer's driver, calling the target below once per input.
@_cdecl("fuzz_callbacks_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzCallbacks(data, size) }
}

/// The bodies Mattermost POSTs to `/action` and `/dialog`, through the public decoders remindd uses:
/// `JSONValue(parsing:)` (which must round-trip what it accepts), `PostActionRequest` (through `BoundedJSON`,
/// as the routes decode it) and its context
/// (`ActionContext`, every context string read as a number the way click handlers read them), and
/// `SubmitDialogRequest` with its typed field readers.
private func fuzzCallbacks(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let body = Data(UnsafeBufferPointer(start: data, count: size))
    if let tree = try? JSONValue(parsing: body), let encoded = try? JSONEncoder().encode(tree) {
        guard let again = try? JSONValue(parsing: encoded), again == tree else {
            fatalError("JSONValue round trip changed \(tree) (encoded: \(String(decoding: encoded, as: UTF8.self)))")
        }
    }
    if let click = try? BoundedJSON.decode(PostActionRequest.self, from: body) {
        _ = ActionContext(click.context)
        _ = click.selectedOption
        for key in click.context.keys {
            _ = click.contextString(key).flatMap { Int64($0) }
        }
    }
    if let submission = try? BoundedJSON.decode(SubmitDialogRequest.self, from: body) {
        for name in submission.submission.keys {
            _ = submission.text(name)
            _ = submission.bool(name)
        }
    }
    return 0
}
