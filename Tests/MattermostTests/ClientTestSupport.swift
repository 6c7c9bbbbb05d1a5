import Foundation
import HTTPServer
import Mattermost
import TestSupport

/// Runs `body` with a fake Mattermost on a real socket and a bot client pointed at it.
func withFakeServer(
    timeout: Duration = .seconds(5), _ body: (FakeMattermost, MattermostClient) async throws -> Void
) async throws {
    let fake = FakeMattermost()
    let url = try await fake.start()
    let client = MattermostClient(baseURL: url, token: fake.botToken, requestTimeout: timeout)
    do {
        try await body(fake, client)
    } catch {
        await fake.stop()
        throw error
    }
    await fake.stop()
}

/// A stand-in for remindd's callback endpoints: records what arrives and answers with a canned response.
actor CallbackInbox {
    private(set) var received: [HTTPRequest] = []
    private let answer: HTTPResponse

    init(answer: HTTPResponse) {
        self.answer = answer
    }

    func take(_ request: HTTPRequest) -> HTTPResponse {
        received.append(request)
        return answer
    }
}

/// Serves `inbox` on 127.0.0.1 for the duration of `body`; hands `body` the base URL.
func withCallbackServer(
    answering answer: HTTPResponse, _ body: (URL, CallbackInbox) async throws -> Void
) async throws {
    let inbox = CallbackInbox(answer: answer)
    let server = HTTPServer { request in await inbox.take(request) }
    let port = try server.start()
    do {
        try await body(URL(string: "http://127.0.0.1:\(port)")!, inbox)
    } catch {
        await server.shutdown(gracePeriod: .seconds(1))
        throw error
    }
    await server.shutdown(gracePeriod: .seconds(1))
}

extension HTTPRequest {
    /// The body as UTF-8 text.
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// The error `operation` throws, or nil when it succeeds.
func mattermostError<Value>(_ operation: () async throws(MattermostError) -> Value) async -> MattermostError? {
    do {
        _ = try await operation()
        return nil
    } catch {
        return error
    }
}
