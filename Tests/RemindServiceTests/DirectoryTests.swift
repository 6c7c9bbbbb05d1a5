import Foundation
import Mattermost
import TestSupport
import Testing
@testable import RemindService

/// The directory against a fake Mattermost on a socket: cached answers, and one request for many callers.
@Suite("Directory")
struct DirectoryTests {
    @Test("callers wanting the same thing at once share one request; a later one reads the cache")
    func concurrentLookupsShareOneRequest() async throws {
        let fake = FakeMattermost()
        let url = try await fake.start()
        let ana = await fake.addUser("ana", timezone: .manual("America/New_York"))
        let directory = Directory(client: MattermostClient(baseURL: url, token: fake.botToken), clock: SystemWallClock())
        let answers = try await withThrowingTaskGroup(of: (String, String, Bool).self) { group in
            for _ in 0..<20 {
                group.addTask {
                    (try await directory.user(id: ana.id).username, try await directory.directChannel(with: ana.id),
                     try await directory.usesClock24(userID: ana.id))
                }
            }
            return try await group.reduce(into: [(String, String, Bool)]()) { $0.append($1) }
        }
        #expect(answers.count == 20)
        #expect(Set(answers.map(\.0)) == ["ana"] && Set(answers.map(\.1)).count == 1 && !answers.contains { $0.2 })
        #expect(await fake.requests("GET", "/api/v4/users/\(ana.id)").count == 1)
        #expect(await fake.requests("POST", "/api/v4/channels/direct").count == 1)
        #expect(await fake.requests("GET", "/api/v4/users/me").count == 1)
        _ = try await directory.user(id: ana.id)
        #expect(await fake.requests("GET", "/api/v4/users/\(ana.id)").count == 1, "then cached")
        await fake.stop()
    }

    @Test("a failed request fails every caller waiting on it, and the next one asks again")
    func sharedFailure() async throws {
        let fake = FakeMattermost()
        let url = try await fake.start()
        let directory = Directory(client: MattermostClient(baseURL: url, token: fake.botToken), clock: SystemWallClock())
        let missing = "nosuchuser0000000000000000"
        let failures = await withTaskGroup(of: Int?.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    do { _ = try await directory.user(id: missing); return nil } catch { return (error as? MattermostError)?.status }
                }
            }
            return await group.reduce(into: [Int?]()) { $0.append($1) }
        }
        #expect(failures == Array(repeating: 404, count: 5))
        let asked = await fake.requests("GET", "/api/v4/users/\(missing)").count
        #expect(asked >= 1 && asked <= 5)
        await #expect(throws: MattermostError.self) { try await directory.user(id: missing) }
        #expect(await fake.requests("GET", "/api/v4/users/\(missing)").count == asked + 1, "failures are not cached")
        await fake.stop()
    }
}
