import Foundation
import Synchronization
@testable import HTTPServer

extension HTTPServer.Configuration {
    /// Production limits with timeouts short enough for tests that wait for them.
    static var forTests: HTTPServer.Configuration {
        var configuration = HTTPServer.Configuration(host: "127.0.0.1", port: 0)
        configuration.headerReadTimeout = .seconds(2)
        configuration.bodyReadTimeout = .seconds(2)
        configuration.idleTimeout = .seconds(5)
        configuration.lingeringCloseTimeout = .milliseconds(200)
        return configuration
    }
}

/// Answers `METHOD path?query` on the first line and the body after it, so tests see what the
/// handler saw.
let echoHandler: HTTPHandler = { request in
    let target = request.query.isEmpty ? request.path : "\(request.path)?\(request.query)"
    return .text("\(request.method) \(target)\n" + String(decoding: request.body, as: UTF8.self))
}

/// Collects log entries across the server's queues.
final class LogRecorder: Sendable {
    private let storage = Mutex<[RequestLogEntry]>([])
    var entries: [RequestLogEntry] { storage.withLock { $0 } }
    var logger: RequestLogger { { entry in self.storage.withLock { $0.append(entry) } } }
}

/// Starts a server on an ephemeral port, runs `body` with the port, and always shuts the server down.
func withServer(
    _ configuration: HTTPServer.Configuration = .forTests, logger: RequestLogger? = nil,
    handler: @escaping HTTPHandler = echoHandler, _ body: (HTTPServer, Int) async throws -> Void
) async throws {
    let server = HTTPServer(configuration: configuration, logger: logger, handler: handler)
    let port = try server.start()
    do {
        try await body(server, port)
    } catch {
        await server.shutdown(gracePeriod: .milliseconds(100))
        throw error
    }
    await server.shutdown(gracePeriod: .milliseconds(100))
}
