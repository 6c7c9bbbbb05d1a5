import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Waits for SIGTERM or SIGINT through Dispatch signal sources (the default handlers are switched off so
/// the process is not killed). Owns its sources; the one-shot continuation is guarded by a `Mutex`.
final class SignalWaiter: Sendable {
    /// The sources live inside the lock only so that they are owned somewhere `Sendable`; they are
    /// touched at start and at deinit.
    private let sources: Mutex<[any DispatchSourceSignal]>
    private let state = Mutex<(fired: Int32?, waiter: CheckedContinuation<Int32, Never>?)>((nil, nil))

    /// Starts listening for `signals` at once, so one arriving before `wait()` is not lost.
    init(signals: [Int32] = [SIGTERM, SIGINT]) {
        var sources: [any DispatchSourceSignal] = []
        for number in signals {
            signal(number, SIG_IGN)
            sources.append(DispatchSource.makeSignalSource(signal: number, queue: .global()))
        }
        self.sources = Mutex(sources)
        self.sources.withLock { sources in
            for (source, number) in zip(sources, signals) {
                source.setEventHandler { [weak self] in self?.fire(number) }
                source.resume()
            }
        }
    }

    /// Returns the first signal received.
    func wait() async -> Int32 {
        await withCheckedContinuation { continuation in
            let fired: Int32? = state.withLock { state in
                if let fired = state.fired { return fired }
                state.waiter = continuation
                return nil
            }
            if let fired { continuation.resume(returning: fired) }
        }
    }

    private func fire(_ number: Int32) {
        let waiter: CheckedContinuation<Int32, Never>? = state.withLock { state in
            guard state.fired == nil else { return nil }
            state.fired = number
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: number)
    }

    deinit {
        sources.withLock { $0.forEach { $0.cancel() } }
    }
}
