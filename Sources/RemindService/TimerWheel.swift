import Dispatch
import Foundation
import Synchronization

/// A hashed timer wheel: `slotCount` slots of `resolution` seconds each, advanced by a
/// `DispatchSourceTimer` (or by hand in tests through `advance(to:)`).
///
/// Tickless: the Dispatch timer is one-shot, armed for the earliest occupied tick and re-armed after
/// each advance (and when an earlier deadline is scheduled), so an idle wheel never wakes up, and a
/// timer fires at its tick's boundary (within the 1 ms leeway) instead of on the next periodic tick.
/// A wake-up that finds nothing due (the wall clock was set back) simply re-arms.
///
/// Deadlines are rounded *up* to the next tick, so nothing fires early; a deadline further away than
/// one turn of the wheel waits in its slot for later turns. Scheduling, cancelling and firing cost
/// O(1) on average, whatever the number of timers. State is guarded by a `Mutex`; `fire` is called
/// outside the lock, on the wheel's queue when Dispatch drives it.
public final class TimerWheel<Key: Hashable & Sendable>: Sendable {
    /// Size and precision of the wheel.
    public struct Configuration: Sendable {
        /// Seconds per tick: the worst-case lateness added by the wheel.
        public var resolution: TimeInterval
        /// Slots in one turn; one turn spans `resolution × slotCount` seconds.
        public var slotCount: Int

        /// 1 ms ticks, 131,072 slots (one turn ≈ 131 s, longer than the scheduler's horizon). Ticks used to
        /// be 10 ms, which added 5 ms to the median lateness (a deadline waits for its tick's end); with the
        /// one-shot timer a finer tick costs no wake-ups, only a longer scan for the next occupied slot
        /// (at most one turn, once per wake-up) and 1 MB of empty slots.
        public init(resolution: TimeInterval = 0.001, slotCount: Int = 131_072) {
            self.resolution = resolution
            self.slotCount = slotCount
        }
    }

    private struct Entry {
        var key: Key
        var tick: Int64
    }

    private struct State {
        var slots: [[Entry]]
        var deadlines: [Key: Int64] = [:]
        /// The last tick whose slot has been processed.
        var processedTick: Int64
        var timer: DispatchTimerHandle?
        /// The clock the running timer reads (set by `start`).
        var clock: (any WallClock)?
        /// The tick the one-shot timer is armed for; nil when disarmed.
        var armedTick: Int64?
    }

    private let configuration: Configuration
    private let fire: @Sendable ([Key]) -> Void
    private let state: Mutex<State>

    /// Creates a wheel whose first processed tick is `start`; `fire` receives the keys that came due.
    public init(configuration: Configuration = Configuration(), start: Date, fire: @escaping @Sendable ([Key]) -> Void) {
        precondition(configuration.resolution > 0 && configuration.slotCount > 0, "invalid timer wheel size")
        self.configuration = configuration
        self.fire = fire
        let startTick = Self.tick(of: start, resolution: configuration.resolution, roundingUp: false)
        state = Mutex(State(slots: Array(repeating: [], count: configuration.slotCount), processedTick: startTick))
    }

    /// The number of timers waiting.
    public var count: Int { state.withLock { $0.deadlines.count } }

    /// Whether `key` is waiting in the wheel.
    public func contains(_ key: Key) -> Bool { state.withLock { $0.deadlines[key] != nil } }

    /// Schedules `key` to fire at `deadline`, replacing an earlier schedule of the same key. A deadline
    /// already past fires on the next advance.
    public func schedule(_ key: Key, at deadline: Date) {
        let resolution = configuration.resolution
        let slotCount = Int64(configuration.slotCount)
        state.withLock { state in
            if let old = state.deadlines[key] { Self.remove(key, tick: old, from: &state, slotCount: slotCount) }
            let wanted = Self.tick(of: deadline, resolution: resolution, roundingUp: true)
            let tick = max(wanted, state.processedTick + 1)
            state.slots[Int(tick % slotCount)].append(Entry(key: key, tick: tick))
            state.deadlines[key] = tick
            if state.armedTick.map({ tick < $0 }) ?? true { arm(&state, at: tick) }
        }
    }

    /// Removes `key`; returns whether it was waiting.
    @discardableResult
    public func cancel(_ key: Key) -> Bool {
        let slotCount = Int64(configuration.slotCount)
        return state.withLock { state in
            guard let tick = state.deadlines.removeValue(forKey: key) else { return false }
            Self.remove(key, tick: tick, from: &state, slotCount: slotCount)
            return true
        }
    }

    /// Processes every tick up to `now` and hands the keys that came due to `fire` (one call, in
    /// deadline order). Returns those keys.
    @discardableResult
    public func advance(to now: Date) -> [Key] {
        let slotCount = Int64(configuration.slotCount)
        let nowTick = Self.tick(of: now, resolution: configuration.resolution, roundingUp: false)
        let due: [Key] = state.withLock { state in
            guard nowTick > state.processedTick else {
                // Woken before the tick's boundary by the wall clock (it was set back): wait again.
                arm(&state, at: Self.nextOccupiedTick(in: state, slotCount: slotCount))
                return []
            }
            var due: [Entry] = []
            // After a long pause every slot is visited once; otherwise only the elapsed ones.
            let first = state.processedTick + 1
            let last = min(nowTick, state.processedTick + slotCount)
            for tick in first...last {
                let index = Int(tick % slotCount)
                guard !state.slots[index].isEmpty else { continue }
                var kept: [Entry] = []
                for entry in state.slots[index] {
                    if entry.tick <= nowTick { due.append(entry) } else { kept.append(entry) }
                }
                state.slots[index] = kept
            }
            state.processedTick = nowTick
            for entry in due { state.deadlines[entry.key] = nil }
            arm(&state, at: Self.nextOccupiedTick(in: state, slotCount: slotCount))
            return due.sorted { $0.tick < $1.tick }.map(\.key)
        }
        if !due.isEmpty { fire(due) }
        return due
    }

    /// Starts the one-shot `DispatchSourceTimer` on `queue`, reading the time from `clock`, armed for the
    /// earliest waiting timer.
    public func start(queue: DispatchQueue, clock: any WallClock) {
        let timer = DispatchSource.makeTimerSource(flags: .strict, queue: queue)
        timer.setEventHandler { [weak self] in self?.advance(to: clock.now()) }
        let handle = DispatchTimerHandle(timer)
        let slotCount = Int64(configuration.slotCount)
        state.withLock { state in
            state.timer?.source.cancel()
            state.timer = handle
            state.clock = clock
            state.armedTick = nil
            timer.schedule(deadline: .distantFuture, leeway: .milliseconds(1))
            arm(&state, at: Self.nextOccupiedTick(in: state, slotCount: slotCount))
        }
        handle.source.resume()
    }

    /// Stops the Dispatch timer; waiting timers stay in the wheel.
    public func stop() {
        state.withLock { state in
            state.timer?.source.cancel()
            state.timer = nil
            state.clock = nil
            state.armedTick = nil
        }
    }

    /// Arms the running timer (if any) for the start of `tick`, or disarms it for nil.
    private func arm(_ state: inout State, at tick: Int64?) {
        guard let timer = state.timer?.source, let clock = state.clock else { return }
        state.armedTick = tick
        guard let tick else {
            timer.schedule(deadline: .distantFuture, leeway: .milliseconds(1))
            return
        }
        let boundary = Double(tick) * configuration.resolution
        let delay = max(0, boundary - clock.now().timeIntervalSince1970)
        timer.schedule(deadline: .now() + .nanoseconds(Int(delay * 1_000_000_000)), leeway: .milliseconds(1))
    }

    /// The earliest tick holding a timer: the first slot of the coming turn with an entry for that very
    /// tick, else (only timers more than a turn away) the smallest of theirs. O(slots), run once per wake-up.
    private static func nextOccupiedTick(in state: State, slotCount: Int64) -> Int64? {
        guard !state.deadlines.isEmpty else { return nil }
        var later: Int64?
        for offset in 1...slotCount {
            let tick = state.processedTick + offset
            for entry in state.slots[Int(tick % slotCount)] {
                if entry.tick == tick { return tick }
                later = min(later ?? entry.tick, entry.tick)
            }
        }
        return later
    }

    /// The tick an instant falls in, computed in whole microseconds so that binary fractions of
    /// decimal times (2.1 s / 0.1 s = 20.999…) cannot move a deadline by a tick.
    private static func tick(of instant: Date, resolution: TimeInterval, roundingUp: Bool) -> Int64 {
        let micros = Int64((instant.timeIntervalSince1970 * 1_000_000).rounded())
        let step = max(1, Int64((resolution * 1_000_000).rounded()))
        let down = micros >= 0 ? micros / step : (micros - step + 1) / step
        return roundingUp && down * step != micros ? down + 1 : down
    }

    private static func remove(_ key: Key, tick: Int64, from state: inout State, slotCount: Int64) {
        let index = Int(tick % slotCount)
        if let position = state.slots[index].firstIndex(where: { $0.key == key }) {
            state.slots[index].remove(at: position)
        }
        state.deadlines[key] = nil
    }
}

/// A Dispatch timer source passed between threads. Dispatch sources are thread-safe objects; the
/// wrapper only tells the compiler so.
final class DispatchTimerHandle: @unchecked Sendable {
    let source: any DispatchSourceTimer

    init(_ source: any DispatchSourceTimer) {
        self.source = source
    }
}
