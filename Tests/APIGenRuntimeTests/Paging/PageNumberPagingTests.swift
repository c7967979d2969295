import Foundation
import Testing

@testable import APIGenRuntime

/// Page-number paging: every item once and in order, the caller's `PageSize` and first page
/// kept, and an end at `TotalCount`, on a short page, on an empty page, or on a page that
/// repeats the one before.
@Suite struct PageNumberPagingTests {
    typealias Fixtures = PagingFixtures
    typealias Request = PagingFixtures.ListThingsRequest

    @Test func aThousandItemsComeOnceEachInOrder() async throws {
        let service = Fixtures.ThingsService(count: 1000, style: .pageNumber(reportsPageSize: true, reportsTotalCount: true))
        let things = try await Fixtures.client(service.transport).listThingsByPagePaginator(Request(pageSize: 9, name: "n")).items.collect()

        #expect(things.map(\.id) == service.ids)
        #expect(Set(things.map(\.id)).count == 1000)
        let calls = service.received
        #expect(calls.count == 112)  // ⌈1000 / 9⌉
        #expect(calls.allSatisfy { $0["PageSize"] == "9" && $0["Name"] == "n" && $0["NextToken"] == nil })
        #expect(calls[0]["PageNumber"] == nil)  // the caller left it to the service's default, 1
        #expect(calls.dropFirst().map { $0["PageNumber"] } == (2...112).map { String($0) })
    }

    @Test func totalCountEndsWithoutAnExtraCallWhenTheLastPageIsFull() async throws {
        // 1,000 items in pages of 10: the 100th page is full, and TotalCount says it is the last.
        let service = Fixtures.ThingsService(count: 1000, style: .pageNumber(reportsPageSize: true, reportsTotalCount: true))
        let things = try await Fixtures.client(service.transport).listThingsByPagePaginator(Request(pageSize: 10)).items.collect()
        #expect(things.map(\.id) == service.ids)
        #expect(service.received.count == 100)
    }

    @Test func totalCountAloneEnds() async throws {
        // No PageSize in the responses: TotalCount still ends paging after the 100th page.
        let service = Fixtures.ThingsService(count: 1000, style: .pageNumber(reportsPageSize: false, reportsTotalCount: true))
        let things = try await Fixtures.client(service.transport).listThingsByPagePaginator(Request(pageSize: 10)).items.collect()
        #expect(things.map(\.id) == service.ids)
        #expect(service.received.count == 100)
    }

    @Test func aShortLastPageEnds() async throws {
        // No TotalCount: the page with 1 of 9 items is the last.
        let service = Fixtures.ThingsService(count: 1000, style: .pageNumber(reportsPageSize: true, reportsTotalCount: false))
        let things = try await Fixtures.client(service.transport).listThingsByPagePaginator(Request(pageSize: 9)).items.collect()
        #expect(things.map(\.id) == service.ids)
        #expect(service.received.count == 112)
    }

    @Test func anEmptyPageEndsWhenNothingElseCan() async throws {
        // Neither PageSize nor TotalCount: the 101st page, empty, is the end.
        let service = Fixtures.ThingsService(count: 1000, style: .pageNumber(reportsPageSize: false, reportsTotalCount: false))
        let things = try await Fixtures.client(service.transport).listThingsByPagePaginator(Request(pageSize: 10)).items.collect()
        #expect(things.map(\.id) == service.ids)
        #expect(service.received.count == 101)
    }

    @Test func theCallersFirstPageIsKeptAndCounted() async throws {
        // From page 8 of 10 items: 30 items, and TotalCount is reached at page 10, not after
        // 100 more items.
        let service = Fixtures.ThingsService(count: 100, style: .pageNumber(reportsPageSize: true, reportsTotalCount: true))
        let things = try await Fixtures.client(service.transport).listThingsByPagePaginator(Request(pageNumber: 8, pageSize: 10)).items.collect()
        #expect(things.map(\.id) == Array(service.ids[70...]))
        #expect(service.received.map { $0["PageNumber"] } == ["8", "9", "10"])
    }

    @Test func aNoItemsListIsOneCall() async throws {
        let service = Fixtures.ThingsService(count: 0, style: .pageNumber(reportsPageSize: true, reportsTotalCount: true))
        let things = try await Fixtures.client(service.transport).listThingsByPagePaginator(Request()).items.collect()
        #expect(things.isEmpty)
        #expect(service.received.count == 1)
    }

    @Test func aServiceThatIgnoresThePageNumberCannotLoop() async throws {
        // Every page is the first one again, full, with no TotalCount: paging ends at the
        // repeat, which is dropped (its items were all seen).
        let transport = RPCClientTests.ScriptedTransport(
            Array(repeating: Fixtures.page(["1", "2"], pageSize: 2), count: 5))
        let recorder = RPCClientTests.Recorder()
        let things = try await Fixtures.client(transport, recorder: recorder).listThingsByPagePaginator(Request(pageSize: 2)).items.collect()
        #expect(things.map(\.id) == ["1", "2"])
        #expect(transport.sent.count == 2)
        let warnings = recorder.logs.withLock { $0 }.filter { $0.hasPrefix("warning") }
        #expect(warnings.count == 1 && warnings[0].contains("repeats the items of the page before"))
    }
}
