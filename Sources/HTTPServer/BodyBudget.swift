import Synchronization

/// The request-body bytes all connections together may hold at once, so that many clients trickling
/// large bodies cannot grow the process without bound. Shared by every connection; the count is
/// behind a mutex.
final class BodyBudget: Sendable {
    private let available: Mutex<Int>

    init(bytes: Int) {
        available = Mutex(bytes)
    }

    /// Takes `bytes` from the budget; false, taking nothing, when they do not fit.
    func take(_ bytes: Int) -> Bool {
        available.withLock { available in
            guard bytes <= available else { return false }
            available -= bytes
            return true
        }
    }

    /// Returns bytes taken earlier.
    func giveBack(_ bytes: Int) {
        available.withLock { $0 += bytes }
    }
}
