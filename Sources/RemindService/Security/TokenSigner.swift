import Foundation
import RemindStore

/// What a signed token authorizes: a purpose and the values it is bound to (a dialog to its user and team,
/// a list button to its owner, operation, reminder and page, an undo to its owner and reminders). A token
/// for one scope is worthless for any other.
public struct TokenScope: Sendable, Hashable {
    /// The kinds of tokens remindd issues.
    public enum Purpose: String, Sendable {
        case dialog, listButton = "list", undo
        /// The snooze form opened by *Other…*.
        case snooze
        /// The edit form of a reminder.
        case edit
        /// A confirmation's "Did you mean …?" button (the other reading of an hour without am/pm).
        case reread
    }

    public var purpose: Purpose
    public var values: [String]

    /// A scope over `values`, in order.
    public init(_ purpose: Purpose, _ values: [String]) {
        self.purpose = purpose
        self.values = values
    }

    /// Unambiguous bytes to sign: every value length-prefixed, so no two scopes share an encoding.
    var signedBytes: [UInt8] {
        var bytes = Array(purpose.rawValue.utf8)
        for value in values { bytes += Array("|\(value.utf8.count):".utf8) + Array(value.utf8) }
        return bytes
    }

    /// How long a token of this purpose stays valid: long enough for the post or form it sits in to be
    /// used, short enough that one leaked from Mattermost's database soon stops working.
    public var lifetime: TimeInterval {
        switch purpose {
        case .dialog, .snooze, .edit: 12 * 3_600
        case .listButton: 14 * 86_400
        case .undo, .reread: 7 * 86_400
        }
    }
}

/// The verdict on a presented token.
public enum TokenCheck: Sendable, Equatable {
    /// Signed by remindd for this scope and not expired.
    case valid
    /// Signed by remindd for this scope, but too old: refuse the operation, but the click is genuine.
    case expired
    /// Not a token remindd issued for this scope.
    case invalid
}

/// One period's signing key. Signing is pure, so views can sign every button of a post synchronously.
public struct SigningKey: Sendable {
    /// The rotation period the key belongs to (`TokenSigner.period(of:)`).
    public var period: Int64
    var bytes: [UInt8]

    /// `v1.<period>.<expiry unix seconds>.<128-bit HMAC-SHA-256, hex>` for `scope`, valid until `expires`.
    public func token(for scope: TokenScope, expires: Date) -> String {
        let expiry = Int64(expires.timeIntervalSince1970.rounded(.up))
        return "v1.\(period).\(expiry)." + mac(scope, expiry: expiry)
    }

    /// A token for `scope` that expires the scope's lifetime after `now`.
    public func token(for scope: TokenScope, now: Date) -> String {
        token(for: scope, expires: now.addingTimeInterval(scope.lifetime))
    }

    func mac(_ scope: TokenScope, expiry: Int64) -> String {
        let digest = SHA256.hmac(key: bytes, message: Array("\(expiry)|".utf8) + scope.signedBytes)
        return digest.prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}

/// Signs and checks the tokens in buttons and dialogs (Mattermost signs neither, MATTERMOST.md §3–4). Keys
/// live in the store's settings, one per 30-day period, created on first use by whichever instance gets
/// there first (so every instance on a shared database agrees); a token verifies under its own period's key
/// only while that period is the current or the previous one, so keys rotate and old ones stop counting.
public actor TokenSigner {
    /// The rotation period of signing keys; every token lifetime is shorter.
    public static let rotation: TimeInterval = 30 * 86_400

    private let store: ReminderStore
    private var keys: [Int64: SigningKey] = [:]

    /// Keys kept in `store`.
    public init(store: ReminderStore) {
        self.store = store
    }

    /// The rotation period containing `date`.
    public static func period(of date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / rotation).rounded(.down))
    }

    /// The key to sign with at `now`.
    public func currentKey(now: Date) async throws -> SigningKey {
        let period = Self.period(of: now)
        if let cached = keys[period] { return cached }
        let value = try await store.setting(Self.settingName(period), initialValue: RandomToken.make() + RandomToken.make())
        return remember(value, period: period)
    }

    /// Checks `token` against `scope` at `now`, in constant time for the MAC.
    public func check(_ token: String, scope: TokenScope, now: Date) async throws -> TokenCheck {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v1",
              let period = RequestNumber.bounded(parts[1], maxDigits: 12),
              let expiry = RequestNumber.bounded(parts[2], maxDigits: 12) else { return .invalid }
        let current = Self.period(of: now)
        guard period == current || period == current - 1 else { return .invalid }
        let key: SigningKey
        if period == current {
            key = try await currentKey(now: now)
        } else if let cached = keys[period] {
            key = cached
        } else if let stored = try await store.setting(Self.settingName(period)) {
            key = remember(stored, period: period)
        } else {
            return .invalid
        }
        guard ConstantTime.equals(String(parts[3]), key.mac(scope, expiry: expiry)) else { return .invalid }
        return Double(expiry) >= now.timeIntervalSince1970 ? .valid : .expired
    }

    /// Checks `token`, also recognising the per-user secrets remindd put on list and confirmation buttons
    /// before signed tokens (`ReminderStore.legacyButtonSecret(of:)`): such a token, when it is `ownerID`'s, counts as
    /// `.expired`, so a post from before the upgrade answers "out of date" instead of looking forged.
    public func check(_ token: String, scope: TokenScope, now: Date, legacyOwner ownerID: String) async throws -> TokenCheck {
        let verdict = try await check(token, scope: scope, now: now)
        guard verdict == .invalid, !token.hasPrefix("v1."),
              let legacy = try await store.legacyButtonSecret(of: ownerID) else { return verdict }
        return ConstantTime.equals(token, legacy) ? .expired : .invalid
    }

    private static func settingName(_ period: Int64) -> String { "signing_key.\(period)" }

    private func remember(_ value: String, period: Int64) -> SigningKey {
        let key = SigningKey(period: period, bytes: Array(value.utf8))
        keys[period] = key
        return key
    }
}
