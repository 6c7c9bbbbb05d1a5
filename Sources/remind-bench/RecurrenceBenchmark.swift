import Foundation
import RemindCore

/// `remind-bench recurrence`: nanoseconds per `Recurrence.occurrence(after:)` for a few rule kinds,
/// and per `firstOccurrence(of:after:in:)`, stepping the reference through a year.
enum RecurrenceBenchmark {
    static func run() {
        let kinds = [
            ("daily 09:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0", "America/New_York"),
            ("weekdays 09:30", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=30", "Europe/Berlin"),
            ("every other friday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;BYHOUR=16;BYMINUTE=0", "Australia/Lord_Howe"),
            ("monthly 31st", "FREQ=MONTHLY;BYMONTHDAY=31;BYHOUR=9;BYMINUTE=0", "Asia/Kathmandu"),
            ("last friday", "FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=17;BYMINUTE=0", "America/New_York"),
            ("yearly feb 29", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYHOUR=9;BYMINUTE=0", "Europe/Berlin"),
            ("every 30 minutes", "FREQ=MINUTELY;INTERVAL=30", "UTC"),
        ]
        let iterations = 200_000
        let base = Date(timeIntervalSince1970: 1_795_000_000)
        for (name, text, zoneName) in kinds {
            guard let rule = try? RecurrenceRule(rrule: text), let zone = TimeZone(identifier: zoneName),
                  let start = Recurrence.firstOccurrence(of: rule, after: base, in: zone) else {
                print("recurrence \(name): cannot set up")
                continue
            }
            let recurrence = Recurrence(rule: rule, start: start, timeZone: zone)
            var found = 0
            let next = measure(iterations) { index in
                if recurrence.occurrence(after: start.addingTimeInterval(Double(index % 10_000) * 3_163)) != nil { found += 1 }
            }
            let first = measure(iterations) { index in
                if Recurrence.firstOccurrence(of: rule, after: base.addingTimeInterval(Double(index % 10_000) * 3_163), in: zone) != nil {
                    found += 1
                }
            }
            print(String(format: "recurrence %-20@ occurrence(after:) %6.0f ns   firstOccurrence %6.0f ns   (%d found)",
                         name as NSString, next, first, found))
        }
    }

    /// Nanoseconds per call of `body` over `iterations` calls.
    private static func measure(_ iterations: Int, _ body: (Int) -> Void) -> Double {
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for index in 0..<iterations { body(index) }
        }
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        return nanoseconds / Double(iterations)
    }
}
