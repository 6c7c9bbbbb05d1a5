import Foundation

/// What `/remind help` shows: the grammar in short, with examples that work (Mattermost markdown).
public enum HelpText {
    public static let markdown = """
    #### /remind — reminders for you, other people and channels
    `/remind [who] [what] [when]` — the *when* may also come before the message.

    **Who**: `me` (default), one or more `@user` (`@ana @ben`, `@ana, @ben`, `me and @ana`), or `~channel` \
    (`#channel` works too). \
    `@all`, `@here` and `@channel` are not allowed.
    **What**: the rest of the text; a leading `to` or `about` is dropped, and so is a `for`, `by` or `at` \
    left just before the time (`set alarm for 7:30 tomorrow` → "set alarm"). With the time first, a message \
    ending in `?` is a question and is kept whole (`every weekday at 4pm to What did you learn today?`). Put it in quotes \
    (`"…"` or `“…”`) when it contains time words: `/remind me "meeting starts in 15 minutes" at 10:45am`. \
    Quotes inside the message stay in it (`to tell Ana "hi" tomorrow`); so do hashtags after a target \
    (`~dev #release tag the build tomorrow`), links, `code` and emoji. `friday @ 3pm` is `friday at 3pm`. \
    Up to 4,000 characters.

    **When, once**
    - In a while: `in 10 minutes`, `in an hour`, `in half an hour`, `in 1.5 hours`, `in 1h30m`, \
    `2 hours from now`, `in 3 days`, `in a fortnight`, `in a month`. Units: `s sec min m h hr d day w wk fortnight mo month y yr`; \
    `m` is minutes. \
    Days, weeks, months and years keep the wall-clock time; minutes and hours are elapsed time. \
    Also `after 3 days`, `3 days from today` (from now), `now + 45 minutes`, `today in two hours`, `in 2 1/2 hours`, `in 3.5 hours`, `in 1,5 hours`. \
    A hedge is dropped: `in about two hours`, `in around 20 minutes`, `in roughly 10 min`, `in an hour or so`; \
    fractions: `in quarter of an hour`, `in three quarters of an hour`, `in a half hour`, `in an hour and a quarter`.
    - Counted from a day (09:00 unless a time is given): `2 days after next fri`, `2 days before christmas`, \
    `a week from tomorrow`, `the day after the day after tomorrow`, `the day before friday`, `the monday after next thu`, \
    `the tuesday after next` (a week after next Tuesday), `next year` (January 1), \
    `the week after next` (its Monday), `the fortnight after next` (two weeks after next week's Monday), \
    `the month after next` (the 1st), `the year after next` (January 1).
    - At a time: `at 5pm`, `at 5:30pm`, `at 17:45`, `at 1730`, `at noon`, `at midnight`, `at 9 o'clock`, \
    `half past 3pm`, `a quarter to noon`, `at 3 in the afternoon`, `at 8 in the evening`, `first thing tomorrow` (09:00). `at 7` (no am/pm) is the next of 7:00 and 19:00 — \
    or 7:00 if your display setting is the 24-hour clock; `09:00` with a leading zero is always 09:00. \
    With a day other than today, an hour without am/pm means 1–6 pm, 7–11 am, 12 noon: `tomorrow at 8` is 08:00, \
    and the confirmation says so with a button for the other reading (`8:00 PM instead`), \
    `friday at 5` is 17:00, `next monday at 3:30` is 15:30; `tonight at 9`, `this evening at 7`, \
    `tomorrow morning at 8` follow the part of the day. With the night, 12 and 1–4 are after midnight: \
    `tonight at 3` is 03:00 tomorrow, `tonight at 11` is 23:00. An hour before a part of the day: `10 tonight`, \
    `nine tonight`, `7 tomorrow morning`, `6 tomorrow evening` (only hours that fit it, and not after a noun that \
    counts: `read chapter 5 tonight`, `watch episode 9 tonight` keep their numbers); `every night at 2` is 02:00; `12 noon`, `12 midnight`, `by noon`.
    - In words: `at ten fifteen p m`, `half past seven in the evening`, `a quarter after 4`, `twenty to ten`, \
    `nine oh five`, `eleven forty-five`, British `at half seven` (7:30).
    - Shorthand: `16h`, `9h45`, `18h05` (24-hour), `at 0815`, `0815`, `415 p.m.`, `11.40` (a dot for the colon). Next to a day no \
    `at` is needed: `tomorrow 19`, `friday 8`, `tomorrow 11.40`, `745 tomorrow`, `1730 friday` (three digits \
    are H:MM with :15, :30 or :45, four with minutes a multiple of 5, so `call 911 tomorrow` and `room 405 friday` \
    keep their numbers). `at 20 mar` is a date.
    - On a day: `today at 4pm` (today needs a time), `tomorrow`, `tomorrow morning`, `day after tomorrow`, \
    `tonight` (21:00), `this afternoon` (15:00), `this evening` (18:00), `on friday`, `next friday` (not this week's), \
    `next week` (Monday), `tuesday next week` (that day of next week), `next month` (the 1st), `end of month` (17:00), `end of day` (17:00), `June 1st`, `1 june 2027`, \
    `on the 15th`, `the 15th of next month`, `the first monday of next month`, `the last friday of june`, \
    `this weekend` / `on the weekend` (Saturday), `end of week` (Friday 17:00), `end of next week`, `end of next month`, `eod`, \
    `6/1` or `6-1` (month/day; `7-4-27`, `11-3-2027` with a year), `1.6.` (day.month.), `2027-06-01 13:55`, `2027-06-01T13:55Z`, `Monday, November 30` (the date decides).
    - Holidays, in your zone: `christmas` (`xmas`), `christmas eve`, `boxing day`, `new year's day`, `new year's eve`, \
    `valentine's day`, `halloween`, `independence day`, `thanksgiving` (4th Thursday of November), `easter`, \
    `good friday`, `easter monday`, `mother's day` and `father's day` (US: 2nd Sunday of May, 3rd of June); \
    `every year on halloween at 6pm`, `every thanksgiving`, `the day after thanksgiving`. Easter cannot repeat.
    - `remind me to …` pasted whole works too: a leading `remind` before *who* is ignored.
    - Day and month names one slip away are read where a date is expected: `on tuseday`, `every thrusday`, \
    `next fridya`, `febuary 3`, `the first mondy of next month`; elsewhere they stay in the message (`call Fridya`).
    - A day without a time means 09:00; a time without a day means the next such time. `tomorrow at midnight` is the \
    midnight at the end of tomorrow.
    - Time zones: `at 9am UTC`, `at 9:00 Europe/Berlin`, `at 3pm PT`, `at 8am +02:00` (also ET, CT, MT, CET, CEST, BST, JST, AEST), \
    a place: `9am London time`, `at 9 in Berlin`, `at 10am in San Francisco`, `at noon Pacific time`, `at 4pm eastern` \
    (the reminder keeps that zone; an hour without am/pm there is read as written). `IST` names several zones: \
    I ask for the zone's name. Otherwise your Mattermost time zone.

    **When, repeating**
    - `every day`, `daily`, `every morning` / `evening` / `night`, `every other day`, `every 3 days`, \
    `every 2nd day`, `every second week`, `every third month` (an ordinal before a unit is a step: \
    `every second tuesday` is still the 2nd Tuesday of the month), `every fortnight` / `fortnightly` (2 weeks)
    - Frequency words: `once a week on friday`, `once a year on march 3rd`, `once daily`, `once every two weeks`, \
    `repeat weekly`, `repeating every monday`, `every 2 hours, 30 minutes` (one step of 2½ hours). \
    `twice a month`, `three times a week` say neither the times nor the days: I ask for them.
    - `every weekday`, `every work day`, `on weekdays`, `every weekend`, `every monday`, `mondays`, `every mon, wed and fri`, `every mon-fri`, \
    `every tuesday and thursday`, `mondays and thursdays`, `every other friday`, `every 2 weeks on monday`, `weekly`. \
    `monday and thursday` without `every` could mean once or every week: I ask you to say which
    - Ranges repeat on every day from the first to the last: `monday to thursday`, `tue thru thu`, `mon - fri`, \
    `from monday to friday`, `fridays through mondays` (round the weekend), `every wed-fri`; `until friday` \
    is the end of a series
    - Leaving days out: `every weekday except friday`, `every day except sunday`, `daily excluding weekends`, \
    `every day but not saturdays and sundays` — only days of the week, and only from a repeat on days of the week
    - `every month on the 15th`, `every 15th`, `on the 1st of every month`, `every month on the 1st and 15th`, \
    `every last day of the month`, `every quarter` (every 3 months), `bimonthly` (every 2 months), \
    `semiannually` / `biannually` / `every half year` (every 6 months), \
    `every first monday`, `every 2nd tuesday of the month`, `every last friday`, `monthly` (on today's date)
    - Without `every`: `second and fourth tuesday of each month`, `the last thursday of every month`, \
    `1st and 3rd sunday` (two or more days of a month repeat), `the second friday of every other month` \
    (starting with the next one). Once: `first friday of the month`, `3rd to last monday of the month`, \
    `3rd mon in sep`, `second wednesday of june`, `last friday of april 2027` (`last friday` alone is the one \
    that has passed). Yearly: `every year on the last monday in may`.
    - `every year on june 1`, `every 12/25`, `yearly`, `every 3/15 and 10/15`, `every may 5 and 25` (one month or one day)
    - Days of the month: `monthly on the 21st`, `the 9th of every third month` (starting with the next one), \
    once `20th of next month`, `last day of the month after next`, `on the 12th`, `on 12`, `on twelve` (this \
    month's, else the next month that has it), `first weekday of next month`, `last working day of the month`. \
    The first or last working day cannot repeat (it moves with the weekends): I say so.
    - `every hour`, `every 2 hours`, `every 30 minutes` (at least 5 minutes; counted from now, or from a start: `every hour from 9am`)
    - Several times a day: `every weekday at 9am and 5pm` (the times must share their minutes, or their hour)
    - Limits: `… until march 1` (through that day), `… every hour until 3pm` / `… every day at 9am until friday at 5pm` \
    (up to and including that moment; a repeat without a time of its own takes that time instead: \
    `every monday until june 1 at 3pm` is Mondays at 3pm through June 1), `… 10 times`, `… 6x`, `… end repeat on june 1`, `… ending on june 1`, `… until october` / `… until the end of june` \
    (the last day of that month), `… until three fridays from now`, `… starting next monday`, `… starting in 2 weeks`, `… starting the 15th`, `… from june 1`, `… starting january` (the 1st of the \
    next January), `… from 2030` (January 1; write `20:30` for a time), `… for 2 weeks` \
    (the period starts on the day of the first reminder: `every day at 3pm for 10 days` fires ten times; \
    `for the next 3 months` starts today). One date cannot be left out (`except the last friday in june`): I say so.
    - Without a time, repeats fire at 09:00. An hour without am/pm in a repeat means 1–6 pm or 7–12 am \
    (`every day at 7` is 07:00, `every day at 5` is 17:00), the literal hour with the 24-hour clock.

    **Refused, with a reason**: times that have passed (`yesterday`, `last monday`, `on 1/5/2020`), clock times \
    that do not exist (`at 25:00`, `at 13pm`), dates that do not exist (`Feb 30`), `in 0 minutes`, `every 0 days`, \
    repeats faster than every 5 minutes, unknown offsets (`UTC+25`), `IST` (ambiguous), and one-off reminders with \
    several times (`tomorrow at 9am and 5pm`), a bare number (`20`: seconds? minutes? a timestamp?), a count per \
    period (`twice a day`: say the times, `every day at 9am and 5pm`), words after `every` that are not a repeat \
    (`every blue moon`).

    **Examples**
    - `/remind me to stretch in 10 minutes`
    - `/remind @sam to review the PR tomorrow at 9am`
    - `/remind ~town-square "eat cake" every friday at 3pm`
    - `/remind me at 8:30am every weekday to check email`
    - `/remind me to pay rent on the 1st of every month`

    **About a thread**: in a thread's reply box, `/remind me about this thread tomorrow at 9` (also `this`, \
    `this message`, `this post`) links the reminder to the thread and quotes its first line. A permalink pasted \
    into any message is kept as a link: `/remind me to answer https://chat.example.com/team/pl/… at 4pm`.

    **Snooze**: the Snooze menu of a reminder (and of the list) has presets and *Other…*, a form for any one \
    time (`in 45 minutes`, `friday 2pm`); `/remind snooze 12 in 45 minutes` does the same for reminder #12 (the \
    numbers are in `/remind list`).
    **As a team**: end with `as a team` (or `as a group`) to make one reminder for two or more people, posted in \
    this channel with a Complete button each and a tally ("2 of 3 done: @ana ✓ @ben ✓"); nags name only who is \
    not done, and you get a summary when all are done or when the next one comes: \
    `/remind @ana @ben @sam to submit timesheets every friday at 4pm as a team`; `~ops … as a team` makes \
    ~ops's people (up to 50, bots left out) the team, posted in ~ops.
    **Nag until done**: end with `and nag every 30 minutes` (also `nag me every hour until done`, `keep reminding \
    me every 2 hours`, `repeat every hour until done`): after it fires it comes again at that interval, at least \
    every 5 minutes and at most 24 times, until someone presses Complete (which ends the nags, not a repeat). \
    Nights (21:00–08:00 in the recipient's time zone) are skipped unless you add `day and night`. The post says \
    when it reminds again: `/remind me to take the pills at 9am and nag every 30 minutes`.
    **Skip and edit**: a repeating reminder's post and its list entry have *Skip next* (the list shows the time \
    after it); *Edit…* opens a form with the message, the recipient and the *when*, saved in place (same \
    reminder, same history). Leave *When* as it is to keep the schedule; a new one counts from now.

    `/remind list` shows your reminders; `/remind history` (or the list's *History* button) what fired lately (on time \
    or late, who completed, snoozed or skipped it); `/remind calendar` gives you a private calendar feed (ICS) to subscribe to in Google \
    Calendar, Outlook or Thunderbird, `/remind calendar reset` a new one (the old stops working); `/remind` \
    alone opens a form; `/remind version` tells the version.
    """
}
