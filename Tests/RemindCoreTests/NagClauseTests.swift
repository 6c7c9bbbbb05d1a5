import Foundation
import RemindCore
import Testing

@Suite("Nag until done")
struct NagClauseTests {
    @Test("the nag clause is split off the end of the phrase", arguments: [
        ("me to take the pills at 9am and nag every 30 minutes", "me to take the pills at 9am", 1_800.0, false),
        ("me to call the bank tomorrow, nag me every hour until done", "me to call the bank tomorrow", 3_600, false),
        ("me to water plants every day at 8 repeat every 2 hours until done", "me to water plants every day at 8", 7_200, false),
        ("@ana to ship it in 1 hour and keep reminding her every 45 min day and night", "@ana to ship it in 1 hour", 2_700, true),
        ("me to stretch in 5 minutes and nag every 5m around the clock.", "me to stretch in 5 minutes", 300, true),
        ("me to drink water at noon and nag every hour even at night", "me to drink water at noon", 3_600, true),
    ] as [(String, String, Double, Bool)])
    func split(_ text: String, _ phrase: String, _ interval: Double, _ allDay: Bool) throws {
        let (rest, nag) = NagClause.split(text)
        #expect(rest == phrase)
        #expect(try nag?.get() == NagRequest(interval: interval, allDay: allDay))
    }

    @Test("phrases without a nag clause are left alone", arguments: [
        "me to stand up every hour", "me to water plants repeat every 2 hours", "me to nag Ben about the invoice tomorrow",
        "me to check the nag screen every hour",
    ])
    func noClause(_ text: String) {
        let (rest, nag) = NagClause.split(text)
        #expect(rest == text && nag == nil)
    }

    @Test("too often or too rarely is refused with an example")
    func outOfRange() {
        #expect(NagClause.split("me to x in 1 hour and nag every 2 minutes").nag == .failure(NagRefusal(interval: 120)))
        #expect(NagClause.split("me to x in 1 hour and nag every 13 hours").nag == .failure(NagRefusal(interval: 46_800)))
        #expect(NagRefusal(interval: 120).message.contains("`/remind me to take the pills at 9am and nag every 30 minutes`"))
    }

    @Test("as a team, before or after a nag clause", arguments: [
        ("@ana @ben to submit timesheets every friday at 4pm as a team", "@ana @ben to submit timesheets every friday at 4pm", false),
        ("@ana @ben to ship it at 5pm as a team and nag every hour", "@ana @ben to ship it at 5pm", true),
        ("@ana @ben to ship it at 5pm and nag every hour, as a group.", "@ana @ben to ship it at 5pm", true),
    ] as [(String, String, Bool)])
    func team(_ text: String, _ phrase: String, _ nags: Bool) {
        let split = TrailingClauses.split(text)
        #expect(split.phrase == phrase && split.isTeam && (split.nag != nil) == nags)
        #expect(!TrailingClauses.split("me to meet the team at 5pm").isTeam)
    }

    let berlin = TimeZone(identifier: "Europe/Berlin")!

    func local(_ text: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = berlin
        let parts = text.split(whereSeparator: { "- :".contains($0) }).compactMap { Int($0) }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))!
    }

    @Test("nags come every interval, skip the quiet hours in the recipient's zone, stop at 24 and before the next firing")
    func plan() {
        let plan = NagPlan(interval: 1_800, allDay: false, zone: berlin)
        #expect(plan.next(after: local("2026-12-03 10:00"), sent: 0, nextFire: nil) == local("2026-12-03 10:30"))
        #expect(plan.next(after: local("2026-12-03 20:45"), sent: 3, nextFire: nil) == local("2026-12-04 08:00"), "21:15 is quiet")
        #expect(plan.next(after: local("2026-12-04 02:00"), sent: 3, nextFire: nil) == local("2026-12-04 08:00"))
        #expect(plan.next(after: local("2026-12-03 07:40"), sent: 0, nextFire: nil) == local("2026-12-03 08:10"))
        #expect(plan.next(after: local("2026-12-03 10:00"), sent: NagPlan.maxNags, nextFire: nil) == nil)
        #expect(plan.next(after: local("2026-12-03 10:00"), sent: 0, nextFire: local("2026-12-03 10:30")) == nil)
        let allDay = NagPlan(interval: 1_800, allDay: true, zone: berlin)
        #expect(allDay.next(after: local("2026-12-03 20:45"), sent: 0, nextFire: nil) == local("2026-12-03 21:15"))
    }
}
