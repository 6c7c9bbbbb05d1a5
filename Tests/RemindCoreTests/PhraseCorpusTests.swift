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

    @Test("the bundled corpus matches shared/corpus/phrases.jsonl when that exists")
    func bundledCopyIsCurrent() throws {
        let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shared = repoRoot.appendingPathComponent("../shared/corpus/phrases.jsonl").standardizedFileURL
        guard FileManager.default.fileExists(atPath: shared.path) else { return }
        let bundled = try Data(contentsOf: try #require(Self.bundledURL))
        let current = try Data(contentsOf: shared)
        #expect(bundled == current, "Tests/RemindCoreTests/Resources/phrases.jsonl differs from \(shared.path): copy it over")
    }
}
