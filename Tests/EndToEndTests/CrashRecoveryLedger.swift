import Foundation
import RemindStore
import TestSupport
import Testing

/// What the crash test's database holds: every reminder with its delivery ledger, read through a
/// read-only connection (safe while `remindd` runs, thanks to WAL).
struct CrashLedger {
    /// One stored reminder and its occurrences.
    struct StoredReminder {
        var id: Int64
        var message: String
        var rrule: String?
        /// The first occurrence of a recurring reminder.
        var firstOccurrence: Date?
        var postedOccurrences: Int
        /// Claimed but not posted, or given up on.
        var unfinishedOccurrences: Int
        var postIDs: [String]

        /// How many posts it must have led to once everything sent has come due: one for a one-off; one for
        /// a daily reminder whose first occurrence was the clock time asked for, none when the command was
        /// handled after that time (so it starts tomorrow).
        func expectedPosts(_ commands: [String: SentCommand]) -> Int {
            guard rrule != nil else { return 1 }
            guard let command = commands[message], let firstOccurrence else { return 1 }
            return firstOccurrence <= command.due ? 1 : 0
        }
    }

    var reminders: [StoredReminder]

    init(databasePath: String) throws {
        var configuration = Database.Configuration()
        configuration.readOnly = true
        let database = try Database(path: databasePath, configuration: configuration)
        defer { try? database.close() }
        let rows = try database.rows("""
            SELECT r.id, r.message, r.rrule, r.dtstart_ms,
                   (SELECT count(*) FROM occurrences o WHERE o.reminder_id = r.id AND o.state = 'posted'),
                   (SELECT count(*) FROM occurrences o WHERE o.reminder_id = r.id AND o.state <> 'posted'),
                   (SELECT group_concat(o.post_id) FROM occurrences o WHERE o.reminder_id = r.id)
            FROM reminders r ORDER BY r.id
            """)
        reminders = try rows.map { row in
            StoredReminder(
                id: try row.int64(0), message: try row.string(1), rrule: try row.optionalString(2),
                firstOccurrence: try row.optionalInt64(3).map { Date(timeIntervalSince1970: Double($0) / 1_000) },
                postedOccurrences: try row.int(4), unfinishedOccurrences: try row.int(5),
                postIDs: (try row.optionalString(6) ?? "").split(separator: ",").map(String.init))
        }
    }
}

/// How many posts the fake received per command token (`crash-…-end` in the message).
struct PostCounts {
    private var byToken: [String: Int] = [:]
    /// Post ids per token.
    private(set) var postIDs: [String: [String]] = [:]
    /// Messages of posts carrying no token (failure notices, strays).
    private(set) var unknownMessages: [String] = []

    init(_ posts: [RecordedPost]) {
        for recorded in posts {
            let message = recorded.post.message
            guard let start = message.range(of: "crash-"),
                let end = message.range(of: "-end", range: start.upperBound..<message.endIndex)
            else {
                unknownMessages.append(message)
                continue
            }
            let token = String(message[start.lowerBound..<end.upperBound])
            byToken[token, default: 0] += 1
            postIDs[token, default: []].append(recorded.post.id)
        }
    }

    subscript(token: String) -> Int { byToken[token] ?? 0 }
}

/// The crash test's verdict on what was sent, stored and posted.
struct CrashReport {
    let sent: [SentCommand]
    /// `sent` by token.
    let commands: [String: SentCommand]
    let ledger: CrashLedger
    let counts: PostCounts

    /// Occurrences that had to be posted.
    var duePosts: Int { ledger.reminders.map { $0.expectedPosts(commands) }.reduce(0, +) }

    /// Records one issue listing every broken promise; `logs` (one per process) are then kept in a file.
    func check(logs: [String]) {
        var failures: [String] = []
        let stored = Dictionary(grouping: ledger.reminders, by: \.message)
        for command in sent {
            let rows = stored[command.token] ?? []
            if rows.count > 1 { failures.append("\(command.token) stored \(rows.count) times") }
            guard let row = rows.first else {
                if command.acknowledged { failures.append("\(command.token) was acknowledged but is not in the database") }
                if counts[command.token] != 0 {
                    failures.append("\(command.token) is not stored but was posted \(counts[command.token]) times")
                }
                continue
            }
            failures += problems(command, row)
        }
        for row in ledger.reminders where commands[row.message] == nil {
            failures.append("a reminder nobody sent: \(row.message)")
        }
        let recurringDue = ledger.reminders.filter { $0.rrule != nil && $0.expectedPosts(commands) == 1 }.count
        if sent.filter(\.acknowledged).isEmpty { failures.append("no command was acknowledged: the test proved nothing") }
        if sent.contains(where: \.isRecurring), recurringDue == 0 {
            failures.append("no recurring reminder came due in the window: the test proved nothing about them")
        }
        guard !failures.isEmpty else { return }
        let logPath = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-crash-\(UUID().uuidString).log")
        try? Data(logs.joined(separator: "\n----- killed; restarting -----\n").utf8).write(to: logPath)
        let shown = failures.prefix(40).joined(separator: "\n")
        Issue.record("\(failures.count) broken promises (the logs of every run are in \(logPath.path)):\n\(shown)")
    }

    private func problems(_ command: SentCommand, _ row: CrashLedger.StoredReminder) -> [String] {
        var problems: [String] = []
        let expected = row.expectedPosts(commands)
        if counts[command.token] != expected {
            problems.append("\(command.token) (acknowledged: \(command.acknowledged)) was posted \(counts[command.token]) times, expected \(expected)")
        }
        if row.postedOccurrences != expected || row.unfinishedOccurrences != 0 {
            problems.append("\(command.token): ledger has \(row.postedOccurrences) posted and \(row.unfinishedOccurrences) unfinished occurrences, expected \(expected) posted")
        }
        if Set(row.postIDs) != Set(counts.postIDs[command.token] ?? []) {
            problems.append("\(command.token): ledger post ids \(row.postIDs) differ from the posts made \(counts.postIDs[command.token] ?? [])")
        }
        if command.isRecurring, let first = row.firstOccurrence,
            first != command.due, first != command.due.addingTimeInterval(86_400)
        {
            problems.append("\(command.token): first occurrence \(first), asked for \(command.due) (or a day later)")
        }
        return problems
    }
}
