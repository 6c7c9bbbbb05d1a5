import Foundation

/// "Did you mean 4:00 AM?": moving one-off reminders that have not fired yet to the other reading of
/// their time.
extension ReminderStore {
    /// Moves the one-offs `reminderIDs`, created by `creatorID`, to `fireAt`, all or none: every one must
    /// be that creator's, still active, not repeating and not fired yet (else `notCreatedBy` or
    /// `reminderNotActive`, with nothing changed). Returns them as they now are.
    public func moveUnfired(
        reminderIDs: [Int64], createdBy creatorID: String, to fireAt: Date, at now: Date
    ) async throws -> [ReminderRecord] {
        try await write(announcing: true) { database in
            var moved: [ReminderRecord] = []
            for id in reminderIDs {
                guard let reminder = try Self.fetchReminder(id, in: database), reminder.creatorID == creatorID else {
                    throw ReminderStoreError.notCreatedBy(reminderID: id, userID: creatorID)
                }
                guard reminder.state == .active, !reminder.isRecurring, reminder.firedCount == 0 else {
                    throw ReminderStoreError.reminderNotActive(id: id, state: reminder.state)
                }
                try database.execute(
                    "UPDATE reminders SET next_fire_at_ms = ?, snoozed_until_ms = NULL, updated_at_ms = ? WHERE id = ?",
                    [.integer(fireAt.millisecondsSince1970), .integer(now.millisecondsSince1970), .integer(id)])
                moved.append(try Self.requireReminder(id, in: database))
            }
            return moved
        }
    }
}
