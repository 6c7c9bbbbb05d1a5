import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// remindd's environment file (`/etc/remindd/remindd.env`): plain `KEY=value` lines that systemd's
/// `EnvironmentFile=` and `sh` both read. Editing keeps every other line (comments, settings
/// `remindd setup` does not manage) where it was: a value is replaced in place, a new key is appended.
public struct EnvironmentFile: Sendable, Equatable {
    /// The file's lines, without their newlines.
    public private(set) var lines: [String]

    /// An empty file.
    public init() {
        lines = []
    }

    /// Parses a file's text.
    public init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
    }

    /// Reads the file at `path`; nil when it does not exist. Throws when it exists but cannot be read.
    public static func read(path: String) throws -> EnvironmentFile? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return EnvironmentFile(text: try String(contentsOfFile: path, encoding: .utf8))
    }

    /// The value of the last active (uncommented) `key=` line, quotes removed; nil when absent.
    public func value(_ key: String) -> String? {
        lines.reversed().lazy.compactMap { Self.split($0) }.first { $0.key == key }.map(\.value)
    }

    /// Every active setting, the last one winning (what systemd would pass on).
    public var values: [String: String] {
        var result: [String: String] = [:]
        for line in lines {
            if let (key, value) = Self.split(line) { result[key] = value }
        }
        return result
    }

    /// Sets `key` to `value`: rewrites its last active line, or appends one.
    public mutating func set(_ key: String, _ value: String) {
        if let index = lines.lastIndex(where: { Self.split($0)?.key == key }) {
            lines[index] = "\(key)=\(value)"
        } else {
            lines.append("\(key)=\(value)")
        }
    }

    /// Removes every active `key=` line.
    public mutating func remove(_ key: String) {
        lines.removeAll { Self.split($0)?.key == key }
    }

    /// The file's text, one line each, ending in a newline.
    public var text: String {
        lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    /// The text with the values of `secretKeys` replaced by `<hidden>`, for printing.
    public func text(hiding secretKeys: Set<String>) -> String {
        var copy = self
        for key in secretKeys where copy.value(key) != nil { copy.set(key, "<hidden>") }
        return copy.text
    }

    private static func split(_ line: String) -> (key: String, value: String)? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { return nil }
        let key = String(trimmed[..<equals]).trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty, !key.contains(" ") else { return nil }
        var value = String(trimmed[trimmed.index(after: equals)...])
        if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
            value = String(value.dropFirst().dropLast())
        }
        return (key, value)
    }
}

/// Writing secret files with exact modes (the env file 0640, the bot token 0600) and, when run as root,
/// handing them to the service's user or group.
enum SecretFile {
    /// What a write did.
    enum Outcome: Equatable {
        case written, unchanged
    }

    /// Writes `contents` to `path` with `mode` unless the file already holds exactly that with that
    /// mode. The new text goes to a temporary file in the same folder (created with `mode`, so the
    /// secret is never readable by others) that then replaces the old one.
    static func write(_ contents: String, to path: String, mode: mode_t) throws -> Outcome {
        let data = Data(contents.utf8)
        if let existing = FileManager.default.contents(atPath: path), existing == data, currentMode(path) == mode {
            return .unchanged
        }
        let temporary = path + ".tmp-\(getpid())"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw SetupFileError(path: path, reason: String(cString: strerror(errno))) }
        let written = data.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        close(descriptor)
        guard written == data.count, synced == 0, chmod(temporary, mode) == 0, rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw SetupFileError(path: path, reason: reason)
        }
        return .written
    }

    /// The permission bits of `path`, or nil.
    static func currentMode(_ path: String) -> mode_t? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return status.st_mode & 0o7777
    }

    /// Gives `path` to `user` (owner) or to `user`'s group, when running as root and the user exists;
    /// returns what was done, or nil when nothing could be (not root, or no such user).
    static func handOver(_ path: String, to user: String, groupOnly: Bool) -> String? {
        guard geteuid() == 0, let entry = getpwnam(user) else { return nil }
        let owner = groupOnly ? 0 : entry.pointee.pw_uid
        guard chown(path, owner, entry.pointee.pw_gid) == 0 else { return nil }
        return groupOnly ? "root:\(user)" : "\(user):\(user)"
    }
}

/// A file `remindd setup` could not write.
struct SetupFileError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot write \(path): \(reason)" }
}
