import Foundation
import Mattermost
import RemindCore
import RemindStore
import Testing
@testable import RemindService

@Suite("Reminder presentation")
struct PresentationTests {
    let newYork = TimeZone(identifier: "America/New_York")!
    // Monday 2026-11-23 10:00 in New York.
    let now = Date(timeIntervalSince1970: 1_795_446_000)

    @Test("times read in the user's zone and clock style")
    func timeText() {
        let twelve = TimeText(timeZone: newYork, clock24: false)
        let twentyFour = TimeText(timeZone: newYork, clock24: true)
        #expect(twelve.moment(now.addingTimeInterval(7 * 3_600), now: now) == "5:00 PM today, Mon Nov 23")
        #expect(twentyFour.moment(now.addingTimeInterval(23 * 3_600), now: now) == "09:00 tomorrow, Tue Nov 24")
        #expect(twelve.moment(now.addingTimeInterval(4 * 86_400 + 15), now: now) == "10:00:15 AM on Fri Nov 27")
        #expect(twelve.date(now.addingTimeInterval(200 * 86_400), now: now) == "Fri Jun 11, 2027")
        #expect(twelve.clockTime(now.addingTimeInterval(14 * 3_600)) == "12:00 AM")
    }

    @Test("today, tomorrow and yesterday count the reader's calendar days, across a DST change")
    func relativeDays() throws {
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        let text = TimeText(timeZone: berlin, clock24: true)
        // 2026-03-28 23:30 CET; the clocks go forward at 02:00 on the 29th.
        let now = Date(timeIntervalSince1970: 1_774_737_000)
        #expect(text.moment(now.addingTimeInterval(20 * 60), now: now) == "23:50 today, Sat Mar 28")
        #expect(text.moment(now.addingTimeInterval(3 * 3_600), now: now) == "03:30 tomorrow, Sun Mar 29")
        #expect(text.moment(now.addingTimeInterval(-24 * 3_600), now: now) == "23:30 yesterday, Fri Mar 27")
        #expect(text.moment(now.addingTimeInterval(300 * 86_400), now: now) == "23:30 on Fri Jan 22, 2027")
    }

    @Test("recurrences read as sentences", arguments: [
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=10;BYMINUTE=0", "every other Monday at 10:00 AM"),
        ("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=30", "every weekday at 9:30 AM"),
        ("FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=7;BYMINUTE=0", "every Monday, Wednesday and Friday at 7:00 AM"),
        ("FREQ=MONTHLY;BYDAY=-1FR;BYHOUR=17;BYMINUTE=0", "on the last Friday of every month at 5:00 PM"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=9;BYMINUTE=0", "on the last day of every month at 9:00 AM"),
        ("FREQ=DAILY;BYHOUR=15;BYMINUTE=0;COUNT=3", "every day at 3:00 PM, 3 times"),
        ("FREQ=MINUTELY;INTERVAL=30", "every 30 minutes"),
    ])
    func recurrenceText(rrule: String, expected: String) throws {
        let rule = try RecurrenceRule(rrule: rrule)
        let start = try #require(Recurrence.firstOccurrence(of: rule, after: now, in: newYork))
        let recurrence = Recurrence(rule: rule, start: start, timeZone: newYork)
        let text = RecurrenceText.describe(recurrence, time: TimeText(timeZone: newYork, clock24: false), now: now)
        #expect(text == expected)
    }

    @Test("posts and forms call back the same URL, under the public URL's path, with or without a trailing slash",
          arguments: ["https://chat.example.com/remind", "https://chat.example.com/remind/", "https://chat.example.com/remind//"])
    func callbackURLs(publicURL: String) throws {
        let url = try #require(URL(string: publicURL))
        #expect(ReminderPost(publicURL: url).actionURL == "https://chat.example.com/remind/action")
        #expect(url.callbackURL("/dialog") == "https://chat.example.com/remind/dialog")
    }

    @Test("lists read as English", arguments: [
        ([String](), ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c"),
    ])
    func englishLists(items: [String], text: String) {
        #expect(HumanTime.list(items) == text)
    }

    @Test("button contexts round-trip and reject tampering")
    func actionContext() {
        let context = ActionContext(action: .snooze, reminderID: 12, occurrenceID: 34, token: "abc")
        var json = context.json
        json["selected_option"] = .string("1h")
        #expect(ActionContext(json) == ActionContext(action: .snooze, reminderID: 12, occurrenceID: 34, token: "abc", selectedOption: "1h"))
        json["occurrence"] = .number(34)
        #expect(ActionContext(json) == nil)
        #expect(ActionContext(["action": .string("explode"), "reminder": .string("1"), "occurrence": .string("1"), "token": .string("t")]) == nil)
    }

    @Test("snooze presets land where the menu says", arguments: [
        (SnoozeChoice.twentyMinutes, "2026-11-23T10:20:00-05:00"),
        (.threeHours, "2026-11-23T13:00:00-05:00"),
        (.tomorrow, "2026-11-24T09:00:00-05:00"),
        (.nextWeek, "2026-11-30T09:00:00-05:00"),
    ])
    func snooze(choice: SnoozeChoice, expected: String) throws {
        let wanted = try #require(ISO8601DateFormatter().date(from: expected))
        #expect(choice.until(now: now, in: newYork) == wanted)
    }

    @Test("next week from a Sunday is the next day, from a Monday a week later")
    func nextWeekEdges() throws {
        let sunday = now.addingTimeInterval(-86_400)
        #expect(SnoozeChoice.nextWeek.until(now: sunday, in: newYork) == now.addingTimeInterval(-3_600))
        #expect(SnoozeChoice.nextWeek.until(now: now, in: newYork) == now.addingTimeInterval(7 * 86_400 - 3_600))
    }
}
