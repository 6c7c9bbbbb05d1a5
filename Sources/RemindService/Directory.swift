import Foundation
import Mattermost

/// Mattermost lookups the service repeats (the bot itself, users, channels, DM channels, memberships),
/// cached for `ttl` seconds so that answering a slash command rarely waits on the network. An actor:
/// it owns the cache.
public actor Directory {
    private struct Entry<Value: Sendable>: Sendable {
        var value: Value
        var expires: Date
    }

    private let client: MattermostClient
    private let clock: any WallClock
    private let ttl: TimeInterval
    private var bot: User?
    private var usersByID: [String: Entry<User>] = [:]
    private var usersByName: [String: Entry<User?>] = [:]
    private var channels: [String: Entry<Channel?>] = [:]
    private var memberships: [String: Entry<Bool>] = [:]
    private var directChannels: [String: String] = [:]
    private var openingDirectChannels: [String: Task<Result<String, MattermostError>, Never>] = [:]
    private var clockStyles: [String: Entry<Bool>] = [:]
    private var configEntry: Entry<ClientConfig>?

    /// A directory over `client`; entries live `ttl` seconds (DM channel ids and the bot forever).
    public init(client: MattermostClient, clock: any WallClock, ttl: TimeInterval = 60) {
        self.client = client
        self.clock = clock
        self.ttl = ttl
    }

    /// The bot account remindd posts as (`GET /users/me`).
    public func botUser() async throws(MattermostError) -> User {
        if let bot { return bot }
        let me = try await client.me()
        bot = me
        return me
    }

    /// A user by id.
    public func user(id: String) async throws(MattermostError) -> User {
        if let entry = usersByID[id], entry.expires > clock.now() { return entry.value }
        let user = try await client.user(id: id)
        remember(user)
        return user
    }

    /// A user by id as Mattermost has them now, bypassing (and refreshing) the cache: for the sender of a form
    /// submission, which carries no credential, so that an account deactivated a moment ago is seen as such.
    public func currentUser(id: String) async throws(MattermostError) -> User {
        let user = try await client.user(id: id)
        remember(user)
        return user
    }

    /// A user by username (without `@`), or nil when there is none.
    public func user(username: String) async throws(MattermostError) -> User? {
        let key = username.lowercased()
        if let entry = usersByName[key], entry.expires > clock.now() { return entry.value }
        do {
            let user = try await client.user(username: key)
            remember(user)
            return user
        } catch where error.status == 404 {
            usersByName[key] = Entry(value: nil, expires: clock.now().addingTimeInterval(ttl))
            return nil
        }
    }

    /// A channel of a team by its URL name, or nil when there is none the bot can see.
    public func channel(teamID: String, name: String) async throws(MattermostError) -> Channel? {
        let key = teamID + "/" + name.lowercased()
        if let entry = channels[key], entry.expires > clock.now() { return entry.value }
        var found: Channel?
        do {
            found = try await client.channel(teamID: teamID, name: name.lowercased())
        } catch where error.status == 404 || error.status == 403 {
            found = nil
        }
        channels[key] = Entry(value: found, expires: clock.now().addingTimeInterval(ttl))
        return found
    }

    /// Whether `userID` belongs to `channelID`.
    public func isMember(channelID: String, userID: String) async throws(MattermostError) -> Bool {
        let key = channelID + "/" + userID
        if let entry = memberships[key], entry.expires > clock.now() { return entry.value }
        var member = false
        do {
            member = try await client.channelMember(channelID: channelID, userID: userID) != nil
        } catch where error.status == 403 || error.status == 404 {
            member = false
        }
        memberships[key] = Entry(value: member, expires: clock.now().addingTimeInterval(ttl))
        return member
    }

    /// The id of the DM channel between the bot and `userID` (created on first use; never changes).
    /// Callers asking at the same time share one request (the scheduler opens DMs ahead of their first
    /// delivery, which may ask meanwhile).
    public func directChannel(with userID: String) async throws(MattermostError) -> String {
        if let id = directChannels[userID] { return id }
        let opening: Task<Result<String, MattermostError>, Never>
        if let running = openingDirectChannels[userID] {
            opening = running
        } else {
            opening = Task { await self.openDirectChannel(with: userID) }
            openingDirectChannels[userID] = opening
        }
        let result = await opening.value
        if openingDirectChannels[userID] == opening { openingDirectChannels[userID] = nil }
        if case .success(let id) = result { directChannels[userID] = id }
        return try result.get()
    }

    private func openDirectChannel(with userID: String) async -> Result<String, MattermostError> {
        do throws(MattermostError) {
            let bot = try await botUser()
            return .success(try await client.directChannel(with: userID, botID: bot.id).id)
        } catch {
            return .failure(error)
        }
    }

    /// Whether the user reads times on the 24-hour clock (their `display_settings`/`use_military_time`
    /// preference). Mattermost shows other users' preferences only to holders of `edit_other_users`, so a
    /// plain bot usually gets 403: that, like an unset preference, means the default 12-hour clock.
    public func usesClock24(userID: String) async throws(MattermostError) -> Bool {
        if let entry = clockStyles[userID], entry.expires > clock.now() { return entry.value }
        var clock24 = false
        do {
            let preference = try await client.preference(
                userID: userID, category: "display_settings", name: "use_military_time")
            clock24 = preference?.value == "true"
        } catch where error.status == 403 || error.status == 404 || error.status == 501 {
            clock24 = false
        }
        clockStyles[userID] = Entry(value: clock24, expires: clock.now().addingTimeInterval(ttl))
        return clock24
    }

    /// The server's `SiteURL` without a trailing slash (for permalinks), from the client configuration.
    public func siteURL() async throws(MattermostError) -> String {
        var url = try await clientConfig().siteURL
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// `<SiteURL>/<team>/pl/<post_id>` (MATTERMOST.md §8); `_redirect` when the team is unknown (a DM), which
    /// Mattermost resolves to the post's own team.
    public func permalink(postID: String, teamName: String) async throws(MattermostError) -> String {
        "\(try await siteURL())/\(teamName.isEmpty ? "_redirect" : teamName)/pl/\(postID)"
    }

    /// Whether the server collapses reply threads for (some) users (`CollapsedThreads` other than
    /// `disabled`/`default_off`), so that a click's ephemeral reply may be hidden; true when unknown.
    public func collapsesReplyThreads() async -> Bool {
        guard let setting = try? await clientConfig().values["CollapsedThreads"] else { return true }
        return setting != "disabled" && setting != "default_off"
    }

    /// The longest message the server accepts, in runes (`MaxPostSize`; 4,000 when unreadable, the
    /// smallest any schema allows).
    public func maxPostSize() async -> Int {
        guard let size = try? await clientConfig().maxPostSize, size > 0 else { return 4_000 }
        return size
    }

    /// The client configuration, cached ten times as long as other entries.
    private func clientConfig() async throws(MattermostError) -> ClientConfig {
        if let entry = configEntry, entry.expires > clock.now() { return entry.value }
        let config = try await client.clientConfig()
        configEntry = Entry(value: config, expires: clock.now().addingTimeInterval(ttl * 10))
        return config
    }

    private func remember(_ user: User) {
        let expires = clock.now().addingTimeInterval(ttl)
        usersByID[user.id] = Entry(value: user, expires: expires)
        usersByName[user.username.lowercased()] = Entry(value: user, expires: expires)
    }
}
