import Foundation
import HTTPServer
import Mattermost

/// The HTTP contract (ARCHITECTURE.md §6–7): `/command` (POST and GET), `/action`, `/dialog`, `/healthz`,
/// `/metrics`, and the calendar feeds `GET /calendar/{token}.ics`. Mattermost gets exactly 200 with JSON from every callback it sends with a valid credential;
/// a wrong command token is 401 and a forged button 403, with nothing stored or changed.
public struct RemindRoutes: Sendable {
    private let context: ServiceContext
    private let commandTokens: [String]

    /// Routes over `context`, accepting slash commands carrying one of `commandTokens`.
    public init(context: ServiceContext, commandTokens: [String]) {
        self.context = context
        self.commandTokens = commandTokens
        Self.describeMetrics(context.metrics)
    }

    /// The most a callback body may hold: Mattermost's slash commands, clicks and dialog submissions are a
    /// few kilobytes, so anything longer is answered 413 before it is read.
    public static let callbackBodyLimit = 64 * 1_024
    /// A slash command carries the text percent-encoded: a message of `MaxPostSize` (16,383) four-byte runes
    /// is about 200 KB on the wire, so `/command` allows 256 KiB.
    public static let commandBodyLimit = 256 * 1_024

    /// The routes, each with its body cap and with `Logger.requestID` set while it runs, for
    /// `HTTPServer(configuration:logger:router:)`.
    public var router: Router {
        var router = Router()
        let routes = self
        func add(_ method: String, _ path: String, limit: Int?, _ handler: @escaping HTTPHandler) {
            router.add(method, path, maxBodyBytes: limit) { request in
                await Logger.$requestID.withValue(request.requestID) { await handler(request) }
            }
        }
        add("POST", "/command", limit: Self.commandBodyLimit) { await routes.command($0, form: $0.form) }
        add("GET", "/command", limit: Self.commandBodyLimit) { await routes.command($0, form: $0.queryItems) }
        add("POST", "/action", limit: Self.callbackBodyLimit) { await routes.action($0) }
        add("POST", "/dialog", limit: Self.callbackBodyLimit) { await routes.dialog($0) }
        add("GET", "/healthz", limit: 0) { _ in await routes.health() }
        router.add("GET", prefix: CalendarFeed.pathPrefix, maxBodyBytes: 0) { request in
            await Logger.$requestID.withValue(request.requestID) { await CalendarFeed(context: routes.context).serve(request) }
        }
        add("GET", "/metrics", limit: 0) { _ in
            var response = HTTPResponse.text(routes.context.metrics.exposition())
            response.headers = [("Content-Type", "text/plain; version=0.0.4; charset=utf-8")]
            return response
        }
        return router
    }

    /// The access-log hook: one line per request and the request metrics (route, status, latency).
    public static func requestLogger(logger: Logger, metrics: Metrics) -> RequestLogger {
        { entry in
            // The matched route, never the path: a feed's path holds its secret token, so it is logged and
            // counted as `/calendar` (its prefix route) only.
            let route = entry.route.map { $0.count > 1 && $0.hasSuffix("/") ? String($0.dropLast()) : $0 } ?? "other"
            let seconds = Double(entry.duration.components.seconds) + Double(entry.duration.components.attoseconds) / 1e18
            metrics.increment("remind_http_requests_total", labels: [("route", route), ("status", String(entry.status))])
            metrics.observe("remind_http_request_duration_seconds", labels: [("route", route)], seconds)
            logger.log(entry.status >= 500 ? .warning : .info, "request", [
                "method": entry.method, "path": route == "other" ? "(other)" : route,
                "status": String(entry.status), "ms": String(format: "%.2f", seconds * 1000),
                "request_id": entry.requestID,
            ])
        }
    }

    private func command(_ request: HTTPRequest, form: FormData) async -> HTTPResponse {
        let fields = SlashCommandRequest(fields: { form.all($0) })
        guard ConstantTime.equalsAny(fields.token, commandTokens) else {
            return .text("unauthorized: unknown slash command token\n", status: 401)
        }
        return Self.json(await CommandHandler(context: context).handle(fields))
    }

    private func action(_ request: HTTPRequest) async -> HTTPResponse {
        guard let click = try? BoundedJSON.decode(PostActionRequest.self, from: request.body) else {
            return Self.json(PostActionResponse(ephemeralText: "I couldn't read that click."), status: 400)
        }
        let (status, response) = await ActionHandler(context: context).handle(click)
        return Self.json(response, status: status)
    }

    private func dialog(_ request: HTTPRequest) async -> HTTPResponse {
        guard let submission = try? BoundedJSON.decode(SubmitDialogRequest.self, from: request.body) else {
            return Self.json(SubmitDialogResponse(error: "I couldn't read that form."), status: 400)
        }
        do throws(DialogHandler.Rejection) {
            let answer: SubmitDialogResponse?
            switch submission.callbackID {
            case DialogHandler.callbackID: answer = try await DialogHandler(context: context).submit(submission)
            case SnoozeDialog.callbackID: answer = try await SnoozeDialog(context: context).submit(submission)
            case EditDialog.callbackID: answer = try await EditDialog(context: context).submit(submission)
            default: return Self.json(SubmitDialogResponse(error: "This form is not mine."), status: 403)
            }
            guard let reply = answer else {
                return .json(Data("{}".utf8))
            }
            return Self.json(reply)
        } catch .expired {
            // Genuine but stale: a generic dialog error keeps the form open with a way forward.
            return Self.json(SubmitDialogResponse(
                error: "This form is too old. Close it and type `/remind` again (or `/remind me to … in 2 hours`)."))
        } catch .senderNotAllowed {
            return Self.json(SubmitDialogResponse(error: "Bots and deactivated accounts cannot set reminders."), status: 403)
        } catch {
            return Self.json(SubmitDialogResponse(error: "This form was not opened by remindd for you."), status: 403)
        }
    }

    private func health() async -> HTTPResponse {
        do {
            _ = try await context.store.setting("schema.health")  // a primary-key read: cheap at any size
            return .text("ok")
        } catch {
            return .text("database unavailable", status: 503)
        }
    }

    private static func json(_ value: some Encodable, status: Int = 200) -> HTTPResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let body = try? encoder.encode(value) else { return .json(Data("{}".utf8), status: status) }
        return .json(body, status: status)
    }

    private static func describeMetrics(_ metrics: Metrics) {
        ServiceMetrics.describe(in: metrics)
        metrics.describe("remind_http_requests_total", type: "counter", help: "HTTP requests by route and status.")
        metrics.describe("remind_http_request_duration_seconds", type: "histogram", help: "HTTP request latency by route.")
        metrics.describe("remind_commands_refused_total", type: "counter", help: "Slash commands refused, by dialog field.")
        metrics.describe("remind_actions_total", type: "counter", help: "Reminder post clicks applied, by action.")
        metrics.describe("remind_calendar_feeds_served_total", type: "counter", help: "Calendar feeds served.")
    }
}
