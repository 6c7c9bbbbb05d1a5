/// Decodes a `Transfer-Encoding: chunked` request body (RFC 9112 §7.1) incrementally.
/// Chunk extensions are ignored and trailer fields discarded; sizes are checked against the body
/// limit before the chunk's data is read. Every check depends only on the bytes received so far, and a
/// partial line fails as soon as it cannot end within its limit, so the outcome is the same however
/// the bytes are split across reads.
struct ChunkedBodyDecoder {
    private enum State {
        case sizeLine
        case data(remaining: Int)
        case dataEnd
        case trailers(bytesSeen: Int)
        case done
    }

    private var state = State.sizeLine
    /// The sum of the chunk sizes read so far.
    private(set) var announcedBytes = 0
    private let maxBodyBytes: Int
    /// The longest chunk-size line, and the most trailer bytes, accepted.
    private let maxLineBytes: Int

    init(maxBodyBytes: Int, maxLineBytes: Int) {
        self.maxBodyBytes = maxBodyBytes
        self.maxLineBytes = maxLineBytes
    }

    /// Decodes what `buffer` holds into `body`; returns true after the last chunk and trailers.
    mutating func decode(from buffer: inout ByteBuffer, into body: inout [UInt8]) throws(HTTPParseError) -> Bool {
        while true {
            switch state {
            case .sizeLine:
                let tooLong = HTTPParseError.badRequest("chunk line too long")
                guard let line = try takeLine(from: &buffer, longest: maxLineBytes, else: tooLong) else { return false }
                let size = try Self.chunkSize(line)
                guard body.count + size <= maxBodyBytes else {
                    throw HTTPParseError(status: 413, reason: "request body too large")
                }
                announcedBytes = body.count + size
                state = size == 0 ? .trailers(bytesSeen: 0) : .data(remaining: size)
            case .data(let remaining):
                let taken = buffer.readable.prefix(remaining)
                guard !taken.isEmpty else { return false }
                body.append(contentsOf: taken)
                buffer.consume(taken.count)
                state = taken.count == remaining ? .dataEnd : .data(remaining: remaining - taken.count)
            case .dataEnd:
                guard try takeLineEnd(from: &buffer) else { return false }
                state = .sizeLine
            case .trailers(let bytesSeen):
                // Each trailer line counts with a CRLF, the empty last one too.
                let tooLarge = HTTPParseError(status: 431, reason: "trailers too large")
                let longest = maxLineBytes - bytesSeen - 2
                guard let line = try takeLine(from: &buffer, longest: longest, else: tooLarge) else { return false }
                state = line.isEmpty ? .done : .trailers(bytesSeen: bytesSeen + line.count + 2)
            case .done:
                return true
            }
        }
    }

    /// The next line without its CRLF (or bare LF), or nil when it has not fully arrived yet; `error`
    /// when it is, or is bound to be, longer than `longest` bytes.
    private func takeLine(
        from buffer: inout ByteBuffer, longest: Int, else error: HTTPParseError
    ) throws(HTTPParseError) -> [UInt8]? {
        let bytes = buffer.readable
        guard let lineFeed = bytes.firstIndex(of: .lf) else {
            // However the rest arrives, the line holds at least these bytes (a last CR may end it).
            let shortest = bytes.count - (bytes.last == .cr ? 1 : 0)
            if shortest > longest { throw error }
            return nil
        }
        var line = Array(bytes[..<lineFeed])
        if line.last == .cr { line.removeLast() }
        if line.count > longest { throw error }
        buffer.consume(lineFeed + 1 - bytes.startIndex)
        return line
    }

    /// The CRLF (or bare LF) right after a chunk's data: true once taken, false until it has arrived.
    private func takeLineEnd(from buffer: inout ByteBuffer) throws(HTTPParseError) -> Bool {
        let bytes = buffer.readable
        let overrun = HTTPParseError.badRequest("chunk data longer than its size")
        guard let first = bytes.first else { return false }
        if first == .lf {
            buffer.consume(1)
            return true
        }
        guard first == .cr else { throw overrun }
        guard bytes.count >= 2 else { return false }
        guard bytes[bytes.startIndex + 1] == .lf else { throw overrun }
        buffer.consume(2)
        return true
    }

    /// `chunk-size [ chunk-ext ]`: hexadecimal, at most 15 digits so it cannot overflow.
    private static func chunkSize(_ line: [UInt8]) throws(HTTPParseError) -> Int {
        let digits = line.prefix { $0 != UInt8(ascii: ";") && $0 != .space && $0 != .tab }
        let isHex = digits.allSatisfy { Character(Unicode.Scalar($0)).isHexDigit }
        guard !digits.isEmpty, digits.count <= 15, isHex,
            let size = Int(String(decoding: digits, as: UTF8.self), radix: 16)
        else { throw .badRequest("invalid chunk size") }
        return size
    }
}
