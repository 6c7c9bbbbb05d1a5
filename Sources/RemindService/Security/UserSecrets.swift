import Foundation
import RemindStore

/// A random secret per Mattermost user, kept in the store's `settings` table: the buttons remindd puts on
/// a user's list post and on their confirmations carry it, since Mattermost does not sign callbacks
/// (MATTERMOST.md §3). An actor: it owns the in-memory cache of secrets already read.
public actor UserSecrets {
    private let store: ReminderStore
    private var cache: [String: String] = [:]

    /// Secrets kept in `store`.
    public init(store: ReminderStore) {
        self.store = store
    }

    /// The user's secret, generated and stored on first use (atomically, so concurrent first uses agree).
    public func secret(for userID: String) async throws -> String {
        if let cached = cache[userID] { return cached }
        let value = try await store.setting("user_secret." + userID, initialValue: RandomToken.make())
        cache[userID] = value
        return value
    }

    /// Whether `candidate` is the user's secret (constant-time compare). An unknown user has none.
    public func verify(_ candidate: String, for userID: String) async throws -> Bool {
        if let cached = cache[userID] { return ConstantTime.equals(candidate, cached) }
        guard let stored = try await store.setting("user_secret." + userID) else { return false }
        cache[userID] = stored
        return ConstantTime.equals(candidate, stored)
    }
}
