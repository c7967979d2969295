import Foundation
import Testing

@testable import APIGenRuntime

/// Token paging: every item once and in order, the caller's `MaxResults` and first token kept,
/// and an end on a missing, empty or repeated token.
@Suite struct NextTokenPagingTests {
    typealias Fixtures = PagingFixtures
    typealias Request = PagingFixtures.ListThingsRequest

    @Test func aThousandItemsComeOnceEachInOrder() async throws {
        let service = Fixtures.ThingsService(count: 1000, style: .nextToken(lastToken: nil))
        let ecs = Fixtures.client(service.transport)
        let things = try await ecs.listThingsPaginator(Request(maxResults: 7, name: "n")).items.collect()

        #expect(things.map(\.id) == service.ids)
        #expect(Set(things.map(\.id)).count == 1000)
        let calls = service.received
        #expect(calls.count == 143)  // ⌈1000 / 7⌉, and no call after the last page
        #expect(calls.allSatisfy { $0["MaxResults"] == "7" && $0["Name"] == "n" })
        #expect(calls[0]["NextToken"] == nil)
        #expect(calls.dropFirst().map { $0["NextToken"] } == (1..<143).map { "t\($0 * 7)" })
        #expect(calls.allSatisfy { $0["PageNumber"] == nil })
    }

    @Test func pagesAreTheResponses() async throws {
        let service = Fixtures.ThingsService(count: 25, style: .nextToken(lastToken: nil))
        var pages: [[String]] = []
        var tokens: [String?] = []
        for try await page in Fixtures.client(service.transport).listThingsPaginator(Request()) {
            pages.append(page.things.map(\.id))
            tokens.append(page.nextToken)
        }
        #expect(pages.map(\.count) == [10, 10, 5])
        #expect(pages.flatMap { $0 } == service.ids)
        #expect(tokens == ["t10", "t20", nil])
    }

    @Test func anEmptyTokenEnds() async throws {
        let service = Fixtures.ThingsService(count: 30, style: .nextToken(lastToken: ""))
        let things = try await Fixtures.client(service.transport).listThingsPaginator(Request()).items.collect()
        #expect(things.map(\.id) == service.ids)
        #expect(service.received.count == 3)
    }

    @Test func aRepeatedTokenEndsWithAWarning() async throws {
        // The service hands back "b" after "b" was sent: asking again would loop forever.
        let transport = RPCClientTests.ScriptedTransport([
            Fixtures.page(["1", "2"], nextToken: "a"),
            Fixtures.page(["3"], nextToken: "b"),
            Fixtures.page(["4"], nextToken: "a"),
            Fixtures.page(["never"]),
        ])
        let recorder = RPCClientTests.Recorder()
        let things = try await Fixtures.client(transport, recorder: recorder).listThingsPaginator(Request()).items.collect()
        #expect(things.map(\.id) == ["1", "2", "3", "4"])
        #expect(transport.sent.count == 3)
        #expect(transport.sent.map { Fixtures.parameters($0.0)["NextToken"] } == [nil, "a", "b"])
        let warnings = recorder.logs.withLock { $0 }.filter { $0.hasPrefix("warning") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("action=ListThings") == true)
        #expect(warnings.first?.contains("already sent (a)") == true)
    }

    @Test func theCallersTokenStartsAndCountsAsSent() async throws {
        let service = Fixtures.ThingsService(count: 100, style: .nextToken(lastToken: nil))
        let things = try await Fixtures.client(service.transport).listThingsPaginator(Request(nextToken: "t90")).items.collect()
        #expect(things.map(\.id) == Array(service.ids[90...]))
        #expect(service.received.map { $0["NextToken"] } == ["t90"])

        // A service that answers the caller's token with the same token: one page, no loop.
        let echo = RPCClientTests.ScriptedTransport([Fixtures.page(["x"], nextToken: "start"), Fixtures.page(["never"])])
        let echoed = try await Fixtures.client(echo).listThingsPaginator(Request(nextToken: "start")).items.collect()
        #expect(echoed.map(\.id) == ["x"])
        #expect(echo.sent.count == 1)
    }

    @Test func anEmptyPageWithATokenGoesOn() async throws {
        // A filtered listing may return no items on a page and still have more after it.
        let transport = RPCClientTests.ScriptedTransport([
            Fixtures.page([], nextToken: "a"),
            Fixtures.page(["1"], nextToken: "b"),
            Fixtures.page([]),
        ])
        let things = try await Fixtures.client(transport).listThingsPaginator(Request()).items.collect()
        #expect(things.map(\.id) == ["1"])
        #expect(transport.sent.count == 3)
    }

    @Test func eachPageIsACallThroughTheClientWithItsRetries() async throws {
        // The second page is throttled once: the client retries it, and no item repeats.
        let transport = RPCClientTests.ScriptedTransport([
            Fixtures.page(["1", "2"], nextToken: "a"),
            RPCClientTests.failure("Throttling", status: 400),
            Fixtures.page(["3"]),
        ])
        let things = try await Fixtures.client(transport).listThingsPaginator(Request()).items.collect()
        #expect(things.map(\.id) == ["1", "2", "3"])
        #expect(transport.sent.map { Fixtures.parameters($0.0)["NextToken"] } == [nil, "a", "a"])
        // Signed like any call: the V3 action header is there on every page.
        #expect(transport.sent.allSatisfy { $0.0.headers["x-acs-action"] == "ListThings" })
    }
}
