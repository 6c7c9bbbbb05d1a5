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
}
