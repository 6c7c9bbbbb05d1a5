import Dispatch
import Foundation
import Synchronization
import Testing
@testable import RemindService

@Suite("Timer wheel")
struct TimerWheelTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    /// Keys the wheel handed to its fire callback, in order.
    final class Fired: Sendable {
        private let keys = Mutex<[Int]>([])
        func append(_ new: [Int]) { keys.withLock { $0.append(contentsOf: new) } }
        var all: [Int] { keys.withLock { $0 } }
    }

    private func wheel(slots: Int = 64) -> (TimerWheel<Int>, Fired) {
        let fired = Fired()
        let wheel = TimerWheel<Int>(
            configuration: .init(resolution: 0.1, slotCount: slots), start: start
        ) { keys in fired.append(keys) }
        return (wheel, fired)
    }

    @Test("fires in deadline order and never before the deadline")
    func ordering() {
        let (wheel, fired) = wheel()
        wheel.schedule(3, at: start.addingTimeInterval(0.35))
        wheel.schedule(1, at: start.addingTimeInterval(0.05))
        wheel.schedule(2, at: start.addingTimeInterval(0.2))
        #expect(wheel.advance(to: start.addingTimeInterval(0.19)) == [1])
        #expect(wheel.advance(to: start.addingTimeInterval(0.2)) == [2])
        #expect(wheel.advance(to: start.addingTimeInterval(0.39)) == [])
        #expect(wheel.advance(to: start.addingTimeInterval(0.4)) == [3])
        #expect(fired.all == [1, 2, 3])
        #expect(wheel.count == 0)
    }

    @Test("a deadline several turns away waits for its turn")
    func laterTurns() {
        let (wheel, _) = wheel(slots: 8)  // one turn = 0.8 s
        wheel.schedule(7, at: start.addingTimeInterval(2.05))
        for step in 1...20 {
            #expect(wheel.advance(to: start.addingTimeInterval(Double(step) * 0.1)) == [])
        }
        #expect(wheel.advance(to: start.addingTimeInterval(2.1)) == [7])
    }

    @Test("a long pause fires everything that came due, once")
    func longPause() {
        let (wheel, fired) = wheel(slots: 8)
        for key in 0..<50 { wheel.schedule(key, at: start.addingTimeInterval(Double(key) * 0.37)) }
        wheel.advance(to: start.addingTimeInterval(100))
        #expect(fired.all.sorted() == Array(0..<50))
        #expect(wheel.advance(to: start.addingTimeInterval(200)) == [])
    }

    @Test("cancel and reschedule replace the earlier deadline")
    func cancelAndReplace() {
        let (wheel, _) = wheel()
        wheel.schedule(1, at: start.addingTimeInterval(0.5))
        wheel.schedule(2, at: start.addingTimeInterval(0.5))
        #expect(wheel.cancel(1))
        #expect(!wheel.cancel(1))
        wheel.schedule(2, at: start.addingTimeInterval(1.5))
        #expect(wheel.advance(to: start.addingTimeInterval(1.0)) == [])
        #expect(wheel.contains(2))
        #expect(wheel.advance(to: start.addingTimeInterval(1.5)) == [2])
    }

    @Test("a deadline in the past fires on the next advance")
    func pastDeadline() {
        let (wheel, _) = wheel()
        wheel.advance(to: start.addingTimeInterval(1))
        wheel.schedule(9, at: start)
        #expect(wheel.advance(to: start.addingTimeInterval(1.1)) == [9])
    }

    @Test("driven by a DispatchSourceTimer on the system clock")
    func dispatchDriven() async throws {
        let fired = Fired()
        let now = Date()
        let wheel = TimerWheel<Int>(configuration: .init(resolution: 0.01, slotCount: 256), start: now) { keys in
            fired.append(keys)
        }
        wheel.schedule(1, at: now.addingTimeInterval(0.05))
        wheel.start(queue: DispatchQueue(label: "wheel-test"), clock: SystemWallClock())
        defer { wheel.stop() }
        for _ in 0..<200 where fired.all.isEmpty {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(fired.all == [1])
    }

    /// The system clock, counting how often it is read: every wake-up of the wheel reads it.
    final class CountingClock: WallClock {
        private let reads = Mutex(0)
        func now() -> Date {
            reads.withLock { $0 += 1 }
            return Date()
        }
        var readCount: Int { reads.withLock { $0 } }
    }

    @Test("tickless: an idle wheel does not wake up; a timer scheduled after the start, earlier than the armed one, fires first")
    func ticklessWheel() async throws {
        let fired = Fired()
        let clock = CountingClock()
        let now = Date()
        let wheel = TimerWheel<Int>(configuration: .init(resolution: 0.01, slotCount: 256), start: now) { keys in
            fired.append(keys)
        }
        wheel.start(queue: DispatchQueue(label: "tickless-test"), clock: clock)
        defer { wheel.stop() }
        try await Task.sleep(for: .milliseconds(300))
        // A 10 ms periodic tick would have read the clock about 30 times by now.
        #expect(clock.readCount <= 1, "an idle wheel read the clock \(clock.readCount) times in 300 ms")

        wheel.schedule(2, at: Date().addingTimeInterval(0.4))
        wheel.schedule(1, at: Date().addingTimeInterval(0.1))
        for _ in 0..<300 where fired.all.count < 2 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(fired.all == [1, 2])
        let readsAfterFiring = clock.readCount
        try await Task.sleep(for: .milliseconds(200))
        #expect(clock.readCount == readsAfterFiring, "nothing waits: no more wake-ups")
    }
}
