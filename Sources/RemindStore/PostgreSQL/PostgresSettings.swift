import Foundation

/// Where the PostgreSQL backend connects: a `postgresql://` (or `postgres://`) URL as libpq reads
/// it, and optionally the password from a file so it stays out of the environment and the URL.
public struct PostgresSettings: Sendable, Equatable {
    /// The URL exactly as configured (it may hold a password: never log it, log `redacted`).
    public let url: String
    /// The password read from `REMIND_DATABASE_PASSWORD_FILE`, which overrides one in the URL.
    public let password: String?
    /// Seconds libpq waits for a connection before giving up.
    public var connectTimeoutSeconds = 5

    /// Settings for `url`; nil when it is not a PostgreSQL URL.
    public init?(url: String, password: String? = nil) {
        guard Self.isPostgresURL(url) else { return nil }
        self.url = url
        self.password = password
    }

    /// True for `postgresql://…` and `postgres://…`: how `REMIND_DATABASE` picks the backend.
    public static func isPostgresURL(_ value: String) -> Bool {
        value.hasPrefix("postgresql://") || value.hasPrefix("postgres://")
    }

    /// The URL with any password replaced by `***`, for logs and `check`.
    public var redacted: String {
        guard let components = URLComponents(string: url), components.password != nil else { return url }
        var copy = components
        copy.password = "***"
        return copy.string ?? "postgresql://***"
    }

    /// libpq keywords and values: defaults first (the URL may override them), then the URL, then
    /// the password file (which overrides the URL's password).
    var connectionParameters: (keywords: [String], values: [String]) {
        var keywords = ["connect_timeout", "application_name", "keepalives", "keepalives_idle",
                        "keepalives_interval", "keepalives_count", "dbname"]
        var values = [String(connectTimeoutSeconds), "remindd", "1", "5", "2", "3", url]
        if let password {
            keywords.append("password")
            values.append(password)
        }
        return (keywords, values)
    }
}
