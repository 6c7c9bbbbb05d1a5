import Synchronization

/// Spreads calls over a fixed number of lanes (the reader pool's connections, the PostgreSQL pool's
/// slots): each call takes the lane with the fewest calls in flight and gives it back when done.
final class LaneBalancer: Sendable {
    private let inFlight: Mutex<[Int]>

    /// `lanes` lanes (at least one), all idle.
    init(lanes: Int) {
        inFlight = Mutex(Array(repeating: 0, count: max(1, lanes)))
    }

    /// The least busy lane's index (the first of equals), now counting one more call.
    func checkOut() -> Int {
        inFlight.withLock { counts in
            var chosen = 0
            for lane in counts.indices where counts[lane] < counts[chosen] { chosen = lane }
            counts[chosen] += 1
            return chosen
        }
    }

    /// A call on `lane` finished.
    func checkIn(_ lane: Int) {
        inFlight.withLock { $0[lane] -= 1 }
    }
}
