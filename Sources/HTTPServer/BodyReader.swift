/// How a request body is delimited (RFC 9112 §6.3).
enum BodyFraming: Equatable {
    case none
    case contentLength(Int)
    case chunked
}

extension RequestHead {
    /// The body's framing, with the checks that keep requests unambiguous: `Transfer-Encoding` together
    /// with `Content-Length` or in an HTTP/1.0 request (RFC 9112 §6.1: faulty framing), conflicting
    /// lengths or a non-numeric length are 400; a length above the limit is 413 before a single body
    /// byte is read.
    func bodyFraming(maxBodyBytes: Int) throws(HTTPParseError) -> BodyFraming {
        let codings = listValues("Transfer-Encoding").map { $0.lowercased() }
        let lengths = listValues("Content-Length")
        if !codings.isEmpty {
            guard minorVersion == 1 else { throw .badRequest("Transfer-Encoding in an HTTP/1.0 request") }
            guard lengths.isEmpty else { throw .badRequest("both Transfer-Encoding and Content-Length") }
            guard codings.last == "chunked" else { throw .badRequest("request body must end with chunked coding") }
            guard codings.count == 1 else {
                throw HTTPParseError(status: 501, reason: "only the chunked transfer coding is supported")
            }
            return .chunked
        }
        guard let first = lengths.first else { return .none }
        guard lengths.allSatisfy({ $0 == first }) else { throw .badRequest("conflicting Content-Length") }
        guard !first.isEmpty, first.count <= 18, first.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
            let length = Int(first)
        else { throw .badRequest("invalid Content-Length") }
        guard length <= maxBodyBytes else { throw HTTPParseError(status: 413, reason: "request body too large") }
        return length == 0 ? .none : .contentLength(length)
    }

    /// Whether the client waits for `100 Continue` before sending the body; any other expectation is 417.
    func expectsContinue() throws(HTTPParseError) -> Bool {
        let expectations = listValues("Expect").map { $0.lowercased() }
        guard !expectations.isEmpty else { return false }
        guard expectations == ["100-continue"] else {
            throw HTTPParseError(status: 417, reason: "unsupported expectation")
        }
        return minorVersion == 1
    }
}

/// Collects one request body from the connection buffer as bytes arrive, for either framing.
struct BodyReader {
    private enum Decoding {
        case fixed(remaining: Int)
        case chunked(ChunkedBodyDecoder)
    }

    private var decoding: Decoding
    /// The body bytes received so far (decoded, for chunked bodies).
    private(set) var body: [UInt8] = []
    /// The size the body will have at least: its length, or the chunk sizes announced so far.
    private(set) var committedBytes = 0

    /// A reader for a framing other than `.none`.
    init(framing: BodyFraming, maxBodyBytes: Int, maxLineBytes: Int) {
        switch framing {
        case .none: decoding = .fixed(remaining: 0)
        case .contentLength(let length):
            decoding = .fixed(remaining: length)
            committedBytes = length
            body.reserveCapacity(length)
        case .chunked:
            decoding = .chunked(ChunkedBodyDecoder(maxBodyBytes: maxBodyBytes, maxLineBytes: maxLineBytes))
        }
    }

    /// Takes what it can from `buffer`; returns true once the body is complete.
    mutating func read(from buffer: inout ByteBuffer) throws(HTTPParseError) -> Bool {
        switch decoding {
        case .fixed(let remaining):
            let taken = buffer.readable.prefix(remaining)
            body.append(contentsOf: taken)
            buffer.consume(taken.count)
            decoding = .fixed(remaining: remaining - taken.count)
            return remaining == taken.count
        case .chunked(var decoder):
            defer {
                committedBytes = decoder.announcedBytes
                decoding = .chunked(decoder)
            }
            return try decoder.decode(from: &buffer, into: &body)
        }
    }
}
