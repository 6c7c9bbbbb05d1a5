import Foundation
@testable import RemindService

extension ServiceConfiguration {
    /// What `remindd serve` would read for a fake Mattermost at `mattermost` (through the real loader), for
    /// in-process tests that build a `RemindApp` and never start its listener.
    static func forTests(mattermost: URL, botToken: String, database: String) throws -> ServiceConfiguration {
        try ServiceConfiguration.load(environment: [
            "REMIND_MATTERMOST_URL": mattermost.absoluteString, "REMIND_BOT_TOKEN": botToken,
            "REMIND_COMMAND_TOKENS": "t", "REMIND_PUBLIC_URL": "http://127.0.0.1:8066", "REMIND_DATABASE": database,
        ])
    }
}
