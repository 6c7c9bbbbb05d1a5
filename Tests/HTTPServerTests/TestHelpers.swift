import Foundation
import Glibc

/// Polls `condition` every 10 ms until it holds or `timeout` passes; returns whether it held.
func eventually(within timeout: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

/// File descriptors of this process that are TCP sockets whose local port is `port`: the server's
/// listener and its accepted connections, and nothing the other tests running in parallel opened.
func serverSocketDescriptors(port: Int) -> Int {
    let inodes = tcpInodes(localPort: port)
    let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
    return entries.count { entry in
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(entry)"),
            target.hasPrefix("socket:[")
        else { return false }
        return inodes.contains(String(target.dropFirst(8).dropLast()))
    }
}

/// Every descriptor of this process (for a coarse before/after check).
func openDescriptorCount() -> Int {
    ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).count
}

private func tcpInodes(localPort: Int) -> Set<String> {
    let portHex = String(format: ":%04X", localPort)
    var inodes = Set<String>()
    for table in ["/proc/net/tcp", "/proc/net/tcp6"] {
        // /proc files report size 0: read them to the end rather than by their stated size.
        guard let file = FileHandle(forReadingAtPath: table) else { continue }
        let text = String(decoding: file.readDataToEndOfFile(), as: UTF8.self)
        file.closeFile()
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: " ")
            guard fields.count > 9, fields[1].hasSuffix(portHex) else { continue }
            inodes.insert(String(fields[9]))
        }
    }
    return inodes
}

/// Raises the soft open-file limit to at least `count` (up to the hard limit).
func raiseOpenFileLimit(to count: Int) {
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    guard limit.rlim_cur < rlim_t(count) else { return }
    limit.rlim_cur = min(rlim_t(count), limit.rlim_max)
    setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
}

/// Closes a socket with an RST instead of a FIN (SO_LINGER with a zero timeout), like a crashed client.
func resetConnection(_ descriptor: Int32) {
    var linger = Glibc.linger(l_onoff: 1, l_linger: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_LINGER, &linger, socklen_t(MemoryLayout<Glibc.linger>.size))
}
