import Foundation
import RemindCore
import RemindStore

/// The JSON file `remindd export` writes and `remindd import` reads: a format name and version and
/// every active reminder with all it needs to be recreated on another instance.
///
/// Instants are ISO 8601 in UTC with milliseconds (`2026-11-23T09:00:00.000Z`), exactly the
/// precision the database keeps, so a round trip changes nothing.
public struct ReminderArchive: Codable, Sendable, Equatable {
    /// The `format` value of every archive.
    public static let formatName = "remindd-reminders"
    /// The version this remindd writes and the newest it reads.
    public static let currentVersion = 1

    public var format: String
    public var version: Int
    /// When the export was made.
    public var exportedAt: String
    /// The reminders, by id in their source.
    public var reminders: [ArchivedReminder]

    /// An archive of `records`, made at `now`.
    public init(records: [ReminderRecord], exportedAt now: Date) {
        format = Self.formatName
        version = Self.currentVersion
        exportedAt = ArchiveTime.format(now)
        reminders = records.map(ArchivedReminder.init(record:))
    }

    enum CodingKeys: String, CodingKey {
        case format, version, reminders
        case exportedAt = "exported_at"
    }
}

/// One reminder in an archive: every column of the `reminders` row, times as ISO 8601.
public struct ArchivedReminder: Codable, Sendable, Equatable {
    /// Who it is addressed to.
    public struct Target: Codable, Sendable, Equatable {
        /// `user` or `channel`.
        public var kind: String
        /// The Mattermost user or channel id.
        public var id: String
        /// Username or channel name, for display.
        public var name: String
    }

    /// The thread a reminder is about (absent for others and in archives from before thread reminders).
    public struct Thread: Codable, Sendable, Equatable {
        public var rootID: String
        public var url: String
        public var quote: String?

        enum CodingKeys: String, CodingKey {
            case url, quote
            case rootID = "root_id"
        }
    }

    /// How a reminder nags until done (absent for others).
    public struct Nag: Codable, Sendable, Equatable {
        public var intervalSeconds: Int
        public var allDay: Bool
        public var zone: String
        /// Nags sent since the last scheduled firing.
        public var sent: Int

        enum CodingKeys: String, CodingKey {
            case zone, sent
            case intervalSeconds = "interval_seconds", allDay = "all_day"
        }
    }

    /// The id in the source instance (a new one is assigned on import).
    public var id: Int64
    /// Reminders created by one command share a group (the source id of the first).
    public var groupID: Int64
    public var creatorID: String
    public var creatorName: String
    public var teamID: String
    public var originChannelID: String
    public var target: Target
    public var message: String
    public var phrase: String
    public var timeZone: String
    public var rrule: String?
    public var recurrenceStart: String?
    public var nextFireAt: String?
    public var snoozedUntil: String?
    public var firedCount: Int
    public var snoozeCount: Int
    public var state: String
    public var createdAt: String
    public var updatedAt: String
    public var endedAt: String?
    public var lastFiredAt: String?
    public var thread: Thread?
    public var nag: Nag?
    /// The people of a team reminder, by user id and username.
    public var team: [Target]?

    /// The archive form of a stored reminder.
    public init(record: ReminderRecord) {
        id = record.id
        groupID = record.groupID
        creatorID = record.creatorID
        creatorName = record.creatorName
        teamID = record.teamID
        originChannelID = record.originChannelID
        target = Target(kind: record.targetKind.rawValue, id: record.targetID, name: record.targetName)
        message = record.message
        phrase = record.phrase
        timeZone = record.timeZone
        rrule = record.rrule
        recurrenceStart = record.recurrenceStart.map(ArchiveTime.format)
        nextFireAt = record.nextFireAt.map(ArchiveTime.format)
        snoozedUntil = record.snoozedUntil.map(ArchiveTime.format)
        firedCount = record.firedCount
        snoozeCount = record.snoozeCount
        state = record.state.rawValue
        createdAt = ArchiveTime.format(record.createdAt)
        updatedAt = ArchiveTime.format(record.updatedAt)
        endedAt = record.endedAt.map(ArchiveTime.format)
        lastFiredAt = record.lastFiredAt.map(ArchiveTime.format)
        thread = record.thread.map { Thread(rootID: $0.rootID, url: $0.url, quote: $0.quote) }
        team = record.team?.map { Target(kind: "user", id: $0.id, name: $0.username) }
        nag = record.nag.map { Nag(intervalSeconds: Int($0.interval.rounded()), allDay: $0.allDay, zone: $0.zone, sent: record.nagsSent) }
    }

    /// The stored form, or why this entry cannot be imported.
    public func record() throws(ArchiveError) -> ReminderRecord {
        guard let kind = ReminderTargetKind(rawValue: target.kind) else {
            throw .invalid(id: id, "target.kind must be user or channel, not \(target.kind)")
        }
        guard let state = ReminderState(rawValue: state) else {
            throw .invalid(id: id, "state must be active, completed or deleted, not \(self.state)")
        }
        guard TimeZone(identifier: timeZone) != nil else { throw .invalid(id: id, "unknown time zone \(timeZone)") }
        guard (rrule == nil) == (recurrenceStart == nil) else {
            throw .invalid(id: id, "rrule and recurrence_start come together")
        }
        // The same checks as a typed rule (ranges, BY… list lengths, times a day), and the stored text
        // is the parsed rule's own, with repeated values dropped.
        var storedRule: String?
        if let rrule {
            do {
                storedRule = try RecurrenceRule(rrule: rrule).rrule
            } catch {
                throw .invalid(id: id, "rrule \(rrule.prefix(80)): \(error)")
            }
        }
        func time(_ text: String?, _ field: String) throws(ArchiveError) -> Date? {
            guard let text else { return nil }
            guard let date = ArchiveTime.parse(text) else { throw .invalid(id: id, "\(field) is not an ISO 8601 time: \(text)") }
            return date
        }
        guard let created = try time(createdAt, "created_at"), let updated = try time(updatedAt, "updated_at") else {
            throw .invalid(id: id, "created_at and updated_at are required")
        }
        return ReminderRecord(
            restoringID: id, groupID: groupID, creatorID: creatorID, creatorName: creatorName, teamID: teamID,
            originChannelID: originChannelID, targetKind: kind, targetID: target.id, targetName: target.name,
            message: message, phrase: phrase, timeZone: timeZone, rrule: storedRule,
            recurrenceStart: try time(recurrenceStart, "recurrence_start"),
            nextFireAt: try time(nextFireAt, "next_fire_at"), snoozedUntil: try time(snoozedUntil, "snoozed_until"),
            firedCount: firedCount, snoozeCount: snoozeCount, state: state, createdAt: created, updatedAt: updated,
            endedAt: try time(endedAt, "ended_at"), lastFiredAt: try time(lastFiredAt, "last_fired_at"),
            thread: thread.map { ThreadLink(rootID: $0.rootID, url: $0.url, quote: $0.quote) },
            nag: try nag.map(Self.nagSettings(id: id)), nagsSent: nag?.sent ?? 0,
            team: try team.map(Self.teamPeople(id: id)))
    }

    /// The people of an archived team: users whose id and username hold no space or colon.
    private static func teamPeople(id: Int64) -> ([Target]) throws(ArchiveError) -> [TeamPerson] {
        { (people: [Target]) throws(ArchiveError) -> [TeamPerson] in
            guard people.count >= 2, people.allSatisfy({ person in
                person.kind == "user" && !person.id.isEmpty && !person.name.isEmpty
                    && !(person.id + person.name).contains { $0 == " " || $0 == ":" }
            }) else { throw .invalid(id: id, "team must list two or more users by id and name") }
            return people.map { TeamPerson(id: $0.id, username: $0.name) }
        }
    }

    /// The nag settings of an archived entry, checked like the slash command's.
    private static func nagSettings(id: Int64) -> (Nag) throws(ArchiveError) -> NagSettings {
        { (nag: Nag) throws(ArchiveError) -> NagSettings in
            guard NagClause.intervals.contains(TimeInterval(nag.intervalSeconds)) else {
                throw .invalid(id: id, "nag.interval_seconds must be 300 through 43200, not \(nag.intervalSeconds)")
            }
            guard TimeZone(identifier: nag.zone) != nil else { throw .invalid(id: id, "unknown nag zone \(nag.zone)") }
            guard (0...NagPlan.maxNags).contains(nag.sent) else { throw .invalid(id: id, "nag.sent must be 0 through \(NagPlan.maxNags)") }
            return NagSettings(interval: TimeInterval(nag.intervalSeconds), allDay: nag.allDay, zone: nag.zone)
        }
    }

    enum CodingKeys: String, CodingKey {
        case id, target, message, phrase, rrule, state
        case groupID = "group_id", creatorID = "creator_id", creatorName = "creator_name", teamID = "team_id"
        case originChannelID = "origin_channel_id", timeZone = "time_zone", recurrenceStart = "recurrence_start"
        case nextFireAt = "next_fire_at", snoozedUntil = "snoozed_until", firedCount = "fired_count"
        case snoozeCount = "snooze_count", createdAt = "created_at", updatedAt = "updated_at"
        case endedAt = "ended_at", lastFiredAt = "last_fired_at", thread, nag, team
    }
}

/// Why an archive cannot be imported.
public enum ArchiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not JSON, or not an archive.
    case unreadable(String)
    /// Written by a newer remindd.
    case unsupportedVersion(Int)
    /// One entry is malformed (nothing is imported then).
    case invalid(id: Int64, String)

    public var description: String {
        switch self {
        case .unreadable(let reason): "not a remindd export: \(reason)"
        case .unsupportedVersion(let version):
            "the export has format version \(version); this remindd reads up to \(ReminderArchive.currentVersion): import it with a newer remindd"
        case .invalid(let id, let reason): "reminder \(id) in the export: \(reason)"
        }
    }
}

/// ISO 8601 UTC with milliseconds, computed from whole milliseconds so nothing is lost to
/// floating point either way.
enum ArchiveTime {
    static func format(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1_000).rounded())
        let seconds = milliseconds.floorDivided(by: 1_000)
        let fraction = milliseconds - seconds * 1_000
        let whole = Date.ISO8601FormatStyle().format(Date(timeIntervalSince1970: TimeInterval(seconds)))
        // `whole` ends in "Z"; the milliseconds go before it.
        let digits = String(fraction)
        return String(whole.dropLast()) + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    static func parse(_ text: String) -> Date? {
        var body = text
        var milliseconds: Int64 = 0
        if let dot = text.firstIndex(of: "."), text.hasSuffix("Z") {
            let digits = text[text.index(after: dot)..<text.index(before: text.endIndex)]
            guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy(\.isASCII), let value = Int64(digits) else { return nil }
            milliseconds = value * Int64([100, 10, 1][digits.count - 1])
            body = String(text[..<dot]) + "Z"
        }
        guard let whole = try? Date(body, strategy: .iso8601) else { return nil }
        let totalMilliseconds = Int64(whole.timeIntervalSince1970.rounded()) * 1_000 + milliseconds
        return Date(timeIntervalSince1970: Double(totalMilliseconds) / 1_000)
    }
}

extension Int64 {
    /// Division rounding towards negative infinity (times before 1970).
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
