import Foundation

/// Why a REST call failed, sorted by what the caller should do about it (MATTERMOST.md §6, §8).
public enum MattermostError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 429 with the plain-text body `limit exceeded`: wait `retryAfter` (from `Retry-After`), or until the
    /// bucket is full again (`reset`, from `X-RateLimit-Reset`).
    case rateLimited(retryAfter: Duration?, reset: Duration?)
    /// Any other non-success status, with the JSON error body when it decoded.
    case server(status: Int, AppError?)
    /// No answer: connection refused or lost, timeout, DNS, TLS.
    case network(String)
    /// A success status whose body was not what the endpoint returns.
    case decoding(String)
    /// A request body that could not be encoded (a value that is not valid JSON, e.g. NaN).
    case encoding(String)
    /// The calling task was cancelled.
    case cancelled

    /// Whether trying again later can succeed: 429, 5xx (including the 500 of a `pending_post_id` still being
    /// saved) and network errors. Other 4xx are permanent.
    public var isRetryable: Bool {
        switch self {
        case .rateLimited, .network: true
        case .server(let status, _): status >= 500
        case .decoding, .encoding, .cancelled: false
        }
    }

    /// The HTTP status, when the server answered.
    public var status: Int? {
        switch self {
        case .rateLimited: 429
        case .server(let status, _): status
        default: nil
        }
    }

    /// The server's error id (e.g. `api.context.session_expired.app_error`), when it sent one.
    public var appErrorID: String? {
        if case .server(_, let appError?) = self { return appError.id }
        return nil
    }

    public var description: String {
        switch self {
        case .rateLimited(let retryAfter, let reset):
            "rate limited by Mattermost (retry after \(retryAfter.map { "\($0)" } ?? "?"), reset \(reset.map { "\($0)" } ?? "?"))"
        case .server(let status, let appError?):
            "Mattermost answered \(status): \(appError.id): \(appError.message)"
        case .server(let status, nil):
            "Mattermost answered \(status)"
        case .network(let reason): "cannot reach Mattermost: \(reason)"
        case .decoding(let reason): "unexpected answer from Mattermost: \(reason)"
        case .encoding(let reason): "cannot encode the request: \(reason)"
        case .cancelled: "cancelled"
        }
    }
}

/// The server's rate-limit headers (sent on every response while its limiter is on, never otherwise).
/// With `RateLimitSettings.VaryByUser` a response carries two sets, one per limiter (the token's and the
/// user's, each added with `Header().Add`), which arrive as comma-separated values: the most restrictive
/// reading wins.
public struct RateLimitStatus: Sendable, Equatable {
    /// `X-RateLimit-Limit`: the burst size plus one.
    public var limit: Int
    /// `X-RateLimit-Remaining`: requests that would pass right now.
    public var remaining: Int
    /// `X-RateLimit-Reset`: time until the bucket is full again (seconds, rounded up); not a timestamp.
    public var reset: Duration

    /// Creates a status.
    public init(limit: Int, remaining: Int, reset: Duration) {
        self.limit = limit
        self.remaining = remaining
        self.reset = reset
    }

    /// Reads the three headers; nil unless all are present and numeric. Repeated headers (or
    /// comma-separated values) give the smallest limit and remaining and the largest reset.
    public init?(header: (String) -> String?) {
        guard let limit = Self.values(header("X-RateLimit-Limit"))?.min(),
            let remaining = Self.values(header("X-RateLimit-Remaining"))?.min(),
            let reset = Self.values(header("X-RateLimit-Reset"))?.max()
        else { return nil }
        self.init(limit: Int(clamping: limit), remaining: Int(clamping: remaining), reset: .seconds(reset))
    }

    /// The largest of a header's comma-separated whole numbers (`Retry-After: 1, 3` → 3).
    static func largest(_ field: String?) -> Int64? {
        values(field)?.max()
    }

    /// Every comma-separated value as a number; nil when absent, empty or any is not a non-negative number.
    private static func values(_ field: String?) -> [Int64]? {
        guard let field else { return nil }
        var numbers: [Int64] = []
        for part in field.split(separator: ",", omittingEmptySubsequences: false) {
            guard let number = Int64(part.trimmingCharacters(in: .whitespaces)), number >= 0 else { return nil }
            numbers.append(number)
        }
        return numbers.isEmpty ? nil : numbers
    }
}
