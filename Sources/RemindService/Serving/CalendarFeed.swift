import Foundation
import HTTPServer
import Mattermost
import RemindStore

/// A private, revocable calendar feed per user: `/remind calendar` gives the address
/// `{REMIND_PUBLIC_URL}/calendar/{token}.ics`, which Google Calendar, Outlook and Thunderbird subscribe to;
/// `GET` on it answers the user's active reminders as RFC 5545 (`ICalendarWriter`: RRULE, EXDATE for skipped
/// times, TZID with VTIMEZONE). The token is 128 random bits; only its SHA-256 is stored, found by that hash
/// and compared in constant time, and anything else is 404 (the same answer for a malformed, wrong or revoked
/// token). `/remind calendar reset` replaces the token, which revokes the old address.
struct CalendarFeed: Sendable {
    var context: ServiceContext

    /// The feed addresses: `/calendar/<32 hex digits>.ics`.
    static let pathPrefix = "/calendar/"
    /// The most reminders one feed holds (the per-user limit of active reminders is 1,000 by default).
    static let maxEvents = 5_000

    /// Lower-case hex SHA-256 of `token`, as stored.
    static func hash(_ token: String) -> String {
        SHA256.digest(Array(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The token in a feed path, when it is one remindd could have issued (32 lower-case hex digits).
    static func token(inPath path: String) -> String? {
        guard path.hasPrefix(pathPrefix), path.hasSuffix(".ics") else { return nil }
        let token = String(path.dropFirst(pathPrefix.count).dropLast(4))
        guard token.utf8.count == 32, token.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else { return nil }
        return token
    }

    /// `/remind calendar` (`reset: false`): a new feed when the user has none, else where it stands (only its
    /// hash is kept, so its address cannot be shown again); `/remind calendar reset`: a new address, the old
    /// one revoked.
    func command(userID: String, reset: Bool) async -> CommandResponse {
        do {
            let now = context.clock.now()
            if !reset, let existing = try await context.store.calendarFeed(userID: userID) {
                let time = try await context.reader(userID)
                return .ephemeral(
                    "You already have a private calendar feed (made \(time.moment(existing.createdAt, now: now))). "
                    + "I keep only a fingerprint of its address, so I cannot show it again: `/remind calendar reset` "
                    + "gives you a new address and turns the old one off.")
            }
            let token = RandomToken.make()
            try await context.store.replaceCalendarFeed(userID: userID, tokenHash: Self.hash(token), at: now)
            let url = context.callbackURL(Self.pathPrefix + token + ".ics")
            var response = CommandResponse.ephemeral(
                (reset ? "I turned your old calendar address off. Your new private calendar feed:\n" : "Your private calendar feed:\n")
                + "\(url)\n"
                + "Subscribe to it by URL in Google Calendar (Other calendars → From URL), Outlook (Add calendar → "
                + "Subscribe from web) or Thunderbird (New calendar → On the network). It holds your active reminders "
                + "and follows every change. Anyone with the address can read them, so keep it to yourself; "
                + "`/remind calendar reset` makes a new one and turns this one off. I show it only now.")
            response.skipSlackParsing = true
            return response
        } catch {
            return .ephemeral(ServiceFailure.from(error, purpose: "set up your calendar feed", logger: context.logger).message)
        }
    }

    /// `GET /calendar/{token}.ics`: the feed, or 404 for any token that is not a current one.
    func serve(_ request: HTTPRequest) async -> HTTPResponse {
        let notFound = HTTPResponse.text("Not Found\n", status: 404)
        guard let token = Self.token(inPath: request.path) else { return notFound }
        let hash = Self.hash(token)
        do {
            guard let feed = try await context.store.calendarFeed(tokenHash: hash),
                  ConstantTime.equals(hash, feed.tokenHash) else { return notFound }
            let page = try await context.store.reminders(forUser: feed.userID, limit: Self.maxEvents)
            let skipped = Dictionary(grouping: try await context.store.skippedOccurrences(forUser: feed.userID), by: \.reminderID)
                .mapValues { $0.map(\.dueAt) }
            let body = ICalendarWriter.calendar(
                for: page.reminders, stampedAt: context.clock.now(), skipped: skipped, name: "Reminders (remindd)")
            context.metrics.increment("remind_calendar_feeds_served_total")
            return HTTPResponse(
                status: 200,
                headers: [("Content-Type", "text/calendar; charset=utf-8"), ("Cache-Control", "private, max-age=300"),
                          ("Content-Disposition", "inline; filename=\"reminders.ics\"")],
                body: Data(body.utf8))
        } catch {
            context.logger.log(.warning, "calendar feed failed", ["error": String(describing: error)])
            return .text("The calendar is unavailable right now; your calendar app will try again.\n", status: 503)
        }
    }
}
