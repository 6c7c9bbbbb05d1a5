import Foundation
import RemindCore
import Synchronization

/// One-line structured logs: `text` for journald (`level message key=value …`) or `json` for log
/// shippers (one object per line). Callers pass only what is safe to print: tokens and secrets are
/// never handed to the logger.
public final class Logger: Sendable {
    /// How much a line matters.
    public enum Level: String, Sendable, Comparable {
        case debug, info, warning, error

        private var rank: Int {
            switch self {
            case .debug: 0
            case .info: 1
            case .warning: 2
            case .error: 3
            }
        }

        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rank < rhs.rank }
    }

    private let format: ServiceConfiguration.LogFormat
    private let minimum: Level
    private let clock: any WallClock
    private let write: @Sendable (String) -> Void
    private let lock = Mutex(())

    /// A logger writing to standard error (what systemd hands to journald).
    public convenience init(format: ServiceConfiguration.LogFormat, minimum: Level = .info, clock: any WallClock) {
        self.init(format: format, minimum: minimum, clock: clock) { line in
            FileHandle.standardError.write(Data(line.utf8))
        }
    }

    /// A logger handing each finished line (newline included) to `write`.
    public init(format: ServiceConfiguration.LogFormat, minimum: Level = .info, clock: any WallClock,
                write: @escaping @Sendable (String) -> Void) {
        self.format = format
        self.minimum = minimum
        self.clock = clock
        self.write = write
    }

    /// The id of the HTTP request being answered, set around each route's handler (`RemindRoutes`), so
    /// that every line logged while answering it carries `request_id`, like its access-log line.
    @TaskLocal public static var requestID: String?

    /// Logs `message` with ordered key/value fields (and `request_id` while answering a request).
    public func log(_ level: Level, _ message: String, _ fields: KeyValuePairs<String, String> = [:]) {
        guard level >= minimum else { return }
        let time = clock.now().formatted(.iso8601)
        var pairs = fields.map { ($0.key, $0.value) }
        if let requestID = Self.requestID, !pairs.contains(where: { $0.0 == "request_id" }) {
            pairs.append(("request_id", requestID))
        }
        let line: String
        switch format {
        case .text:
            var text = "\(level.rawValue) \(message)"
            for (key, value) in pairs { text += " \(key)=\(Self.quoteIfNeeded(value))" }
            line = text + "\n"
        case .json:
            var object = "{\"time\":\(Self.jsonString(time)),\"level\":\"\(level.rawValue)\",\"msg\":\(Self.jsonString(message))"
            for (key, value) in pairs { object += ",\(Self.jsonString(key)):\(Self.jsonString(value))" }
            line = object + "}\n"
        }
        lock.withLock { _ in write(line) }
    }

    private static func quoteIfNeeded(_ value: String) -> String {
        if !value.isEmpty, !value.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" || $0.isNewline }) { return value }
        return jsonString(value)
    }

    /// A JSON string literal (quotes, backslashes and control characters escaped).
    static func jsonString(_ value: String) -> String { JSONLiteral.string(value) }
}
