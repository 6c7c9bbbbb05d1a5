import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The writing half of a connection: running the handler, encoding and sending its response (waiting
/// for the socket to drain when needed), and deciding what follows. Runs on the connection's `queue`.
extension HTTPConnection {
    /// Hands the complete request to the handler in a task (bounded by the concurrency gate);
    /// reading pauses until the response is written, so pipelined requests wait in the buffer.
    func dispatch(body: [UInt8]) {
        guard let pending else { return }
        phase = .responding
        suspendReading()
        disarmTimer()
        let request = HTTPRequest(
            method: pending.head.method, path: pending.path, query: pending.query, headers: pending.head.headers,
            body: Data(body), remoteAddress: remoteAddress, requestID: Self.makeRequestID())
        let context = context
        Task {
            let response = await context.gate.run { await context.handler(request) }
            self.queue.async { self.respond(with: response, to: request) }
        }
    }

    private func respond(with response: HTTPResponse, to request: HTTPRequest) {
        guard phase == .responding, let head = pending?.head else { return }
        if response.status == HTTPResponse.dropConnection.status {
            log(request.method, request.path, status: 0, requestBytes: request.body.count, responseBytes: 0,
                requestID: request.requestID)
            close()
            return
        }
        let handlerClosesConnection = response.headers.contains {
            $0.name.lowercased() == "connection" && $0.value.lowercased().contains("close")
        }
        let keepAlive = head.wantsKeepAlive && !isDraining && !peerFinishedSending && !handlerClosesConnection
        let omitBody = head.method == "HEAD"
        let bytes = ResponseEncoder.encode(
            response, requestID: request.requestID, keepAlive: keepAlive, omitBody: omitBody)
        log(request.method, request.path, status: response.status, requestBytes: request.body.count,
            responseBytes: omitBody ? 0 : response.body.count, requestID: request.requestID)
        write(bytes, then: keepAlive ? .keepAlive : .close)
    }

    /// Answers a request that could not be read with its error status, then lingers and closes.
    func fail(_ error: HTTPParseError) {
        suspendReading()
        phase = .responding
        let requestID = Self.makeRequestID()
        log(pending?.head.method ?? "", pending?.path ?? "", status: error.status,
            requestBytes: bodyReader?.body.count ?? 0, responseBytes: error.reason.utf8.count + 1, requestID: requestID)
        write(ResponseEncoder.error(status: error.status, reason: error.reason, requestID: requestID), then: .linger)
    }

    private func write(_ bytes: [UInt8], then next: AfterWrite) {
        output = bytes
        outputOffset = 0
        afterWrite = next
        arm(context.configuration.responseWriteTimeout)
        flush()
    }

    private func flush() {
        guard phase != .closed else { return }
        while outputOffset < output.count {
            let sent = output.withUnsafeBytes { all in
                POSIXSocket.send(descriptor, UnsafeRawBufferPointer(rebasing: all[outputOffset...]))
            }
            if sent >= 0 {
                outputOffset += sent
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                awaitWritable()
                return
            } else {
                close()
                return
            }
        }
        output = []
        outputOffset = 0
        if let writeSource, !isWriteSuspended {
            writeSource.suspend()
            isWriteSuspended = true
        }
        writeCompleted()
    }

    private func awaitWritable() {
        if let writeSource {
            if isWriteSuspended {
                writeSource.resume()
                isWriteSuspended = false
            }
            return
        }
        let source = DispatchSource.makeWriteSource(fileDescriptor: descriptor, queue: queue)
        source.setEventHandler { [self] in flush() }
        source.setCancelHandler { [self] in sourceCancelled() }
        writeSource = source
        source.resume()
    }

    private func writeCompleted() {
        switch afterWrite {
        case .close:
            close()
        case .linger:
            beginLingering()
        case .keepAlive:
            phase = .awaitingHead
            pending = nil
            requestStartedAt = nil
            arm(context.configuration.idleTimeout)
            processBuffer()
            guard phase == .awaitingHead || phase == .readingBody else { return }
            if peerFinishedSending || (isDraining && buffer.isEmpty) {
                close()
            } else {
                resumeReading()
            }
        }
    }

    /// Closing right after an error while the client is still sending would make the kernel reset the
    /// connection and discard the error response; so stop writing, drain input for a moment, then close.
    private func beginLingering() {
        phase = .lingering
        Glibc.shutdown(descriptor, Int32(SHUT_WR))
        buffer.removeAll()
        if peerFinishedSending {
            close()
            return
        }
        arm(context.configuration.lingeringCloseTimeout)
        resumeReading()
    }
}
