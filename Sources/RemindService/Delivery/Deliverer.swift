import Foundation
import Mattermost
import RemindStore
import Synchronization

/// Posts claimed occurrences to Mattermost: at most `maxConcurrent` at a time, paced to the server's
/// rate-limit headers (and an optional cap), retrying 429s, 5xx and network errors, giving up on other
/// 4xx (and telling the reminder's creator), and never posting an occurrence twice: every post carries
/// the occurrence's delivery key, and an occurrence whose earlier attempt may have reached Mattermost is
/// looked up in its channel before it is posted again.
///
/// The ledger (`occurrences`) is the truth: everything in memory here is a queue in front of it, and an
/// occurrence still `claimed` after a crash is picked up again by `recoverUnfinished()`.
/// State (the queue, the workers, waiting retries) is guarded by a `Mutex`; a delivery runs in a task.
public final class Deliverer: Sendable {
    /// An occurrence waiting for a worker, with its claim when the caller just made it (so a first
    /// attempt need not read the occurrence and its reminder back).
    struct Job {
        var occurrenceID: Int64
        var claim: (occurrence: OccurrenceRecord, reminder: ReminderRecord)?

        init(_ occurrenceID: Int64) { self.occurrenceID = occurrenceID }

        init(_ occurrence: OccurrenceRecord, reminder: ReminderRecord) {
            occurrenceID = occurrence.id
            claim = (occurrence, reminder)
        }
    }

    struct State {
        /// Occurrences waiting for a worker, oldest first (`head` is the next to take).
        var ready: [Job] = []
        var head = 0
        /// Waiting or being delivered: an occurrence is never handled twice at once.
        var queued: Set<Int64> = []
        /// Occurrences whose earlier attempt may have reached Mattermost though the ledger does not say so.
        var uncertain: Set<Int64> = []
        /// Occurrences looked up in their channel after a restart and not found there, with no post request
        /// sent for them since: their next attempt posts without looking again.
        var verifiedAbsent: Set<Int64> = []
        var workers = 0
        var retries: [Int64: Task<Void, Never>] = [:]
        var isDraining = false
        /// Set when a drain ran out of time: workers stop taking new occurrences.
        var isStopped = false
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
        /// Team summaries being posted (reminder id / round): one attempt at a time each.
        var summariesUnderWay: Set<String> = []

        var isIdle: Bool { workers == 0 && queued.isEmpty && retries.isEmpty }

        /// Puts occurrences (already in `queued`) in line; returns how many workers to start.
        mutating func makeReady(_ jobs: [Job], maxConcurrent: Int) -> Int {
            ready.append(contentsOf: jobs)
            let starting = max(0, min(maxConcurrent - workers, jobs.count))
            workers += starting
            return starting
        }
    }

    let store: ReminderStore
    let client: MattermostClient
    let directory: Directory
    let renderer: ReminderPost
    let clock: any WallClock
    let metrics: Metrics
    let logger: Logger
    let maxConcurrent: Int
    let pacer: PostPacer
    let retryPolicy: RetryPolicy
    /// How far before an occurrence's claim to look for a post that may already carry it (clock skew
    /// between remindd and Mattermost).
    let lookupMargin: TimeInterval = 120
    /// A `since` answer this long may have been cut by the server (`serverSinceListLimit`; tests lower it).
    let sinceListLimit: Int
    /// On a shared (PostgreSQL) database: shut when this node lost the delivery lease; nothing is
    /// posted through a shut gate (the occurrence stays claimed for the next leader to recover).
    let gate: DeliveryGate?
    /// The installation's id, shared with the click handlers.
    let installIdentity: InstallIdentity
    /// The zone of recipients whose Mattermost profile has none (`ServiceConfiguration.serverZone`).
    let serverZone: TimeZone
    let state = Mutex(State())

    /// A deliverer posting through `client` as the bot; `maxPostsPerSecond` is `REMIND_MAX_POSTS_PER_SECOND`.
    public convenience init(
        store: ReminderStore, client: MattermostClient, directory: Directory, renderer: ReminderPost,
        clock: any WallClock, metrics: Metrics, logger: Logger, maxConcurrent: Int = 8, maxPostsPerSecond: Double? = nil,
        gate: DeliveryGate? = nil, installIdentity: InstallIdentity? = nil, serverZone: TimeZone = .current
    ) {
        self.init(
            store: store, client: client, directory: directory, renderer: renderer, clock: clock, metrics: metrics,
            logger: logger, maxConcurrent: maxConcurrent, maxPostsPerSecond: maxPostsPerSecond, retryPolicy: .standard,
            gate: gate, installIdentity: installIdentity, serverZone: serverZone)
    }

    /// The same, with a retry policy of the caller's choosing (tests use short delays) and, for tests, a
    /// lower length at which a `since` answer counts as possibly cut.
    init(
        store: ReminderStore, client: MattermostClient, directory: Directory, renderer: ReminderPost,
        clock: any WallClock, metrics: Metrics, logger: Logger, maxConcurrent: Int, maxPostsPerSecond: Double?,
        retryPolicy: RetryPolicy, sinceListLimit: Int = Deliverer.serverSinceListLimit, gate: DeliveryGate? = nil,
        installIdentity: InstallIdentity? = nil, serverZone: TimeZone = .current
    ) {
        self.serverZone = serverZone
        self.gate = gate
        self.installIdentity = installIdentity ?? InstallIdentity(store: store)
        self.store = store
        self.client = client
        self.directory = directory
        self.renderer = renderer
        self.clock = clock
        self.metrics = metrics
        self.logger = logger
        self.maxConcurrent = max(1, maxConcurrent)
        self.retryPolicy = retryPolicy
        self.sinceListLimit = max(1, sinceListLimit)
        pacer = PostPacer(maxConcurrent: max(1, maxConcurrent), maxPerSecond: maxPostsPerSecond)
        DeliveryMetrics.describe(in: metrics)
    }

    /// Claimed occurrences not yet delivered: queued, being posted, or waiting to retry.
    public var backlog: Int {
        state.withLock { $0.queued.count + $0.retries.count }
    }

    /// Queues a claimed occurrence for delivery (a no-op while it is already queued or being delivered,
    /// or after `drain()` began).
    public func enqueue(_ occurrenceID: Int64) {
        enqueue(Job(occurrenceID))
    }

    /// Queues a claim the caller just made, with its reminder (saves reading both back).
    func enqueue(_ occurrence: OccurrenceRecord, reminder: ReminderRecord) {
        enqueue(Job(occurrence, reminder: reminder))
    }

    private func enqueue(_ job: Job) {
        startWorkers(queue(job))
    }

    /// Queues a claim like `enqueue(_:reminder:)`, but returns whether it needs a worker of its own instead
    /// of starting one: the caller (the scheduler's firing task, with nothing else to do) then runs `work()`
    /// itself and so delivers in its own task, one task fewer to wake per delivery.
    func queueForDelivery(_ occurrence: OccurrenceRecord, reminder: ReminderRecord) -> Bool {
        queue(Job(occurrence, reminder: reminder)) > 0
    }

    /// Puts `job` in the ready queue (unless it is queued or waiting for a retry already, or the deliverer
    /// drains); returns how many workers to start for it.
    private func queue(_ job: Job) -> Int {
        let id = job.occurrenceID
        return state.withLock { state -> Int in
            guard !state.isDraining, state.retries[id] == nil, state.queued.insert(id).inserted else { return 0 }
            return state.makeReady([job], maxConcurrent: maxConcurrent)
        }
    }

    /// Graceful shutdown: takes no more work, drops waiting retries (their occurrences stay claimed in
    /// the ledger and resume at the next start), and waits up to `timeout` for the posts under way and
    /// those already queued.
    public func drain(timeout: Duration = .seconds(10)) async {
        let retries = state.withLock { state in
            state.isDraining = true
            defer { state.retries.removeAll() }
            return Array(state.retries.values)
        }
        retries.forEach { $0.cancel() }
        let finished = await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.waitUntilIdle(); return true }
            group.addTask { try? await Task.sleep(for: timeout); return false }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
        if !finished {
            state.withLock { $0.isStopped = true }
            logger.log(.warning, "deliveries still under way at shutdown; they resume at the next start")
        }
    }

    /// Returns once nothing is queued, under way or waiting for a retry (tests, and `drain`).
    func waitUntilIdle() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state in
                if state.isIdle { return true }
                state.idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    // MARK: - Workers

    /// What to do with an occurrence after an attempt.
    enum Disposition {
        /// Posted, found, given up on, or no longer ours to deliver.
        case done
        /// Try again as soon as the pacer lets (after a 429).
        case requeue
        /// Try again after this many seconds.
        case retry(after: TimeInterval)
        /// Posted; the ledger write runs in the background and calls `finish` itself.
        case recording
    }

    func startWorkers(_ count: Int) {
        for _ in 0..<count { Task { await self.work() } }
    }

    /// One worker: delivers ready jobs until none is left.
    func work() async {
        while let job = takeNext() {
            let disposition = await attempt(job)
            if case .recording = disposition { continue }
            finish(job.occurrenceID, disposition)
        }
    }

    /// Acts on the outcome of an attempt, waking idle waiters when nothing is left.
    func finish(_ occurrenceID: Int64, _ disposition: Disposition) {
        let waiters: [CheckedContinuation<Void, Never>] = state.withLock { state in
            switch disposition {
            case .requeue:
                state.ready.append(Job(occurrenceID))
                return []
            case .done, .recording:
                state.queued.remove(occurrenceID)
            case .retry:
                state.queued.remove(occurrenceID)
            }
            guard state.isIdle else { return [] }
            defer { state.idleWaiters.removeAll() }
            return state.idleWaiters
        }
        if case .retry(let delay) = disposition { scheduleRetry(occurrenceID, after: delay) }
        waiters.forEach { $0.resume() }
    }

    /// The next occurrence for a worker, or nil after retiring the worker (waking idle waiters).
    private func takeNext() -> Job? {
        let (next, waiters): (Job?, [CheckedContinuation<Void, Never>]) = state.withLock { state in
            if !state.isStopped, state.head < state.ready.count {
                let job = state.ready[state.head]
                state.ready[state.head].claim = nil
                state.head += 1
                if state.head > 1_024, state.head * 2 > state.ready.count {
                    state.ready.removeFirst(state.head)
                    state.head = 0
                }
                return (job, [])
            }
            state.workers -= 1
            guard state.isIdle else { return (nil, []) }
            defer { state.idleWaiters.removeAll() }
            return (nil, state.idleWaiters)
        }
        waiters.forEach { $0.resume() }
        return next
    }

    /// Queues `occurrenceID` again after `delay` seconds of real time.
    func scheduleRetry(_ occurrenceID: Int64, after delay: TimeInterval) {
        state.withLock { state in
            guard !state.isDraining, state.retries[occurrenceID] == nil else { return }
            state.retries[occurrenceID] = Task {
                try? await Task.sleep(for: .milliseconds(Int64(max(0, delay) * 1_000)))
                guard !Task.isCancelled else { return }
                self.retryDue(occurrenceID)
            }
        }
    }

    private func retryDue(_ occurrenceID: Int64) {
        state.withLock { _ = $0.retries.removeValue(forKey: occurrenceID) }
        enqueue(occurrenceID)
    }

    /// The random id of this installation, the first half of every delivery key.
    func installID() async throws -> String {
        try await installIdentity.value()
    }
}
