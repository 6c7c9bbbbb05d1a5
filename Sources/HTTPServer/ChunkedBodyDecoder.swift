/// Decodes a `Transfer-Encoding: chunked` request body (RFC 9112 §7.1) incrementally.
/// Chunk extensions are ignored and trailer fields discarded; sizes are checked against the body
/// limit before the chunk's data is read.
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
                guard let line = try takeLine(from: &buffer) else { return false }
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
                guard let line = try takeLine(from: &buffer) else { return false }
                guard line.isEmpty else { throw .badRequest("chunk data longer than its size") }
                state = .sizeLine
            case .trailers(let bytesSeen):
                guard let line = try takeLine(from: &buffer) else { return false }
                let total = bytesSeen + line.count + 2
                guard total <= maxLineBytes else { throw HTTPParseError(status: 431, reason: "trailers too large") }
                state = line.isEmpty ? .done : .trailers(bytesSeen: total)
            case .done:
                return true
            }
        }
    }

    /// The next line without its CRLF (or bare LF), or nil when it has not fully arrived yet.
    private func takeLine(from buffer: inout ByteBuffer) throws(HTTPParseError) -> [UInt8]? {
        let bytes = buffer.readable
        guard let lineFeed = bytes.firstIndex(of: .lf) else {
            if bytes.count > maxLineBytes { throw .badRequest("chunk line too long") }
            return nil
        }
        var line = Array(bytes[..<lineFeed])
        if line.last == .cr { line.removeLast() }
        buffer.consume(lineFeed + 1 - bytes.startIndex)
        return line
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
