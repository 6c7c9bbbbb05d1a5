import Foundation

/// Runs the jobs of tasks that prefer it (`Task(executorPreference:)`) on one thread of its own, outside the
/// cooperative pool, so a test may block that thread on purpose (holding a lock, waiting on a semaphore)
/// without taking a thread the rest of the test needs. `stop()` ends the thread once its jobs are done.
public final class DedicatedThreadExecutor: TaskExecutor, @unchecked Sendable {
    // Owner of `jobs` and `stopped`: `condition` (every access holds it).
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false

    /// Starts the thread.
    public init() {
        let thread = Thread { [self] in run() }
        thread.name = "test.dedicated-executor"
        thread.start()
    }

    public func enqueue(_ job: consuming ExecutorJob) {
        let unowned = UnownedJob(job)
        condition.withLock {
            jobs.append(unowned)
            condition.signal()
        }
    }

    /// Lets the thread end after the jobs already queued.
    public func stop() {
        condition.withLock {
            stopped = true
            condition.signal()
        }
    }

    private func run() {
        while true {
            let next: UnownedJob? = condition.withLock {
                while jobs.isEmpty && !stopped { condition.wait() }
                return jobs.isEmpty ? nil : jobs.removeFirst()
            }
            guard let next else { return }
            next.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
