import Foundation
import Testing
@testable import RemindStore

@Suite("ReminderStore: listings and their indexes")
struct ListingIndexTests {
    let directory: TemporaryDirectory
    let store: ReminderStore

    init() throws {
        directory = try TemporaryDirectory()
        store = try ReminderStore(path: directory.path("remind.sqlite"), now: t0)
    }

    @Test("listings find reminders to oneself, to others and to channels (the target index skips self-reminders)")
    func listingsWithPartialTargetIndex() async throws {
        let created = try await store.create([
            newReminder(creator: "u-a", target: "u-a", message: "a to a"),
            newReminder(creator: "u-b", target: "u-a", message: "b to a"),
            newReminder(creator: "u-a", target: "u-b", message: "a to b"),
            newReminder(creator: "u-a", target: "c-town", kind: .channel, message: "a to town"),
            newReminder(creator: "u-b", target: "u-b", message: "b to b"),
        ], at: t0)
        #expect(created.count == 5)
        let messages = { (page: ReminderPage) in Set(page.reminders.map(\.message)) }
        #expect(messages(try await store.reminders(forUser: "u-a", limit: 10)) == ["a to a", "b to a", "a to b", "a to town"])
        #expect(messages(try await store.reminders(forUser: "u-b", limit: 10)) == ["b to a", "a to b", "b to b"])
        #expect(messages(try await store.reminders(forChannel: "c-town", limit: 10)) == ["a to town"])
        #expect(messages(try await store.reminders(forChannel: "u-a", limit: 10)).isEmpty, "a user is not a channel")
        #expect(Set(try await store.activeReminders(forUser: "u-b").map(\.message)) == ["b to a", "a to b", "b to b"])
    }

    @Test("a team reminder is in every member's list and history, not in others'", arguments: StoreBackend.all)
    func teamMembersSeeTheirReminder(_ backend: StoreBackend) async throws {
        let store = try await backend.makeStore(in: directory)
        var team = newReminder(creator: "u-a", target: "c-town", kind: .channel, message: "timesheets")
        team.team = [TeamPerson(id: "u-b", username: "ben"), TeamPerson(id: "u-c", username: "cy")]
        let created = try await store.create([team, newReminder(creator: "u-a", target: "u-a", message: "own")], at: t0)
        #expect(try await store.reminders(forUser: "u-c", limit: 10).reminders.map(\.message) == ["timesheets"])
        #expect(try await store.reminders(forUser: "u-b", limit: 10).total == 1)
        #expect(try await store.reminders(forUser: "u-a", limit: 10).total == 2, "the creator's, once")
        #expect(try await store.reminders(forUser: "u-d", limit: 10).total == 0)
        #expect(try await store.activeReminders(forUser: "u-c").map(\.id) == [created[0].id], "the calendar feed's query too")
    }

    @Test("user and channel listings search indexes, never scan the table",
          arguments: [ReminderStore.createdByOrAddressedToUser, ReminderStore.addressedToChannel])
    func listingsUseIndexes(condition: String) throws {
        let database = try Database(path: store.path)
        let plan = try database.rows(
            "EXPLAIN QUERY PLAN SELECT id FROM reminders WHERE \(condition) AND state IN ('active', ?2)",
            [.text("u-a"), .text("active")]
        ).map { try $0.string(3) }
        #expect(!plan.isEmpty)
        #expect(plan.allSatisfy { !$0.hasPrefix("SCAN") }, "plan: \(plan)")
        #expect(plan.contains { $0.contains("USING INDEX") }, "plan: \(plan)")
    }

    @Test("the schema keeps only the indexes queries use")
    func indexes() throws {
        let database = try Database(path: store.path)
        let names = try database.rows(
            "SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'reminders' AND sql IS NOT NULL ORDER BY name"
        ).map { try $0.string(0) }
        #expect(names == ["reminders_by_creator", "reminders_for_others", "reminders_next_fire", "reminders_snoozed_until"])
    }
}
