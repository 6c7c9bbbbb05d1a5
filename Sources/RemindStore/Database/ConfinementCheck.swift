#if DEBUG
import Glibc
import Synchronization
#endif

/// Debug builds only: catches a connection used by two threads at once. A `Database` belongs to one owner
/// at a time (the writer role of `WriteQueue`, a reader's queue); calls from the thread already inside (a
/// statement inside a transaction) nest, and a second thread arriving meanwhile stops the process with a
/// message naming the connection, where release builds would corrupt SQLite's state unnoticed
/// (connections are opened with `SQLITE_OPEN_NOMUTEX`).
final class ConfinementCheck: Sendable {
    #if DEBUG
    private struct User {
        var thread: pthread_t
        var depth: Int
    }

    private let user = Mutex<User?>(nil)
    #endif

    /// Runs `body` as the connection's one user (checked in debug builds; free in release builds).
    func confined<T>(_ path: String, _ body: () throws -> T) rethrows -> T {
        #if DEBUG
        enter(path)
        defer { leave() }
        #endif
        return try body()
    }

    #if DEBUG
    private func enter(_ path: String) {
        let me = pthread_self()
        let sharedWith: pthread_t? = user.withLock { user in
            if var current = user {
                guard pthread_equal(current.thread, me) != 0 else { return current.thread }
                current.depth += 1
                user = current
            } else {
                user = User(thread: me, depth: 1)
            }
            return nil
        }
        if let sharedWith {
            preconditionFailure("the SQLite connection to \(path) is used by two threads at once (\(sharedWith) and \(me)): a connection belongs to one owner")
        }
    }

    private func leave() {
        user.withLock { user in
            guard var current = user else { return }
            current.depth -= 1
            user = current.depth == 0 ? nil : current
        }
    }
    #endif
}
