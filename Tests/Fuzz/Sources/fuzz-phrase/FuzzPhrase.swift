import FuzzDriver
import Foundation
import RemindCore

/// The executable's entry point: libFuzzer's driver, calling the target below once per input.
@_cdecl("fuzz_phrase_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzPhrase(data, size) }
}

/// The `/remind` phrase parser through the `remindd parse --json` path (`PhraseParser.parse`, then
/// `ParseReport.json`): the first byte picks the zone and the 12/24-hour reading, the rest is the text.
/// The report must be one JSON object.
private func fuzzPhrase(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let selector = Int(data[0])
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let zone = zones[selector % zones.count]
    let report = ParseReport.json(for: ReminderPhrase.read(text, now: now, timeZone: zone, clock24: selector & 0x80 != 0))
    guard (try? JSONSerialization.jsonObject(with: Data(report.utf8))) is [String: Any] else {
        fatalError("not a JSON object: \(report)")
    }
    return 0
}

/// A Monday morning shortly before a daylight-saving change in Europe and a month after the US one.
private let now = Date(timeIntervalSince1970: 1_792_220_400)  // 2026-10-19T09:00:00Z

private let zones = ["Europe/Berlin", "America/New_York", "UTC", "Asia/Kolkata", "Australia/Lord_Howe", "Pacific/Apia"]
    .compactMap { TimeZone(identifier: $0) }
