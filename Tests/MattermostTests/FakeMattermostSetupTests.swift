import Foundation
import HTTPServer
import Mattermost
import Testing
import TestSupport

/// The fake's setup endpoints answer with the real server's status codes and error ids
/// (server/channels/api4/{bot,user,team,config,command}.go, Mattermost 11).
@Suite("FakeMattermost setup endpoints")
struct FakeMattermostSetupTests {
    private func send(_ fake: FakeMattermost, _ method: String, _ path: String, json body: String = "", token: String) async -> HTTPResponse {
        let headers: [(name: String, value: String)] = [("Content-Type", "application/json"), ("Authorization", "Bearer \(token)")]
        return await fake.handle(HTTPRequest(method: method, path: path, query: "", headers: headers, body: Data(body.utf8)))
    }

    private func errorID(_ response: HTTPResponse) -> String? {
        (try? JSONDecoder().decode(AppError.self, from: response.body))?.id
    }

    @Test("POST /bots: 403 without create_bot, 403 create_disabled while bots are off, 201, then 400 username_exists")
    func createBot() async throws {
        let fake = FakeMattermost(withBot: false)
        let sam = await fake.addUser("sam")
        let samToken = await fake.issueToken(for: sam)
        let body = #"{"username":"remindd","display_name":"Remind","description":"d"}"#
        let person = await send(fake, "POST", "/api/v4/bots", json: body, token: samToken)
        #expect(person.status == 403 && errorID(person) == "api.context.permissions.app_error")
        let disabled = await send(fake, "POST", "/api/v4/bots", json: body, token: fake.adminToken)
        #expect(disabled.status == 403 && errorID(disabled) == "api.bot.create_disabled")
        await fake.setServiceSetting("EnableBotAccountCreation", true)
        let created = await send(fake, "POST", "/api/v4/bots", json: body, token: fake.adminToken)
        #expect(created.status == 201)
        let bot = try JSONDecoder().decode(Bot.self, from: created.body)
        #expect(bot.username == "remindd" && bot.ownerID == fake.admin.id && !bot.userID.isEmpty)
        #expect(await fake.user(named: "remindd")?.isBot == true)
        let again = await send(fake, "POST", "/api/v4/bots", json: body, token: fake.adminToken)
        #expect(again.status == 400 && errorID(again) == "app.user.save.username_exists.app_error")
    }

    @Test("POST /users/{id}/tokens: 200 with a working token for a bot, 501 for a person while personal tokens are off, 400 without a description")
    func createToken() async throws {
        let fake = FakeMattermost()
        let created = await send(fake, "POST", "/api/v4/users/\(fake.bot.id)/tokens", json: #"{"description":"remindd"}"#, token: fake.adminToken)
        #expect(created.status == 200)
        let token = try JSONDecoder().decode(UserAccessToken.self, from: created.body)
        let me = await send(fake, "GET", "/api/v4/users/me", token: token.token)
        #expect(me.status == 200)
        #expect(try JSONDecoder().decode(User.self, from: me.body).id == fake.bot.id)
        let sam = await fake.addUser("sam")
        let person = await send(fake, "POST", "/api/v4/users/\(sam.id)/tokens", json: #"{"description":"x"}"#, token: fake.adminToken)
        #expect(person.status == 501 && errorID(person) == "app.user_access_token.disabled")
        let bare = await send(fake, "POST", "/api/v4/users/\(fake.bot.id)/tokens", json: #"{"description":""}"#, token: fake.adminToken)
        #expect(bare.status == 400)
        let byBot = await send(fake, "POST", "/api/v4/users/\(fake.bot.id)/tokens", json: #"{"description":"x"}"#, token: fake.botToken)
        #expect(byBot.status == 403)
    }

    @Test("POST /teams/{id}/members: 201 (again 201, one membership), 404 for a team that does not exist, 403 for a plain member")
    func addTeamMember() async throws {
        let fake = FakeMattermost()
        let sam = await fake.addUser("sam", team: await fake.addTeam("other"))
        let body = #"{"team_id":"\#(fake.team.id)","user_id":"\#(sam.id)"}"#
        let added = await send(fake, "POST", "/api/v4/teams/\(fake.team.id)/members", json: body, token: fake.adminToken)
        #expect(added.status == 201)
        #expect(await fake.isTeamMember(sam.id, team: fake.team))
        let again = await send(fake, "POST", "/api/v4/teams/\(fake.team.id)/members", json: body, token: fake.adminToken)
        #expect(again.status == 201)
        let missing = await send(fake, "POST", "/api/v4/teams/nope/members", json: #"{"team_id":"nope","user_id":"\#(sam.id)"}"#, token: fake.adminToken)
        #expect(missing.status == 404)
        let samToken = await fake.issueToken(for: sam)
        let plain = await send(fake, "POST", "/api/v4/teams/\(fake.team.id)/members", json: body, token: samToken)
        #expect(plain.status == 403)
    }

    @Test("GET /config and PUT /config/patch: admins only, a patch merges and keeps every other setting, SiteURL cannot be cleared")
    func config() async throws {
        let fake = FakeMattermost()
        #expect(await send(fake, "GET", "/api/v4/config", token: fake.botToken).status == 403)
        await fake.setServiceSetting("AllowedUntrustedInternalConnections", "mm.lan")
        let patched = await send(
            fake, "PUT", "/api/v4/config/patch", json: #"{"ServiceSettings":{"AllowedUntrustedInternalConnections":"mm.lan remindd"}}"#,
            token: fake.adminToken)
        #expect(patched.status == 200)
        let config = try JSONDecoder().decode(JSONValue.self, from: patched.body)
        #expect(config["ServiceSettings"]?["AllowedUntrustedInternalConnections"] == "mm.lan remindd")
        #expect(config["ServiceSettings"]?["EnableCommands"] == true)
        #expect(config["TeamSettings"]?["MaxUsersPerTeam"] != nil)
        let cleared = await send(fake, "PUT", "/api/v4/config/patch", json: #"{"ServiceSettings":{"SiteURL":""}}"#, token: fake.adminToken)
        #expect(cleared.status == 400 && errorID(cleared) == "api.config.update_config.clear_siteurl.app_error")
        #expect(await send(fake, "PUT", "/api/v4/config/patch", json: #"{"ServiceSettings":{}}"#, token: fake.botToken).status == 403)
    }

    @Test("POST /commands/execute calls the command's URL, refusing an internal host not allowed (500 failed) when enforced")
    func executeCommand() async throws {
        let fake = FakeMattermost()
        let town = await fake.addChannel("town-square", members: [fake.admin])
        let answering = HTTPServer(configuration: HTTPServer.Configuration(host: "127.0.0.1", port: 0)) { _ in
            .json(Data(#"{"text":"help text"}"#.utf8))
        }
        let port = try answering.start()
        await fake.registerSlashCommand(url: URL(string: "http://127.0.0.1:\(port)/command")!)
        let body = #"{"channel_id":"\#(town.id)","team_id":"\#(fake.team.id)","command":"/remind help"}"#
        let open = await send(fake, "POST", "/api/v4/commands/execute", json: body, token: fake.adminToken)
        #expect(open.status == 200)
        #expect(try JSONDecoder().decode(CommandResponse.self, from: open.body).text == "help text")
        await fake.setEnforcesUntrustedInternalConnections(true)
        let refused = await send(fake, "POST", "/api/v4/commands/execute", json: body, token: fake.adminToken)
        #expect(refused.status == 500 && errorID(refused) == "api.command.execute_command.failed.app_error")
        await fake.setServiceSetting("AllowedUntrustedInternalConnections", "127.0.0.1")
        #expect(await send(fake, "POST", "/api/v4/commands/execute", json: body, token: fake.adminToken).status == 200)
        let unknown = await send(fake, "POST", "/api/v4/commands/execute", json: body.replacingOccurrences(of: "/remind", with: "/nope"), token: fake.adminToken)
        #expect(unknown.status == 404)
        await answering.shutdown(gracePeriod: .seconds(1))
    }
}
