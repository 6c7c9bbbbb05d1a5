import Foundation
import Testing
@testable import RemindService

/// The env file setup edits: values replaced in place, comments and unknown lines kept, secrets hidden.
@Suite("Environment file")
struct EnvironmentFileTests {
    static let text = """
        # remindd
        REMIND_LISTEN=127.0.0.1:8066
        #REMIND_DATABASE=/var/lib/remindd/remind.sqlite
        REMIND_COMMAND_TOKENS="old1,old2"
        OTHER=kept
        """

    @Test("reads active lines only, quotes removed, the last line winning")
    func reading() {
        var file = EnvironmentFile(text: Self.text + "\nREMIND_LISTEN=0.0.0.0:9000\n")
        #expect(file.value("REMIND_LISTEN") == "0.0.0.0:9000")
        #expect(file.value("REMIND_DATABASE") == nil)
        #expect(file.value("REMIND_COMMAND_TOKENS") == "old1,old2")
        #expect(file.values["OTHER"] == "kept")
        file.set("REMIND_LISTEN", "127.0.0.1:1")
        #expect(file.lines.filter { $0.hasPrefix("REMIND_LISTEN=") } == ["REMIND_LISTEN=127.0.0.1:8066", "REMIND_LISTEN=127.0.0.1:1"])
    }

    @Test("set replaces in place and appends new keys; remove drops the key; comments stay")
    func editing() {
        var file = EnvironmentFile(text: Self.text)
        file.set("REMIND_COMMAND_TOKENS", "a,b")
        file.set("REMIND_PUBLIC_URL", "https://chat.example.com/remind")
        file.remove("OTHER")
        #expect(file.text == """
            # remindd
            REMIND_LISTEN=127.0.0.1:8066
            #REMIND_DATABASE=/var/lib/remindd/remind.sqlite
            REMIND_COMMAND_TOKENS=a,b
            REMIND_PUBLIC_URL=https://chat.example.com/remind

            """)
    }

    @Test("secrets are hidden for printing, the rest shown")
    func hiding() {
        var file = EnvironmentFile()
        file.set("REMIND_BOT_TOKEN", "secret-bot")
        file.set("REMIND_COMMAND_TOKENS", "secret-command")
        file.set("REMIND_PUBLIC_URL", "https://remind.example.com")
        let shown = file.text(hiding: RemindSetup.secretKeys)
        #expect(!shown.contains("secret-"))
        #expect(shown.contains("REMIND_BOT_TOKEN=<hidden>\n") && shown.contains("REMIND_PUBLIC_URL=https://remind.example.com\n"))
    }

    @Test("a secret file is written with its mode, and an identical one is left alone")
    func secretFile() throws {
        let scratch = try AdminScratchDirectory()
        let path = scratch.path("bot-token")
        #expect(try SecretFile.write("t\n", to: path, mode: 0o600) == .written)
        #expect(SecretFile.currentMode(path) == 0o600)
        #expect(try SecretFile.write("t\n", to: path, mode: 0o600) == .unchanged)
        chmod(path, 0o644)
        #expect(try SecretFile.write("t\n", to: path, mode: 0o600) == .written)
        #expect(SecretFile.currentMode(path) == 0o600)
        #expect(throws: SetupFileError.self) { try SecretFile.write("t", to: scratch.path("missing/dir/file"), mode: 0o600) }
    }
}
