import Foundation
import RemindStore
import RemindService

/// A fresh directory for one admin test, removed when released.
final class AdminScratchDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("remindd-admin-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// A fixed instant: 2026-03-01T12:00:00Z.
let adminT0 = Date(timeIntervalSince1970: 1_772_366_400)

/// A reminder to create in tests.
func adminReminder(
    _ message: String, creator: String = "u-creator", target: String = "u-ana", kind: ReminderTargetKind = .user,
    zone: String = "Europe/Berlin", fireAt: Date = adminT0.addingTimeInterval(3_600), rrule: String? = nil
) -> NewReminder {
    NewReminder(
        creatorID: creator, creatorName: "name-\(creator)", teamID: "team-1", originChannelID: "c-town",
        targetKind: kind, targetID: target, targetName: "name-\(target)", message: message,
        phrase: "me to \(message)", timeZone: zone, rrule: rrule,
        recurrenceStart: rrule == nil ? nil : fireAt, firstFireAt: fireAt)
}

/// Makes a file unwritable even for root: mode 0444, and `chattr +i` when mode bits are not
/// enough (root ignores them). Returns a closure that undoes it, or nil when neither works here.
func makeUnwritable(_ path: String) -> (@Sendable () -> Void)? {
    chmod(path, 0o444)
    if access(path, W_OK) != 0 { return { chmod(path, 0o644) } }
    guard runTool("/usr/bin/chattr", ["+i", path]) else { return nil }
    return { _ = runTool("/usr/bin/chattr", ["-i", path]); chmod(path, 0o644) }
}

/// Whether `makeUnwritable` works on this machine (probed on a scratch file).
let canMakeFilesUnwritable: Bool = {
    let probe = FileManager.default.temporaryDirectory.appendingPathComponent("remindd-probe-\(UUID().uuidString)").path
    guard FileManager.default.createFile(atPath: probe, contents: Data()) else { return false }
    defer { unlink(probe) }
    guard let undo = makeUnwritable(probe) else { return false }
    let writable = FileHandle(forWritingAtPath: probe) != nil
    undo()
    return !writable
}()

@discardableResult
private func runTool(_ executable: String, _ arguments: [String]) -> Bool {
    guard FileManager.default.isExecutableFile(atPath: executable) else { return false }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardError = FileHandle.nullDevice
    do {
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus == 0
    } catch {
        return false
    }
}
