import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPServer

/// `remind-bench http [--remindd PATH] [--seconds N] [--connections 1,16,64] [--rate R]`: slash commands
/// that create durable reminders, sent by `wrk` (Debian package `wrk`; a Lua script builds the POST form
/// bodies) to a release `remindd serve` talking to a stub Mattermost, at each connection count. Without
/// `--rate` every connection sends as fast as it is answered (the saturation figures); with it, each
/// connection pauses so that all of them together offer about R requests a second. Prints wrk's
/// requests/s and latency percentiles.
enum HTTPBenchmark {
    static func run(arguments: [String]) async throws {
        var remindd = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("remindd").path
        var seconds = 10
        var connections = [1, 16, 64]
        var rate: Double?
        var index = 0
        while index + 1 < arguments.count {
            switch arguments[index] {
            case "--remindd": remindd = arguments[index + 1]
            case "--seconds": seconds = Int(arguments[index + 1]) ?? seconds
            case "--connections": connections = arguments[index + 1].split(separator: ",").compactMap { Int($0) }
            case "--rate": rate = Double(arguments[index + 1])
            default: break
            }
            index += 2
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("remind-bench-http-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let (stub, stubURL) = try StubMattermost.start()
        let port = 18_000 + Int(getpid() % 2_000)
        let token = "benchcommandtoken000000000"
        let service = try await BenchService(
            remindd: remindd, port: port, database: directory.appendingPathComponent("bench.sqlite").path,
            mattermost: stubURL, botToken: StubMattermost.botToken, commandToken: token)
        defer { service.stop() }
        print("remind-bench http: POST /command creating a durable reminder (synchronous=FULL), \(seconds) s per run"
            + (rate.map { ", offered ≈ \(Int($0)) req/s" } ?? ", saturating") + ", remindd \(remindd)")
        for count in connections {
            let script = directory.appendingPathComponent("command-\(count).lua")
            let pause = rate.map { Double(count) * 1_000 / $0 }
            try luaScript(token: token, pauseMilliseconds: pause).write(to: script, atomically: true, encoding: .utf8)
            let output = try wrk(["-t", String(min(count, 4)), "-c", String(count), "-d", "\(seconds)s", "--latency",
                                  "-s", script.path, "http://127.0.0.1:\(port)/command"])
            print("--- \(count) connection(s)")
            print(summary(output))
        }
        await stub.shutdown(gracePeriod: .seconds(1))
    }

    /// wrk's script: a fresh form body per request, shaped like Mattermost's (Go-encoded, `+` for spaces).
    static func luaScript(token: String, pauseMilliseconds: Double?) -> String {
        let pause = pauseMilliseconds.map { "delay = function() return \(Int($0.rounded())) end\n" } ?? ""
        return pause + """
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
        local n = 0
        request = function()
          n = n + 1
          local body = "channel_id=\(StubMattermost.channelID)&command=%2Fremind&team_domain=bench&team_id=\(StubMattermost.teamID)" ..
            "&text=me+to+check+item+" .. n .. "+in+3+hours&token=\(token)&user_id=\(StubMattermost.userID)&user_name=bench"
          return wrk.format(nil, "/command", nil, body)
        end
        """
    }

    private static func wrk(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The lines of wrk's report that matter: requests/s, percentiles, errors.
    private static func summary(_ output: String) -> String {
        output.split(separator: "\n").filter { line in
            ["Requests/sec", "50%", "90%", "99%", "requests in", "Non-2xx", "Socket errors", "Latency "].contains { line.contains($0) }
        }.joined(separator: "\n")
    }
}
