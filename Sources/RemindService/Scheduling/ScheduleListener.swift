import Foundation
import RemindStore
import Synchronization

/// Listens on its own PostgreSQL connection for `ReminderStore.scheduleChannel` notifications (sent
/// inside every transaction that changes when something fires, on any node) and calls `onChange` for
/// each batch. Runs on a dedicated thread (libpq waits in `poll`); reconnects after a lost connection,
/// calling `onChange` once more then, since notifications sent while it was away are gone.
/// The stop flag is guarded by a `Mutex`.
public final class ScheduleListener: Sendable {
    private let settings: PostgresSettings
    private let logger: Logger
    private let onChange: @Sendable () -> Void
    private let stopped = Mutex(false)

    /// A listener for `settings`; call `start()`.
    public init(settings: PostgresSettings, logger: Logger, onChange: @escaping @Sendable () -> Void) {
        self.settings = settings
        self.logger = logger
        self.onChange = onChange
    }

    /// Starts listening on a thread of its own.
    public func start() {
        let thread = Thread { [self] in run() }
        thread.name = "remindd.schedule-listener"
        thread.start()
    }

    /// Stops within half a second.
    public func stop() {
        stopped.withLock { $0 = true }
    }

    private var isStopped: Bool { stopped.withLock { $0 } }

    private func run() {
        var reconnecting = false
        while !isStopped {
            do {
                let connection = try PostgresConnection(settings: settings)
                defer { connection.close() }
                try connection.execute("LISTEN \(ReminderStore.scheduleChannel)")
                if reconnecting { onChange() }
                reconnecting = true
                while !isStopped {
                    if !(try connection.notifications(waitingUpTo: .milliseconds(500))).isEmpty { onChange() }
                }
            } catch {
                logger.log(.warning, "schedule notifications interrupted; reconnecting", ["error": "\(error)"])
                reconnecting = true
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }
}
