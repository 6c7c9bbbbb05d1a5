import Foundation
import Synchronization

/// The source of "now" for everything in the service. Named `WallClock` so that it does not shadow the
/// standard library's `Clock`; the core never reads the time itself, it is handed one of these.
public protocol WallClock: Sendable {
    /// The current instant.
    func now() -> Date
}

/// The machine's clock.
public struct SystemWallClock: WallClock {
    public init() {}

    public func now() -> Date { Date() }
}

/// A clock that only moves when told to: for tests and simulations.
public final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock to `instant` (which may be earlier: tests of clock steps).
    public func set(_ instant: Date) {
        current.withLock { $0 = instant }
    }

    /// Moves the clock forward by `seconds`.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
