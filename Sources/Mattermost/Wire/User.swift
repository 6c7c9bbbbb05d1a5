import Foundation

/// A Mattermost user (people and bots), as much of it as remindd reads.
public struct User: Codable, Sendable, Equatable {
    public var id: String
    /// 1–64 characters of `[a-z0-9._-]`.
    public var username: String
    public var isBot: Bool
    /// Non-zero when the account is deactivated.
    public var deleteAt: Int64
    /// E.g. `en`.
    public var locale: String
    public var timezone: UserTimezone
    /// Space-separated system roles, e.g. `system_user system_admin` (sanitised away for other users'
    /// profiles unless the reader is an admin; present for `/users/me`).
    public var roles: String

    /// Creates a user.
    public init(
        id: String, username: String, isBot: Bool = false, deleteAt: Int64 = 0, locale: String = "en",
        timezone: UserTimezone = UserTimezone(), roles: String = "system_user"
    ) {
        self.roles = roles
        self.id = id
        self.username = username
        self.isBot = isBot
        self.deleteAt = deleteAt
        self.locale = locale
        self.timezone = timezone
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        username = try container.decodeIfPresent(String.self, forKey: .username) ?? ""
        isBot = try container.decodeIfPresent(Bool.self, forKey: .isBot) ?? false
        deleteAt = try container.decodeIfPresent(Int64.self, forKey: .deleteAt) ?? 0
        locale = try container.decodeIfPresent(String.self, forKey: .locale) ?? ""
        timezone = try container.decodeIfPresent(UserTimezone.self, forKey: .timezone) ?? UserTimezone()
        roles = try container.decodeIfPresent(String.self, forKey: .roles) ?? ""
    }

    /// Whether `roles` names `system_admin`.
    public var isSystemAdmin: Bool { roles.split(separator: " ").contains("system_admin") }

    /// Whether the account is deactivated.
    public var isDeactivated: Bool { deleteAt != 0 }

    /// The IANA zone the user chose or their client reported; nil when unset (new users), so fall back.
    public var effectiveTimeZone: String? { timezone.effective }

    enum CodingKeys: String, CodingKey {
        case id, username, locale, timezone, roles
        case isBot = "is_bot", deleteAt = "delete_at"
    }
}

/// A user's time-zone setting. All three are **strings** on the wire, the flag included (`"true"`).
public struct UserTimezone: Codable, Sendable, Equatable {
    public var useAutomaticTimezone: String
    public var automaticTimezone: String
    public var manualTimezone: String

    /// Creates a setting; the default is a new user's `{"true", "", ""}`.
    public init(useAutomaticTimezone: String = "true", automaticTimezone: String = "", manualTimezone: String = "") {
        self.useAutomaticTimezone = useAutomaticTimezone
        self.automaticTimezone = automaticTimezone
        self.manualTimezone = manualTimezone
    }

    /// A manually chosen zone.
    public static func manual(_ zone: String) -> UserTimezone {
        UserTimezone(useAutomaticTimezone: "false", manualTimezone: zone)
    }

    /// A zone reported by the user's client.
    public static func automatic(_ zone: String) -> UserTimezone {
        UserTimezone(useAutomaticTimezone: "true", automaticTimezone: zone)
    }

    /// Lenient: missing keys are empty, and a boolean flag is accepted too.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let flag = try? container.decode(Bool.self, forKey: .useAutomaticTimezone) {
            useAutomaticTimezone = flag ? "true" : "false"
        } else {
            useAutomaticTimezone = try container.decodeIfPresent(String.self, forKey: .useAutomaticTimezone) ?? ""
        }
        automaticTimezone = try container.decodeIfPresent(String.self, forKey: .automaticTimezone) ?? ""
        manualTimezone = try container.decodeIfPresent(String.self, forKey: .manualTimezone) ?? ""
    }

    /// Automatic if the flag is `"true"`, else manual; nil when that one is empty.
    public var effective: String? {
        let zone = useAutomaticTimezone == "true" ? automaticTimezone : manualTimezone
        return zone.isEmpty ? nil : zone
    }

    enum CodingKeys: String, CodingKey {
        case useAutomaticTimezone, automaticTimezone, manualTimezone
    }
}
