import Foundation
import Mattermost
import RemindCore
import RemindStore

/// What someone asked for, from a slash command or the dialog.
struct CreationRequest: Sendable {
    /// The text after `/remind`.
    var phrase: String
    var userID: String
    var teamID: String
    /// Where the command ran.
    var channelID: String
    /// Its URL name, for a team reminder posted there (empty for the dialog).
    var channelName = ""
    /// `@name` → user id as Mattermost resolved them (empty for the dialog).
    var mentionedUserIDs: [String: String] = [:]
    /// `~name` → channel id as Mattermost resolved them (empty for the dialog).
    var mentionedChannelIDs: [String: String] = [:]
    /// The thread the command was typed in (`root_id`); empty outside a thread and for the dialog.
    var rootID = ""
    /// The team's URL name, for permalinks.
    var teamName = ""
    /// The thread an edited reminder is already about; kept whatever the new message.
    var thread: ThreadLink?
}

/// A phrase read and checked (recipients resolved, sizes checked), ready to be stored as new reminders or as
/// an edit of one.
struct PreparedReminder: Sendable {
    var sender: User
    var parsed: ParsedReminder
    var recipients: [Recipient]
    /// The phrase as stored (control characters removed).
    var phrase: String
    var thread: ThreadLink?
    /// How times read for the sender.
    var time: TimeText
    var now: Date
    /// What was changed in the message on the way in.
    var notes: [String]
    /// Nag until done, when the phrase ends with a nag clause.
    var nag: NagRequest?
    /// One reminder for all the recipients, posted where it was set (`… as a team`).
    var isTeam = false
    /// `~ops … as a team`: the channel whose members are the team, where its post goes.
    var teamChannel: Recipient?

    /// The schedule as stored: the rule and its start for a repeating reminder, and the first time.
    var schedule: ReminderEdit.Schedule {
        if case .recurring(let recurrence) = parsed.schedule {
            return ReminderEdit.Schedule(rrule: recurrence.rule.rrule, recurrenceStart: recurrence.start, firstFireAt: parsed.first)
        }
        return ReminderEdit.Schedule(rrule: nil, recurrenceStart: nil, firstFireAt: parsed.first)
    }
}

/// Reminders just stored, with what the confirmation needs.
struct CreatedReminders: Sendable {
    var records: [ReminderRecord]
    var parsed: ParsedReminder
    var recipients: [Recipient]
    /// How times read for the sender (their clock style, the reminder's zone).
    var time: TimeText
    var now: Date
    /// What was changed in the message on the way in, for the confirmation to say.
    var notes: [String] = []
}

/// Parses a phrase in the sender's zone and clock style, checks the recipients, stores one row per recipient
/// and tells the scheduler. Shared by the slash command and the dialog.
struct ReminderCreator: Sendable {
    var context: ServiceContext

    /// Parses `request.phrase` in the sender's zone and clock style, resolves its recipients and checks that
    /// every post it can make fits the server; stores nothing.
    func prepare(_ request: CreationRequest) async -> Result<PreparedReminder, CreationRefusal> {
        // "in 5 seconds" counts from when the request came in, not from after the look-ups below (a first
        // command from a user waits for two Mattermost round trips there).
        let now = context.clock.now()
        let sender: User
        let clock24: Bool
        do throws(MattermostError) {
            sender = try await context.directory.user(id: request.userID)
            clock24 = try await context.directory.usesClock24(userID: request.userID)
        } catch {
            return .failure(CreationRefusal(
                field: .form, message: ServiceFailure.mattermostUnreachable(purpose: "look up your time zone").message))
        }
        var parsed: ParsedReminder
        var notes: [String] = []
        let cleaned = InputSanitizer.strippingControlCharacters(request.phrase)
        if cleaned.removed { notes.append("I left out control characters that were in the text.") }
        let nag: NagRequest?
        let isTeam: Bool
        switch ReminderPhrase.read(cleaned.text, now: now, timeZone: sender.zone(or: context.serverZone), clock24: clock24) {
        case .failure(let refusal): return .failure(Self.refusal(refusal))
        case .success(let phrase): (parsed, nag, isTeam) = (phrase.reminder, phrase.nag, phrase.isTeam)
        }
        let neutralised = InputSanitizer.neutralisingBroadcastMentions(parsed.message)
        if neutralised.changed {
            parsed.message = neutralised.text
            notes.append("@channel, @all and @here in a reminder are shown as text: reminders never notify a whole channel.")
        }
        var thread = request.thread
        if thread == nil, ThreadReference.isAboutThis(parsed.message) {
            switch await ThreadReference(context: context).link(rootID: request.rootID, teamName: request.teamName) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let link): thread = link
            }
        }
        let postLimit = await context.directory.maxPostSize()
        let postRunes = ReminderPost.longestPostRunes(
            message: parsed.message, creatorName: sender.username, threadURL: thread?.url,
            people: isTeam ? parsed.targets.map { target in
                switch target {
                case .me: sender.username
                case .user(let name), .channel(let name): name
                }
            } : [])
        guard postRunes <= postLimit else {
            return .failure(CreationRefusal(field: .message, message:
                "That message is too long for a Mattermost post here: with its heading it would be \(postRunes) "
                + "characters, and this server allows \(postLimit). Shorten it by \(postRunes - postLimit) and try again."))
        }
        let resolver = TargetResolver(
            directory: context.directory, sender: sender, teamID: request.teamID, mentionedUserIDs: request.mentionedUserIDs,
            mentionedChannelIDs: request.mentionedChannelIDs)
        var recipients: [Recipient]
        switch await resolver.resolve(parsed.targets) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let resolved): recipients = resolved
        }
        var teamChannel: Recipient?
        if isTeam, recipients.count == 1, let channel = recipients.first, channel.kind == .channel {
            // `~ops … as a team`: the channel's people (not bots, not deactivated accounts) are the team.
            switch await channelTeam(channel) {
            case .failure(let refusal): return .failure(refusal)
            case .success(let people): recipients = people
            }
            teamChannel = channel
        }
        if isTeam, let refusal = await teamRefusal(recipients, channelID: teamChannel?.id ?? request.channelID) {
            return .failure(refusal)
        }
        var prepared = PreparedReminder(
            sender: sender, parsed: parsed, recipients: recipients, phrase: cleaned.text, thread: thread,
            time: TimeText(timeZone: parsed.timeZone, clock24: clock24), now: now, notes: notes, nag: nag, isTeam: isTeam)
        prepared.teamChannel = teamChannel
        return .success(prepared)
    }

    /// The most people a channel's team may have: one Complete button each on one post.
    static let maxChannelTeam = 50

    /// The people of `channel` as a team: every member but bots and deactivated accounts, read a page of
    /// 200 at a time; refused when there are fewer than two or more than `maxChannelTeam`.
    private func channelTeam(_ channel: Recipient) async -> Result<[Recipient], CreationRefusal> {
        do throws(MattermostError) {
            var ids: [String] = []
            for page in 0..<5 {
                let members = try await context.client.channelMembers(channelID: channel.id, page: page, perPage: 200)
                ids += members.map(\.userID)
                if members.count < 200 { break }
            }
            var people: [Recipient] = []
            for chunk in stride(from: 0, to: ids.count, by: 200) {
                let users = try await context.client.users(ids: Array(ids[chunk..<min(ids.count, chunk + 200)]))
                people += users.filter { !$0.isBot && !$0.isDeactivated }
                    .map { Recipient(kind: .user, id: $0.id, name: $0.username, isSender: false) }
            }
            people.sort { $0.name < $1.name }
            guard people.count >= 2, people.count <= Self.maxChannelTeam else {
                return .failure(CreationRefusal(field: .recipients, message: people.count < 2
                    ? "~\(channel.name) has fewer than two people, so there is no team to remind: name them instead, e.g. `/remind @ana @ben to submit timesheets every friday at 4pm as a team`."
                    : "~\(channel.name) has \(people.count) people; a team reminder has one Complete button each, at most \(Self.maxChannelTeam). Remind the channel without `as a team`, or name the people."))
            }
            return .success(people)
        } catch {
            return .failure(CreationRefusal(
                field: .form, message: ServiceFailure.from(error, purpose: "read ~\(channel.name)'s members", logger: context.logger).message))
        }
    }

    /// Why `recipients` cannot be a team posted in `channelID`, if they cannot: a team is two or more people
    /// by name, the bot must be in the channel (the team's post goes there) and so must every one of them.
    private func teamRefusal(_ recipients: [Recipient], channelID: String) async -> CreationRefusal? {
        let example = "`/remind @ana @ben @sam to submit timesheets every friday at 4pm as a team`"
        guard recipients.count >= 2, recipients.allSatisfy({ $0.kind == .user }) else {
            return CreationRefusal(field: .recipients, message:
                "A team reminder is for two or more people by name, with a Complete button each: \(example).")
        }
        do throws(MattermostError) {
            let bot = try await context.directory.botUser()
            guard try await context.directory.isMember(channelID: channelID, userID: bot.id) else {
                return CreationRefusal(field: .recipients, message:
                    "A team's reminder is posted where it was set, and I'm not in this channel: add @\(bot.username) here, "
                    + "or set it in a channel I'm in, e.g. \(example).")
            }
            for person in recipients where !(try await context.directory.isMember(channelID: channelID, userID: person.id)) {
                return CreationRefusal(field: .recipients, message:
                    "@\(person.name) is not in this channel, so they would not see the team's reminder here; "
                    + "set it in a channel all of you are in.")
            }
        } catch {
            return CreationRefusal(
                field: .form, message: ServiceFailure.from(error, purpose: "check the team's channel", logger: context.logger).message)
        }
        return nil
    }

    /// Prepares `request` and stores one row per recipient, then tells the scheduler.
    func create(_ request: CreationRequest) async -> Result<CreatedReminders, CreationRefusal> {
        let prepared: PreparedReminder
        switch await prepare(request) {
        case .failure(let refusal): return .failure(refusal)
        case .success(let ready): prepared = ready
        }
        let (sender, schedule, now) = (prepared.sender, prepared.schedule, prepared.now)
        var nagZones: [String: String] = [:]
        if prepared.nag != nil {
            for recipient in prepared.recipients where recipient.kind == .user {
                // The recipient's night is quiet; their zone as Mattermost has it, else the reminder's.
                nagZones[recipient.id] = (try? await context.directory.user(id: recipient.id))?
                    .zone(or: prepared.parsed.timeZone).identifier
            }
        }
        var rows = prepared.recipients.map { recipient in
            NewReminder(
                creatorID: sender.id, creatorName: sender.username, teamID: request.teamID,
                originChannelID: request.channelID, targetKind: recipient.kind, targetID: recipient.id,
                targetName: recipient.name, message: prepared.parsed.message, phrase: prepared.phrase,
                timeZone: prepared.parsed.timeZone.identifier, rrule: schedule.rrule, recurrenceStart: schedule.recurrenceStart,
                firstFireAt: schedule.firstFireAt, thread: prepared.thread,
                nag: prepared.nag.map { NagSettings(
                    interval: $0.interval, allDay: $0.allDay,
                    zone: nagZones[recipient.id] ?? prepared.parsed.timeZone.identifier) })
        }
        if prepared.isTeam, var team = rows.first {
            // One row for everyone, posted in the named channel (`~ops … as a team`) or else where it was set;
            // nights are the reminder's zone's.
            team.targetKind = .channel
            team.targetID = prepared.teamChannel?.id ?? request.channelID
            team.targetName = prepared.teamChannel?.name ?? request.channelName
            team.team = prepared.recipients.map { TeamPerson(id: $0.id, username: $0.name) }
            team.nag?.zone = prepared.parsed.timeZone.identifier
            rows = [team]
        }
        let records: [ReminderRecord]
        do {
            records = try await context.store.create(rows, at: now, activeLimit: context.activeReminderLimit)
        } catch ReminderStoreError.activeLimitReached(let active, let limit) {
            return .failure(CreationRefusal(
                field: .form, message: ServiceFailure.limitReached(active: active, limit: limit, adding: rows.count).message))
        } catch {
            return .failure(CreationRefusal(
                field: .form, message: ServiceFailure.from(error, purpose: "save the reminder", logger: context.logger).message))
        }
        for record in records { await context.reminderChanged(record) }
        for record in records {
            context.metrics.increment(ServiceMetrics.remindersCreated, labels: [
                ("kind", ServiceMetrics.kind(recurring: record.rrule != nil)), ("target", record.targetKind.rawValue),
            ])
        }
        return .success(CreatedReminders(
            records: records, parsed: prepared.parsed, recipients: prepared.recipients, time: prepared.time, now: now,
            notes: prepared.notes))
    }

    /// The dialog field a grammar refusal belongs to.
    static func refusal(_ refusal: Refusal) -> CreationRefusal {
        switch refusal {
        case .emptyMessage, .messageTooLong: CreationRefusal(field: .message, message: refusal.message)
        case .broadcastMention: CreationRefusal(field: .recipients, message: refusal.message)
        default: CreationRefusal(field: .when, message: refusal.message)
        }
    }
}
