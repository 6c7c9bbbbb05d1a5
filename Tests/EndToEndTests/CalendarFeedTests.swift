import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Mattermost
import RemindStore
import TestSupport
import Testing

extension EndToEnd {
    /// `/remind calendar`: a private ICS feed served by remindd, revocable with `/remind calendar reset`.
    @Suite("End to end: calendar feed")
    struct CalendarFeedTests {
        /// A stage where Ana has a weekly reminder with its next time skipped, a monthly one and one for Ben, and
        /// Ben one of his own; and Ana's feed address.
        static func stageWithFeed(backend: Stage.Backend = .sqlite) async throws -> (stage: Stage, url: URL, token: String) {
            let stage = try await Stage.start(backend: backend)
            try await stage.run("me to stand up every weekday at 9:30am")
            try await stage.run("me to pay rent on the 1st of every month")
            try await stage.run("@ben to review the PR in 2 hours")
            try await stage.run("me to plan the secret party tomorrow", as: stage.ben)
            _ = try await stage.run("list")
            let dm = await stage.fake.directChannel(stage.fake.bot, stage.ana)
            let listPost = try #require(await stage.fake.posts(inChannel: dm).last?.post)
            let actions = listPost.attachments.flatMap { $0.actions ?? [] }
            let skip = try #require(actions.first { $0.id.hasPrefix("skip") })
            _ = try await stage.fake.clickButton(postID: listPost.id, actionID: skip.id, user: stage.ana)

            let reply = try await stage.run("calendar")
            let base = stage.remind.baseURL.absoluteString
            let line = try #require(reply.split(separator: "\n").first { $0.hasPrefix(base) }.map(String.init), "\(reply)")
            let token = String(line.dropFirst((base + "/calendar/").count).dropLast(4))
            #expect(line == "\(base)/calendar/\(token).ics" && token.count == 32, "\(reply)")
            return (stage, try #require(URL(string: line)), token)
        }

        static func get(_ url: URL) async throws -> (status: Int, type: String, body: String) {
            let (data, response) = try await URLSession.shared.data(from: url)
            let http = try #require(response as? HTTPURLResponse)
            return (http.statusCode, http.value(forHTTPHeaderField: "Content-Type") ?? "", String(decoding: data, as: UTF8.self))
        }

        @Test("the feed is RFC 5545 with RRULE, EXDATE and TZID, holds only the user's reminders, and wrong tokens are 404",
              arguments: Stage.Backend.all)
        func feed(_ backend: Stage.Backend) async throws {
            let (stage, url, token) = try await Self.stageWithFeed(backend: backend)
            let feed = try await Self.get(url)
            #expect(feed.status == 200)
            #expect(feed.type == "text/calendar; charset=utf-8")
            let body = feed.body
            #expect(body.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && body.hasSuffix("END:VCALENDAR\r\n"))
            #expect(!body.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends in CRLF")
            let lines = body.components(separatedBy: "\r\n").dropLast()
            #expect(lines.allSatisfy { $0.utf8.count <= 75 }, "folded at 75 octets")
            var open: [String] = []
            for line in lines {
                if line.hasPrefix("BEGIN:") { open.append(String(line.dropFirst(6))) }
                if line.hasPrefix("END:") { #expect(open.popLast() == String(line.dropFirst(4)), "balanced: \(line)") }
            }
            #expect(open.isEmpty)
            let unfolded = body.replacingOccurrences(of: "\r\n ", with: "")
            #expect(unfolded.components(separatedBy: "BEGIN:VEVENT").count - 1 == 3, "Ana's three reminders")
            #expect(unfolded.contains("SUMMARY:stand up") && unfolded.contains("SUMMARY:pay rent") && unfolded.contains("SUMMARY:review the PR"))
            #expect(!unfolded.contains("secret party"), "not Ben's own")
            #expect(unfolded.contains("RRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=9;BYMINUTE=30"), "\(unfolded)")
            #expect(unfolded.contains("EXDATE;TZID=America/New_York:"), "the skipped time")
            #expect(unfolded.contains("DTSTART;TZID=America/New_York:") && unfolded.contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York"))

            for path in ["/calendar/0123456789abcdef0123456789abcdef.ics", "/calendar/\(token)", "/calendar/\(token.uppercased()).ics",
                         "/calendar/\(token).ics.ics", "/calendar/", "/calendar/x.ics"] {
                #expect(try await stage.remind.request("GET", path).status == 404, "\(path)")
            }
            #expect(!stage.remind.log.contains(token), "the token never reaches the log")
            try await stage.finish()
        }

        @Test("the token is stored only as its hash; asking again does not re-show it; reset revokes the old address",
              arguments: Stage.Backend.all)
        func reset(_ backend: Stage.Backend) async throws {
            let (stage, url, token) = try await Self.stageWithFeed(backend: backend)
            let store = try stage.store()
            let stored = try #require(try await store.calendarFeed(userID: stage.ana.id))
            #expect(stored.tokenHash.count == 64 && stored.tokenHash != token)
            for suffix in ["", "-wal"] {
                let bytes = (try? Data(contentsOf: URL(fileURLWithPath: stage.remind.databasePath + suffix))) ?? Data()
                #expect(bytes.range(of: Data(token.utf8)) == nil, "the token is not in remind.sqlite\(suffix)")
            }
            let again = try await stage.run("calendar")
            #expect(again.hasPrefix("You already have a private calendar feed"), "\(again)")
            #expect(!again.contains("/calendar/"))
            #expect(try await Self.get(url).status == 200, "asking again changes nothing")

            let reset = try await stage.run("calendar reset")
            #expect(reset.hasPrefix("I turned your old calendar address off."), "\(reset)")
            let base = stage.remind.baseURL.absoluteString
            let newURL = try #require(reset.split(separator: "\n").first { $0.hasPrefix(base) }.flatMap { URL(string: String($0)) })
            #expect(newURL != url)
            #expect(try await Self.get(url).status == 404, "the old address is revoked")
            #expect(try await Self.get(newURL).status == 200)
            #expect(try await stage.run("calendar", as: stage.ben).hasPrefix("Your private calendar feed:"), "Ben gets his own")
            try await stage.finish()
        }

        /// Debian's Python, where `python3-icalendar` installs (a `python3` earlier on PATH may be another one).
        static let python = "/usr/bin/python3"

        /// Whether Python's `icalendar` can be imported (Debian `python3-icalendar`, installed by .ci/run).
        static let hasPythonICalendar: Bool = {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: python)
            process.arguments = ["-c", "import icalendar"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return false }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }()

        @Test("Python's icalendar reads the feed: three events, the rule, the skipped date and zoned start times",
              .enabled(if: hasPythonICalendar, "python3-icalendar not installed (apt-get install python3-icalendar)"))
        func pythonICalendar() async throws {
            let (stage, url, _) = try await Self.stageWithFeed()
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("feed-\(UUID().uuidString).ics")
            defer { try? FileManager.default.removeItem(at: file) }
            try Data(try await Self.get(url).body.utf8).write(to: file)
            let script = """
                import sys, icalendar
                calendar = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
                problems = [error for component in calendar.walk() for error in getattr(component, 'errors', [])]
                events = calendar.walk('VEVENT')
                print(len(events), len(problems))
                for event in sorted(events, key=lambda e: str(e['SUMMARY'])):
                    start = event.decoded('DTSTART')
                    exdates = event.get('EXDATE')
                    count = 0 if exdates is None else len(exdates.dts) if not isinstance(exdates, list) else sum(len(e.dts) for e in exdates)
                    print(event['SUMMARY'], str(start.tzinfo), 'RRULE' in event, count)
                """
            let result = try await ChildProcess.run(Self.python, ["-c", script, file.path])
            #expect(result.status == 0, "\(result.output)")
            let lines = result.output.split(separator: "\n").map(String.init)
            #expect(lines == [
                "3 0",
                "pay rent America/New_York True 0",
                "review the PR America/New_York False 0",
                "stand up America/New_York True 1",
            ], "\(result.output)")
            try await stage.finish()
        }
    }
}
