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

    /// The exit status and the standard output and error, apart.
    public struct SeparateResult: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs `executable` with `arguments` (and `environment`, when given: the whole environment).
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> Result {
        let pipe = Pipe()
        let output = OutputCollector()
        let status = try await run(executable, arguments, environment: environment, outputs: [(pipe, output)]) { process in
            process.standardOutput = pipe
            process.standardError = pipe
        }
        return Result(status: status, output: await output.text())
    }

    /// Runs `executable` like `run`, keeping standard output and standard error apart.
    public static func runSeparately(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil
    ) async throws -> SeparateResult {
        let outPipe = Pipe()
        let errorPipe = Pipe()
        let out = OutputCollector()
        let error = OutputCollector()
        let status = try await run(executable, arguments, environment: environment, outputs: [(outPipe, out), (errorPipe, error)]) { process in
            process.standardOutput = outPipe
            process.standardError = errorPipe
        }
        return SeparateResult(status: status, stdout: await out.text(), stderr: await error.text())
    }

    /// Starts the process with its outputs attached by `attach`, drains each pipe on its own thread and
    /// returns the exit status once the process ended.
    private static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]?,
        outputs: [(Pipe, OutputCollector)], attach: (Process) -> Void
    ) async throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        attach(process)
        return try await withCheckedThrowingContinuation { continuation in
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
            for (pipe, collector) in outputs {
                let reader = pipe.fileHandleForReading
                Thread.detachNewThread { collector.finish(reader.readDataToEndOfFile()) }
            }
        }
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
