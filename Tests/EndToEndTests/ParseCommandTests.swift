import Foundation
import TestSupport
import Testing

extension EndToEnd {
    /// `remindd parse` through the real binary: the contract's JSON, extended with the trailing clauses.
    @Suite("End to end: remindd parse")
    struct ParseCommandTests {
        static let now = "2026-12-03T10:00:00-05:00"

        func parse(_ arguments: [String]) async throws -> ChildProcess.SeparateResult {
            try await ChildProcess.runSeparately(try RemindProcess.binaryURL().path, ["parse"] + arguments)
        }

        @Test("--json reads the nag and team clauses; a refused phrase exits 2 with its message")
        func json() async throws {
            let nag = try await parse(["--now", Self.now, "--tz", "America/New_York", "--json",
                                       "me to take the pills at 9pm and nag every 30 minutes"])
            #expect(nag.status == 0, "\(nag.stderr)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(nag.stdout.utf8)) as? [String: Any])
            #expect(object["message"] as? String == "take the pills")
            #expect(object["first"] as? String == "2026-12-03T21:00:00-05:00")
            #expect((object["nag"] as? [String: Any])?["every_seconds"] as? Int == 1_800)

            let summary = try await parse(["--now", Self.now, "--tz", "UTC", "@ana @ben to ship it at 5pm as a team and nag every hour"])
            #expect(summary.status == 0)
            #expect(summary.stdout.contains("nag:  every 1 h until done") && summary.stdout.contains("team: "), "\(summary.stdout)")

            let refused = try await parse(["--now", Self.now, "--json", "me to x in 1 hour and nag every 2 minutes"])
            #expect(refused.status == 2)
            #expect(refused.stdout.contains("\"error\":\"I nag at most every 5 minutes"), "\(refused.stdout)")
        }
    }
}
