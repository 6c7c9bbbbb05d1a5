/// The server's open connections, counted per peer, and which of them may be shed to make room.
/// A value owned by the server's `stateQueue`.
struct ConnectionTable {
    struct Entry {
        let connection: HTTPConnection
        let peer: String
        /// Accept order: lower is older.
        let sequence: UInt64
    }

    private var entries: [ObjectIdentifier: Entry] = [:]
    private var countsByPeer: [String: Int] = [:]
    private var nextSequence: UInt64 = 0

    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }
    var all: some Collection<HTTPConnection> { entries.values.lazy.map(\.connection) }

    func count(from peer: String) -> Int {
        countsByPeer[peer, default: 0]
    }

    mutating func insert(_ connection: HTTPConnection, peer: String) {
        entries[ObjectIdentifier(connection)] = Entry(connection: connection, peer: peer, sequence: nextSequence)
        nextSequence += 1
        countsByPeer[peer, default: 0] += 1
    }

    /// Forgets `connection`; returns whether it was counted.
    @discardableResult
    mutating func remove(_ connection: HTTPConnection) -> Bool {
        guard let entry = entries.removeValue(forKey: ObjectIdentifier(connection)) else { return false }
        let remaining = countsByPeer[entry.peer, default: 1] - 1
        countsByPeer[entry.peer] = remaining == 0 ? nil : remaining
        return true
    }

    /// The oldest connection (only among `peer`'s, when given) that has not sent a byte yet.
    func oldestUnused(from peer: String?) -> HTTPConnection? {
        entries.values.lazy
            .filter { (peer == nil || $0.peer == peer) && !$0.connection.hasReceivedBytes }
            .min { $0.sequence < $1.sequence }?
            .connection
    }
}
