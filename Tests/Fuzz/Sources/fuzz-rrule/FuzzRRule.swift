import FuzzDriver
import Foundation
import RemindCore

/// The executable's entry point: libFuzzer's driver, calling the target below once per input.
@_cdecl("fuzz_rrule_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    var count = argc
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { data, size in fuzzRRule(data, size) }
}

/// RRULE text as stored rules and imports carry it: `RecurrenceRule(rrule:)`, `validate()`, and for a
/// valid rule its first occurrence and the next five from a start in a zone with daylight saving
/// (the first byte picks the zone). Occurrences must come strictly after the instant asked for, in
/// increasing order.
private func fuzzRRule(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let zone = zones[Int(data[0]) % zones.count]
    let text = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    guard let rule = try? RecurrenceRule(rrule: text), (try? rule.validate()) != nil else { return 0 }
    guard let start = Recurrence.firstOccurrence(of: rule, after: now, in: zone) else { return 0 }
    let occurrences = Recurrence(rule: rule, start: start, timeZone: zone).occurrences(after: now, limit: 5)
    var previous = now
    for occurrence in occurrences {
        guard occurrence > previous else { fatalError("\(text): \(occurrence) does not follow \(previous)") }
        previous = occurrence
    }
    return 0
}

private let now = Date(timeIntervalSince1970: 1_792_220_400)  // 2026-10-19T09:00:00Z

private let zones = ["Europe/Berlin", "America/New_York", "UTC", "Australia/Lord_Howe", "America/Santiago"]
    .compactMap { TimeZone(identifier: $0) }
