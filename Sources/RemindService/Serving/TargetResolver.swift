import Foundation
import Mattermost
import RemindCore
import RemindStore

/// Someone or something a reminder goes to, checked against Mattermost.
struct Recipient: Sendable, Hashable {
    var kind: ReminderTargetKind
    /// Mattermost user or channel id.
    var id: String
    /// Username or channel URL name.
    var name: String
    /// The person who typed the command.
    var isSender: Bool
}

/// Why a reminder could not be created, with the sentence the user sees and the dialog field it belongs to.
struct CreationRefusal: Error, Sendable, Equatable {
    /// The dialog field a refusal is shown on.
    enum Field: String, Sendable {
        case recipients, when, message
        /// Not about one field (Mattermost or the database failed): the dialog shows it as its general error.
        case form
    }

    var field: Field
    var message: String
}

/// Turns the parsed `me` / `@user` / `~channel` targets into recipients: users must exist and be active
/// people; channels must exist in the team, the sender must belong to them, and so must the bot.
/// Lookups go through the cached `Directory`.
struct TargetResolver: Sendable {
    var directory: Directory
    var sender: User
    var teamID: String
    /// Server-resolved `@name` → user id from the command (`user_mentions` / `user_mentions_ids`).
    var mentionedUserIDs: [String: String]
    /// Server-resolved `~name` → channel id (`channel_mentions` / `channel_mentions_ids`).
    var mentionedChannelIDs: [String: String] = [:]

    /// Every recipient once, in the order written.
    func resolve(_ targets: [Target]) async -> Result<[Recipient], CreationRefusal> {
        var recipients: [Recipient] = []
        for target in targets {
            let recipient: Recipient
            do throws(MattermostError) {
                switch try await resolve(target) {
                case .success(let resolved): recipient = resolved
                case .failure(let refusal): return .failure(refusal)
                }
            } catch {
                return .failure(CreationRefusal(
                    field: .form, message: ServiceFailure.mattermostUnreachable(purpose: "check \(Self.display(target))").message))
            }
            if !recipients.contains(where: { $0.kind == recipient.kind && $0.id == recipient.id }) {
                recipients.append(recipient)
            }
        }
        return .success(recipients)
    }

    private func resolve(_ target: Target) async throws(MattermostError) -> Result<Recipient, CreationRefusal> {
        switch target {
        case .me:
            return .success(Recipient(kind: .user, id: sender.id, name: sender.username, isSender: true))
        case .user(let name):
            return try await resolveUser(name)
        case .channel(let name):
            return try await resolveChannel(name)
        }
    }

    private func resolveUser(_ name: String) async throws(MattermostError) -> Result<Recipient, CreationRefusal> {
        let key = name.lowercased()
        var user: User?
        if let id = mentionedUserIDs.first(where: { $0.key.lowercased() == key })?.value {
            user = try await directory.user(id: id)
        } else {
            user = try await directory.user(username: key)
        }
        guard let user else {
            return .failure(CreationRefusal(
                field: .recipients,
                message: "I can't find a user called @\(name). Check the spelling, e.g. `/remind @\(name) to … in 1 hour`."))
        }
        if user.isBot {
            return .failure(CreationRefusal(field: .recipients, message: "@\(user.username) is a bot; I only remind people and channels."))
        }
        if user.isDeactivated {
            return .failure(CreationRefusal(
                field: .recipients, message: "@\(user.username)'s account is deactivated, so I can't remind them."))
        }
        return .success(Recipient(kind: .user, id: user.id, name: user.username, isSender: user.id == sender.id))
    }

    private func resolveChannel(_ name: String) async throws(MattermostError) -> Result<Recipient, CreationRefusal> {
        let bot = try await directory.botUser()
        let key = name.lowercased()
        // Mattermost already resolved the mention: no lookup by name (the membership checks still run).
        let mentioned = mentionedChannelIDs.first(where: { $0.key.lowercased() == key })
            .map { Channel(id: $0.value, teamID: teamID, name: key, displayName: name, type: .open) }
        var found = mentioned
        if found == nil { found = try await directory.channel(teamID: teamID, name: name) }
        guard let channel = found else {
            return .failure(CreationRefusal(
                field: .recipients,
                message: "I can't find ~\(name) in this team. If it is a private channel, add me first: "
                    + "`/invite @\(bot.username) ~\(name)`, then try again."))
        }
        // The bot first: outside the channel it cannot read anyone's membership (403 from Mattermost).
        guard try await directory.isMember(channelID: channel.id, userID: bot.id) else {
            return .failure(CreationRefusal(
                field: .recipients,
                message: "I'm not a member of ~\(channel.name) yet, so I couldn't post there. Add me with "
                    + "`/invite @\(bot.username) ~\(channel.name)`, then try again."))
        }
        guard try await directory.isMember(channelID: channel.id, userID: sender.id) else {
            return .failure(CreationRefusal(
                field: .recipients,
                message: "You are not a member of ~\(channel.name), so you can't set reminders there. Join it first."))
        }
        return .success(Recipient(kind: .channel, id: channel.id, name: channel.name, isSender: false))
    }

    static func display(_ target: Target) -> String {
        switch target {
        case .me: "your settings"
        case .user(let name): "@" + name
        case .channel(let name): "~" + name
        }
    }
}
