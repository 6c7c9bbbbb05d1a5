import Foundation
import Mattermost
import RemindStore

#if canImport(Glibc)
import Glibc
#endif

/// `remind-bench delivery floor`, second half: what each part of a spread-out delivery costs on its own when
/// done once every 10 ms (as 1,000 reminders over 10 s are), next to the machine's floor for the same kind of
/// work: waking from a sleep, a durable claim (and a raw one-row durable SQLite insert), one `createPost`
/// (and one raw HTTP round trip on a blocking socket), and recording the post. Every figure but the first
/// includes the 10 ms wake-up, which the first is alone.
extension DeliveryBenchmark {
    static func spacedFloor(folder: URL, inProcess: Bool) async throws {
        let count = 1_000
        let store = try ReminderStore(path: folder.appendingPathComponent("spaced.sqlite").path)
        let first = Date().addingTimeInterval(-60)
        let reminders = try await store.create((0..<count).map { index in
            NewReminder(
                creatorID: "u1", creatorName: "u1", teamID: "team", originChannelID: "town", targetKind: .user,
                targetID: "u1", targetName: "u1", message: "spaced \(index)", phrase: "me bench", timeZone: "UTC",
                firstFireAt: first.addingTimeInterval(Double(index) / 1_000))
        }, at: Date())
        let raw = try Database(path: folder.appendingPathComponent("spaced-raw.sqlite").path)
        try raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)")
        let fake = try BenchFake.start(limited: false, inProcess: inProcess)
        let client = MattermostClient(baseURL: fake.url, token: "bench")
        let post = Post(channelID: "dm", message: "spaced floor")

        print("(floor) one at a time, every 10 ms, 1,000 times: µs of CPU each, the 10 ms wake-up included")
        let wake = try await spaced(count) { _ in }
        func line(_ label: String, _ micros: Double) {
            print(String(format: "    %@ %5.0f µs (%4.0f without the wake-up)", label.padding(toLength: 44, withPad: " ", startingAt: 0),
                         micros, micros - wake))
        }
        print(String(format: "    %@ %5.0f µs", "sleeping 10 ms and waking up".padding(toLength: 44, withPad: " ", startingAt: 0), wake))
        line("+ raw SQLite: one-row durable insert", try await spaced(count) { index in
            try raw.inTransaction { try raw.execute("INSERT INTO t (payload) VALUES (?)", [.text("row \(index)")]) }
        })
        var claims: [Int64] = []
        line("+ ReminderStore.claimOccurrence (durable)", try await spaced(count) { index in
            let reminder = reminders[index]
            let claim = try await store.claimOccurrence(
                reminderID: reminder.id, dueAt: reminder.nextFireAt ?? first, kind: .scheduled, nextFireAt: nil, now: Date())
            claims.append(claim.occurrence.id)
        })
        line("+ ReminderStore.markPosted (not synced)", try await spaced(count) { index in
            _ = try await store.markPosted(occurrenceID: claims[index], postID: "p\(index)", channelID: "dm", at: Date())
        })
        let body = #"{"channel_id":"dm","message":"spaced floor"}"#
        // Opened just before use: the fake closes connections left idle.
        let socket = try BlockingHTTP(port: fake.url.port ?? 80)
        defer { socket.close() }
        line("+ raw HTTP POST on a blocking socket", try await spaced(count) { _ in try socket.post("/api/v4/posts", body: body) })
        line("+ MattermostClient.createPost (libcurl)", try await spaced(count) { _ in _ = try await client.createPost(post) })
        await fake.stop()
    }

    /// Runs `body` `count` times with a 10 ms sleep before each; returns the CPU per run, in µs.
    private static func spaced(_ count: Int, _ body: (Int) async throws -> Void) async throws -> Double {
        let cpu = ProcessMeasures.cpuSeconds()
        for index in 0..<count {
            try await Task.sleep(for: .milliseconds(10))
            try await body(index)
        }
        return (ProcessMeasures.cpuSeconds() - cpu) / Double(count) * 1e6
    }
}

/// One keep-alive HTTP/1.1 connection to 127.0.0.1 on a blocking socket, for the floor of a round trip:
/// writes a request and reads the answer's head and `Content-Length` bytes of body.
private final class BlockingHTTP {
    private let descriptor: Int32

    init(port: Int) throws {
        descriptor = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
    }

    func close() { _ = Glibc.close(descriptor) }

    /// Sends a POST with a JSON body and reads the whole answer.
    func post(_ path: String, body: String) throws {
        let request = "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer bench\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"
        let sent = request.withCString { send(descriptor, $0, strlen($0), 0) }
        guard sent > 0 else { throw POSIXError(.EPIPE) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = recv(descriptor, &buffer, buffer.count, 0)
            guard count > 0 else { throw POSIXError(.ECONNRESET) }
            received += buffer[0..<count]
            if let length = Self.completeLength(received), received.count >= length { return }
        }
    }

    /// The total length of the answer once its head is in, else nil.
    private static func completeLength(_ bytes: [UInt8]) -> Int? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0...max(0, bytes.count - 4)).first(where: { bytes.count >= 4 && Array(bytes[$0..<$0 + 4]) == separator }) else {
            return nil
        }
        let head = String(decoding: bytes[0..<end], as: UTF8.self).lowercased()
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        return end + 4 + length
    }
}
