import Foundation
import HTTPServer
import Mattermost

/// An in-memory Mattermost server speaking the real wire format, for tests: REST v4 for the bot, slash
/// commands, button clicks and dialog submissions towards the service under test, failure injection and a
/// record of everything it received.
///
/// An actor: it owns all state. `handler` serves requests without a socket; `start()` puts it on a real port.
/// A fresh fake has a team `acme`, a bot `remindbot` (token `botToken`) and a system admin `admin`
/// (token `adminToken`); add people and channels with `addUser` and `addChannel`. `FakeMattermost(withBot: false)`
/// is a server before `remindd setup`: the team and the admin only (`bot` and `botToken` then name nothing
/// the server knows; the bot that setup creates is found with `user(named:)`).
public actor FakeMattermost {
    /// The bot's access token.
    public nonisolated let botToken: String
    /// A system administrator's token (may register slash commands).
    public nonisolated let adminToken: String
    /// The version reported in `X-Version-Id` and the client config.
    public nonisolated let version = "10.5.0"
    /// `MaxPostSize` in runes (16,383; 4,000 on servers with an old posts schema).
    public internal(set) var maxPostSize = 16_383

    /// The bot user.
    public nonisolated let bot: User
    /// The system administrator.
    public nonisolated let admin: User
    /// The team every added user and channel belongs to unless told otherwise.
    public nonisolated let team: Team

    // MARK: State
    var users: [String: User] = [:]
    var teams: [String: Team] = [:]
    var teamMembers: [String: TeamMember] = [:]
    var channels: [String: Channel] = [:]
    var channelMembers: [String: Set<String>] = [:]
    var posts: [String: Post] = [:]
    var commands: [String: Command] = [:]
    var tokens: [String: String] = [:]
    /// Access tokens created through the API, by token.
    var accessTokens: [String: UserAccessToken] = [:]
    /// Bot accounts by user id.
    var bots: [String: Bot] = [:]
    /// The server configuration (`GET /api/v4/config`), a tree like config.json.
    var config: JSONValue = FakeMattermost.defaultConfig
    /// `ServiceSettings` given in the server's environment: they win over the config API.
    var environmentOverrides: [String: JSONValue] = [:]
    /// Whether command calls (`runSlashCommand`, `POST /commands/execute`) refuse internal hosts not in
    /// `AllowedUntrustedInternalConnections`, as the real server does; off by default for older tests.
    var enforcesUntrustedInternalConnections = false
    var systemAdmins: Set<String> = []
    /// `team|user` keys of people granted manage_slash_commands (their own commands only).
    var ownCommandManagers: Set<String> = []
    var pendingPostIDs: [String: PendingPost] = [:]
    var triggers: [String: Trigger] = [:]
    var commandWebhooks: [String: CommandWebhook] = [:]
    /// Stored preferences by `user|category|name`.
    var preferences: [String: String] = [:]
    var preferencesReadableByAnyone = false
    /// The dialogs opened through the API, oldest first.
    public internal(set) var openedDialogs: [OpenedDialog] = []
    var siteURL = "http://fake-mattermost.invalid"
    /// `ServiceSettings.CollapsedThreads`; the default `always_on` hides replies with a root_id from the
    /// channel view, click replies included.
    var collapsedThreads = "always_on"
    /// `ServiceSettings.PostEditTimeLimit` in seconds; nil is unlimited (-1 on a real server).
    var postEditTimeLimit: Int?
    var nowProvider: @Sendable () -> Date
    let startedAt = ContinuousClock.now
    var server: HTTPServer?
    /// The base URL while serving on a socket.
    public internal(set) var baseURL: URL?

    // MARK: Failure injection
    var postFailures: [Int] = []
    var dropsAfterCreatingPost = 0
    var latency: Duration = .zero
    /// Most posts `GET /channels/{id}/posts?since=` returns (the server's query has `LIMIT 1000`).
    var sinceListLimit = 1_000
    var rateLimiter: GCRARateLimiter?

    // MARK: Records
    /// Every request received, in order.
    public internal(set) var requests: [RecordedRequest] = []
    /// Every post created through `POST /api/v4/posts` (de-duplicated repeats excluded), in order.
    public internal(set) var createdPosts: [RecordedPost] = []
    /// Posts only one user sees: ephemeral command replies and `ephemeral_text` of action replies.
    public internal(set) var ephemeralPosts: [EphemeralPost] = []
    /// How many requests were refused with 429.
    public internal(set) var rateLimitedCount = 0

    /// Creates a fake with its team, bot and admin. `now` is the wall clock it stamps posts with and measures
    /// the 30 s `pending_post_id` and trigger lifetimes by.
    /// `withBot: false` leaves the bot out (an empty server for `remindd setup`).
    public init(now: @escaping @Sendable () -> Date = { Date() }, withBot: Bool = true) {
        nowProvider = now
        let team = Team(id: FakeID.make(), name: "acme", displayName: "Acme")
        let bot = User(id: FakeID.make(), username: "remindbot", isBot: true)
        let admin = User(id: FakeID.make(), username: "admin", timezone: .manual("UTC"), roles: "system_user system_admin")
        self.team = team
        self.bot = bot
        self.admin = admin
        botToken = FakeID.make()
        adminToken = FakeID.make()
        teams[team.id] = team
        for user in withBot ? [bot, admin] : [admin] {
            users[user.id] = user
            teamMembers[Self.memberKey(team.id, user.id)] = TeamMember(
                teamID: team.id, userID: user.id, roles: user.id == admin.id ? "team_user team_admin" : "team_user")
        }
        if withBot {
            tokens[botToken] = bot.id
            bots[bot.id] = Bot(userID: bot.id, username: bot.username, displayName: "Remind", ownerID: admin.id)
        }
        tokens[adminToken] = admin.id
        systemAdmins.insert(admin.id)
    }

    // MARK: Serving

    /// Serves on an ephemeral port of 127.0.0.1 and returns the base URL (also the `SiteURL` it reports).
    @discardableResult
    public func start() throws -> URL {
        if let baseURL { return baseURL }
        let server = HTTPServer(configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0), handler: handler)
        let port = try server.start()
        guard let url = URL(string: "http://127.0.0.1:\(port)") else { throw FakeMattermostError.notStarted }
        self.server = server
        baseURL = url
        siteURL = url.absoluteString
        return url
    }

    /// Stops serving (requests in progress get a moment to finish).
    public func stop() async {
        guard let server else { return }
        self.server = nil
        baseURL = nil
        await server.shutdown(gracePeriod: .seconds(1))
    }

    // MARK: Seeding

    /// Adds a person (a member of `team`, by default the fake's team) and returns it.
    @discardableResult
    public func addUser(
        _ username: String, timezone: UserTimezone = UserTimezone(), locale: String = "en", isBot: Bool = false,
        deactivated: Bool = false, team: Team? = nil
    ) -> User {
        let user = User(
            id: FakeID.make(), username: username, isBot: isBot, deleteAt: deactivated ? now.millisecondsSince1970 : 0,
            locale: locale, timezone: timezone)
        users[user.id] = user
        let teamID = team?.id ?? self.team.id
        teamMembers[Self.memberKey(teamID, user.id)] = TeamMember(teamID: teamID, userID: user.id)
        return user
    }

    /// Adds a team (the bot and the admin join it) and returns it.
    @discardableResult
    public func addTeam(_ name: String) -> Team {
        let team = Team(id: FakeID.make(), name: name, displayName: name.capitalized)
        teams[team.id] = team
        for userID in [bot.id, admin.id] where users[userID] != nil {
            teamMembers[Self.memberKey(team.id, userID)] = TeamMember(teamID: team.id, userID: userID)
        }
        return team
    }

    /// Adds a channel with these members; the bot is a member unless `botIsMember` is false.
    @discardableResult
    public func addChannel(
        _ name: String, type: Channel.Kind = .open, members: [User] = [], botIsMember: Bool = true, team: Team? = nil
    ) -> Channel {
        let channel = Channel(
            id: FakeID.make(), teamID: team?.id ?? self.team.id, name: name, displayName: name.capitalized, type: type)
        channels[channel.id] = channel
        channelMembers[channel.id] = Set(members.map(\.id) + (botIsMember ? [bot.id] : []))
        return channel
    }

    /// Adds a user to a channel.
    public func join(_ user: User, to channel: Channel) {
        channelMembers[channel.id, default: []].insert(user.id)
    }

    /// The direct-message channel of two users, created if needed (like `POST /channels/direct`).
    public func directChannel(_ first: User, _ second: User) -> Channel {
        let name = [first.id, second.id].sorted().joined(separator: "__")
        if let existing = channels.values.first(where: { $0.type == .direct && $0.name == name }) { return existing }
        let channel = Channel(id: FakeID.make(), teamID: "", name: name, type: .direct)
        channels[channel.id] = channel
        channelMembers[channel.id] = [first.id, second.id]
        return channel
    }

    /// Changes a user's time zone (as if they changed their profile).
    public func setTimezone(_ timezone: UserTimezone, for user: User) {
        users[user.id]?.timezone = timezone
    }

    /// Deactivates a user.
    public func deactivate(_ user: User) {
        users[user.id]?.deleteAt = now.millisecondsSince1970
    }

    /// Registers a slash command directly (as an admin would in the UI) and returns it with its token
    /// (`token`, or a fresh one).
    @discardableResult
    public func registerSlashCommand(trigger: String = "remind", url: URL, team: Team? = nil, token: String? = nil) -> Command {
        let command = Command(
            id: FakeID.make(), token: token ?? FakeID.make(), teamID: team?.id ?? self.team.id, trigger: trigger, method: "P",
            url: url.absoluteString, creatorID: admin.id, autoComplete: true)
        commands[command.id] = command
        return command
    }

    /// A fresh trigger id for `user` in `channel`, as a command or click would produce (valid 30 s).
    public func makeTriggerID(for user: User, in channel: Channel) -> String {
        issueTrigger(userID: user.id, channelID: channel.id, teamID: channel.teamID)
    }

    // MARK: Failure injection

    /// Answers the next `count` post creations with `status` (and an AppError body) without creating them.
    public func failNextPosts(count: Int, status: Int = 503) {
        postFailures += Array(repeating: status, count: count)
    }

    /// Creates the next `count` posts, then closes the connection without answering (a lost response).
    public func dropResponseAfterCreatingPost(count: Int = 1) {
        dropsAfterCreatingPost += count
    }

    /// Turns Mattermost's rate limiter on (its defaults: 10 a second, bursts of 100) or off (nil).
    public func setRateLimit(perSecond: Int = 10, maxBurst: Int = 100) {
        rateLimiter = GCRARateLimiter(perSecond: perSecond, maxBurst: maxBurst)
    }

    /// Turns the rate limiter off (the server default).
    public func disableRateLimit() {
        rateLimiter = nil
    }

    /// Delays every REST answer by `latency` (post creation: after the `pending_post_id` is marked in flight).
    public func setLatency(_ latency: Duration) {
        self.latency = latency
    }

    /// Cuts `GET /channels/{id}/posts?since=` answers at `limit` posts (the oldest of them), as the
    /// server cuts them at 1,000.
    public func setSinceListLimit(_ limit: Int) {
        sinceListLimit = limit
    }

    /// Forgets every `pending_post_id` whose post was saved, as if its 30 s had passed (or the retry reached
    /// another node of a cluster): a repeat is then created again. Ids still being processed are kept.
    public func expireSavedPendingPostIDs() {
        pendingPostIDs = pendingPostIDs.filter { _, pending in
            if case .inFlight = pending { return true }
            return false
        }
    }

    /// Changes the clock (e.g. to step past the 30 s `pending_post_id` window).
    public func setNow(_ now: @escaping @Sendable () -> Date) {
        nowProvider = now
    }

    // MARK: Reading state

    /// A stored post as the server holds it (integration contexts included).
    public func post(id: String) -> Post? {
        posts[id]
    }

    /// Posts created in a channel, oldest first.
    public func posts(inChannel channel: Channel) -> [RecordedPost] {
        createdPosts.filter { $0.post.channelID == channel.id }
    }

    /// A user by username.
    public func user(named username: String) -> User? {
        users.values.first { $0.username == username }
    }

    /// The requests with this method and path.
    public func requests(_ method: String, _ path: String) -> [RecordedRequest] {
        requests.filter { $0.method == method && $0.path == path }
    }

    /// Waits until at least `count` posts were created; throws `FakeMattermostError.timeout` otherwise.
    @discardableResult
    public func waitForPosts(count: Int, timeout: Duration = .seconds(5)) async throws -> [RecordedPost] {
        let deadline = ContinuousClock.now + timeout
        while createdPosts.count < count {
            guard ContinuousClock.now < deadline else {
                throw FakeMattermostError.timeout("waiting for \(count) posts, have \(createdPosts.count)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        return createdPosts
    }

    // MARK: Helpers shared by the extensions

    var now: Date { nowProvider() }

    static func memberKey(_ first: String, _ second: String) -> String { first + "|" + second }

    func isMember(_ userID: String, ofChannel channelID: String) -> Bool {
        channelMembers[channelID]?.contains(userID) ?? false
    }

    func isMember(_ userID: String, ofTeam teamID: String) -> Bool {
        teamMembers[Self.memberKey(teamID, userID)] != nil
    }

    func issueTrigger(userID: String, channelID: String, teamID: String) -> String {
        let id = FakeID.make()
        triggers[id] = Trigger(userID: userID, channelID: channelID, teamID: teamID, issuedAt: now)
        return id
    }
}
