/// The largest body (in bytes) a request to `path` with `method` may carry, or nil for the server's
/// `maxBodyBytes`. Asked once per request, after its head and before any body byte is read.
public typealias BodyLimit = @Sendable (_ method: String, _ path: String) -> Int?

/// Reads HTTP/1.x requests from bytes as they arrive, with the server's limits: append what the socket
/// gave, then take events until it needs more. Each connection runs one; it has no socket and no clock,
/// so tests and fuzzers drive exactly the code the server runs. However the bytes are split across
/// `append` calls, the requests and the failure that come out are the same.
public struct RequestParser {
    /// What reading found next.
    public enum Event: Equatable {
        /// Nothing more can be decided until more bytes arrive.
        case needMoreBytes
        /// A head was read and its body follows; `expectsContinue` when the client waits for
        /// `100 Continue` before sending it.
        case bodyExpected(method: String, path: String, expectsContinue: Bool)
        /// A complete request; the parser is ready for the next one.
        case request(ParsedRequest)
        /// The bytes are not a request the server accepts: answer `status`, then close. Final.
        case failure(status: Int, reason: String)
    }

    private enum State {
        case head
        case body(RequestHead, path: String, query: String, BodyReader)
        /// `bodyBytes`: how much of the refused request's body had arrived.
        case failed(HTTPParseError, bodyBytes: Int)
    }

    private let maxHeadBytes: Int
    private let maxBodyBytes: Int
    private let bodyLimit: BodyLimit?
    private var buffer = ByteBuffer()
    private var scanner = HeadScanner()
    private var state = State.head

    /// A parser with the server's head and default body limits; `bodyLimit` gives per-route body caps.
    public init(maxHeadBytes: Int, maxBodyBytes: Int, bodyLimit: BodyLimit? = nil) {
        self.maxHeadBytes = maxHeadBytes
        self.maxBodyBytes = maxBodyBytes
        self.bodyLimit = bodyLimit
    }

    /// Adds bytes received from the client.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        buffer.append(bytes)
    }

    /// Adds bytes received from the client.
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer.append($0) }
    }

    /// Bytes received and not yet taken into a request (the start of the next request, or its body).
    public var bufferedByteCount: Int { buffer.count }

    /// Whether part of a request (beyond empty lines before it) has arrived and not been taken yet.
    public var hasPartialRequest: Bool {
        if case .head = state { return buffer.readable.contains { $0 != .cr && $0 != .lf } }
        return true
    }

    /// The body bytes the request being read will hold at least: its `Content-Length`, or the chunk
    /// sizes announced so far. What the server charges to its budget of buffered bytes.
    public var bodyBytesCommitted: Int {
        guard case .body(_, _, _, let reader) = state else { return 0 }
        return reader.committedBytes
    }

    /// The body bytes of the request being read (or refused) that have arrived, for the log.
    public var bodyBytesReceived: Int {
        switch state {
        case .head: 0
        case .body(_, _, _, let reader): reader.body.count
        case .failed(_, let bodyBytes): bodyBytes
        }
    }

    /// Drops whatever is buffered (after an error, while the connection lingers).
    public mutating func discardBuffered() {
        buffer.removeAll()
    }

    /// Reads as far as the buffered bytes allow and reports what it found.
    public mutating func next() -> Event {
        switch state {
        case .failed(let error, _):
            return .failure(status: error.status, reason: error.reason)
        case .head:
            do throws(HTTPParseError) {
                return try readHead()
            } catch {
                return fail(error, bodyBytes: 0)
            }
        case .body(let head, let path, let query, var reader):
            state = .head  // `reader` holds the only reference while it appends: no copy of the body
            do throws(HTTPParseError) {
                guard try reader.read(from: &buffer) else {
                    state = .body(head, path: path, query: query, reader)
                    return .needMoreBytes
                }
            } catch {
                return fail(error, bodyBytes: reader.body.count)
            }
            return .request(ParsedRequest(head: head, path: path, query: query, body: reader.body))
        }
    }

    private mutating func fail(_ error: HTTPParseError, bodyBytes: Int) -> Event {
        state = .failed(error, bodyBytes: bodyBytes)
        return .failure(status: error.status, reason: error.reason)
    }

    private mutating func readHead() throws(HTTPParseError) -> Event {
        buffer.skipLeadingLineBreaks()
        guard !buffer.isEmpty else { return .needMoreBytes }
        switch scanner.scan(buffer.readable, limit: maxHeadBytes) {
        case .incomplete:
            return .needMoreBytes
        case .tooLarge:
            throw HTTPParseError(status: 431, reason: "request head too large")
        case .complete(let headLength):
            let headBytes = Array(buffer.readable.prefix(headLength))
            buffer.consume(headLength)
            scanner.reset()
            let head = try RequestHead(parsing: headBytes[...])
            let (path, query) = try head.pathAndQuery()
            let limit = bodyLimit?(head.method, path) ?? maxBodyBytes
            let framing = try head.bodyFraming(maxBodyBytes: limit)
            let expectsContinue = try head.expectsContinue()
            guard framing != .none else { return .request(ParsedRequest(head: head, path: path, query: query, body: [])) }
            let reader = BodyReader(framing: framing, maxBodyBytes: limit, maxLineBytes: maxHeadBytes)
            state = .body(head, path: path, query: query, reader)
            return .bodyExpected(method: head.method, path: path, expectsContinue: expectsContinue)
        }
    }
}

/// One complete request as the parser read it.
public struct ParsedRequest: Equatable {
    let head: RequestHead
    /// The percent-decoded path, without the query.
    public let path: String
    /// The raw query string (empty when absent).
    public let query: String
    /// The body, decoded when it was chunked.
    public let body: [UInt8]

    public var method: String { head.method }
    /// Header fields in arrival order, names as sent.
    public var headers: [(name: String, value: String)] { head.headers }
    /// Whether the client wants the connection kept open afterwards.
    public var wantsKeepAlive: Bool { head.wantsKeepAlive }

    public static func == (left: ParsedRequest, right: ParsedRequest) -> Bool {
        left.head.target == right.head.target && left.head.minorVersion == right.head.minorVersion
            && left.method == right.method && left.path == right.path && left.query == right.query
            && left.body == right.body && left.headers.elementsEqual(right.headers) { $0 == $1 }
    }
}
