import Foundation
import Mattermost
import TestSupport
import Testing

extension EndToEnd {
    /// remindd deployed the documented way under a path prefix: a real nginx serving the shipped snippet
    /// (`deploy/nginx/remindd-path-prefix.conf`) in front of the real binary, `REMIND_PUBLIC_URL` pointing
    /// at the prefix, and the fake Mattermost talking to remindd only through nginx.
    @Suite(
        "End to end: behind nginx with a path prefix",
        .enabled(if: NginxProxy.executablePath != nil, "nginx is not installed (.ci/run installs it; apt-get install nginx)"))
    struct ReverseProxyTests {
        @Test("a slash command and a button click go through nginx under /remind")
        func commandAndClickThroughNginx() async throws {
            let fake = FakeMattermost()
            let mattermostURL = try await fake.start()
            let ana = await fake.addUser("ana", timezone: .manual("UTC"))
            let office = await fake.addChannel("office", members: [ana])
            // nginx needs remindd's port and remindd needs nginx's address: choose remindd's port first.
            let remindPort = try RemindProcess.freePort()
            let proxy = try await NginxProxy(upstreamPort: UInt16(remindPort))
            defer { proxy.stop() }
            let publicURL = proxy.baseURL.absoluteString + "/remind"
            let remind = try await RemindProcess.start(
                mattermostURL: mattermostURL, botToken: fake.botToken, port: remindPort,
                environment: ["REMIND_PUBLIC_URL": publicURL])
            await fake.registerSlashCommand(url: try #require(URL(string: publicURL + "/command")), token: remind.commandToken)

            let reply = try await fake.runSlashCommand("me to stretch behind the proxy in 2 seconds", user: ana, channel: office)
            #expect(reply.status == 200)
            let text = reply.response?.text ?? ""
            #expect(text.hasPrefix("I will remind you to stretch behind the proxy at "), "\(text)")
            let confirmation = try #require(await fake.ephemeralPosts.last { $0.userID == ana.id })
            #expect(confirmation.attachments.first?.actions?.first?.integration?.url == publicURL + "/action")

            let posts = try await fake.waitForPosts(count: 1, timeout: .seconds(8))
            let post = try #require(posts.first?.post)
            #expect(post.message.contains("stretch behind the proxy"))
            let stored = try #require(await fake.post(id: post.id))
            let urls = stored.attachments.flatMap { $0.actions ?? [] }.map { $0.integration?.url }
            #expect(!urls.isEmpty && urls.allSatisfy { $0 == publicURL + "/action" }, "\(urls)")

            let click = try await fake.clickButton(postID: post.id, actionID: "complete", user: ana)
            #expect(click.status == 200, "\(click.text)")
            let updated = try #require(await fake.post(id: post.id))
            #expect(updated.message.contains("~~"), "\(updated.message)")
            #expect(updated.attachments.first?.actions == nil)

            // Both calls really went through nginx, with the prefix (nginx logs a request just after answering it).
            let accessLog = try await Self.accessLog(of: proxy, containing: "\"POST /remind/action HTTP/1.1\" 200")
            #expect(accessLog.contains("\"POST /remind/command HTTP/1.1\" 200"), "\(accessLog)")
            #expect(accessLog.contains("\"POST /remind/action HTTP/1.1\" 200"), "\(accessLog)")

            let status = try await remind.stop()
            #expect(status == 0, "remindd exited \(status); log:\n\(remind.log)")
            await fake.stop()
        }

        /// nginx's access log once it contains `line` (or after 3 s, as it is then).
        private static func accessLog(of proxy: NginxProxy, containing line: String) async throws -> String {
            let path = proxy.directory.appendingPathComponent("access.log")
            let deadline = ContinuousClock.now + .seconds(3)
            while true {
                let log = (try? String(contentsOf: path, encoding: .utf8)) ?? ""
                if log.contains(line) || ContinuousClock.now >= deadline { return log }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }
}
