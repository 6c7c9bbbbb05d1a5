import Foundation
import RemindStore
import Testing
@testable import RemindService

@Suite("SHA-256, HMAC and signed tokens")
struct TokenSignerTests {
    private static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    @Test("SHA-256 matches the FIPS 180-4 examples, across the padding edges", arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func sha256(message: String, digest: String) {
        #expect(Self.hex(SHA256.digest(Array(message.utf8))) == digest)
    }

    @Test("a million a's (many blocks)")
    func sha256Long() {
        #expect(Self.hex(SHA256.digest([UInt8](repeating: 0x61, count: 1_000_000)))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test("HMAC-SHA-256 matches RFC 4231 cases 1, 2 and 6 (a key longer than a block)")
    func hmac() {
        #expect(Self.hex(SHA256.hmac(key: [UInt8](repeating: 0x0b, count: 20), message: Array("Hi There".utf8)))
            == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
        #expect(Self.hex(SHA256.hmac(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8)))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(Self.hex(SHA256.hmac(
            key: [UInt8](repeating: 0xaa, count: 131),
            message: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8)))
            == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    private static func signer() throws -> (TokenSigner, ReminderStore) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("remind-sign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let store = try ReminderStore(path: directory.appendingPathComponent("r.sqlite").path)
        return (TokenSigner(store: store), store)
    }

    private static let now = Date(timeIntervalSince1970: 1_796_300_000)
    private static let scope = TokenScope(.dialog, ["user-1", "team-1"])

    @Test("a token verifies for its scope only, until it expires")
    func scopeAndExpiry() async throws {
        let (signer, _) = try Self.signer()
        let token = try await signer.currentKey(now: Self.now).token(for: Self.scope, now: Self.now)
        #expect(try await signer.check(token, scope: Self.scope, now: Self.now) == .valid)
        #expect(try await signer.check(token, scope: Self.scope, now: Self.now.addingTimeInterval(12 * 3_600)) == .valid)
        #expect(try await signer.check(token, scope: Self.scope, now: Self.now.addingTimeInterval(12 * 3_600 + 2)) == .expired)
        for other in [TokenScope(.dialog, ["user-2", "team-1"]), TokenScope(.dialog, ["user-1", "team-2"]),
                      TokenScope(.undo, ["user-1", "team-1"]), TokenScope(.dialog, ["user-1team-1"]),
                      TokenScope(.dialog, ["user-1", "team-1", ""])] {
            #expect(try await signer.check(token, scope: other, now: Self.now) == .invalid, "\(other)")
        }
    }

    /// Ways to spoil a genuine token.
    enum Tamper: CaseIterable, Sendable {
        case truncated, lastDigitChanged, otherVersion, laterExpiry, empty, negative, hugePeriod

        func apply(_ token: String) -> String {
            switch self {
            case .truncated: return String(token.dropLast())
            case .lastDigitChanged: return String(token.dropLast()) + (token.hasSuffix("0") ? "1" : "0")
            case .otherVersion: return token.replacingOccurrences(of: "v1.", with: "v2.")
            case .laterExpiry:
                var parts = token.split(separator: ".").map(String.init)
                parts[2] = String((Int64(parts[2]) ?? 0) + 86_400)
                return parts.joined(separator: ".")
            case .empty: return ""
            case .negative: return "v1.-1.-1.00"
            case .hugePeriod: return "v1.99999999999999999999.1.00"
            }
        }
    }

    @Test("tampered, truncated and malformed tokens are invalid", arguments: Tamper.allCases)
    func tampered(tamper: Tamper) async throws {
        let (signer, _) = try Self.signer()
        let token = try await signer.currentKey(now: Self.now).token(for: Self.scope, now: Self.now)
        #expect(try await signer.check(tamper.apply(token), scope: Self.scope, now: Self.now) == .invalid)
    }

    @Test("keys rotate: a previous period's token still verifies, one two periods old does not")
    func rotation() async throws {
        let (signer, _) = try Self.signer()
        let key = try await signer.currentKey(now: Self.now)
        let token = key.token(for: Self.scope, expires: Self.now.addingTimeInterval(100 * 86_400))
        let next = Self.now.addingTimeInterval(TokenSigner.rotation)
        #expect(try await signer.currentKey(now: next).period == key.period + 1)
        #expect(try await signer.check(token, scope: Self.scope, now: next) == .valid)
        #expect(try await signer.check(token, scope: Self.scope, now: next.addingTimeInterval(TokenSigner.rotation)) == .invalid)
    }

    @Test("a pre-upgrade per-user secret reads as expired for its owner only; anything else stays invalid")
    func legacySecrets() async throws {
        // A database from before the upgrade kept the secret in settings; the migration to user_state moves it.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("remind-legacy-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            let old = try Database(path: path)
            try Migrator(migrations: Array(Migration.embedded.prefix(9))).migrate(old)
            try old.execute("INSERT INTO settings (key, value) VALUES ('user_secret.user-1', '0123456789abcdef0123456789abcdef')")
            try old.close()
        }
        let signer = TokenSigner(store: try ReminderStore(path: path))
        #expect(try await signer.check("0123456789abcdef0123456789abcdef", scope: Self.scope, now: Self.now, legacyOwner: "user-1") == .expired)
        #expect(try await signer.check("0123456789abcdef0123456789abcdef", scope: Self.scope, now: Self.now, legacyOwner: "user-2") == .invalid)
        #expect(try await signer.check("0123456789abcdef0123456789abcdee", scope: Self.scope, now: Self.now, legacyOwner: "user-1") == .invalid)
    }

    @Test("every instance on one database signs with the same key; another database's tokens fail")
    func sharedKeys() async throws {
        let (signer, store) = try Self.signer()
        let token = try await signer.currentKey(now: Self.now).token(for: Self.scope, now: Self.now)
        #expect(try await TokenSigner(store: store).check(token, scope: Self.scope, now: Self.now) == .valid)
        let (stranger, _) = try Self.signer()
        #expect(try await stranger.check(token, scope: Self.scope, now: Self.now) == .invalid)
    }
}

@Suite("Numbers and text from requests")
struct RequestInputTests {
    @Test("ids are 1…10^18-1 in plain digits", arguments: [
        ("1", Int64(1)), ("42", 42), ("999999999999999999", 999_999_999_999_999_999),
        ("0", nil), ("-1", nil), ("+1", nil), (" 1", nil), ("1e3", nil), ("", nil), ("9223372036854775807", nil),
        ("١", nil), ("0x10", nil),
    ] as [(String, Int64?)])
    func ids(text: String, expected: Int64?) {
        #expect(RequestNumber.id(text) == expected)
    }

    @Test("page indexes are range-checked before any arithmetic", arguments: [
        ("0", 0), ("1", 1), ("9999", 9_999), ("10000", nil), ("9223372036854775807", nil), ("-0", nil), ("", nil),
    ] as [(String, Int?)])
    func pages(text: String, expected: Int?) {
        #expect(ListView.pageIndex(text) == expected)
    }

    @Test("id lists: bounded, no repeats, no empty items")
    func idLists() {
        #expect(RequestNumber.ids("3,1,2", limit: 5) == [3, 1, 2])
        #expect(RequestNumber.ids("1,1", limit: 5) == nil)
        #expect(RequestNumber.ids("1,,2", limit: 5) == nil)
        #expect(RequestNumber.ids("1,2,3", limit: 2) == nil)
        #expect(RequestNumber.ids("", limit: 2) == nil)
    }

    @Test("control characters are removed; tabs and newlines stay; CR LF becomes LF", arguments: [
        ("pay\u{0} rent", "pay rent", true), ("a\u{7}b\u{1B}[31mc", "ab[31mc", true), ("a\tb\nc", "a\tb\nc", false),
        ("a\r\nb\rc", "a\nb\nc", false), ("evil\u{202E}txt.exe", "eviltxt.exe", true), ("x\u{85}y\u{7F}", "xy", true),
        ("émoji 🎉 ok", "émoji 🎉 ok", false),
    ])
    func controlCharacters(input: String, output: String, removed: Bool) {
        let cleaned = InputSanitizer.strippingControlCharacters(input)
        #expect(cleaned.text == output)
        #expect(cleaned.removed == removed)
    }

    @Test("broadcast mentions become code; names that only start like them, and e-mail, do not", arguments: [
        ("tell @channel now", "tell `@channel` now", true), ("@ALL hands", "`@all` hands", true),
        ("ping @here.", "ping `@here`.", true), ("<!channel> and <!here|here>", "`@channel` and `@here`", true),
        ("ask @channelle", "ask @channelle", false), ("mail ops@here.com", "mail ops@here.com", false),
        ("@all-hands sync", "@all-hands sync", false), ("@sam and @hereford", "@sam and @hereford", false),
        ("a < b and @", "a < b and @", false),
    ])
    func broadcastMentions(input: String, output: String, changed: Bool) {
        let result = InputSanitizer.neutralisingBroadcastMentions(input)
        #expect(result.text == output)
        #expect(result.changed == changed)
    }
}
