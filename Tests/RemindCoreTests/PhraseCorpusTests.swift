import Foundation
import Testing
@testable import RemindCore

/// shared/corpus/phrases.jsonl through `ParseReport.json` — the code path of `remindd parse --json` —
/// compared as shared/corpus/README.md says.
@Suite("Phrase corpus")
struct PhraseCorpusTests {
    static let bundledURL = CorpusFile.url(named: "phrases")
    static let cases = CorpusFile.cases(named: "phrases")

    @Test("the bundled corpus is there and complete")
    func corpusLoads() {
        #expect(Self.cases.count >= 156)
    }

    @Test("every corpus phrase parses as expected", arguments: cases)
    func phrase(_ testCase: CorpusFile.Case) throws {
        try CorpusFile.check(testCase)
    }

    /// The team's copy beside the repository (../shared/corpus), absent from a user's fresh clone.
    static let sharedURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/corpus/phrases.jsonl").standardizedFileURL

    /// The bundled copy is the source the tests run; where the team's copy exists, the two hold the same
    /// cases both ways (a case added on either side and not copied fails). Reported as skipped, not passed,
    /// on a clone without ../shared.
    @Test("the bundled corpus and shared/corpus/phrases.jsonl hold the same cases",
          .enabled(if: FileManager.default.fileExists(atPath: sharedURL.path), "no ../shared/corpus beside this clone"))
    func bundledCopyIsCurrent() throws {
        func lines(_ url: URL) throws -> Set<String> {
            Set(try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
                .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty })
        }
        let bundled = try lines(try #require(Self.bundledURL))
        let shared = try lines(Self.sharedURL)
        #expect(shared.subtracting(bundled).isEmpty,
                "cases in \(Self.sharedURL.path) missing from Tests/RemindCoreTests/Resources/phrases.jsonl: copy them over")
        #expect(bundled.subtracting(shared).isEmpty,
                "cases in Tests/RemindCoreTests/Resources/phrases.jsonl missing from \(Self.sharedURL.path): add them there too")
    }
}
