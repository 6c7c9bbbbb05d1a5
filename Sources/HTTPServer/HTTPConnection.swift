import Dispatch
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// What every connection shares with the server that accepted it.
struct ConnectionContext: Sendable {
    let configuration: HTTPServer.Configuration
    let handler: HTTPHandler
    let logger: RequestLogger?
    let gate: ConcurrencyGate
    let bodyLimit: BodyLimit?
    let bodyBudget: BodyBudget
    /// The route a path matched (`Router.routeLabel`), for the access log; nil without a router.
    let routeLabel: (@Sendable (String) -> String?)?
}

/// One client connection on a non-blocking socket: reads requests as bytes arrive (a Dispatch read
/// source, so an idle or slow client costs no thread), runs the handler in a Swift task, writes the
/// response, and enforces the header, body, idle and write timeouts with one timer.
/// All mutable state is owned by `queue`, a serial queue per connection; nothing else touches it
/// (members are internal only so that `HTTPConnection+Responding.swift` can share them).
final class HTTPConnection: @unchecked Sendable {
    enum Phase {
        /// Between requests, or part of a request head received.
        case awaitingHead
        case readingBody
        /// The handler is running or its response is being written; reading is paused.
        case responding
        /// An error response was sent: discard input until the client closes or the timer fires.
        case lingering
        case closed
    }

    /// What happens once the current output has been written.
    enum AfterWrite {
        case keepAlive
        case close
        case linger
    }

    /// Bytes read per `recv` call, and per read event, so one fast client cannot monopolise a thread.
    private static let readChunkBytes = 16 * 1024
    private static let maxBytesPerReadEvent = 256 * 1024

    let descriptor: Int32
    let remoteAddress: String
    let context: ConnectionContext
    private let onClose: @Sendable (HTTPConnection) -> Void
    let queue: DispatchQueue
    private let readSource: DispatchSourceRead
    private let timer: DispatchSourceTimer
    var writeSource: DispatchSourceWrite?
    private var isReadSuspended = false
    var isWriteSuspended = false
    private var sourcesAwaitingCancel = 0
    /// 0 until the first byte arrives, then 1; 2 once the server chose to shed the connection. Read by the
    /// server's queue too: the compare-exchange makes "shed it" and "a byte arrived" mutually exclusive.
    private let usage = Atomic<UInt8>(0)
    private var isMarkedUsed = false

    var phase = Phase.awaitingHead
    var parser: RequestParser
    /// When the current request's first byte arrived (the accept, for a new connection); nil when idle.
    var requestStartedAt: ContinuousClock.Instant?
    /// Method and path of the request whose body is being read, for the log if it fails.
    var requestLine: (method: String, path: String)?
    /// The request being answered.
    var current: ParsedRequest?
    /// Bytes of the shared body budget this connection holds for the request in progress.
    private var budgetHeld = 0
    var output: [UInt8] = []
    var outputOffset = 0
    var afterWrite = AfterWrite.close
    /// The client shut down its sending side; answer what was received, then close.
    var peerFinishedSending = false
    /// The server is shutting down: finish the current request, keep nothing alive.
    var isDraining = false

    init(
        descriptor: Int32, remoteAddress: String, context: ConnectionContext,
        onClose: @escaping @Sendable (HTTPConnection) -> Void
    ) {
        self.descriptor = descriptor
        self.remoteAddress = remoteAddress
        self.context = context
        self.onClose = onClose
        parser = RequestParser(
            maxHeadBytes: context.configuration.maxHeadBytes, maxBodyBytes: context.configuration.maxBodyBytes,
            bodyLimit: context.bodyLimit)
        queue = DispatchQueue(label: "remindd.http.connection")
        readSource = DispatchSource.makeReadSource(fileDescriptor: descriptor, queue: queue)
        timer = DispatchSource.makeTimerSource(queue: queue)
    }

    /// Starts reading; the header timeout runs from now.
    func start() {
        queue.async { [self] in
            readSource.setEventHandler { [self] in readAvailable() }
            readSource.setCancelHandler { [self] in sourceCancelled() }
            timer.setEventHandler { [self] in timerFired() }
            requestStartedAt = .now
            arm(context.configuration.headerReadTimeout)
            timer.resume()
            readSource.resume()
        }
    }

    /// Server shutdown: close now if idle, otherwise after the request in progress is answered.
    func drain() {
        queue.async { [self] in
            isDraining = true
            guard phase == .awaitingHead else { return }
            // A request may sit in the kernel before its read event fires: take it, so it is served.
            if !isReadSuspended { readAvailable() }
            if phase == .awaitingHead && parser.bufferedByteCount == 0 { close() }
        }
    }

    /// Closes at once, whatever is in progress (end of the shutdown grace period).
    func forceClose() {
        queue.async { [self] in close() }
    }

    /// Whether the client has sent anything yet (callable from any queue).
    var hasReceivedBytes: Bool { usage.load(ordering: .relaxed) != 0 }

    /// Marks a connection that has sent nothing as shed; returns false if a byte won the race.
    /// The caller then closes it with `forceClose()`.
    func claimForShedding() -> Bool {
        usage.compareExchange(expected: 0, desired: 2, ordering: .relaxed).exchanged
    }

    /// Records that bytes arrived; false when the server shed the connection first.
    private func markUsed() -> Bool {
        guard !isMarkedUsed else { return true }
        isMarkedUsed = usage.compareExchange(expected: 0, desired: 1, ordering: .relaxed).exchanged
        return isMarkedUsed
    }

    // MARK: Reading

    private func readAvailable() {
        guard phase != .closed else { return }
        var received = 0
        var reachedEnd = false
        reading: while received < Self.maxBytesPerReadEvent {
            let count = withUnsafeTemporaryAllocation(byteCount: Self.readChunkBytes, alignment: 1) { chunk in
                let count = recv(descriptor, chunk.baseAddress, chunk.count, 0)
                if count > 0 { parser.append(UnsafeRawBufferPointer(rebasing: chunk[..<count])) }
                return count
            }
            if count > 0 {
                received += count
            } else if count == 0 {
                reachedEnd = true
                break reading
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                break reading
            } else {
                close()
                return
            }
        }
        if received > 0 && !markUsed() {
            close()
            return
        }
        if phase == .lingering {
            parser.discardBuffered()
            if reachedEnd { close() }
            return
        }
        processBuffer()
        if reachedEnd {
            peerFinishedSending = true
            suspendReading()
            if phase == .awaitingHead || phase == .readingBody || phase == .lingering { close() }
        }
    }

    /// Advances through as many requests as the buffer holds (pipelining), one at a time.
    func processBuffer() {
        while phase == .awaitingHead || phase == .readingBody {
            let event = parser.next()
            if case .bodyExpected(let method, let path, _) = event { requestLine = (method, path) }
            guard holdBudget(for: event) else {
                fail(status: 503, reason: "server busy: too many request bodies in flight")
                return
            }
            switch event {
            case .needMoreBytes:
                if requestStartedAt == nil && parser.hasPartialRequest {
                    requestStartedAt = .now
                    arm(context.configuration.headerReadTimeout)
                }
                return
            case .bodyExpected(_, _, let expectsContinue):
                phase = .readingBody
                arm(context.configuration.bodyReadTimeout)
                if expectsContinue && parser.bufferedByteCount == 0 { sendContinue() }
            case .request(let request):
                dispatch(request)
            case .failure(let status, let reason):
                fail(status: status, reason: reason)
            }
        }
    }

    /// Takes from the shared budget what the body being read has grown to; false when it does not fit.
    private func holdBudget(for event: RequestParser.Event) -> Bool {
        let needed: Int
        switch event {
        case .request(let request): needed = request.body.count
        case .failure: needed = 0
        case .needMoreBytes, .bodyExpected: needed = parser.bodyBytesCommitted
        }
        guard needed > budgetHeld else { return true }
        guard context.bodyBudget.take(needed - budgetHeld) else { return false }
        budgetHeld = needed
        return true
    }

    /// Gives the budget back once the request's body is no longer needed (answered, refused or closed).
    func releaseBudget() {
        context.bodyBudget.giveBack(budgetHeld)
        budgetHeld = 0
    }

    /// `100 Continue` is 25 bytes on a socket whose send buffer is empty (the previous response was
    /// fully written before reading resumed), so it is sent in one call; if even that fails, the
    /// client is gone or misbehaving and the connection closes.
    private func sendContinue() {
        let interim = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
        let sent = interim.withUnsafeBytes { POSIXSocket.send(descriptor, $0) }
        if sent != interim.count { close() }
    }

    // MARK: Timer and teardown

    private func timerFired() {
        switch phase {
        case .awaitingHead:
            if parser.hasPartialRequest { fail(status: 408, reason: "request head too slow") } else { close() }
        case .readingBody:
            fail(status: 408, reason: "request body too slow")
        case .responding, .lingering:
            close()
        case .closed:
            break
        }
    }

    func arm(_ timeout: Duration) {
        timer.schedule(deadline: .now() + timeout.dispatchInterval)
    }

    func disarmTimer() {
        timer.schedule(deadline: .distantFuture)
    }

    func suspendReading() {
        guard !isReadSuspended, phase != .closed else { return }
        readSource.suspend()
        isReadSuspended = true
    }

    func resumeReading() {
        guard isReadSuspended else { return }
        readSource.resume()
        isReadSuspended = false
    }

    /// Cancels the sources; the descriptor is closed once every source watching it has let go of it.
    func close() {
        guard phase != .closed else { return }
        phase = .closed
        parser.discardBuffered()
        releaseBudget()
        current = nil
        output = []
        timer.cancel()
        sourcesAwaitingCancel = writeSource == nil ? 1 : 2
        resumeReading()
        readSource.cancel()
        if let writeSource {
            if isWriteSuspended { writeSource.resume() }
            writeSource.cancel()
        }
    }

    func sourceCancelled() {
        sourcesAwaitingCancel -= 1
        guard sourcesAwaitingCancel == 0 else { return }
        Glibc.close(descriptor)
        onClose(self)
    }

    func log(
        _ method: String, _ path: String, status: Int, requestBytes: Int, responseBytes: Int, requestID: String
    ) {
        guard let logger = context.logger else { return }
        let duration = requestStartedAt.map { ContinuousClock.now - $0 } ?? .zero
        logger(RequestLogEntry(
            method: method, path: path, status: status, duration: duration, requestBodyBytes: requestBytes,
            responseBodyBytes: responseBytes, remoteAddress: remoteAddress, requestID: requestID,
            route: method.isEmpty ? nil : context.routeLabel?(path)))
    }

    /// 16 lowercase hex characters from the system's random source.
    static func makeRequestID() -> String {
        let hex = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
