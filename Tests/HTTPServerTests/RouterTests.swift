import Foundation
import Testing
import HTTPServer

@Suite("Router")
struct RouterTests {
    private var router: Router {
        var router = Router()
        router.add("POST", "/command") { _ in .text("command") }
        router.add("GET", "/health") { _ in .text("ok") }
        router.add("PUT", "/health") { _ in .text("put") }
        return router
    }

    @Test("routes by method and exact path")
    func routes() async {
        let handler = router.handler
        #expect(await handler(HTTPRequest(method: "POST", path: "/command")).body == Data("command".utf8))
        #expect(await handler(HTTPRequest(method: "GET", path: "/health")).body == Data("ok".utf8))
        #expect(await handler(HTTPRequest(method: "HEAD", path: "/health")).status == 200)
    }

    @Test("unknown path is 404, wrong method is 405 with Allow")
    func refusals() async {
        let handler = router.handler
        #expect(await handler(HTTPRequest(method: "GET", path: "/command/")).status == 404)
        let wrongMethod = await handler(HTTPRequest(method: "DELETE", path: "/health"))
        #expect(wrongMethod.status == 405)
        #expect(wrongMethod.headers.first { $0.name == "Allow" }?.value == "GET, HEAD, PUT")
        let post = await handler(HTTPRequest(method: "GET", path: "/command"))
        #expect(post.headers.first { $0.name == "Allow" }?.value == "POST")
    }

    @Test("a prefix route takes the paths below it that have no exact route, with its own body cap")
    func prefixRoutes() async {
        var router = self.router
        router.add("GET", prefix: "/feed/", maxBodyBytes: 0) { request in .text("feed " + request.path) }
        router.add("GET", "/feed/exact") { _ in .text("exact") }
        let handler = router.handler
        #expect(await handler(HTTPRequest(method: "GET", path: "/feed/abc.ics")).body == Data("feed /feed/abc.ics".utf8))
        #expect(await handler(HTTPRequest(method: "GET", path: "/feed/exact")).body == Data("exact".utf8))
        #expect(await handler(HTTPRequest(method: "GET", path: "/feedx")).status == 404)
        #expect(await handler(HTTPRequest(method: "POST", path: "/feed/abc.ics")).status == 405)
        #expect(router.bodyLimit("GET", "/feed/abc.ics") == 0)
        #expect(router.bodyLimit("GET", "/health") == nil)
    }

    @Test("the route label names the matched route, never a path's own text, and nothing for an unknown path")
    func routeLabels() {
        var router = self.router
        router.add("GET", prefix: "/feed/") { _ in .text("feed") }
        let label = router.routeLabel
        #expect(label("/command") == "/command")
        #expect(label("/feed/secret-token.ics") == "/feed/")
        #expect(label("/feedx") == nil, "a longer name is not below the prefix")
        #expect(label("/secret-token") == nil)
    }
}
