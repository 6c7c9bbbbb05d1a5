import Foundation
import Synchronization

/// Whether this node may still post: open until a deadline that each lease renewal moves on, and
/// shut at once when the lease is lost. The deadline is measured on this machine's monotonic clock
/// from *before* the renewal was sent, less a margin, so it always passes before the database's
/// lease lapses: a paused (SIGSTOP) or cut-off node finds the gate shut when it wakes, whatever it
/// was doing. Guarded by a `Mutex`.
public final class DeliveryGate: Sendable {
    private let deadline: Mutex<ContinuousClock.Instant?>

    /// A gate open until `deadline` (nil: shut).
    public init(openUntil deadline: ContinuousClock.Instant?) {
        self.deadline = Mutex(deadline)
    }

    /// True while posting is allowed.
    public var isOpen: Bool {
        deadline.withLock { $0.map { ContinuousClock.now < $0 } ?? false }
    }

    /// Moves the deadline (a renewal that succeeded).
    public func extend(until instant: ContinuousClock.Instant) {
        deadline.withLock { current in
            if current != nil { current = instant }
        }
    }

    /// Shuts the gate for good (the lease was lost or given up).
    public func shut() {
        deadline.withLock { $0 = nil }
    }
}
