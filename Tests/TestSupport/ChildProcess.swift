import Foundation

/// Runs a program to completion without blocking a Swift concurrency thread.
///
/// On Linux the cooperative pool has one thread per core (two here): a test that blocks one in
/// `waitUntilExit()` or a pipe read starves every other test's async work, including the HTTP servers
/// they talk to. Output is drained on a dedicated thread and the exit is awaited through
/// `terminationHandler`.
public enum ChildProcess {
    /// The exit status and the combined standard output and error.
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
    }

    /// Runs `executable` with `arguments` (and `environment`, when given: the whole environment).
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let output = OutputCollector()
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let reader = pipe.fileHandleForReading
            Thread.detachNewThread { output.finish(reader.readDataToEndOfFile()) }
        }
        return Result(status: status, output: await output.text())
    }
}

/// Hands the output read on a background thread to the awaiting task.
private final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    private var waiter: CheckedContinuation<String, Never>?

    func finish(_ bytes: Data) {
        lock.lock()
        data = bytes
        let waiting = waiter
        waiter = nil
        lock.unlock()
        waiting?.resume(returning: String(decoding: bytes, as: UTF8.self))
    }

    func text() async -> String {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let data {
                lock.unlock()
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}
