import Foundation
import RemindCore

/// Who a reminder is addressed to.
public enum ReminderTargetKind: String, Sendable, Hashable, CaseIterable {
    /// A Mattermost user (delivered in the DM between the bot and the user).
    case user
    /// A channel (delivered in the channel).
    case channel
}

/// A reminder's life: active until completed (one-off) or deleted.
public enum ReminderState: String, Sendable, Hashable, CaseIterable {
    case active, completed, deleted
}

/// Why an occurrence was fired: its schedule, or a snooze re-firing the last occurrence.
public enum OccurrenceKind: String, Sendable, Hashable, CaseIterable {
    case scheduled, snooze
}

/// Where an occurrence's delivery stands.
public enum OccurrenceState: String, Sendable, Hashable, CaseIterable {
    /// Claimed for delivery, not (known to be) posted yet.
    case claimed
    /// Posted to Mattermost.
    case posted
    /// Given up on (a permanent error).
    case failed
}

/// The thread a reminder is about (`/remind me about this thread …` typed in a reply).
public struct ThreadLink: Sendable, Hashable {
    /// The thread's root post id.
    public var rootID: String
    /// Its permalink, `{SiteURL}/{team}/pl/{root_id}` (Mattermost renders it as a preview).
    public var url: String
    /// The root post's first line, when remindd could read it.
    public var quote: String?

    /// Names a thread.
    public init(rootID: String, url: String, quote: String?) {
        self.rootID = rootID
        self.url = url
        self.quote = quote
    }
}

/// How a reminder nags until done: every `interval` seconds after each firing, in `zone` (the recipient's),
/// skipping the quiet hours unless `allDay`.
public struct NagSettings: Sendable, Hashable {
    public var interval: TimeInterval
    public var allDay: Bool
    /// IANA zone of the recipient, whose night is quiet.
    public var zone: String

    /// Nag settings.
    public init(interval: TimeInterval, allDay: Bool, zone: String) {
        self.interval = interval
        self.allDay = allDay
        self.zone = zone
    }
}

/// One person of a team reminder.
public struct TeamPerson: Sendable, Hashable {
    /// Mattermost user id.
    public var id: String
    public var username: String

    /// A member.
    public init(id: String, username: String) {
        self.id = id
        self.username = username
    }
}

/// A team member done with one round (firing) of a team reminder.
public struct TeamCompletion: Sendable, Hashable {
    public var userID: String
    public var username: String
    public var completedAt: Date
}

/// What a caller supplies to create a reminder for one recipient.
public struct NewReminder: Sendable, Hashable {
    public var creatorID: String
    public var creatorName: String
    public var teamID: String
    /// The channel where the command ran.
    public var originChannelID: String
    public var targetKind: ReminderTargetKind
    /// Mattermost user id or channel id.
    public var targetID: String
    /// Username or channel name, for display.
    public var targetName: String
    public var message: String
    /// The original text after `/remind`.
    public var phrase: String
    /// IANA zone the schedule is computed in.
    public var timeZone: String
    /// RFC 5545 RRULE, nil for a one-off.
    public var rrule: String?
    /// Recurrence start (DTSTART), required with `rrule`, nil for a one-off.
    public var recurrenceStart: Date?
    /// The first time it fires.
    public var firstFireAt: Date
    /// The thread it is about, if any.
    public var thread: ThreadLink?
    /// Nag until done, if asked.
    public var nag: NagSettings?
    /// The people of a team reminder (posted in the channel `targetID`), nil otherwise.
    public var team: [TeamPerson]?

    /// Creates the description of one reminder row.
    public init(
        creatorID: String, creatorName: String, teamID: String, originChannelID: String,
        targetKind: ReminderTargetKind, targetID: String, targetName: String,
        message: String, phrase: String, timeZone: String,
        rrule: String? = nil, recurrenceStart: Date? = nil, firstFireAt: Date, thread: ThreadLink? = nil,
        nag: NagSettings? = nil, team: [TeamPerson]? = nil
    ) {
        self.team = team
        self.thread = thread
        self.nag = nag
        self.creatorID = creatorID
        self.creatorName = creatorName
        self.teamID = teamID
        self.originChannelID = originChannelID
        self.targetKind = targetKind
        self.targetID = targetID
        self.targetName = targetName
        self.message = message
        self.phrase = phrase
        self.timeZone = timeZone
        self.rrule = rrule
        self.recurrenceStart = recurrenceStart
        self.firstFireAt = firstFireAt
    }
}

/// A stored reminder (one recipient), as read from the `reminders` table.
public struct ReminderRecord: Sendable, Hashable {
    public var id: Int64
    /// Shared by the rows created by one command (the id of the first).
    public var groupID: Int64
    public var creatorID: String
    public var creatorName: String
    public var teamID: String
    public var originChannelID: String
    public var targetKind: ReminderTargetKind
    public var targetID: String
    public var targetName: String
    public var message: String
    public var phrase: String
    public var timeZone: String
    /// The stored rule text; `recurrenceRule` follows it.
    public var rrule: String? {
        didSet { recurrenceRule = Self.rule(rrule) }
    }
    /// `rrule` parsed once, when the row is read (nil for a one-off, or a rule this version cannot read).
    public private(set) var recurrenceRule: RecurrenceRule?
    public var recurrenceStart: Date?
    /// Next scheduled occurrence; nil when nothing is scheduled (e.g. a one-off that fired).
    public var nextFireAt: Date?
    /// Pending one-time re-fire of the last occurrence.
    public var snoozedUntil: Date?
    public var firedCount: Int
    public var snoozeCount: Int
    public var state: ReminderState
    public var createdAt: Date
    public var updatedAt: Date
    /// When it was completed or deleted.
    public var endedAt: Date?
    /// Due time of the last scheduled occurrence that fired.
    public var lastFiredAt: Date?
    /// The thread it is about, if any.
    public var thread: ThreadLink?
    /// Nag until done, if asked.
    public var nag: NagSettings?
    /// Nags sent since the last scheduled firing.
    public var nagsSent = 0
    /// The people of a team reminder (posted in the channel `targetID`), nil otherwise.
    public var team: [TeamPerson]?

    /// True for a recurring reminder.
    public var isRecurring: Bool { rrule != nil }

    /// The next time anything fires: the earlier of the schedule and a snooze.
    public var nextDueAt: Date? {
        [nextFireAt, snoozedUntil].compactMap { $0 }.min()
    }

    static func rule(_ text: String?) -> RecurrenceRule? {
        text.flatMap { try? RecurrenceRule(rrule: $0) }
    }
}

extension ReminderRecord {
    /// A record with every field given: a row read from the table, or one read back from an export to be
    /// imported. The rule text is parsed here, once.
    public init(
        restoringID id: Int64, groupID: Int64, creatorID: String, creatorName: String, teamID: String,
        originChannelID: String,
        targetKind: ReminderTargetKind, targetID: String, targetName: String, message: String, phrase: String,
        timeZone: String, rrule: String?, recurrenceStart: Date?, nextFireAt: Date?, snoozedUntil: Date?,
        firedCount: Int, snoozeCount: Int, state: ReminderState, createdAt: Date, updatedAt: Date,
        endedAt: Date?, lastFiredAt: Date?, thread: ThreadLink? = nil, nag: NagSettings? = nil, nagsSent: Int = 0,
        team: [TeamPerson]? = nil
    ) {
        self.team = team
        self.thread = thread
        self.nag = nag
        self.nagsSent = nagsSent
        self.id = id
        self.groupID = groupID
        self.creatorID = creatorID
        self.creatorName = creatorName
        self.teamID = teamID
        self.originChannelID = originChannelID
        self.targetKind = targetKind
        self.targetID = targetID
        self.targetName = targetName
        self.message = message
        self.phrase = phrase
        self.timeZone = timeZone
        self.rrule = rrule
        self.recurrenceRule = Self.rule(rrule)
        self.recurrenceStart = recurrenceStart
        self.nextFireAt = nextFireAt
        self.snoozedUntil = snoozedUntil
        self.firedCount = firedCount
        self.snoozeCount = snoozeCount
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.endedAt = endedAt
        self.lastFiredAt = lastFiredAt
    }
}

/// One fired occurrence, as read from the delivery ledger (`occurrences`).
public struct OccurrenceRecord: Sendable, Hashable {
    public var id: Int64
    public var reminderID: Int64
    public var dueAt: Date
    public var kind: OccurrenceKind
    public var state: OccurrenceState
    /// Random 128-bit hex token the buttons of this occurrence's post carry.
    public var actionToken: String
    public var postID: String?
    public var channelID: String?
    public var attempts: Int
    public var lastError: String?
    /// When a failed attempt should be retried; nil means at once.
    public var nextAttemptAt: Date?
    public var claimedAt: Date
    public var postedAt: Date?
    /// When Complete was pressed for this occurrence.
    public var completedAt: Date?
    /// Username of who pressed Complete (nil before version 0006 or when nobody did).
    public var completedBy: String?
    /// Username of who last snoozed this occurrence, and until when.
    public var snoozedBy: String?
    public var snoozedUntil: Date?
}

/// A fired occurrence with its reminder: one line of `/remind history`.
public struct LedgerEntry: Sendable, Hashable {
    public var occurrence: OccurrenceRecord
    public var reminder: ReminderRecord
}

/// A reminder with something due, and which of its times is due.
public struct DueReminder: Sendable, Hashable {
    public var reminder: ReminderRecord
    public var dueAt: Date
    public var kind: OccurrenceKind
}

/// One page of a listing and the total number of rows across all pages.
public struct ReminderPage: Sendable, Hashable {
    public var reminders: [ReminderRecord]
    public var total: Int
}

/// The result of claiming an occurrence.
public struct OccurrenceClaim: Sendable, Hashable {
    /// The ledger row (new or existing).
    public var occurrence: OccurrenceRecord
    /// False when the occurrence had been claimed before: nothing was changed this time.
    public var isNew: Bool
}

/// A claimed occurrence not yet posted or given up on, with its reminder (restart recovery).
public struct PendingDelivery: Sendable, Hashable {
    public var occurrence: OccurrenceRecord
    public var reminder: ReminderRecord
}

/// Why a store operation refused.
public enum ReminderStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case noSuchReminder(Int64)
    case noSuchOccurrence(Int64)
    /// The reminder was completed or deleted.
    case reminderNotActive(id: Int64, state: ReminderState)
    /// The reminder is no longer due at that time for that kind (it moved on, or was snoozed/completed).
    case notDue(reminderID: Int64, dueAt: Date, kind: OccurrenceKind)
    /// A recurring reminder's next fire time must be after the occurrence being claimed.
    case nextFireNotAfterDue(reminderID: Int64, dueAt: Date, nextFireAt: Date)
    /// Creating would take the creator past their limit of active reminders; nothing was stored.
    case activeLimitReached(active: Int, limit: Int)
    /// A reminder named in a batch is missing or was not created by the given user; nothing was changed.
    case notCreatedBy(reminderID: Int64, userID: String)
    /// The call holds a delivery lease (`LeaseFence`) that is no longer the current one: another
    /// node leads now, so this one must not claim or post.
    case fencedOut(holder: String, epoch: Int64)
    /// The operation exists for one backend only (e.g. the SQLite backup API).
    case unsupported(String)

    /// A sentence for logs.
    public var description: String {
        switch self {
        case .noSuchReminder(let id): return "no reminder with id \(id)"
        case .noSuchOccurrence(let id): return "no occurrence with id \(id)"
        case .reminderNotActive(let id, let state): return "reminder \(id) is \(state.rawValue)"
        case .notDue(let id, let dueAt, let kind):
            return "reminder \(id) has no \(kind.rawValue) occurrence due at \(dueAt)"
        case .nextFireNotAfterDue(let id, let dueAt, let nextFireAt):
            return "reminder \(id): next fire \(nextFireAt) is not after the occurrence due \(dueAt)"
        case .activeLimitReached(let active, let limit): return "\(active) active reminders, limit \(limit)"
        case .notCreatedBy(let id, let user): return "reminder \(id) is missing or not created by \(user)"
        case .fencedOut(let holder, let epoch): return "the delivery lease of \(holder) (epoch \(epoch)) is no longer current"
        case .unsupported(let what): return what
        }
    }
}
