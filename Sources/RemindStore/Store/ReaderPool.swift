import Foundation

/// Read-only connections for queries, so reads never wait for the writer (WAL).
///
/// Ownership: each connection is used only on its own serial queue; which reader a query goes to
/// is decided under `lock`, which also guards the in-flight counts.
final class ReaderPool: @unchecked Sendable {
    private final class Reader: @unchecked Sendable {
        let database: Database
        let queue: DispatchQueue
        var inFlight = 0

        init(database: Database, index: Int) {
            self.database = database
            self.queue = DispatchQueue(label: "remindd.store.reader.\(index)", qos: .userInitiated)
        }
    }

    private let readers: [Reader]
    private let lock = NSLock()

    /// Opens `count` read-only connections to `path` (the writer must have created it).
    init(path: String, count: Int, configuration: Database.Configuration) throws {
        var readOnly = configuration
        readOnly.readOnly = true
        readers = try (0..<max(1, count)).map {
            Reader(database: try Database(path: path, configuration: readOnly), index: $0)
        }
    }

    /// Runs `body` on the least busy reader's queue and returns its result.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let reader = checkOut()
        return try await withCheckedThrowingContinuation { continuation in
            reader.queue.async {
                let result = Result { try body(reader.database) }
                self.checkIn(reader)
                continuation.resume(with: result)
            }
        }
    }

    private func checkOut() -> Reader {
        lock.withLock {
            var chosen = readers[0]
            for reader in readers where reader.inFlight < chosen.inFlight { chosen = reader }
            chosen.inFlight += 1
            return chosen
        }
    }

    private func checkIn(_ reader: Reader) {
        lock.withLock { reader.inFlight -= 1 }
    }
}
