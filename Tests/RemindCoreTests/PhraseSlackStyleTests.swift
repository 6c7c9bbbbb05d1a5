import Foundation
import Testing
@testable import RemindCore

/// What Slack and reminder-plugin users type (ANCHORS.md Part 2 §a): several recipients, channels named the
/// Slack way, messages with numbers, `10:45AM` / `9:00 AM` / `09:00`, numeric and ISO dates, explicit zones,
/// `every N weeks starting …`. Each row's expectation is worked out by hand, over several "now"s and zones.
@Suite("Slack-style phrases")
struct PhraseSlackStyleTests {
    static let ny = PhraseContext.newYorkMonday
    /// Wednesday 16:45 in Los Angeles, four days before daylight saving starts (Sunday 2027-03-14).
    static let la = PhraseContext(now: "2027-03-10T16:45:00-08:00", zone: "America/Los_Angeles")
    /// Saturday 08:00 in Berlin (summer time).
    static let berlin = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin")
    static let berlin24 = PhraseContext(now: "2027-06-12T08:00:00+02:00", zone: "Europe/Berlin", clock24: true)
    /// Thursday 23:30 in Tokyo, half an hour before the new year.
    static let tokyo = PhraseContext(now: "2026-12-31T23:30:00+09:00", zone: "Asia/Tokyo")
    /// Sunday 09:15 in London, hours after summer time ended.
    static let london = PhraseContext(now: "2027-10-31T09:15:00+00:00", zone: "Europe/London")

    static let weekly = "FREQ=WEEKLY;BYDAY="

    static let losAngeles: [ContextRow] = [
        la.row("@ana and @ben to review the PR at 10:45AM", "review the PR", "2027-03-11T10:45:00-08:00"),
        la.row("me and @ana to sync at 9:00 AM", "sync", "2027-03-11T09:00:00-08:00"),
        la.row("@ana to post the notes in ~general tomorrow", "post the notes in ~general", "2027-03-11T09:00:00-08:00"),
        la.row("~team-alpha to update the project status every Monday at 9am", "update the project status", "2027-03-15T09:00:00-07:00", weekly + "MO;BYHOUR=9;BYMINUTE=0"),
        la.row("#team-alpha to update the project status every Monday at 9am", "update the project status", "2027-03-15T09:00:00-07:00", weekly + "MO;BYHOUR=9;BYMINUTE=0"),
        la.row("#general every weekday at 4pm to What did you do or learn today?", "What did you do or learn today?", "2027-03-11T16:00:00-08:00", weekly + "MO,TU,WE,TH,FR;BYHOUR=16;BYMINUTE=0"),
        la.row("me to take 2 pills at 09:00", "take 2 pills", "2027-03-11T09:00:00-08:00"),
        la.row("me to call 3 clients at 5pm", "call 3 clients", "2027-03-10T17:00:00-08:00"),
        la.row("me to read chapter 11 tomorrow", "read chapter 11", "2027-03-11T09:00:00-08:00"),
        la.row("\"Team meeting starts in 15 minutes\" at 10:45AM every Monday", "Team meeting starts in 15 minutes", "2027-03-15T10:45:00-07:00", weekly + "MO;BYHOUR=10;BYMINUTE=45"),
        la.row("me every Monday Wednesday Friday at 10:00 to standup", "standup", "2027-03-12T10:00:00-08:00", weekly + "MO,WE,FR;BYHOUR=10;BYMINUTE=0"),
        la.row("me to clean every 2 weeks starting next Saturday", "clean", "2027-03-13T09:00:00-08:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=9;BYMINUTE=0"),
        la.row("me to back up every 3 weeks starting 15.04.2027 at 9:00AM", "back up", "2027-04-15T09:00:00-07:00", "FREQ=WEEKLY;INTERVAL=3;BYDAY=TH;BYHOUR=9;BYMINUTE=0"),
        la.row("me on 04/01/2027 12:30 to pay rent", "pay rent", "2027-04-01T12:30:00-07:00"),
        la.row("me to deploy 2027-12-08 11:00", "deploy", "2027-12-08T11:00:00-08:00"),
        la.row("me to rotate keys every Monday at 09:00 UTC", "rotate keys", "2027-03-15T09:00:00+00:00", weekly + "MO;BYHOUR=9;BYMINUTE=0"),
        la.row("me to stretch in 15 minutes", "stretch", "2027-03-10T17:00:00-08:00"),
        la.row("me to call mom tomorrow", "call mom", "2027-03-11T09:00:00-08:00"),
        la.row("me to file taxes on Tuesday", "file taxes", "2027-03-16T09:00:00-07:00"),
        la.row("me to plan the sprint next week", "plan the sprint", "2027-03-15T09:00:00-07:00"),
        la.row("me on June 1st to wish Linda happy birthday", "wish Linda happy birthday", "2027-06-01T09:00:00-07:00"),
        la.row("me to X on 12/08/2027 at 11:00", "X", "2027-12-08T11:00:00-08:00"),
        la.row("me to drink water at 3pm every day", "drink water", "2027-03-11T15:00:00-08:00", "FREQ=DAILY;BYHOUR=15;BYMINUTE=0"),
        la.row("me to drink a beer at 5pm on Fridays", "drink a beer", "2027-03-12T17:00:00-08:00", weekly + "FR;BYHOUR=17;BYMINUTE=0"),
        la.row("@jessica about the interview in 3 hours", "the interview", "2027-03-10T19:45:00-08:00"),
        la.row("@peter tomorrow \"Please review the office seating plan\"", "Please review the office seating plan", "2027-03-11T09:00:00-08:00"),
        la.row("me to X at 10:45 am tomorrow", "X", "2027-03-11T10:45:00-08:00"),
        la.row("me to check email every weekday at 8:50am", "check email", "2027-03-11T08:50:00-08:00", weekly + "MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=50"),
        la.refused("me to X 1798000000", .bareNumber("1798000000")),
        la.refused("me to X 20", .bareNumber("20")),
    ]

    static let europe: [ContextRow] = [
        berlin.row("me to X at 10:45AM", "X", "2027-06-12T10:45:00+02:00"),
        berlin.row("me to X 09:00", "X", "2027-06-12T09:00:00+02:00"),
        berlin.row("me to X at 8", "X", "2027-06-12T20:00:00+02:00"),
        berlin24.row("me to X at 8", "X", "2027-06-13T08:00:00+02:00"),
        berlin.row("me to X tomorrow", "X", "2027-06-13T09:00:00+02:00"),
        berlin.row("me to X on Tuesday", "X", "2027-06-15T09:00:00+02:00"),
        berlin.row("me to X next week", "X", "2027-06-14T09:00:00+02:00"),
        berlin.row("me to X on June 1st", "X", "2028-06-01T09:00:00+02:00"),
        berlin.row("me to X on 12/06/2027 12:30", "X", "2027-12-06T12:30:00+01:00"),
        berlin.row("me to X 12.06.2027 14:00", "X", "2027-06-12T14:00:00+02:00"),
        berlin.row("me to X every 2 weeks starting 19.06.2027 at 9:00AM", "X", "2027-06-19T09:00:00+02:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=9;BYMINUTE=0"),
        berlin24.row("me to X every Monday Wednesday Friday at 10:00", "X", "2027-06-14T10:00:00+02:00", weekly + "MO,WE,FR;BYHOUR=10;BYMINUTE=0"),
        berlin24.row("me to X every day at 5", "X", "2027-06-13T05:00:00+02:00", "FREQ=DAILY;BYHOUR=5;BYMINUTE=0"),
        berlin.row("me to X every day at 5", "X", "2027-06-12T17:00:00+02:00", "FREQ=DAILY;BYHOUR=17;BYMINUTE=0"),
        berlin.row("me to X tonight at 11", "X", "2027-06-12T23:00:00+02:00"),
        berlin.row("me to read 1984 tomorrow", "read 1984", "2027-06-13T09:00:00+02:00"),
        berlin.row("me to buy 2 tickets for the 7pm show tomorrow", "buy 2 tickets for the 7pm show", "2027-06-13T09:00:00+02:00"),
        berlin.row("me to X in 1 min", "X", "2027-06-12T08:01:00+02:00"),
        berlin.row("me to X every Monday at 09:00 UTC", "X", "2027-06-14T09:00:00+00:00", weekly + "MO;BYHOUR=9;BYMINUTE=0"),
        berlin.row("me to call the bank at 10.45", "call the bank", "2027-06-12T10:45:00+02:00"),
        berlin.row("me and @ana, @ben to X at 17:30", "X", "2027-06-12T17:30:00+02:00"),
        london.row("me to X every day until friday at 5pm", "X", "2027-10-31T17:00:00+00:00", "FREQ=DAILY;BYHOUR=17;BYMINUTE=0;UNTIL=20271105T235959Z"),
        london.row("me to X every hour until 2pm", "X", "2027-10-31T10:15:00+00:00", "FREQ=HOURLY;UNTIL=20271031T140000Z"),
        london.row("me to X every week starting in december", "X", "2027-12-01T09:00:00+00:00", weekly + "WE;BYHOUR=9;BYMINUTE=0"),
        london.row("me to X every weekday starting 2028", "X", "2028-01-03T09:00:00+00:00", weekly + "MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0"),
        london.row("me to X tomorrow at 9:00 AM", "X", "2027-11-01T09:00:00+00:00"),
        london.row("me to X on Tuesday", "X", "2027-11-02T09:00:00+00:00"),
        london.row("me to X next week", "X", "2027-11-01T09:00:00+00:00"),
        london.row("me to X in 15 minutes", "X", "2027-10-31T09:30:00+00:00"),
        london.row("me to X 2027-12-08 11:00", "X", "2027-12-08T11:00:00+00:00"),
        london.row("me to X every 2 weeks starting next Saturday", "X", "2027-11-06T09:00:00+00:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;BYHOUR=9;BYMINUTE=0"),
        london.row("@ana and me to X at 10:45AM", "X", "2027-10-31T10:45:00+00:00"),
    ]

    static let newYearAndMonday: [ContextRow] = [
        tokyo.row("me to X tomorrow", "X", "2027-01-01T09:00:00+09:00"),
        tokyo.row("me to X in 15 minutes", "X", "2026-12-31T23:45:00+09:00"),
        tokyo.row("me to X in 45 minutes", "X", "2027-01-01T00:15:00+09:00"),
        tokyo.row("me to X next week", "X", "2027-01-04T09:00:00+09:00"),
        tokyo.row("me to X on Tuesday", "X", "2027-01-05T09:00:00+09:00"),
        tokyo.row("me to X on June 1st", "X", "2027-06-01T09:00:00+09:00"),
        tokyo.row("me to X on 01/04/2027 12:30", "X", "2027-01-04T12:30:00+09:00"),
        tokyo.row("me to X at 10:45AM", "X", "2027-01-01T10:45:00+09:00"),
        tokyo.row("me to X every Monday at 09:00 UTC", "X", "2027-01-04T09:00:00+00:00", weekly + "MO;BYHOUR=9;BYMINUTE=0"),
        tokyo.row("me to X 2027-01-01 00:00", "X", "2027-01-01T00:00:00+09:00"),
        tokyo.row("me to X at midnight", "X", "2027-01-01T00:00:00+09:00"),
        tokyo.refused("me to X today at 11pm", .pastTime("Thursday, December 31, 2026 at 11:00 PM")),
        ny.row("me to X on 04/01/2027 12:30", "X", "2027-04-01T12:30:00-04:00"),
        ny.row("me to X every Monday Wednesday Friday at 10:00", "X", "2026-11-25T10:00:00-05:00", weekly + "MO,WE,FR;BYHOUR=10;BYMINUTE=0"),
        ny.row("me to X every 3 weeks starting 01.12.2026 at 9:00AM", "X", "2026-12-01T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU;BYHOUR=9;BYMINUTE=0"),
        ny.row("me about 2 bugs and 3 tests at 4pm", "2 bugs and 3 tests", "2026-11-23T16:00:00-05:00"),
        ny.row("me to X at 11:59 PM", "X", "2026-11-23T23:59:00-05:00"),
        ny.row("me to X at 12:00 AM", "X", "2026-11-24T00:00:00-05:00"),
        ny.row("me to X at 12 PM", "X", "2026-11-23T12:00:00-05:00"),
        ny.row("me tomorrow to ask Sam: what time is the demo?", "ask Sam: what time is the demo?", "2026-11-24T09:00:00-05:00"),
        ny.row("me to ask why the build broke in 2 hours?", "ask why the build broke", "2026-11-23T12:00:00-05:00"),
        ny.row("#1 priority is the demo tomorrow", "#1 priority is the demo", "2026-11-24T09:00:00-05:00"),
    ]

    @Test("Los Angeles, before daylight saving", arguments: losAngeles) func losAngelesRows(_ row: ContextRow) { row.check() }
    @Test("Berlin and London", arguments: europe) func europeRows(_ row: ContextRow) { row.check() }
    @Test("Tokyo at new year, New York on Monday", arguments: newYearAndMonday) func otherRows(_ row: ContextRow) { row.check() }

    @Test("Slack's #channel names the channel; @ and me lists keep every recipient")
    func recipients() throws {
        let channel = try PhraseFixtures.parse("#team-alpha to update the status every Monday at 9am").get()
        #expect(channel.targets == [.channel("team-alpha")])
        let people = try PhraseFixtures.parse("me and @ana, @ben to X at 17:30").get()
        #expect(people.targets == [.me, .user("ana"), .user("ben")])
        let hashtag = try PhraseFixtures.parse("#1 priority is the demo tomorrow").get()
        #expect(hashtag.targets == [.me])
    }
}
