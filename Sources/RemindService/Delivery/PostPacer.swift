import Foundation
import Mattermost
import Synchronization

/// Spaces out requests to Mattermost so that its rate limiter (MATTERMOST.md §6) rarely has to say 429:
/// it follows the `X-RateLimit-*` headers of the latest response (full speed while plenty of the bucket is
/// left, the bucket's refill rate once little is), applies an optional fixed cap, and holds everything back
/// after a 429 for as long as the server asked.
///
/// Real (monotonic) time is the point here, so it measures with `ContinuousClock`, not the injected wall
/// clock. State is guarded by a `Mutex`; `acquire()` reserves a slot under the lock, then sleeps outside it.
final class PostPacer: Sendable {
    private struct State {
        /// The earliest moment the next request may start.
        var nextSlot: ContinuousClock.Instant
        /// Nothing starts before this (after a 429).
        var pausedUntil: ContinuousClock.Instant
        /// The spacing the server's headers call for; zero while the bucket is comfortably full.
        var serverInterval: Duration = .zero
    }

    private let capInterval: Duration
    /// Requests that may be on their way at once; the headers lag by that many, so pacing starts while
    /// that many (plus a margin) are still left in the bucket.
    private let reserve: Int
    private let state: Mutex<State>

    /// A pacer for `maxConcurrent` parallel senders and an optional cap in requests per second.
    init(maxConcurrent: Int, maxPerSecond: Double?) {
        if let maxPerSecond, maxPerSecond > 0 {
            capInterval = .nanoseconds(Int64(1_000_000_000 / maxPerSecond))
        } else {
            capInterval = .zero
        }
        reserve = maxConcurrent + 2
        let now = ContinuousClock.now
        state = Mutex(State(nextSlot: now, pausedUntil: now))
    }

    /// Waits until this caller may send one request.
    func acquire() async throws {
        while true {
            let now = ContinuousClock.now
            let slot: ContinuousClock.Instant = state.withLock { state in
                let start = max(now, state.nextSlot, state.pausedUntil)
                state.nextSlot = start + max(capInterval, state.serverInterval)
                return start
            }
            if slot > now { try await Task.sleep(until: slot, clock: .continuous) }
            // A 429 that arrived while this caller slept moves the whole queue behind the pause.
            let paused = state.withLock { $0.pausedUntil > ContinuousClock.now }
            if !paused { return }
        }
    }

    /// Adapts to the rate-limit headers of a response: once fewer than `reserve` requests are left in
    /// the bucket, requests are spaced at the rate it refills (`Reset` is the time until it is full).
    func observe(_ status: RateLimitStatus?) {
        guard let status else { return }
        let interval: Duration
        if status.remaining > reserve {
            interval = .zero
        } else {
            let missing = max(1, status.limit - status.remaining)
            interval = max(status.reset, .seconds(1)) / missing
        }
        state.withLock { $0.serverInterval = interval }
    }

    /// Stops all sending for `duration` (a 429's `Retry-After`, or its `X-RateLimit-Reset`).
    func pause(for duration: Duration) {
        let until = ContinuousClock.now + duration
        state.withLock { state in
            state.pausedUntil = max(state.pausedUntil, until)
            state.nextSlot = max(state.nextSlot, state.pausedUntil)
        }
    }
}
