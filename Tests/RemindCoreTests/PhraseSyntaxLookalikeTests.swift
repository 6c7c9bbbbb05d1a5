import Foundation
import Testing
@testable import RemindCore

/// Issue 10, family 13: messages that look like syntax — hashtags after a target, URLs and permalinks,
/// code spans, emoji, `@` with a space (`friday @ 3pm` means at), quotes anywhere, trailing punctuation.
@Suite("Phrase families: messages that look like syntax")
struct PhraseSyntaxLookalikeTests {
    /// Monday 2026-11-23 10:00 in New York (EST).
    static let ny = PhraseContext.newYorkMonday

    static let rows: [ContextRow] = [
        ny.row("~dev #release tag the build tomorrow", "#release tag the build", "2026-11-24T09:00:00-05:00"),
        ny.row("@ana #release notes due friday", "#release notes due", "2026-11-27T09:00:00-05:00"),
        ny.row("me about #123 tomorrow", "#123", "2026-11-24T09:00:00-05:00"),
        ny.row("me to review https://example.com/pr/12 at 3pm", "review https://example.com/pr/12", "2026-11-23T15:00:00-05:00"),
        ny.row("me to read https://mm.example.com/team/pl/abc123 tomorrow", "read https://mm.example.com/team/pl/abc123", "2026-11-24T09:00:00-05:00"),
        ny.row("me to read https://example.com/at/5pm tomorrow", "read https://example.com/at/5pm", "2026-11-24T09:00:00-05:00"),
        ny.row("me to run `make test` at 5pm", "run `make test`", "2026-11-23T17:00:00-05:00"),
        ny.row("me to fix the `at 5pm` bug tomorrow", "fix the `at 5pm` bug", "2026-11-24T09:00:00-05:00"),
        ny.row("me to email bob@example.com at 4pm", "email bob@example.com", "2026-11-23T16:00:00-05:00"),
        ny.row("me to X 🎉 tomorrow", "X 🎉", "2026-11-24T09:00:00-05:00"),
        ny.row("me 🎉 party tomorrow at 8pm", "🎉 party", "2026-11-24T20:00:00-05:00"),
        ny.row("me to X friday @ 3pm", "X", "2026-11-27T15:00:00-05:00"),
        ny.row("me @ 3pm to X", "X", "2026-11-23T15:00:00-05:00"),
        ny.row("@ana @ 5pm to X", "X", "2026-11-23T17:00:00-05:00"),
        ny.row("me to tell Ana \"hi\" tomorrow", "tell Ana \"hi\"", "2026-11-24T09:00:00-05:00"),
        ny.row("me to say “hello” to Ben at 4pm", "say “hello” to Ben", "2026-11-23T16:00:00-05:00"),
        ny.row("me \"call mom\" tomorrow", "call mom", "2026-11-24T09:00:00-05:00"),
        ny.row("me tomorrow at 9 \"call mom\"", "call mom", "2026-11-24T09:00:00-05:00"),
        ny.row("me to X tomorrow!", "X", "2026-11-24T09:00:00-05:00"),
        ny.row("me to X tomorrow at 9 :)", "X", "2026-11-24T09:00:00-05:00"),
        ny.row("me to X tomorrow 🎉", "X", "2026-11-24T09:00:00-05:00"),
        ny.row("me to X - tomorrow at 5pm", "X -", "2026-11-24T17:00:00-05:00"),
        ny.row("me to X tomorrow...", "X", "2026-11-24T09:00:00-05:00"),
        ny.row("me at 4pm: call Bob", "call Bob", "2026-11-23T16:00:00-05:00"),
        ny.row("me to deploy v1.2.3 tomorrow", "deploy v1.2.3", "2026-11-24T09:00:00-05:00"),
        ny.row("me to X, tomorrow.", "X", "2026-11-24T09:00:00-05:00"),
        ny.row("me to ask: is it done? tomorrow", "ask: is it done?", "2026-11-24T09:00:00-05:00"),
    ]

    @Test("messages that look like syntax", arguments: rows) func lookalikes(_ row: ContextRow) { row.check() }
}
