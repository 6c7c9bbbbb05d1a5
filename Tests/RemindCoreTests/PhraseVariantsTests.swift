import Foundation
import Testing
@testable import RemindCore

/// Phrases a person could plausibly type for every row of GRAMMAR.md, in other words, orders, spellings and
/// capitalisations than the corpus, with the expected message, first instant and RRULE worked out by hand
/// from GRAMMAR.md. "Now" is the corpus's usual Monday 2026-11-23 10:00 in New York.
@Suite("Phrase variants")
struct PhraseVariantsTests {
    struct Row: Sendable, CustomStringConvertible {
        var text: String
        var message: String
        var first: String
        var rrule: String?
        init(_ text: String, _ message: String, _ first: String, _ rrule: String? = nil) {
            self.text = text
            self.message = message
            self.first = first
            self.rrule = rrule
        }
        var description: String { text }
    }

    static let relative: [Row] = [
        Row("me to X in 30 secs", "X", "2026-11-23T10:00:30-05:00"),
        Row("me to X in 45sec", "X", "2026-11-23T10:00:45-05:00"),
        Row("me to X in 10 s", "X", "2026-11-23T10:00:10-05:00"),
        Row("me to X in 5 mins", "X", "2026-11-23T10:05:00-05:00"),
        Row("me to X in 5m", "X", "2026-11-23T10:05:00-05:00"),
        Row("me to X in 10min", "X", "2026-11-23T10:10:00-05:00"),
        Row("me to X in 1 minute", "X", "2026-11-23T10:01:00-05:00"),
        Row("me to X in 2 hr", "X", "2026-11-23T12:00:00-05:00"),
        Row("me to X in 2hrs", "X", "2026-11-23T12:00:00-05:00"),
        Row("me to X in 1 h", "X", "2026-11-23T11:00:00-05:00"),
        Row("me to X in 3 d", "X", "2026-11-26T10:00:00-05:00"),
        Row("me to X in 3d", "X", "2026-11-26T10:00:00-05:00"),
        Row("me to X in 2 wk", "X", "2026-12-07T10:00:00-05:00"),
        Row("me to X in 2 wks", "X", "2026-12-07T10:00:00-05:00"),
        Row("me to X in 3w", "X", "2026-12-14T10:00:00-05:00"),
        Row("me to X in 3 mo", "X", "2027-02-23T10:00:00-05:00"),
        Row("me to X in 2mo", "X", "2027-01-23T10:00:00-05:00"),
        Row("me to X in 2 yrs", "X", "2028-11-23T10:00:00-05:00"),
        Row("me to X in 1yr", "X", "2027-11-23T10:00:00-05:00"),
        Row("me to X in 1 y", "X", "2027-11-23T10:00:00-05:00"),
        Row("me to X in twenty-one minutes", "X", "2026-11-23T10:21:00-05:00"),
        Row("me to X in fifty five minutes", "X", "2026-11-23T10:55:00-05:00"),
        Row("me to X in ninety nine minutes", "X", "2026-11-23T11:39:00-05:00"),
        Row("me to X in eleven days", "X", "2026-12-04T10:00:00-05:00"),
        Row("me to X in a couple of hours", "X", "2026-11-23T12:00:00-05:00"),
        Row("me to X in a couple hours", "X", "2026-11-23T12:00:00-05:00"),
        Row("me to X in a few minutes", "X", "2026-11-23T10:03:00-05:00"),
        Row("me to X in a few days", "X", "2026-11-26T10:00:00-05:00"),
        Row("me to X in half an hour", "X", "2026-11-23T10:30:00-05:00"),
        Row("me to X in half a day", "X", "2026-11-23T22:00:00-05:00"),
        Row("me to X in two hours and thirty minutes", "X", "2026-11-23T12:30:00-05:00"),
        Row("me to X in 1 and a half hours", "X", "2026-11-23T11:30:00-05:00"),
        Row("me to X in 1 hr 30 min", "X", "2026-11-23T11:30:00-05:00"),
        Row("me to X in 2 weeks and 3 days", "X", "2026-12-10T10:00:00-05:00"),
        Row("me to X 10 minutes from now", "X", "2026-11-23T10:10:00-05:00"),
        Row("Me To X In Ten Minutes.", "X", "2026-11-23T10:10:00-05:00"),
        Row("me, to X, in ten minutes", "X", "2026-11-23T10:10:00-05:00"),
        Row("me in 1 hour to eat", "eat", "2026-11-23T11:00:00-05:00"),
        Row("me to eat in 1hr", "eat", "2026-11-23T11:00:00-05:00"),
        Row("remind me to X in 10 minutes", "X", "2026-11-23T10:10:00-05:00"),
        Row("Remind @ana to X in 10 minutes", "X", "2026-11-23T10:10:00-05:00"),
        Row("@ana, @ben about the interview in 3 hours", "the interview", "2026-11-23T13:00:00-05:00"),
    ]

    static let clock: [Row] = [
        Row("me to X at 5 PM", "X", "2026-11-23T17:00:00-05:00"),
        Row("me to X at 5PM.", "X", "2026-11-23T17:00:00-05:00"),
        Row("me to X at 5:30 p.m.", "X", "2026-11-23T17:30:00-05:00"),
        Row("me to X at 5.30pm", "X", "2026-11-23T17:30:00-05:00"),
        Row("me to X at 1730", "X", "2026-11-23T17:30:00-05:00"),
        Row("me to X at 5:30:15", "X", "2026-11-23T17:30:15-05:00"),
        Row("me to X at 9 o'clock", "X", "2026-11-23T21:00:00-05:00"),
        Row("me to X at half past 3pm", "X", "2026-11-23T15:30:00-05:00"),
        Row("me to X at half past nine", "X", "2026-11-23T21:30:00-05:00"),
        Row("me to X at quarter past 9", "X", "2026-11-23T21:15:00-05:00"),
        Row("me to X a quarter to noon", "X", "2026-11-23T11:45:00-05:00"),
        Row("me to X at ten to 5", "X", "2026-11-23T16:50:00-05:00"),
        Row("me to X at 20 past 4pm", "X", "2026-11-23T16:20:00-05:00"),
        Row("me to X at 11:30", "X", "2026-11-23T11:30:00-05:00"),
        Row("me to X at two", "X", "2026-11-23T14:00:00-05:00"),
        Row("me to X at 12am", "X", "2026-11-24T00:00:00-05:00"),
        Row("me to X at 12pm", "X", "2026-11-23T12:00:00-05:00"),
        Row("me to X at 0:30", "X", "2026-11-24T00:30:00-05:00"),
        Row("me to X at 00:00", "X", "2026-11-24T00:00:00-05:00"),
        Row("me to X at 3 in the afternoon", "X", "2026-11-23T15:00:00-05:00"),
        Row("me to X at 8 in the evening", "X", "2026-11-23T20:00:00-05:00"),
        Row("me to X around 3pm", "X", "2026-11-23T15:00:00-05:00"),
        Row("me to X by 5pm", "X", "2026-11-23T17:00:00-05:00"),
        Row("AT NOON TOMORROW to X", "X", "2026-11-24T12:00:00-05:00"),
        Row("me to X tomorrow at noon", "X", "2026-11-24T12:00:00-05:00"),
        Row("me to X tomorrow noon", "X", "2026-11-24T12:00:00-05:00"),
        Row("me to X noon on friday", "X", "2026-11-27T12:00:00-05:00"),
        Row("me to X midnight on friday", "X", "2026-11-28T00:00:00-05:00"),
        Row("me to X midnight tonight", "X", "2026-11-24T00:00:00-05:00"),
        Row("me to X tomorrow at 10.30", "X", "2026-11-24T10:30:00-05:00"),
        Row("me to X at 10.30am tomorrow", "X", "2026-11-24T10:30:00-05:00"),
        Row("me to X 9am tomorrow", "X", "2026-11-24T09:00:00-05:00"),
        Row("me bla bla tomorrow 8:00", "bla bla", "2026-11-24T08:00:00-05:00"),
    ]

    static let days: [Row] = [
        Row("me to X tomorrow evening", "X", "2026-11-24T18:00:00-05:00"),
        Row("me to X tomorrow afternoon", "X", "2026-11-24T15:00:00-05:00"),
        Row("me to X tomorrow night", "X", "2026-11-24T21:00:00-05:00"),
        Row("me to X in the morning", "X", "2026-11-24T09:00:00-05:00"),
        Row("me to X tonight", "X", "2026-11-23T21:00:00-05:00"),
        Row("me to X this evening", "X", "2026-11-23T18:00:00-05:00"),
        Row("me to X day after tomorrow", "X", "2026-11-25T09:00:00-05:00"),
        Row("me to X the day after tomorrow", "X", "2026-11-25T09:00:00-05:00"),
        Row("me to X first thing tomorrow", "X", "2026-11-24T09:00:00-05:00"),
        Row("me to X tomorrow first thing in the morning", "X", "2026-11-24T09:00:00-05:00"),
        Row("me to X this weekend", "X", "2026-11-28T09:00:00-05:00"),
        Row("me to X eod", "X", "2026-11-23T17:00:00-05:00"),
        Row("me to X end of day", "X", "2026-11-23T17:00:00-05:00"),
        Row("me to X end of week", "X", "2026-11-27T17:00:00-05:00"),
        Row("me to X end of the month", "X", "2026-11-30T17:00:00-05:00"),
        Row("me test tomorrow at 4pm", "test", "2026-11-24T16:00:00-05:00"),
        // A named day other than today: 1–6 pm, 7–11 am, 12 noon (not "the next of the two after now").
        Row("me to X on monday at 9", "X", "2026-11-30T09:00:00-05:00"),
        Row("me to call bob next monday at 3", "call bob", "2026-11-30T15:00:00-05:00"),
        Row("me to X tomorrow at 8", "X", "2026-11-24T08:00:00-05:00"),
        Row("me to X friday at 5", "X", "2026-11-27T17:00:00-05:00"),
        Row("me to X monday at 3:30", "X", "2026-11-23T15:30:00-05:00"),
        Row("me to X tomorrow at 12", "X", "2026-11-24T12:00:00-05:00"),
        Row("me to X tomorrow at 6:45", "X", "2026-11-24T18:45:00-05:00"),
        Row("me to X on the 15th at 7", "X", "2026-12-15T07:00:00-05:00"),
        Row("me to X in 2 days at 4", "X", "2026-11-25T16:00:00-05:00"),
        Row("me to X tomorrow at 09:00", "X", "2026-11-24T09:00:00-05:00"),
        Row("me to X tomorrow at 03:00", "X", "2026-11-24T03:00:00-05:00"),
        Row("me to X tonight at 9", "X", "2026-11-23T21:00:00-05:00"),
        Row("me to X tomorrow morning at 8", "X", "2026-11-24T08:00:00-05:00"),
        Row("me to X tomorrow afternoon at 3", "X", "2026-11-24T15:00:00-05:00"),
        Row("me to X this evening at 7", "X", "2026-11-23T19:00:00-05:00"),
        Row("me to X today at 3", "X", "2026-11-23T15:00:00-05:00"),
        Row("me to X today at 11", "X", "2026-11-23T11:00:00-05:00"),
        Row("me to X Monday at 9am", "X", "2026-11-30T09:00:00-05:00"),
        Row("me to X next Monday", "X", "2026-11-30T09:00:00-05:00"),
        Row("me to X next tues", "X", "2026-11-24T09:00:00-05:00"),
        Row("me to X this wed", "X", "2026-11-25T09:00:00-05:00"),
        Row("me to X thur", "X", "2026-11-26T09:00:00-05:00"),
        Row("me to X this Friday", "X", "2026-11-27T09:00:00-05:00"),
        Row("me to X coming friday", "X", "2026-11-27T09:00:00-05:00"),
        Row("me to X on fri at 5pm", "X", "2026-11-27T17:00:00-05:00"),
        Row("me to X sat at 10am", "X", "2026-11-28T10:00:00-05:00"),
        Row("me to X on sun", "X", "2026-11-29T09:00:00-05:00"),
        Row("me to X by friday", "X", "2026-11-27T09:00:00-05:00"),
        Row("me to X next week", "X", "2026-11-30T09:00:00-05:00"),
        Row("me to X next month", "X", "2026-12-01T09:00:00-05:00"),
        Row("me to X on the 15th at 2pm", "X", "2026-12-15T14:00:00-05:00"),
        Row("me to X on the first monday of next month", "X", "2026-12-07T09:00:00-05:00"),
        Row("me to X the first monday of june", "X", "2027-06-07T09:00:00-04:00"),
        Row("me to X on the last friday of next month", "X", "2026-12-25T09:00:00-05:00"),
        Row("me to X on the 15th of next month", "X", "2026-12-15T09:00:00-05:00"),
        Row("me to X on the last day of next month", "X", "2026-12-31T09:00:00-05:00"),
    ]

    static let dates: [Row] = [
        Row("me on June 1st to wish Linda happy birthday", "wish Linda happy birthday", "2027-06-01T09:00:00-04:00"),
        Row("me to X on the 1st of June", "X", "2027-06-01T09:00:00-04:00"),
        Row("me to X 1st June", "X", "2027-06-01T09:00:00-04:00"),
        Row("me to X 3 January", "X", "2027-01-03T09:00:00-05:00"),
        Row("me to X 3rd January 2027", "X", "2027-01-03T09:00:00-05:00"),
        Row("me to X the 3rd of January 2027", "X", "2027-01-03T09:00:00-05:00"),
        Row("me to X on Jan 3rd", "X", "2027-01-03T09:00:00-05:00"),
        Row("me to X on January 3, 2027", "X", "2027-01-03T09:00:00-05:00"),
        Row("me to X Jun 1 2027", "X", "2027-06-01T09:00:00-04:00"),
        Row("me to X December 15th at 3pm", "X", "2026-12-15T15:00:00-05:00"),
        Row("me to X 15th of december", "X", "2026-12-15T09:00:00-05:00"),
        Row("me to X 6/1/27", "X", "2027-06-01T09:00:00-04:00"),
        Row("me to X 6/1/2027", "X", "2027-06-01T09:00:00-04:00"),
        Row("me to X on 12/25", "X", "2026-12-25T09:00:00-05:00"),
        Row("me to X on 1.6.", "X", "2027-06-01T09:00:00-04:00"),
        Row("me to X on 25.12.", "X", "2026-12-25T09:00:00-05:00"),
        Row("me to X 1.6.2027", "X", "2027-06-01T09:00:00-04:00"),
        Row("me to X 2027-06-01 13:55", "X", "2027-06-01T13:55:00-04:00"),
        Row("me to X 2027-06-01T13:55", "X", "2027-06-01T13:55:00-04:00"),
        Row("me to X on 2027/06/01", "X", "2027-06-01T09:00:00-04:00"),
    ]

    static let zones: [Row] = [
        Row("me to X at 9am ET", "X", "2026-11-24T09:00:00-05:00"),
        Row("me to X at 9am EDT", "X", "2026-11-24T09:00:00-05:00"),
        Row("me to X at 9am CT", "X", "2026-11-24T09:00:00-06:00"),
        Row("me to X at 9am CST", "X", "2026-11-24T09:00:00-06:00"),
        Row("me to X at 9am MT", "X", "2026-11-23T09:00:00-07:00"),
        Row("me to X at 9am MST", "X", "2026-11-23T09:00:00-07:00"),
        Row("me to X at 9am PDT", "X", "2026-11-23T09:00:00-08:00"),
        Row("me to X at 3pm PT", "X", "2026-11-23T15:00:00-08:00"),
        Row("me to X at 9am CET", "X", "2026-11-24T09:00:00+01:00"),
        Row("me to X at 9am CEST", "X", "2026-11-24T09:00:00+01:00"),
        Row("me to X at 9am BST", "X", "2026-11-24T09:00:00+00:00"),
        Row("me to X at 9am JST", "X", "2026-11-24T09:00:00+09:00"),
        Row("me to X at 9am AEST", "X", "2026-11-24T09:00:00+11:00"),
        Row("me to X at 9am AEDT", "X", "2026-11-24T09:00:00+11:00"),
        Row("me to X on June 1st at 8am PST", "X", "2027-06-01T08:00:00-07:00"),
        Row("me to X at 9:00 Europe/Berlin", "X", "2026-11-24T09:00:00+01:00"),
        Row("me to X at 9am america/chicago", "X", "2026-11-24T09:00:00-06:00"),
        Row("me to X at 9am +02:00", "X", "2026-11-24T09:00:00+02:00"),
        Row("me to X at 9am -05:00", "X", "2026-11-24T09:00:00-05:00"),
        Row("me to X at 9am UTC-5", "X", "2026-11-24T09:00:00-05:00"),
        Row("me to X at 9am GMT+1", "X", "2026-11-24T09:00:00+01:00"),
        Row("me to X at 9am utc", "X", "2026-11-24T09:00:00+00:00"),
        Row("me to X tomorrow 9am z", "X", "2026-11-24T09:00:00+00:00"),
    ]

    static let recurring: [Row] = [
        Row("me to X every other day", "X", "2026-11-24T09:00:00-05:00", "FREQ=DAILY;INTERVAL=2;BYHOUR=9;BYMINUTE=0"),
        Row("me what doin everyday at 3:23am", "what doin", "2026-11-24T03:23:00-05:00", "FREQ=DAILY;BYHOUR=3;BYMINUTE=23"),
        Row("me a test at 3pm every day", "a test", "2026-11-23T15:00:00-05:00", "FREQ=DAILY;BYHOUR=15;BYMINUTE=0"),
        Row("me to X each day", "X", "2026-11-24T09:00:00-05:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0"),
        Row("me to X daily at 10", "X", "2026-11-24T10:00:00-05:00", "FREQ=DAILY;BYHOUR=10;BYMINUTE=0"),
        Row("me to X every day at 5", "X", "2026-11-23T17:00:00-05:00", "FREQ=DAILY;BYHOUR=17;BYMINUTE=0"),
        Row("me to X every day at noon", "X", "2026-11-23T12:00:00-05:00", "FREQ=DAILY;BYHOUR=12;BYMINUTE=0"),
        Row("me to X every day at midnight", "X", "2026-11-24T00:00:00-05:00", "FREQ=DAILY;BYHOUR=0;BYMINUTE=0"),
        Row("me to X every evening", "X", "2026-11-23T18:00:00-05:00", "FREQ=DAILY;BYHOUR=18;BYMINUTE=0"),
        Row("me to X every night", "X", "2026-11-23T21:00:00-05:00", "FREQ=DAILY;BYHOUR=21;BYMINUTE=0"),
        Row("me to X every workday", "X", "2026-11-24T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every weekday at 8:50am", "X", "2026-11-24T08:50:00-05:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=8;BYMINUTE=50"),
        Row("me to X every weekend", "X", "2026-11-28T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=9;BYMINUTE=0"),
        Row("me to X on Mondays", "X", "2026-11-30T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"),
        Row("me to X on wednesdays", "X", "2026-11-25T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=WE;BYHOUR=9;BYMINUTE=0"),
        Row("me to X fridays at 4pm", "X", "2026-11-27T16:00:00-05:00", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=16;BYMINUTE=0"),
        Row("me to X every Thurs", "X", "2026-11-26T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=TH;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every thur at 4", "X", "2026-11-26T16:00:00-05:00", "FREQ=WEEKLY;BYDAY=TH;BYHOUR=16;BYMINUTE=0"),
        Row("me to X every mon, wed and fri", "X", "2026-11-25T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every monday wednesday friday", "X", "2026-11-25T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO,WE,FR;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every tues & thurs", "X", "2026-11-24T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=TU,TH;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every sat and sun", "X", "2026-11-28T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=SA,SU;BYHOUR=9;BYMINUTE=0"),
        Row("me to X weekly", "X", "2026-11-24T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=TU;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every other wed", "X", "2026-11-25T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every 2 weeks on monday", "X", "2026-11-30T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every 3 weeks", "X", "2026-11-24T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=3;BYDAY=TU;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every 15th", "X", "2026-12-15T09:00:00-05:00", "FREQ=MONTHLY;BYMONTHDAY=15;BYHOUR=9;BYMINUTE=0"),
        Row("me to pay every month on the 1st and 15th", "pay", "2026-12-01T09:00:00-05:00", "FREQ=MONTHLY;BYMONTHDAY=1,15;BYHOUR=9;BYMINUTE=0"),
        Row("me to pay on the 1st and the 15th of every month", "pay", "2026-12-01T09:00:00-05:00", "FREQ=MONTHLY;BYMONTHDAY=1,15;BYHOUR=9;BYMINUTE=0"),
        Row("me to X monthly", "X", "2026-12-23T09:00:00-05:00", "FREQ=MONTHLY;BYMONTHDAY=23;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every quarter", "X", "2026-12-23T09:00:00-05:00", "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=23;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every month on the last day", "X", "2026-11-30T09:00:00-05:00", "FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=9;BYMINUTE=0"),
        Row("me to X end of every month", "X", "2026-11-30T09:00:00-05:00", "FREQ=MONTHLY;BYMONTHDAY=-1;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every 2nd sat", "X", "2026-12-12T09:00:00-05:00", "FREQ=MONTHLY;BYDAY=2SA;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every third thursday of the month", "X", "2026-12-17T09:00:00-05:00", "FREQ=MONTHLY;BYDAY=3TH;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every 4th fri", "X", "2026-11-27T09:00:00-05:00", "FREQ=MONTHLY;BYDAY=4FR;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every second to last friday of each month", "X", "2026-12-18T09:00:00-05:00", "FREQ=MONTHLY;BYDAY=-2FR;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every year on dec 25", "X", "2026-12-25T09:00:00-05:00", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every dec 25 at 8am", "X", "2026-12-25T08:00:00-05:00", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25;BYHOUR=8;BYMINUTE=0"),
        Row("me foo every 5/5 at 7", "foo", "2027-05-05T07:00:00-04:00", "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=5;BYHOUR=7;BYMINUTE=0"),
        Row("me to X annually", "X", "2027-11-23T09:00:00-05:00", "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=23;BYHOUR=9;BYMINUTE=0"),
        Row("me to X hourly", "X", "2026-11-23T11:00:00-05:00", "FREQ=HOURLY"),
        Row("me to X every six hours", "X", "2026-11-23T16:00:00-05:00", "FREQ=HOURLY;INTERVAL=6"),
        Row("me to X every 2h", "X", "2026-11-23T12:00:00-05:00", "FREQ=HOURLY;INTERVAL=2"),
        Row("me to X every 90 minutes", "X", "2026-11-23T11:30:00-05:00", "FREQ=MINUTELY;INTERVAL=90"),
        Row("me to X every 15 mins", "X", "2026-11-23T10:15:00-05:00", "FREQ=MINUTELY;INTERVAL=15"),
        Row("me to X every 45min", "X", "2026-11-23T10:45:00-05:00", "FREQ=MINUTELY;INTERVAL=45"),
        Row("me to X every monday at 09:00 UTC", "X", "2026-11-30T09:00:00+00:00", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0"),
    ]

    static let severalTimes: [Row] = [
        Row("me standup at 9am and 5pm every weekday", "standup", "2026-11-23T17:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,17;BYMINUTE=0"),
        Row("me standup every weekday at 9am and 5pm", "standup", "2026-11-23T17:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9,17;BYMINUTE=0"),
        Row("me to X every day at 9, 12 and 5", "X", "2026-11-23T12:00:00-05:00", "FREQ=DAILY;BYHOUR=9,12,17;BYMINUTE=0"),
        Row("me to X every monday at 9am and 1pm", "X", "2026-11-23T13:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9,13;BYMINUTE=0"),
        Row("me to X every day at 9:00 and 9:30", "X", "2026-11-24T09:00:00-05:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0,30"),
    ]

    static let bounds: [Row] = [
        Row("me to X every weekday at 9am until dec 31", "X", "2026-11-24T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0;UNTIL=20270101T045959Z"),
        Row("me to X on mondays at 9am until december 31", "X", "2026-11-30T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0;UNTIL=20270101T045959Z"),
        Row("me to X every day until 2027-03-01", "X", "2026-11-24T09:00:00-05:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;UNTIL=20270302T045959Z"),
        Row("me to X every day 5 times", "X", "2026-11-24T09:00:00-05:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;COUNT=5"),
        Row("me to X every friday for three times", "X", "2026-11-27T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=FR;BYHOUR=9;BYMINUTE=0;COUNT=3"),
        Row("me to X every day for 2 weeks", "X", "2026-11-24T09:00:00-05:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0;UNTIL=20261208T045959Z"),
        Row("me to X every day at 3pm for 10 days", "X", "2026-11-23T15:00:00-05:00", "FREQ=DAILY;BYHOUR=15;BYMINUTE=0;UNTIL=20261203T045959Z"),
        // `for the next …` counts from today (issue 10): two weeks from Monday end with Sunday, December 6.
        Row("me to X every weekday for the next 2 weeks", "X", "2026-11-24T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0;UNTIL=20261207T045959Z"),
        Row("me to X every 30 minutes for 2 hours", "X", "2026-11-23T10:30:00-05:00", "FREQ=MINUTELY;INTERVAL=30;UNTIL=20261123T172959Z"),
        Row("me to X every 2 weeks starting next monday", "X", "2026-11-30T09:00:00-05:00", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every weekday starting next week", "X", "2026-11-30T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every week starting dec 1", "X", "2026-12-01T09:00:00-05:00", "FREQ=WEEKLY;BYDAY=TU;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every 2 days starting 12/1", "X", "2026-12-01T09:00:00-05:00", "FREQ=DAILY;INTERVAL=2;BYHOUR=9;BYMINUTE=0"),
        Row("me to X every day from june 1", "X", "2027-06-01T09:00:00-04:00", "FREQ=DAILY;BYHOUR=9;BYMINUTE=0"),
    ]

    static let messages: [Row] = [
        Row("me to book a room for 2 hours tomorrow", "book a room for 2 hours", "2026-11-24T09:00:00-05:00"),
        Row("me to read chapter 5 at 3pm", "read chapter 5", "2026-11-23T15:00:00-05:00"),
        Row("me to discuss monday tomorrow", "discuss monday", "2026-11-24T09:00:00-05:00"),
    ]

    struct Refused: Sendable, CustomStringConvertible {
        var text: String
        var refusal: Refusal
        init(_ text: String, _ refusal: Refusal) {
            self.text = text
            self.refusal = refusal
        }
        var description: String { text }
    }

    /// Each refusal is specific: the sentence the user sees names what was wrong and shows an example.
    static let refusals: [Refused] = [
        Refused("me to X at 25:00", .noSuchTime("25:00")),
        Refused("me to X at 13pm", .noSuchTime("13pm")),
        Refused("me to X at 13 pm", .noSuchTime("13 pm")),
        Refused("me to X at 9:75", .noSuchTime("9:75")),
        Refused("me to X on 2/30", .noSuchDate("February 30")),
        Refused("me to X on Feb 30", .noSuchDate("February 30")),
        Refused("me to X every 0 days", .zeroInterval),
        Refused("me to X every 0 weeks", .zeroInterval),
        Refused("me to X in 0 minutes", .durationNotAhead("in 0 minutes")),
        Refused("me to X in -5 minutes", .durationNotAhead("in -5 minutes")),
        Refused("me to X yesterday", .pastTime("Sunday, November 22, 2026 at 9:00 AM")),
        Refused("me to X yesterday at 5pm", .pastTime("Sunday, November 22, 2026 at 5:00 PM")),
        Refused("me to X last monday", .pastTime("Monday, November 16, 2026 at 9:00 AM")),
        Refused("me to X last friday at 3pm", .pastTime("Friday, November 20, 2026 at 3:00 PM")),
        Refused("me to X on 1/5/2020", .pastTime("Sunday, January 5, 2020 at 9:00 AM")),
        Refused("me to X every 4 minutes", .intervalTooShort),
        Refused("me to X every 1 minute", .intervalTooShort),
        Refused("me to X every 30 seconds", .intervalTooShort),
        Refused("me to X tomorrow at 9 UTC+25", .unknownZone("UTC+25")),
        Refused("me to X tomorrow at 9 UTC +25", .unknownZone("UTC+25")),
        Refused("me to X at 9am +99:00", .unknownZone("+99:00")),
        Refused("me to X at 3pm IST", .ambiguousZone("ist")),
        Refused("me standup tomorrow at 9am and 5pm", .severalTimesOnce),
        Refused("me at 5pm and 6pm to X", .severalTimesOnce),
        Refused("me standup every day at 9am and 5:30pm", .severalTimesMixed),
        Refused("me to X every hour at 9am and 5pm", .severalTimesMixed),
        Refused("me to X in 10 years", .tooFarAhead),
        Refused("me to X today", .todayNeedsTime),
        Refused("me to X", .noWhen),
        Refused("@all to X at 5pm", .broadcastMention("all")),
        Refused("me to X starting tomorrow at 9am", .unreadableWhen("starting tomorrow at 9am")),
        Refused("me to X until friday", .unreadableWhen("until friday")),
        Refused("me to X at blorp o'clock", .unreadableWhen("at blorp o'clock")),
    ]

    /// Phrases whose *when* cannot be read whole: refused, never a message with half a time left in it.
    static let halfRead = [
        "me to X tomorrow and friday", "me to X in 5 minutes and in 10 minutes", "me to X at 3pm at 4pm",
        "me to X every day and every monday", "me to X from monday until friday at 5pm",
    ]

    @Test("relative", arguments: relative) func relativeRows(_ row: Row) { check(row) }
    @Test("clock", arguments: clock) func clockRows(_ row: Row) { check(row) }
    @Test("days", arguments: days) func daysRows(_ row: Row) { check(row) }
    @Test("dates", arguments: dates) func datesRows(_ row: Row) { check(row) }
    @Test("zones", arguments: zones) func zonesRows(_ row: Row) { check(row) }
    @Test("recurring", arguments: recurring) func recurringRows(_ row: Row) { check(row) }
    @Test("several times", arguments: severalTimes) func severalTimesRows(_ row: Row) { check(row) }
    @Test("bounds", arguments: bounds) func boundsRows(_ row: Row) { check(row) }
    @Test("messages that keep their time-like words", arguments: messages) func messagesRows(_ row: Row) { check(row) }

    @Test("refusals", arguments: refusals)
    func refusalRows(_ row: Refused) {
        let got = PhraseFixtures.outcome(row.text)
        #expect(got.refusal == row.refusal, "\(row.text): \(got)")
        #expect(row.refusal.message.contains("`/remind"), "the refusal shows an example that works")
    }

    @Test("a when read only in part is refused", arguments: halfRead)
    func halfReadRows(_ text: String) {
        #expect(PhraseFixtures.outcome(text).refusal != nil, "\(text)")
    }

    private func check(_ row: Row) {
        let got = PhraseFixtures.outcome(row.text)
        #expect(got == PhraseFixtures.Outcome(message: row.message, first: row.first, rrule: row.rrule), "\(row)")
    }
}
