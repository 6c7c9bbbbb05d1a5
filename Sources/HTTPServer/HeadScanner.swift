/// Finds where a request head ends (the empty line after the headers) in bytes that arrive in pieces.
/// Remembers how far it has looked, so a head trickled byte by byte is scanned once, not quadratically.
struct HeadScanner {
    /// What the scan found.
    enum Outcome: Equatable {
        case incomplete
        /// The head (request line, headers and the empty line) is this many bytes long.
        case complete(headLength: Int)
        /// The head is, or will be, longer than the limit: answer 431.
        case tooLarge
    }

    private var resumeOffset = 0

    /// Scans `bytes` (which start with the head) for its end, accepting CRLF or bare LF line endings.
    mutating func scan(_ bytes: ArraySlice<UInt8>, limit: Int) -> Outcome {
        var index = bytes.startIndex + resumeOffset
        while index < bytes.endIndex {
            defer { index += 1 }
            guard bytes[index] == .lf else { continue }
            let next = index + 1
            if next < bytes.endIndex && bytes[next] == .lf {
                return finish(headLength: next + 1 - bytes.startIndex, limit: limit)
            }
            if next + 1 < bytes.endIndex && bytes[next] == .cr && bytes[next + 1] == .lf {
                return finish(headLength: next + 2 - bytes.startIndex, limit: limit)
            }
            let undecided = next == bytes.endIndex || (next + 1 == bytes.endIndex && bytes[next] == .cr)
            if undecided {
                resumeOffset = index - bytes.startIndex
                return bytes.count > limit ? .tooLarge : .incomplete
            }
        }
        resumeOffset = bytes.count
        return bytes.count > limit ? .tooLarge : .incomplete
    }

    /// Starts over for the next request on the connection.
    mutating func reset() {
        resumeOffset = 0
    }

    private mutating func finish(headLength: Int, limit: Int) -> Outcome {
        resumeOffset = 0
        return headLength > limit ? .tooLarge : .complete(headLength: headLength)
    }
}
