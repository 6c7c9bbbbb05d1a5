import Dispatch
import Foundation
import RemindCore
import RemindStore
import Synchronization

/// What waits in the scheduler's timer wheel: a reminder's scheduled time, or its snooze.
public struct ScheduledFiring: Hashable, Sendable {
    public var reminderID: Int64
    public var kind: OccurrenceKind

    /// Names one of a reminder's two timers.
    public init(reminderID: Int64, kind: OccurrenceKind) {
        self.reminderID = reminderID
        self.kind = kind
    }
}

/// Fires reminders on time. Only what is due within `horizon` lives in memory, in a `TimerWheel`; a
/// loader queries the store for the next horizon periodically (and at start, which also catches up on
/// everything that came due while the service was down). A firing claims its occurrence in one
/// transaction that also moves a recurring reminder to its next occurrence (computed from the rule,
/// never from "now" plus an interval), then hands it to the `Deliverer`.
///
/// State (what the wheel holds, the loader task) is guarded by a `Mutex`; firings run as tasks counted
/// by a `TaskTracker`.
public final class Scheduler: Sendable {
    private struct Entry: Sendable {
        var reminder: ReminderRecord
        var dueAt: Date
    }

    private struct State {
        var entries: [ScheduledFiring: Entry] = [:]
        var loader: Task<Void, Never>?
        var isStopped = false
        /// A reload asked for by `scheduleChangedElsewhere()` is running / another one was asked for meanwhile.
        var isReloading = false
        var reloadAgain = false
    }

    let store: ReminderStore
    let deliverer: Deliverer
    let clock: any WallClock
    let metrics: Metrics
    let logger: Logger
    let horizon: TimeInterval
    /// The delivery lease this scheduler claims under (PostgreSQL); every claim checks it.
    let fence: LeaseFence?
    /// Most entries one load takes; a full page brings the next load forward.
    let pageSize = 20_000
    let wheel: TimerWheel<ScheduledFiring>
    let firings = TaskTracker()
    private let relay: FiringRelay
    private let state = Mutex(State())
    private let wheelQueue = DispatchQueue(label: "remindd.scheduler.wheel", qos: .userInteractive)

    /// A scheduler keeping `horizon` seconds of reminders in a wheel of the given size.
    public init(
        store: ReminderStore, deliverer: Deliverer, clock: any WallClock, metrics: Metrics, logger: Logger,
        horizon: TimeInterval = 120, wheel: TimerWheel<ScheduledFiring>.Configuration = .init(), fence: LeaseFence? = nil
    ) {
        self.fence = fence
        self.store = store
        self.deliverer = deliverer
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
        self.horizon = horizon
        let relay = FiringRelay()
        self.relay = relay
        self.wheel = TimerWheel(configuration: wheel, start: clock.now()) { keys in relay.fire(keys) }
        relay.connect(self)
        DeliveryMetrics.describe(in: metrics)
        ServiceMetrics.describe(in: metrics)
        metrics.set(ServiceMetrics.leader, to: 0)
        metrics.set(ServiceMetrics.leaderEpoch, to: 0)
    }

    /// Resumes unfinished deliveries (`Deliverer.recoverUnfinished()`; calling it beforehand too is
    /// harmless), loads the horizon — everything overdue fires at once, late — and starts the wheel's
    /// Dispatch timer and the periodic loader.
    public func start() async throws {
        try await start(automatically: true)
    }

    /// `automatically: false` leaves the wheel and the loader to the caller (`tick()`, `loadHorizon()`):
    /// tests drive time by hand.
    func start(automatically: Bool) async throws {
        try await deliverer.recoverUnfinished()
        let full = try await loadHorizon()
        // On SQLite the one node that runs the scheduler is the leader, at epoch 0 (ARCHITECTURE.md §8);
        // on PostgreSQL, the holder of the lease at its epoch.
        metrics.set(ServiceMetrics.leader, to: 1)
        metrics.set(ServiceMetrics.leaderEpoch, to: Double(fence?.epoch ?? 0))
        guard automatically else { return }
        wheel.start(queue: wheelQueue, clock: clock)
        let loader = Task { [weak self, horizon] in
            var again = full
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(again ? 500 : Int64(horizon * 250)))
                guard let self, !Task.isCancelled else { return }
                again = (try? await self.loadHorizon()) ?? false
            }
        }
        state.withLock { $0.loader = loader }
    }

    /// Firings held in the wheel (due within the horizon).
    var scheduledCount: Int { state.withLock { $0.entries.count } }

    /// After a reminder was created, snoozed, completed or deleted: (re)schedules its timers that fall
    /// within the horizon and cancels the others.
    public func reminderChanged(_ reminder: ReminderRecord) {
        for kind in OccurrenceKind.allCases { reschedule(reminder, kind: kind) }
    }

    /// Another node changed the schedule (a PostgreSQL notification): reloads the horizon at once.
    /// Coalesced: one reload runs at a time, and one more follows when asked for meanwhile.
    public func scheduleChangedElsewhere() {
        let starts = state.withLock { state -> Bool in
            guard !state.isReloading else {
                state.reloadAgain = true
                return false
            }
            state.isReloading = true
            return true
        }
        guard starts else { return }
        Task {
            repeat {
                _ = try? await loadHorizon()
            } while state.withLock { state -> Bool in
                if state.reloadAgain && !state.isStopped {
                    state.reloadAgain = false
                    return true
                }
                state.isReloading = false
                return false
            }
        }
    }

    /// Puts one of a reminder's timers in the wheel when it is due within the horizon; takes it out otherwise.
    private func reschedule(_ reminder: ReminderRecord, kind: OccurrenceKind) {
        let limit = clock.now().addingTimeInterval(horizon)
        let key = ScheduledFiring(reminderID: reminder.id, kind: kind)
        let due = kind == .scheduled ? reminder.nextFireAt : reminder.snoozedUntil
        let scheduled = state.withLock { state -> Bool in
            if reminder.state == .active, let due, due < limit, !state.isStopped {
                state.entries[key] = Entry(reminder: reminder, dueAt: due)
                wheel.schedule(key, at: due)
                return true
            } else if state.entries.removeValue(forKey: key) != nil {
                wheel.cancel(key)
            }
            return false
        }
        if scheduled, let due { openDirectChannels(for: [(reminder, due)]) }
    }

    /// How soon a reminder must be due for its recipient's DM to be opened ahead of the first delivery.
    static let directChannelLead: TimeInterval = 30

    /// Opens (through the directory, which keeps them for good) the DM channels of user reminders due within
    /// `directChannelLead`, one at a time in the background, so that a first delivery to someone does not
    /// wait for that round trip after its due time. A failure only means the delivery opens it itself.
    private func openDirectChannels(for reminders: [(ReminderRecord, Date)]) {
        let soon = clock.now().addingTimeInterval(Self.directChannelLead)
        var seen: Set<String> = []
        let users = reminders.compactMap { reminder, due -> String? in
            guard reminder.targetKind == .user, due < soon, seen.insert(reminder.targetID).inserted else { return nil }
            return reminder.targetID
        }
        guard !users.isEmpty else { return }
        Task { [directory = deliverer.directory] in
            for user in users {
                guard !state.withLock({ $0.isStopped }) else { return }
                _ = try? await directory.directChannel(with: user)
            }
        }
    }

    /// Stops the wheel and the loader, lets firings under way finish claiming, then drains the
    /// deliverer (calling `Deliverer.drain()` afterwards too is harmless).
    public func stop() async {
        let loader = state.withLock { state in
            state.isStopped = true
            return state.loader
        }
        loader?.cancel()
        wheel.stop()
        relay.disconnect()
        metrics.set(ServiceMetrics.leader, to: 0)
        await firings.waitUntilIdle()
        await deliverer.drain()
    }

    // MARK: - Loading

    /// Puts every timer due before now + horizon into the wheel (overdue ones fire on the next tick) and
    /// refreshes the pending gauge. Returns whether the page was full (more are due than were loaded).
    @discardableResult
    func loadHorizon() async throws -> Bool {
        let due: [DueReminder]
        do {
            due = try await store.dueReminders(before: clock.now().addingTimeInterval(horizon), limit: pageSize)
        } catch {
            recordStoreError("loading the horizon", error)
            throw error
        }
        state.withLock { state in
            guard !state.isStopped else { return }
            for item in due {
                let key = ScheduledFiring(reminderID: item.reminder.id, kind: item.kind)
                if let known = state.entries[key], known.dueAt == item.dueAt, wheel.contains(key) { continue }
                state.entries[key] = Entry(reminder: item.reminder, dueAt: item.dueAt)
                wheel.schedule(key, at: item.dueAt)
            }
        }
        // Every load, not only the one that put a reminder in the wheel: most are loaded before they are soon.
        openDirectChannels(for: due.map { ($0.reminder, $0.dueAt) })
        Task { [store, metrics, deliverer] in
            metrics.set(ServiceMetrics.deliveryBacklog, to: Double(deliverer.backlog))
            guard let counts = try? await store.countActiveByKind() else { return }
            metrics.set(DeliveryMetrics.pending, to: Double(counts.once + counts.recurring))
            metrics.set(ServiceMetrics.remindersActive, labels: [("kind", "once")], to: Double(counts.once))
            metrics.set(ServiceMetrics.remindersActive, labels: [("kind", "recurring")], to: Double(counts.recurring))
        }
        return due.count >= pageSize
    }

    // MARK: - Firing

    /// Test hook: advances the wheel to the clock's time and waits until what came due is claimed and
    /// queued for delivery.
    func tick() async {
        wheel.advance(to: clock.now())
        await firings.waitUntilIdle()
    }

    /// Called by the wheel (on its queue) with the timers that came due.
    fileprivate func fire(_ keys: [ScheduledFiring]) {
        let entries: [(ScheduledFiring, Entry)] = state.withLock { state in
            keys.compactMap { key in state.entries.removeValue(forKey: key).map { (key, $0) } }
        }
        guard !entries.isEmpty else { return }
        // Delivery order: due time, then creation (ids grow with creation). The claims run together (their
        // commits are grouped), and what they claimed is queued in this order once all have answered.
        let ordered = entries.sorted { ($0.1.dueAt, $0.0.reminderID) < ($1.1.dueAt, $1.0.reminderID) }
        firings.begin()
        Task {
            // One timer (the usual case outside a burst) is claimed and delivered in this task: no child
            // task and no worker task to wake.
            if ordered.count == 1, let (key, entry) = ordered.first {
                let needsWorker = await self.claim(key, entry).map { deliverer.queueForDelivery($0.0, reminder: $0.1) } ?? false
                firings.end()
                if needsWorker { await deliverer.work() }
                return
            }
            let claimed = await withTaskGroup(of: (Int, OccurrenceRecord, ReminderRecord)?.self) { group in
                for (index, (key, entry)) in ordered.enumerated() {
                    group.addTask { await self.claim(key, entry).map { (index, $0.0, $0.1) } }
                }
                return await group.reduce(into: [(Int, OccurrenceRecord, ReminderRecord)]()) { all, one in
                    if let one { all.append(one) }
                }
            }
            for (_, occurrence, reminder) in claimed.sorted(by: { $0.0 < $1.0 }) {
                deliverer.enqueue(occurrence, reminder: reminder)
            }
            firings.end()
        }
    }

    /// Claims one occurrence (moving a recurring reminder on in the same transaction) and puts the
    /// reminder's next occurrence in the wheel when it falls within the horizon. Returns the claim to
    /// queue for delivery, or nil when there is nothing to deliver (no longer due, already delivered,
    /// or the store failed).
    private func claim(_ key: ScheduledFiring, _ entry: Entry) async -> (OccurrenceRecord, ReminderRecord)? {
        let now = clock.now()
        var next: Date?
        if key.kind == .scheduled, let recurrence = entry.reminder.recurrence {
            // After a downtime the missed occurrences are skipped: one post, then the next future one.
            next = recurrence.occurrence(after: max(entry.dueAt, now))
        }
        // A reminder that nags: the next nag after this firing (counted from now after a downtime).
        var claimed = entry.reminder
        var nextNag: Date?
        if let nag = entry.reminder.nagPlan {
            let sent = key.kind == .scheduled ? 0 : entry.reminder.nagsSent + 1
            nextNag = nag.next(after: max(entry.dueAt, now), sent: sent, nextFire: key.kind == .scheduled ? next : entry.reminder.nextFireAt)
            claimed.snoozedUntil = nextNag
            claimed.nagsSent = sent
        }
        var toDeliver: (OccurrenceRecord, ReminderRecord)?
        do {
            let claim = try await store.claimOccurrence(
                reminderID: key.reminderID, dueAt: entry.dueAt, kind: key.kind, nextFireAt: next, nextNagAt: nextNag, fence: fence,
                now: now)
            if claim.occurrence.state == .claimed { toDeliver = (claim.occurrence, claimed) }
        } catch let error as ReminderStoreError {
            // Completed, deleted, snoozed or moved on since it was loaded: nothing to fire.
            logger.log(.debug, "timer no longer due", ["reminder": String(key.reminderID), "reason": error.description])
            return nil
        } catch {
            // It stays due in the database; the next load brings it back.
            recordStoreError("claiming an occurrence", error)
            return nil
        }
        if key.kind == .scheduled, entry.reminder.isRecurring {
            var moved = claimed
            moved.nextFireAt = next
            moved.lastFiredAt = entry.dueAt
            reschedule(moved, kind: .scheduled)
        }
        if entry.reminder.nag != nil { reschedule(claimed, kind: .snooze) }
        return toDeliver
    }

    private func recordStoreError(_ doing: String, _ error: any Error) {
        metrics.increment(DeliveryMetrics.storeErrors)
        logger.log(.error, "database error while \(doing)", ["error": "\(error)"])
    }
}

/// Lets the wheel, created before its scheduler, call back into it without keeping it alive.
/// Guarded by a `Mutex`.
private final class FiringRelay: Sendable {
    private struct Target {
        weak var scheduler: Scheduler?
    }

    private let target = Mutex(Target())

    func connect(_ scheduler: Scheduler) {
        target.withLock { $0.scheduler = scheduler }
    }

    func disconnect() {
        target.withLock { $0.scheduler = nil }
    }

    func fire(_ keys: [ScheduledFiring]) {
        target.withLock { $0.scheduler }?.fire(keys)
    }
}
