import Dispatch

extension HTTPServer {
    /// Every address, limit and timeout the server enforces, each with a production default.
    /// Tests tighten them (short timeouts, small caps) to exercise the limits in milliseconds.
    public struct Configuration: Sendable {
        /// Address to bind: `127.0.0.1`, `0.0.0.0`, `::1` (or `[::1]`), `::`, or a resolvable host name.
        public var host: String
        /// TCP port; 0 binds an ephemeral port, which `start()` returns.
        public var port: Int
        /// Longest request head (request line + headers + blank line) accepted; beyond it, 431.
        public var maxHeadBytes: Int
        /// Largest request body accepted (decoded size for chunked bodies) where the route sets no cap of
        /// its own (`Router.add(_:_:maxBodyBytes:_:)`); beyond it, 413 before the body is read.
        public var maxBodyBytes: Int
        /// Request-body bytes all connections together may hold at once (declared lengths and chunks
        /// announced, until the response is written). A request that would go beyond it gets `503`
        /// and the connection closes: memory stays bounded however many clients send bodies slowly.
        public var maxBufferedBodyBytes: Int
        /// The whole request head must arrive within this time of its first byte (or of the accept,
        /// for a new connection); otherwise 408 and close (a new connection that sent nothing at all
        /// is closed silently). Defeats slowloris clients and connection hoarders.
        public var headerReadTimeout: Duration
        /// The whole body must arrive within this time of the head; otherwise 408 and close.
        public var bodyReadTimeout: Duration
        /// A kept-alive connection with no new request for this long is closed silently.
        public var idleTimeout: Duration
        /// A response the client does not read within this time is abandoned and the connection closed.
        public var responseWriteTimeout: Duration
        /// After an error response the server reads (and discards) what the client still sends for up to
        /// this long before closing, so the client sees the error instead of a connection reset.
        public var lingeringCloseTimeout: Duration
        /// Open connections in all. A new connection beyond it takes the place of the oldest connection
        /// that has not sent a byte yet; when every connection is in use, it is answered `503` and closed.
        public var maxConnections: Int
        /// Open connections from one peer address (an IPv6 peer counts by its /64), so that one address
        /// cannot take every slot: beyond it, that peer's oldest connection that has not sent a byte
        /// gives way, or the newcomer gets `503`. The peer is the socket's, never `X-Forwarded-For`.
        /// Keep it well below `maxConnections` (headroom for other peers).
        public var maxConnectionsPerPeer: Int
        /// Handlers running at the same time; further requests wait for a slot (their connections stay
        /// open and do not hold a thread).
        public var maxConcurrentHandlers: Int
        /// The kernel's queue of connections not yet accepted (`listen(2)` backlog).
        public var listenBacklog: Int

        /// The production defaults, listening on `host:port`.
        public init(
            host: String = "127.0.0.1",
            port: Int = 0,
            maxHeadBytes: Int = 16 * 1024,
            maxBodyBytes: Int = 1024 * 1024,
            maxBufferedBodyBytes: Int = 64 * 1024 * 1024,
            headerReadTimeout: Duration = .seconds(10),
            bodyReadTimeout: Duration = .seconds(30),
            idleTimeout: Duration = .seconds(60),
            responseWriteTimeout: Duration = .seconds(30),
            lingeringCloseTimeout: Duration = .seconds(2),
            maxConnections: Int = 1024,
            maxConnectionsPerPeer: Int = 256,
            maxConcurrentHandlers: Int = 64,
            listenBacklog: Int = 1024
        ) {
            self.host = host
            self.port = port
            self.maxHeadBytes = maxHeadBytes
            self.maxBodyBytes = maxBodyBytes
            self.maxBufferedBodyBytes = maxBufferedBodyBytes
            self.headerReadTimeout = headerReadTimeout
            self.bodyReadTimeout = bodyReadTimeout
            self.idleTimeout = idleTimeout
            self.responseWriteTimeout = responseWriteTimeout
            self.lingeringCloseTimeout = lingeringCloseTimeout
            self.maxConnections = maxConnections
            self.maxConnectionsPerPeer = maxConnectionsPerPeer
            self.maxConcurrentHandlers = maxConcurrentHandlers
            self.listenBacklog = listenBacklog
        }
    }
}

extension Duration {
    /// The same span for Dispatch timers.
    var dispatchInterval: DispatchTimeInterval {
        let (seconds, attoseconds) = components
        return .nanoseconds(Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000))
    }
}
