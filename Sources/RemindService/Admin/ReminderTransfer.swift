import Foundation
import RemindStore

/// `remindd export` and `remindd import`: moving active reminders between instances as a JSON
/// `ReminderArchive`, or publishing them as an iCalendar file.
public enum ReminderTransfer {
    /// What an export writes.
    public enum Format: String, Sendable, CaseIterable {
        /// A `ReminderArchive` that `remindd import` reads.
        case json
        /// An RFC 5545 VCALENDAR, one VEVENT per reminder (read-only: for calendars, not for import).
        case ics
    }

    /// What an import did.
    public struct ImportSummary: Sendable, Equatable {
        /// Reminders in the file.
        public var inFile: Int
        /// Inserted as new reminders.
        public var imported: Int
        /// Skipped because an identical reminder is already stored (same creator, team, target,
        /// message, phrase, zone, rule, recurrence start and creation time).
        public var skippedDuplicates: Int

        /// A summary of counts.
        public init(inFile: Int, imported: Int, skippedDuplicates: Int) {
            self.inFile = inFile
            self.imported = imported
            self.skippedDuplicates = skippedDuplicates
        }

        /// "3 reminders in the file: 2 imported, 1 skipped (already present)".
        public var description: String {
            "\(inFile) reminder\(inFile == 1 ? "" : "s") in the file: \(imported) imported, \(skippedDuplicates) skipped (already present)"
        }
    }

    /// The active reminders (all, or `userID`'s: created by or addressed to them) in `format`,
    /// stamped with `now`.
    public static func export(from store: ReminderStore, format: Format, userID: String? = nil, now: Date) async throws -> Data {
        let records = try await store.activeReminders(forUser: userID)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(ReminderArchive(records: records, exportedAt: now))
            data.append(0x0A)
            return data
        case .ics:
            return Data(ICalendarWriter.calendar(for: records, stampedAt: now).utf8)
        }
    }

    /// Reads a JSON archive and imports every reminder in it, skipping duplicates. A malformed file
    /// or entry imports nothing.
    public static func importArchive(_ data: Data, into store: ReminderStore) async throws -> ImportSummary {
        let archive: ReminderArchive
        do {
            archive = try JSONDecoder().decode(ReminderArchive.self, from: data)
        } catch {
            throw ArchiveError.unreadable(String(describing: error))
        }
        guard archive.format == ReminderArchive.formatName else {
            throw ArchiveError.unreadable("format is \(archive.format), expected \(ReminderArchive.formatName)")
        }
        guard archive.version <= ReminderArchive.currentVersion else {
            throw ArchiveError.unsupportedVersion(archive.version)
        }
        var records: [ReminderRecord] = []
        for entry in archive.reminders { records.append(try entry.record()) }
        let result = try await store.importReminders(records)
        return ImportSummary(inFile: records.count, imported: result.imported.count, skippedDuplicates: result.skipped.count)
    }
}
