import Synchronization

/// Counts pieces of asynchronous work in progress and lets callers wait until none is left: how the
/// scheduler knows its firings are finished (graceful stop, and tests that drive time by hand).
/// State is guarded by a `Mutex`.
final class TaskTracker: Sendable {
    private struct State {
        var running = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Records that one piece of work started.
    func begin() {
        state.withLock { $0.running += 1 }
    }

    /// Records that one piece of work finished, waking the waiters when it was the last.
    func end() {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { state in
            state.running -= 1
            guard state.running == 0 else { return [] }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    /// Returns once no work is in progress.
    func waitUntilIdle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state in
                if state.running == 0 { return true }
                state.waiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }
}
