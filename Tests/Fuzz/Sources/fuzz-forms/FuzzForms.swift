import FuzzDriver
import Foundation
import HTTPServer
import Mattermost
import RemindCore

/// The executable's entry point: libFuzzer's driver, calling the target below once per input.
@_cdecl("fuzz_forms_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzForms(data, size) }
}

/// A slash-command request as `/command` reads it: the form body (`FormData`), the request fields
/// (`SlashCommandRequest`, repeated keys included), what the text asks for (`SlashCommandText`) and,
/// for a phrase, the parser. The form re-encoded from the decoded fields must decode to the same fields.
private func fuzzForms(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let body = Data(UnsafeBufferPointer(start: data, count: size))
    let form = FormData(body)
    let request = SlashCommandRequest(fields: { form.all($0) })
    let reencoded = FormData(urlEncoded: request.formFields.map { "\(escape($0.name))=\(escape($0.value))" }.joined(separator: "&"))
    let again = SlashCommandRequest(fields: { reencoded.all($0) })
    if again != request {
        fatalError("form round trip changed \(request) into \(again)")
    }
    if case .reminder(let phrase) = SlashCommandText.classify(request.text) {
        _ = PhraseParser.parse(phrase, now: now, timeZone: utc, clock24: false)
    }
    return 0
}

/// `application/x-www-form-urlencoded` escaping, as Go's `url.QueryEscape` does it.
private func escape(_ text: String) -> String {
    var result = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            result.unicodeScalars.append(Unicode.Scalar(byte))
        case UInt8(ascii: " "):
            result += "+"
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            result += "%" + (hex.count == 1 ? "0" + hex : hex)
        }
    }
    return result
}

private let now = Date(timeIntervalSince1970: 1_792_220_400)  // 2026-10-19T09:00:00Z
private let utc = TimeZone(identifier: "UTC") ?? .current
