import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// A small HTTP/1.1 server on POSIX sockets and Dispatch. It reads requests with limits and timeouts,
/// keeps connections alive, answers pipelined requests in order, and calls one `HTTPHandler` per
/// request; it knows nothing about what the handler does.
///
/// The listening socket, the set of open connections and the shutdown state are owned by `stateQueue`
/// (a serial queue); each connection owns its own state on its own queue.
public final class HTTPServer: @unchecked Sendable {
    private let configuration: Configuration
    private let context: ConnectionContext
    private let stateQueue = DispatchQueue(label: "remindd.http.server")
    private var acceptSource: DispatchSourceRead?
    private var isAcceptSuspended = false
    private var connections = ConnectionTable()
    /// Connections shed to make room: no longer counted, but not closed yet.
    private var shedding: [ObjectIdentifier: HTTPConnection] = [:]
    private var isShuttingDown = false
    private var shutdownWaiters: [CheckedContinuation<Void, Never>] = []

    /// A server that will call `handler` for every request; `logger` gets one entry per response.
    /// `bodyLimit` caps bodies per route (`Router.bodyLimit`); without it every body may reach
    /// `configuration.maxBodyBytes`.
    public convenience init(
        configuration: Configuration = Configuration(), logger: RequestLogger? = nil, bodyLimit: BodyLimit? = nil,
        handler: @escaping HTTPHandler
    ) {
        self.init(configuration: configuration, logger: logger, bodyLimit: bodyLimit, routeLabel: nil, handler: handler)
    }

    /// A server for `router`'s routes, with their body caps; log entries name the matched route.
    public convenience init(configuration: Configuration = Configuration(), logger: RequestLogger? = nil, router: Router) {
        self.init(configuration: configuration, logger: logger, bodyLimit: router.bodyLimit, routeLabel: router.routeLabel,
                  handler: router.handler)
    }

    private init(
        configuration: Configuration, logger: RequestLogger?, bodyLimit: BodyLimit?,
        routeLabel: (@Sendable (String) -> String?)?, handler: @escaping HTTPHandler
    ) {
        self.configuration = configuration
        context = ConnectionContext(
            configuration: configuration, handler: handler, logger: logger,
            gate: ConcurrencyGate(slots: configuration.maxConcurrentHandlers), bodyLimit: bodyLimit,
            bodyBudget: BodyBudget(bytes: configuration.maxBufferedBodyBytes), routeLabel: routeLabel)
    }

    /// Binds and starts accepting; returns the bound port (the ephemeral one when configured with 0).
    /// The socket is listening when this returns, so clients may connect immediately. Call it once.
    public func start() throws -> Int {
        let alreadyStarted = stateQueue.sync { acceptSource != nil || isShuttingDown }
        guard !alreadyStarted else {
            throw HTTPServerError(
                operation: "start", code: EALREADY, message: "already started",
                address: "\(configuration.host):\(configuration.port)")
        }
        let listener = try POSIXSocket.listen(
            host: configuration.host, port: configuration.port, backlog: configuration.listenBacklog)
        let port = POSIXSocket.boundPort(of: listener)
        stateQueue.sync {
            let source = DispatchSource.makeReadSource(fileDescriptor: listener, queue: stateQueue)
            source.setEventHandler { [self] in acceptPending(from: listener) }
            source.setCancelHandler { close(listener) }
            acceptSource = source
            source.resume()
        }
        return port
    }

    /// Stops accepting, closes idle connections, lets requests in progress finish (their responses say
    /// `Connection: close`), and returns once every connection is closed. Connections still busy after
    /// `gracePeriod` are closed regardless; their handlers' results are then discarded.
    public func shutdown(gracePeriod: Duration = .seconds(10)) async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            stateQueue.async { [self] in
                shutdownWaiters.append(waiter)
                guard !isShuttingDown else {
                    resumeWaitersIfDone()
                    return
                }
                isShuttingDown = true
                if let acceptSource {
                    if isAcceptSuspended { acceptSource.resume() }
                    acceptSource.cancel()
                }
                acceptSource = nil
                connections.all.forEach { $0.drain() }
                stateQueue.asyncAfter(deadline: .now() + gracePeriod.dispatchInterval) { [self] in
                    connections.all.forEach { $0.forceClose() }
                }
                resumeWaitersIfDone()
            }
        }
    }

    /// The number of open connections (for tests and metrics).
    public var openConnectionCount: Int {
        stateQueue.sync { connections.count }
    }

    /// Open connections that have not sent a byte yet: the ones shed first (for tests).
    var unusedConnectionCount: Int {
        stateQueue.sync { connections.all.count { !$0.hasReceivedBytes } }
    }

    private func acceptPending(from listener: Int32) {
        while !isShuttingDown {
            switch POSIXSocket.accept(from: listener) {
            case .wouldBlock:
                return
            case .failed:
                continue
            case .outOfDescriptors:
                pauseAccepting()
                return
            case .connection(let descriptor, let remoteAddress, let peer):
                guard makeRoom(for: peer) else {
                    refuse(descriptor, remoteAddress: remoteAddress)
                    continue
                }
                let connection = HTTPConnection(
                    descriptor: descriptor, remoteAddress: remoteAddress, context: context
                ) { [self] closed in
                    stateQueue.async { [self] in
                        if !connections.remove(closed) { shedding[ObjectIdentifier(closed)] = nil }
                        resumeWaitersIfDone()
                    }
                }
                connections.insert(connection, peer: peer)
                connection.start()
            }
        }
    }

    /// Whether a connection from `peer` fits under the per-peer and the total cap, shedding (oldest first)
    /// a connection that has not sent a byte yet when it does not: the peer's own at its cap, anyone's
    /// at the total cap. Connections that are in use are never shed; then the newcomer is refused.
    private func makeRoom(for peer: String) -> Bool {
        if connections.count(from: peer) >= configuration.maxConnectionsPerPeer { return shedOne(from: peer) }
        if connections.count >= configuration.maxConnections { return shedOne(from: nil) }
        return true
    }

    private func shedOne(from peer: String?) -> Bool {
        while let victim = connections.oldestUnused(from: peer) {
            guard victim.claimForShedding() else { continue }
            connections.remove(victim)
            shedding[ObjectIdentifier(victim)] = victim
            victim.forceClose()
            return true
        }
        return false
    }

    /// Over the connection cap: a canned 503 (small enough for an empty send buffer), then close.
    /// Whatever the client already sent is read first so that closing does not reset the connection.
    private func refuse(_ descriptor: Int32, remoteAddress: String) {
        let requestID = HTTPConnection.makeRequestID()
        let reason = "too many connections"
        let response = ResponseEncoder.error(status: 503, reason: reason, requestID: requestID)
        _ = response.withUnsafeBytes { POSIXSocket.send(descriptor, $0) }
        Glibc.shutdown(descriptor, Int32(SHUT_WR))
        withUnsafeTemporaryAllocation(byteCount: 4096, alignment: 1) { scratch in
            while recv(descriptor, scratch.baseAddress, scratch.count, 0) > 0 {}
        }
        close(descriptor)
        context.logger?(RequestLogEntry(
            method: "", path: "", status: 503, duration: .zero, requestBodyBytes: 0,
            responseBodyBytes: reason.utf8.count + 1, remoteAddress: remoteAddress, requestID: requestID))
    }

    /// Out of file descriptors: the pending connection stays queued in the kernel, and the readable
    /// listener would spin, so stop watching it briefly while connections close.
    private func pauseAccepting() {
        guard let acceptSource, !isAcceptSuspended else { return }
        acceptSource.suspend()
        isAcceptSuspended = true
        stateQueue.asyncAfter(deadline: .now() + .milliseconds(100)) { [self] in
            guard isAcceptSuspended, let source = self.acceptSource else { return }
            isAcceptSuspended = false
            source.resume()
        }
    }

    private func resumeWaitersIfDone() {
        guard isShuttingDown, connections.isEmpty, shedding.isEmpty else { return }
        let waiters = shutdownWaiters
        shutdownWaiters = []
        waiters.forEach { $0.resume() }
    }
}
