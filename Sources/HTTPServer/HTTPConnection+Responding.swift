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
    func dispatch(_ parsed: ParsedRequest) {
        current = parsed
        phase = .responding
        suspendReading()
        disarmTimer()
        let request = HTTPRequest(
            method: parsed.method, path: parsed.path, query: parsed.query, headers: parsed.headers,
            body: Data(parsed.body), remoteAddress: remoteAddress, requestID: Self.makeRequestID())
        let context = context
        Task {
            let response = await context.gate.run { await context.handler(request) }
            self.queue.async { self.respond(with: response, to: request) }
        }
    }

    private func respond(with response: HTTPResponse, to request: HTTPRequest) {
        guard phase == .responding, let parsed = current else { return }
        releaseBudget()
        if response.status == HTTPResponse.dropConnection.status {
            log(request.method, request.path, status: 0, requestBytes: request.body.count, responseBytes: 0,
                requestID: request.requestID)
            close()
            return
        }
        let handlerClosesConnection = response.headers.contains {
            $0.name.lowercased() == "connection" && $0.value.lowercased().contains("close")
        }
        let keepAlive = parsed.wantsKeepAlive && !isDraining && !peerFinishedSending && !handlerClosesConnection
        let omitBody = parsed.method == "HEAD"
        let bytes = ResponseEncoder.encode(
            response, requestID: request.requestID, keepAlive: keepAlive, omitBody: omitBody)
        log(request.method, request.path, status: response.status, requestBytes: request.body.count,
            responseBytes: omitBody ? 0 : response.body.count, requestID: request.requestID)
        write(bytes, then: keepAlive ? .keepAlive : .close)
    }

    /// Answers a request that could not be read with its error status, then lingers and closes.
    func fail(status: Int, reason: String) {
        suspendReading()
        releaseBudget()
        phase = .responding
        let requestID = Self.makeRequestID()
        log(requestLine?.method ?? "", requestLine?.path ?? "", status: status,
            requestBytes: parser.bodyBytesReceived, responseBytes: reason.utf8.count + 1, requestID: requestID)
        write(ResponseEncoder.error(status: status, reason: reason, requestID: requestID), then: .linger)
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
            current = nil
            requestLine = nil
            requestStartedAt = nil
            arm(context.configuration.idleTimeout)
            processBuffer()
            guard phase == .awaitingHead || phase == .readingBody else { return }
            if peerFinishedSending || (isDraining && parser.bufferedByteCount == 0) {
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
        parser.discardBuffered()
        if peerFinishedSending {
            close()
            return
        }
        arm(context.configuration.lingeringCloseTimeout)
        resumeReading()
    }
}
