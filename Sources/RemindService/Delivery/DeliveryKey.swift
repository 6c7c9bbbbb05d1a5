import Foundation
import RemindStore
import Synchronization

/// The key every reminder post carries (in `pending_post_id` and in props): this installation's random id
/// and the occurrence id. One definition serves posting, crash recovery and rewriting a post after a click.
public enum DeliveryKey {
    /// The settings key holding the installation's id.
    public static let installIDSetting = "install_id"

    /// The key of `occurrenceID`'s post.
    public static func make(installID: String, occurrenceID: Int64) -> String {
        installID + "-" + String(occurrenceID)
    }

    /// The installation's id: created at random on first use and kept in settings, so that keys differ
    /// between installations sharing a Mattermost server.
    public static func installID(in store: ReminderStore) async throws -> String {
        // A read first: only the very first call writes (atomically, so concurrent first calls agree).
        if let existing = try await store.setting(installIDSetting) { return existing }
        var generator = SystemRandomNumberGenerator()
        let fresh = String(generator.next() as UInt64, radix: 36) + String(generator.next() as UInt32, radix: 36)
        return try await store.setting(installIDSetting, initialValue: fresh)
    }
}

/// The installation's id (`DeliveryKey.installID(in:)`), read or created once and then kept: the deliverer
/// and the click handlers that rewrite posts share one, so neither reads it again per post or per click.
public final class InstallIdentity: Sendable {
    private let store: ReminderStore
    private let known = Mutex<String?>(nil)

    /// The id kept in `store`.
    public init(store: ReminderStore) {
        self.store = store
    }

    /// The id, from memory after the first call.
    public func value() async throws -> String {
        if let id = known.withLock({ $0 }) { return id }
        let stored = try await DeliveryKey.installID(in: store)
        known.withLock { $0 = stored }
        return stored
    }

    /// The key of `occurrenceID`'s post.
    public func deliveryKey(occurrenceID: Int64) async throws -> String {
        DeliveryKey.make(installID: try await value(), occurrenceID: occurrenceID)
    }
}
