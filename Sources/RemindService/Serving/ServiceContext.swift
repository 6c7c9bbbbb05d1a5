import Foundation
import Mattermost
import RemindStore

/// What the HTTP-side handlers share: the store, Mattermost lookups, the clock, where remindd is reachable,
/// and the hook that tells the scheduler about every reminder created or changed. Immutable and `Sendable`;
/// every mutable part (store, directory, signer, metrics) is its own owner.
public struct ServiceContext: Sendable {
    public var store: ReminderStore
    public var client: MattermostClient
    public var directory: Directory
    /// Signs and checks the tokens of list buttons, confirmations and dialogs.
    public var signer: TokenSigner
    public var clock: any WallClock
    /// `REMIND_PUBLIC_URL`: button and dialog URLs are built on it (it may carry a path prefix).
    public var publicURL: URL
    /// The zone of users whose Mattermost profile has none.
    public var serverZone: TimeZone
    public var metrics: Metrics
    public var logger: Logger
    /// Active reminders one person may have created at once, so that a runaway script or a loop of slash
    /// commands cannot fill the database.
    public var activeReminderLimit = 1_000
    /// Called after every create, snooze, complete and delete (`Scheduler.reminderChanged`).
    public var reminderChanged: @Sendable (ReminderRecord) async -> Void
    /// The installation's id, shared with the deliverer (rewritten posts keep their delivery key).
    public var installIdentity: InstallIdentity

    /// Creates a context.
    public init(
        store: ReminderStore, client: MattermostClient, directory: Directory, signer: TokenSigner,
        clock: any WallClock, publicURL: URL, serverZone: TimeZone, metrics: Metrics, logger: Logger,
        reminderChanged: @escaping @Sendable (ReminderRecord) async -> Void, installIdentity: InstallIdentity? = nil
    ) {
        self.installIdentity = installIdentity ?? InstallIdentity(store: store)
        self.store = store
        self.client = client
        self.directory = directory
        self.signer = signer
        self.clock = clock
        self.publicURL = publicURL
        self.serverZone = serverZone
        self.metrics = metrics
        self.logger = logger
        self.reminderChanged = reminderChanged
    }

    /// `publicURL` + `path` (`/action`, `/dialog`), keeping any path prefix of the public URL.
    public func callbackURL(_ path: String) -> String {
        publicURL.callbackURL(path)
    }

    /// The key a delivered post carries in its props (`Deliverer`'s install id and the occurrence id), kept
    /// when rewriting the post so that crash recovery can still find it.
    func deliveryKey(for occurrence: OccurrenceRecord) async throws -> String {
        try await installIdentity.deliveryKey(occurrenceID: occurrence.id)
    }

    /// A user's reading preferences: their Mattermost zone (else `fallback`, by default the server's) and
    /// clock style.
    func reader(_ userID: String, fallback: TimeZone? = nil) async throws(MattermostError) -> TimeText {
        try await directory.reader(userID: userID, fallback: fallback ?? serverZone)
    }
}

/// The verdict on a click on a signed button that belongs to one person (a list, a confirmation).
enum OwnedClick: Sendable, Equatable {
    /// Not a token remindd issued for this scope: answered 403, nothing changed.
    case forged
    /// Genuine, but pressed by someone other than its owner.
    case notOwner
    /// Genuine and the owner's, but too old.
    case expired
    /// Genuine, the owner's, in time.
    case valid
}

extension ServiceContext {
    /// Checks a signed button's `token` for `scope`, then that `clicker` is `ownerID`: one order for every
    /// owned button, so a forgery is always refused before anything is said about ownership or age.
    func verifyClick(token: String, scope: TokenScope, ownerID: String, clicker: String, now: Date) async -> OwnedClick {
        guard let verdict = try? await signer.check(token, scope: scope, now: now, legacyOwner: ownerID),
              verdict != .invalid else {
            return .forged
        }
        guard clicker == ownerID else { return .notOwner }
        return verdict == .valid ? .valid : .expired
    }
}

extension URL {
    /// This base URL + `path` (`/action`, `/dialog`), keeping any path prefix and dropping trailing slashes:
    /// the one builder of the URLs Mattermost calls back.
    func callbackURL(_ path: String) -> String {
        var base = absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }
}
