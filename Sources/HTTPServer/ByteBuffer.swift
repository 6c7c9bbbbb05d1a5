/// Bytes received from a socket and not yet parsed: an array with a read cursor, so consuming a
/// request from the front does not copy what follows it (pipelined requests) on every step.
struct ByteBuffer {
    private var storage: [UInt8] = []
    private var readerIndex = 0

    /// The unread bytes.
    var readable: ArraySlice<UInt8> { storage[readerIndex...] }
    var count: Int { storage.count - readerIndex }
    var isEmpty: Bool { count == 0 }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        storage.append(contentsOf: bytes)
    }

    /// Drops `length` bytes from the front; compacts once the dead prefix dominates the storage.
    mutating func consume(_ length: Int) {
        readerIndex += min(length, count)
        if readerIndex == storage.count {
            storage.removeAll(keepingCapacity: true)
            readerIndex = 0
        } else if readerIndex >= 4096 && readerIndex * 2 >= storage.count {
            storage.removeFirst(readerIndex)
            readerIndex = 0
        }
    }

    /// RFC 9112 §2.2: a server should ignore empty lines received before a request line.
    mutating func skipLeadingLineBreaks() {
        var skipped = 0
        for byte in readable {
            guard byte == .cr || byte == .lf else { break }
            skipped += 1
        }
        consume(skipped)
    }

    mutating func removeAll() {
        storage.removeAll(keepingCapacity: false)
        readerIndex = 0
    }
}

extension UInt8 {
    static let cr = UInt8(ascii: "\r")
    static let lf = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let colon = UInt8(ascii: ":")
}
