import Foundation
import HTTPServer
import Mattermost

/// The few Mattermost REST answers `remindd serve` needs while it answers slash commands (the bot, the
/// invoker with a time zone, no display preference, posts accepted), on a real socket: enough to measure
/// remindd alone. Stateless: a created post's id is its request id.
enum StubMattermost {
    static let botToken = "benchbottoken00000000000000"
    static let botID = "benchbot000000000000000000"
    static let userID = "benchuser00000000000000000"
    static let teamID = "benchteam00000000000000000"
    static let channelID = "benchchannel00000000000000"

    /// Starts the stub on an ephemeral port of 127.0.0.1 and returns the server and its base URL.
    static func start() throws -> (HTTPServer, URL) {
        let server = HTTPServer(configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0), handler: handle)
        let port = try server.start()
        guard let url = URL(string: "http://127.0.0.1:\(port)") else { throw URLError(.badURL) }
        return (server, url)
    }

    private static func handle(_ request: HTTPRequest) async -> HTTPResponse {
        let path = request.path
        if path == "/api/v4/users/me" {
            return json(User(id: botID, username: "remindbot", isBot: true))
        }
        if path.hasPrefix("/api/v4/users/"), path.contains("/preferences/") {
            return .json(Data(#"{"id":"app.preference.get.app_error","status_code":404}"#.utf8), status: 404)
        }
        if path.hasPrefix("/api/v4/users/") {
            return json(User(id: userID, username: "bench", timezone: .manual("Europe/Berlin")))
        }
        if path == "/api/v4/channels/direct" {
            return json(Channel(id: channelID, teamID: "", name: "\(botID)__\(userID)", type: .direct), status: 201)
        }
        if path == "/api/v4/posts" {
            var post = (try? JSONDecoder().decode(Post.self, from: request.body)) ?? Post(channelID: channelID, message: "")
            post.id = String(request.requestID.prefix(26))
            return json(post, status: 201)
        }
        return .json(Data(#"{"id":"api.context.404.app_error","status_code":404}"#.utf8), status: 404)
    }

    private static func json(_ value: some Encodable, status: Int = 200) -> HTTPResponse {
        .json((try? JSONEncoder().encode(value)) ?? Data("{}".utf8), status: status)
    }
}
