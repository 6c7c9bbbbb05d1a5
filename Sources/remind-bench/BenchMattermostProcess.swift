import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The benchmark's fake Mattermost in a child process (`remind-bench fake-mattermost`), so that client and
/// server are scheduled independently as in production, where Mattermost runs elsewhere, and the fake's
/// work does not count in remindd's CPU time. The child serves until its standard input closes, so it
/// never outlives the benchmark. Immutable after `start`; the process object is thread-safe.
final class BenchMattermostProcess: Sendable {
    let url: URL
    private let child: Process
    private let input: Pipe
    private let session: URLSession

    /// Starts a child serving on an ephemeral port, with Mattermost's limiter when `limited`.
    init(limited: Bool) throws {
        child = Process()
        child.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
        child.arguments = ["fake-mattermost"] + (limited ? ["--limited"] : [])
        input = Pipe()
        let output = Pipe()
        child.standardInput = input
        child.standardOutput = output
        try child.run()
        // The child's first line is `port N`.
        var line = Data()
        while let byte = try output.fileHandleForReading.read(upToCount: 1), let first = byte.first, first != UInt8(ascii: "\n") {
            line.append(first)
        }
        guard let text = String(data: line, encoding: .utf8), text.hasPrefix("port "),
              let port = Int(text.dropFirst(5)), let url = URL(string: "http://127.0.0.1:\(port)") else {
            child.terminate()
            throw BenchError("fake-mattermost did not say its port")
        }
        self.url = url
        session = URLSession(configuration: .ephemeral)
    }

    /// Posts created so far, and requests refused with 429.
    func stats() async throws -> BenchStats {
        try JSONDecoder().decode(BenchStats.self, from: try await session.data(from: url.appendingPathComponent("bench/stats")).0)
    }

    /// When each delivery key's posts arrived.
    func arrivals() async throws -> [String: [Date]] {
        let data = try await session.data(from: url.appendingPathComponent("bench/arrivals")).0
        let micros = try JSONDecoder().decode([String: [Int64]].self, from: data)
        return micros.mapValues { $0.map { Date(timeIntervalSince1970: Double($0) / 1_000_000) } }
    }

    /// Ends the child (closing its standard input) and waits for it.
    func stop() {
        try? input.fileHandleForWriting.close()
        child.waitUntilExit()
        session.invalidateAndCancel()
    }

    /// `remind-bench fake-mattermost [--limited]`: serves until standard input closes.
    static func serve(arguments: [String]) async throws {
        let fake = BenchMattermost(limited: arguments.contains("--limited"))
        let url = try fake.start()
        print("port \(url.port ?? 0)")
        fflush(nil)
        // Wait for the parent to close our standard input (or to die), off the cooperative pool.
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                _ = FileHandle.standardInput.readDataToEndOfFile()
                done.resume()
            }
        }
        await fake.stop()
    }
}

/// A benchmark that cannot go on.
struct BenchError: Error, CustomStringConvertible {
    var description: String

    init(_ description: String) { self.description = description }
}

/// The delivery benchmark's fake Mattermost, in this process (as it used to be; `--in-process`) or in a child.
enum BenchFake {
    case local(BenchMattermost, URL)
    case child(BenchMattermostProcess)

    static func start(limited: Bool, inProcess: Bool) throws -> BenchFake {
        if inProcess {
            let fake = BenchMattermost(limited: limited)
            return .local(fake, try fake.start())
        }
        return .child(try BenchMattermostProcess(limited: limited))
    }

    var url: URL {
        switch self {
        case .local(_, let url): url
        case .child(let child): child.url
        }
    }

    func stats() async throws -> BenchStats {
        switch self {
        case .local(let fake, _): BenchStats(posts: fake.postCount, refusals: fake.refusals)
        case .child(let child): try await child.stats()
        }
    }

    func arrivals() async throws -> [String: [Date]] {
        switch self {
        case .local(let fake, _): fake.arrivals
        case .child(let child): try await child.arrivals()
        }
    }

    func stop() async {
        switch self {
        case .local(let fake, _): await fake.stop()
        case .child(let child): child.stop()
        }
    }
}
