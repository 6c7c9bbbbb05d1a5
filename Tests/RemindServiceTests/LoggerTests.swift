import Foundation
import Synchronization
import Testing
@testable import RemindService

@Suite("Logger")
struct LoggerTests {
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    let clock = ManualWallClock(Date(timeIntervalSince1970: 1_800_000_000))

    @Test("text lines are key=value, quoting values with spaces")
    func text() {
        let lines = Lines()
        let logger = Logger(format: .text, clock: clock) { lines.append($0) }
        logger.log(.info, "request", ["method": "POST", "path": "/command", "note": "two words"])
        logger.log(.debug, "hidden")
        #expect(lines.all == ["info request method=POST path=/command note=\"two words\"\n"])
    }

    @Test("json lines are one valid object each")
    func json() throws {
        let lines = Lines()
        let logger = Logger(format: .json, clock: clock) { lines.append($0) }
        logger.log(.warning, "delivery failed", ["error": "quote \" and\nnewline", "id": "7"])
        let line = try #require(lines.all.first)
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
        #expect(object?["level"] == "warning")
        #expect(object?["msg"] == "delivery failed")
        #expect(object?["error"] == "quote \" and\nnewline")
        #expect(object?["time"] == "2027-01-15T08:00:00Z")
    }
}
