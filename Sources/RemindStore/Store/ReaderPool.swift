import Foundation

/// Read-only connections for queries, so reads never wait for the writer (WAL).
///
/// Ownership: each connection is used only on its own serial queue; which reader a query goes to is
/// the `LaneBalancer`'s choice.
final class ReaderPool: Sendable {
    /// A connection and the queue that owns it (the only place it is used).
    private final class Reader: @unchecked Sendable {
        let database: Database
        let queue: DispatchQueue

        init(database: Database, index: Int) {
            self.database = database
            self.queue = DispatchQueue(label: "remindd.store.reader.\(index)", qos: .userInitiated)
        }
    }

    private let readers: [Reader]
    private let balancer: LaneBalancer

    /// Opens `count` read-only connections to `path` (the writer must have created it).
    init(path: String, count: Int, configuration: Database.Configuration) throws {
        var readOnly = configuration
        readOnly.readOnly = true
        readers = try (0..<max(1, count)).map {
            Reader(database: try Database(path: path, configuration: readOnly), index: $0)
        }
        balancer = LaneBalancer(lanes: readers.count)
    }

    /// Runs `body` on the least busy reader's queue and returns its result.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let lane = balancer.checkOut()
        let reader = readers[lane]
        return try await withCheckedThrowingContinuation { continuation in
            reader.queue.async {
                let result = Result { try body(reader.database) }
                self.balancer.checkIn(lane)
                continuation.resume(with: result)
            }
        }
    }
}
