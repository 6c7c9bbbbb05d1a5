import Testing

/// Tests/RemindCoreTests/Resources/phrases-extra.jsonl: hand-derived cases in the corpus format that vary
/// what the main corpus keeps fixed — `now` (late evening, just after midnight, weekends, month ends,
/// Feb 28/29, both sides of DST changes in both hemispheres), the zone (half- and quarter-hour offsets,
/// UTC) and the 24-hour setting — plus messages full of numbers and time-like words.
@Suite("Phrase corpus, varied now and zones")
struct PhraseExtraCorpusTests {
    static let cases = CorpusFile.cases(named: "phrases-extra")

    @Test("the extra corpus is bundled and complete")
    func corpusLoads() {
        #expect(Self.cases.count >= 150)
    }

    @Test("every extra phrase parses as expected", arguments: cases)
    func phrase(_ testCase: CorpusFile.Case) throws {
        try CorpusFile.check(testCase)
    }
}
