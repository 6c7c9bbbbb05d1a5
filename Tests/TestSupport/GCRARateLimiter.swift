import Foundation

/// Mattermost's rate limiter (`throttled` GCRA, `app/ratelimit.go`), ported so the fake answers with the same
/// numbers: `limit` = burst + 1, `remaining`, `reset` = time until the bucket is full, `retryAfter` on refusal.
///
/// Time is a parameter (an offset on any monotonic clock), so tests can drive it without sleeping.
/// A value type: its owner (the fake's actor) serialises access.
public struct GCRARateLimiter: Sendable {
    /// The outcome of one request.
    public struct Decision: Sendable, Equatable {
        public var allowed: Bool
        public var limit: Int
        public var remaining: Int
        /// Until the bucket is full again.
        public var resetAfter: Duration
        /// Set when refused: when one request would pass.
        public var retryAfter: Duration?

        /// The headers the server adds to every response (and `Retry-After` on a 429).
        public var headers: [(name: String, value: String)] {
            var headers = [
                ("X-RateLimit-Limit", String(limit)), ("X-RateLimit-Remaining", String(remaining)),
                ("X-RateLimit-Reset", String(Self.secondsRoundedUp(resetAfter))),
            ]
            if let retryAfter { headers.append(("Retry-After", String(Self.secondsRoundedUp(retryAfter)))) }
            return headers
        }

        static func secondsRoundedUp(_ duration: Duration) -> Int64 {
            let (seconds, attoseconds) = duration.components
            return attoseconds > 0 ? seconds + 1 : seconds
        }
    }

    private let perSecond: Int
    private let maxBurst: Int
    private let emissionInterval: Duration
    private let delayVariationTolerance: Duration
    private let limit: Int
    /// The theoretical arrival time of the next request; nil before the first.
    private var theoreticalArrival: Duration?
    /// `RateLimitSettings.VaryByUser`: a second limiter with the same settings per user id
    /// (`UserIdRateLimit`, run by `web/handlers.go` once the session is known); nil when off.
    private var userLimiters: [String: GCRARateLimiter]?

    /// A limiter allowing `perSecond` requests a second on average and bursts of `maxBurst` + 1;
    /// `varyByUser` adds the per-user limiter, so authenticated responses carry two header sets.
    public init(perSecond: Int, maxBurst: Int, varyByUser: Bool = false) {
        self.perSecond = perSecond
        self.maxBurst = maxBurst
        emissionInterval = .seconds(1) / max(perSecond, 1)
        delayVariationTolerance = emissionInterval * (max(maxBurst, 0) + 1)
        limit = max(maxBurst, 0) + 1
        userLimiters = varyByUser ? [:] : nil
    }

    /// Accounts for one request by `userID` at `now` on the per-user limiter; nil when `varyByUser` is
    /// off. Mattermost asks it after the first limiter let the request through, and `Header().Add`s its
    /// headers after the first set.
    public mutating func take(forUser userID: String, at now: Duration) -> Decision? {
        guard var limiters = userLimiters else { return nil }
        var limiter = limiters[userID] ?? GCRARateLimiter(perSecond: perSecond, maxBurst: maxBurst)
        let decision = limiter.take(at: now)
        limiters[userID] = limiter
        userLimiters = limiters
        return decision
    }

    /// Accounts for one request arriving at `now`.
    public mutating func take(at now: Duration) -> Decision {
        let arrival = theoreticalArrival ?? now
        let newArrival = (now > arrival ? now : arrival) + emissionInterval
        let allowAt = newArrival - delayVariationTolerance
        let timeToLive: Duration
        var retryAfter: Duration?
        if now < allowAt {
            retryAfter = allowAt - now
            timeToLive = arrival - now
        } else {
            timeToLive = newArrival - now
            theoreticalArrival = newArrival
        }
        let next = delayVariationTolerance - timeToLive
        let remaining = next > .zero - emissionInterval ? Int(next / emissionInterval) : 0
        return Decision(
            allowed: retryAfter == nil, limit: limit, remaining: max(remaining, 0), resetAfter: timeToLive,
            retryAfter: retryAfter)
    }
}
