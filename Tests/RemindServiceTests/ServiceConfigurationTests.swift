import Foundation
import Testing
import Mattermost
@testable import RemindService

@Suite("Service configuration")
struct ServiceConfigurationTests {
    @Test("defaults follow ARCHITECTURE.md §6")
    func defaults() throws {
        let configuration = try ServiceConfiguration.load(environment: [:])
        #expect(configuration.listenHost == "127.0.0.1")
        #expect(configuration.listenPort == 8066)
        #expect(configuration.databasePath == "remind.sqlite")
        #expect(configuration.publicURL.absoluteString == "http://127.0.0.1:8066")
        #expect(configuration.logFormat == .text)
        #expect(configuration.maxPostsPerSecond == nil)
        #expect(configuration.servingProblems.count == 3)
    }

    @Test("flags in kebab case override the environment")
    func flagsOverride() throws {
        let configuration = try ServiceConfiguration.load(
            environment: ["REMIND_LISTEN": "0.0.0.0:9000", "REMIND_COMMAND_TOKENS": "a, b,,c",
                          "REMIND_MATTERMOST_URL": "https://chat.example.com", "REMIND_BOT_TOKEN": "secret"],
            arguments: ["--listen", "127.0.0.1:9100", "--public-url=https://chat.example.com/remind/", "--log-format", "json"])
        #expect(configuration.listenPort == 9100)
        #expect(configuration.commandTokens == ["a", "b", "c"])
        #expect(configuration.publicURL.absoluteString == "https://chat.example.com/remind")
        #expect(configuration.logFormat == .json)
        #expect(configuration.servingProblems.isEmpty)
    }

    @Test("the bot token can come from a file")
    func tokenFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("token-\(UUID().uuidString)")
        try "  s3cret\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let configuration = try ServiceConfiguration.load(environment: ["REMIND_BOT_TOKEN_FILE": file.path])
        #expect(configuration.botToken == "s3cret")
    }

    @Test("the CA file and the proxies reach the transport; an unreadable CA file is a problem")
    func transport() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ca-\(UUID().uuidString).pem")
        try "-----BEGIN CERTIFICATE-----\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let configuration = try ServiceConfiguration.load(
            environment: ["HTTPS_PROXY": "http://proxy:3128", "NO_PROXY": ".internal"],
            arguments: ["--mattermost-ca-file", file.path])
        #expect(configuration.transport.caFile == file.path)
        #expect(configuration.transport.httpsProxy == "http://proxy:3128")
        #expect(configuration.transport.noProxy == ".internal")
        #expect(try ServiceConfiguration.load(environment: [:]).transport == .init())

        var refused: ConfigurationError?
        do {
            _ = try ServiceConfiguration.load(environment: ["REMIND_MATTERMOST_CA_FILE": "/nonexistent/ca.pem"])
        } catch {
            refused = error
        }
        #expect(refused?.problems == ["REMIND_MATTERMOST_CA_FILE: cannot read “/nonexistent/ca.pem”"])
    }

    @Test("every invalid value is reported at once")
    func problems() {
        #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration.load(environment: [
                "REMIND_LISTEN": "nowhere", "REMIND_MATTERMOST_URL": "ftp://x", "REMIND_LOG_FORMAT": "xml",
                "REMIND_MAX_POSTS_PER_SECOND": "-1",
            ], arguments: ["--colour", "red"])
        }
        let error = #expect(throws: ConfigurationError.self) {
            try ServiceConfiguration.load(environment: ["REMIND_LISTEN": "nowhere", "REMIND_LOG_FORMAT": "xml"])
        }
        #expect(error?.problems.count == 2)
        #expect(error?.description.contains("REMIND_LISTEN") == true)
    }
}
