import CCurl
import Foundation
import Synchronization

/// HTTP/1.1 and HTTP/2 requests through libcurl's multi interface, on one thread of its own.
///
/// Why not URLSession: on Linux it is this same libcurl under several Dispatch queues, and about half
/// of remindd's CPU per delivered post went to those hops (issue 15's profile). Here a request is one
/// lock and one wake-up to hand over, and one continuation resumed from the loop thread when it is done.
///
/// Ownership: the loop thread alone uses the multi handle, the easy handles and every `CurlTransfer`
/// once handed over; callers only append to the `inbox` (a `Mutex`) and wake the loop with
/// `curl_multi_wakeup`, the one multi call libcurl allows from another thread. Connections (and TLS
/// sessions) are kept in the multi handle's cache and reused; at most `maxConnections` go to one host,
/// further requests wait inside curl. Dropping the transport stops the thread, failing what is in flight
/// as cancelled.
final class CurlTransport: Sendable {
    /// Fixed for the life of the transport.
    struct Settings: Sendable {
        /// The whole request's deadline, connection and redirects included (exact to the millisecond).
        var timeout: Duration
        var maxConnections: Int
        var options: HTTPTransportOptions
        var userAgent: String
        /// A longer response fails (a misbehaving server cannot make remindd buffer without bound).
        var maxResponseBytes = 32 << 20

        var timeoutMilliseconds: Int {
            let (seconds, attoseconds) = timeout.components
            return max(1, Int(seconds) * 1000 + Int((attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000))
        }
    }

    private let shared: Shared
    let settings: Settings

    /// Starts the loop thread.
    init(settings: Settings) {
        Self.initializeCurl
        self.settings = settings
        shared = Shared(multi: curl_multi_init())
        let maxConnections = max(1, settings.maxConnections)
        _ = remind_curl_multi_set_long(shared.multi, CURLMOPT_MAX_HOST_CONNECTIONS, maxConnections)
        _ = remind_curl_multi_set_long(shared.multi, CURLMOPT_MAXCONNECTS, maxConnections)
        let loop = Loop(shared: shared, settings: settings)
        let thread = Thread { loop.run() }
        thread.name = "remindd.http"
        thread.start()
    }

    deinit { shared.stop() }

    /// Sends `request` and returns the final response, whatever its status.
    func send(_ request: HTTPRequestMessage) async throws(HTTPTransferError) -> HTTPResponseMessage {
        let shared = shared
        let box = TransferBox()
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    let transfer = CurlTransfer(request: request, continuation: continuation)
                    box.transfer.withLock { $0 = transfer }
                    shared.submit(transfer, alreadyCancelled: Task.isCancelled)
                }
            } onCancel: {
                if let transfer = box.transfer.withLock({ $0 }) { shared.cancel(transfer) }
            }
        } catch let error as HTTPTransferError {
            throw error
        } catch {
            throw .failed(String(describing: error))
        }
    }

    /// curl_global_init, once per process (thread-safe in the libcurl versions remindd supports).
    private static let initializeCurl: Void = { _ = curl_global_init(Int(CURL_GLOBAL_ALL)) }()

    /// The transfer a cancellation handler needs, set once the request is created.
    private final class TransferBox: Sendable {
        let transfer = Mutex<CurlTransfer?>(nil)
    }

    /// What callers and the loop share: the inbox and the multi handle (only for `curl_multi_wakeup`).
    private final class Shared: @unchecked Sendable {
        struct Inbox {
            var added: [CurlTransfer] = []
            var cancelled: [CurlTransfer] = []
            var stopping = false
        }

        let multi: UnsafeMutableRawPointer
        let inbox = Mutex(Inbox())

        init(multi: UnsafeMutableRawPointer) { self.multi = multi }

        func submit(_ transfer: CurlTransfer, alreadyCancelled: Bool) {
            inbox.withLock { inbox in
                if alreadyCancelled { transfer.cancelRequested = true }
                inbox.added.append(transfer)
            }
            curl_multi_wakeup(multi)
        }

        func cancel(_ transfer: CurlTransfer) {
            inbox.withLock { inbox in
                transfer.cancelRequested = true
                inbox.cancelled.append(transfer)
            }
            curl_multi_wakeup(multi)
        }

        func stop() {
            inbox.withLock { $0.stopping = true }
            curl_multi_wakeup(multi)
        }

        /// Everything that arrived since the last call; added transfers already cancelled come back
        /// in `cancelled` only (their flag is read under the same lock that set it).
        func take() -> Inbox {
            inbox.withLock { inbox in
                var taken = inbox
                taken.cancelled += taken.added.filter(\.cancelRequested)
                taken.added.removeAll(where: \.cancelRequested)
                inbox.added.removeAll(keepingCapacity: true)
                inbox.cancelled.removeAll(keepingCapacity: true)
                return taken
            }
        }
    }

    /// The loop thread's state: the transfers in curl's hands and the idle easy handles.
    private final class Loop: @unchecked Sendable {
        let shared: Shared
        let settings: Settings
        var active: [ObjectIdentifier: CurlTransfer] = [:]
        var idleHandles: [UnsafeMutableRawPointer] = []

        init(shared: Shared, settings: Settings) {
            self.shared = shared
            self.settings = settings
        }

        func run() {
            var running: Int32 = 0
            while true {
                let inbox = shared.take()
                for transfer in inbox.added { start(transfer) }
                for transfer in inbox.cancelled { abandon(transfer) }
                if inbox.stopping { break }
                curl_multi_perform(shared.multi, &running)
                collectFinished()
                // Idle, nothing wakes the thread but a new request: curl's own timers are shorter when
                // transfers are running (curl_multi_poll takes the smaller of the two).
                curl_multi_poll(shared.multi, nil, 0, active.isEmpty ? 60_000 : 1_000, nil)
            }
            for transfer in Array(active.values) { abandon(transfer) }
            idleHandles.forEach { curl_easy_cleanup($0) }
            curl_multi_cleanup(shared.multi)
        }

        private func start(_ transfer: CurlTransfer) {
            guard let handle = idleHandles.popLast() ?? curl_easy_init() else {
                transfer.finish(.failure(.failed("curl could not create a transfer")))
                return
            }
            guard transfer.configure(handle, settings: settings) else {
                recycle(handle)
                return
            }
            active[ObjectIdentifier(transfer)] = transfer
            curl_multi_add_handle(shared.multi, handle)
        }

        /// A cancelled transfer: out of curl's hands (if it got there) and its caller resumed.
        private func abandon(_ transfer: CurlTransfer) {
            if active.removeValue(forKey: ObjectIdentifier(transfer)) != nil, let handle = transfer.handle {
                curl_multi_remove_handle(shared.multi, handle)
                recycle(handle)
            }
            transfer.finish(.failure(.cancelled))
        }

        private func collectFinished() {
            var left: Int32 = 0
            while let message = curl_multi_info_read(shared.multi, &left) {
                guard message.pointee.msg == CURLMSG_DONE, let handle = message.pointee.easy_handle else { continue }
                let result = remind_curl_message_result(message)
                var pointer: UnsafeMutableRawPointer?
                _ = remind_curl_private(handle, &pointer)
                curl_multi_remove_handle(shared.multi, handle)
                if let pointer {
                    let transfer = Unmanaged<CurlTransfer>.fromOpaque(pointer).takeUnretainedValue()
                    active.removeValue(forKey: ObjectIdentifier(transfer))
                    transfer.complete(result)
                }
                recycle(handle)
            }
        }

        /// Keeps a finished handle for the next request (its connection stays in the multi's cache).
        private func recycle(_ handle: UnsafeMutableRawPointer) {
            curl_easy_reset(handle)
            if idleHandles.count < max(1, settings.maxConnections) {
                idleHandles.append(handle)
            } else {
                curl_easy_cleanup(handle)
            }
        }
    }
}
