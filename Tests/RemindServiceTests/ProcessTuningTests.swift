import Testing
@testable import RemindService

@Suite("Process tuning")
struct ProcessTuningTests {
    #if os(Linux)
    @Test("glibc accepts the malloc trim threshold serving runs with (mallopt found by name and answering success)")
    func mallocTrimThreshold() {
        #expect(ProcessTuning.apply())
        #expect(ProcessTuning.apply(), "applying again is harmless")
    }
    #endif
}
