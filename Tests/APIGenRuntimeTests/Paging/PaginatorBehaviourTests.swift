import Foundation
import Synchronization
import Testing

@testable import APIGenRuntime

/// What both paging styles share: laziness, cancellation, typed errors, values that restart.
@Suite struct PaginatorBehaviourTests {
    typealias Fixtures = PagingFixtures
    typealias Request = PagingFixtures.ListThingsRequest

    @Test func nothingIsSentBeforeIterationAndEachPageOnlyWhenNeeded() async throws {
        let service = Fixtures.ThingsService(count: 1000, style: .nextToken(lastToken: nil))
        let ecs = Fixtures.client(service.transport)
        let paginator = ecs.listThingsPaginator(Request())
        let items = paginator.items
        var iterator = items.makeAsyncIterator()
        _ = paginator.makeAsyncIterator()
        #expect(service.received.isEmpty)

        // The first ten items are one page; the eleventh needs the second.
        for expected in service.ids.prefix(10) {
            #expect(try await iterator.next()?.id == expected)
        }
        #expect(service.received.count == 1)
        #expect(try await iterator.next()?.id == "thing-0010")
        #expect(service.received.count == 2)

        // Breaking out of a loop stops paging.
        for try await _ in ecs.listThingsPaginator(Request()) { break }
        #expect(service.received.count == 3)
    }

    @Test func aPaginatorIsAValueThatStartsAgainForEachLoop() async throws {
        let service = Fixtures.ThingsService(count: 25, style: .pageNumber(reportsPageSize: true, reportsTotalCount: true))
        let paginator = Fixtures.client(service.transport).listThingsByPagePaginator(Request(pageSize: 10))
        let first = try await paginator.items.collect()
        let second = try await paginator.items.collect()
        #expect(first == second)
        #expect(first.map(\.id) == service.ids)
        #expect(service.received.map { $0["PageNumber"] } == [nil, "2", "3", nil, "2", "3"])
        #expect(paginator.request.pageSize == 10)
    }

    @Test func cancellingBetweenPagesThrowsCancelledAndSendsNothingMore() async throws {
        for byPage in [false, true] {
            let service = Fixtures.ThingsService(
                count: 1000, style: byPage ? .pageNumber(reportsPageSize: true, reportsTotalCount: true) : .nextToken(lastToken: nil))
            let ecs = Fixtures.client(service.transport)
            let paginator = byPage ? ecs.listThingsByPagePaginator(Request()) : ecs.listThingsPaginator(Request())
            let task = Task { () -> (seen: [String], error: RPCError<Request>?) in
                var seen: [String] = []
                do throws(RPCError<Request>) {
                    for try await thing in paginator.items {
                        seen.append(thing.id)
                        // Cancel our own task at the 15th item (the middle of the second page).
                        if seen.count == 15 { withUnsafeCurrentTask { $0?.cancel() } }
                    }
                    return (seen, nil)
                } catch {
                    return (seen, error)
                }
            }
            let (seen, error) = await task.value
            #expect(seen == Array(service.ids.prefix(15)))
            guard case .cancelled = error else {
                Issue.record("expected .cancelled, got \(String(describing: error))")
                continue
            }
            #expect(service.received.count == 2)
        }
    }

    @Test func cancellingWhileAPageIsInFlightThrowsCancelled() async throws {
        // The second page never answers until its task is cancelled.
        let entered = AsyncStream<Void>.makeStream()
        let calls = Mutex(0)
        let transport = ClosureTransport { (_: SignedRequest, _: RPCEndpoint) async throws(TransportError) -> TransportResponse in
            let call = calls.withLock { $0 += 1; return $0 }
            if call == 1 {
                return TransportResponse(status: 200, body: Array(#"{"RequestId":"1","NextToken":"a","Things":[{"Id":"1"}]}"#.utf8))
            }
            entered.continuation.yield()
            do {
                try await Task.sleep(for: .seconds(3600))
            } catch {
                throw TransportError(.other, "cancelled")
            }
            return TransportResponse(status: 200, body: Array(#"{"RequestId":"2","Things":[{"Id":"late"}]}"#.utf8))
        }
        let paginator = Fixtures.client(transport).listThingsPaginator(Request())
        let task = Task { () -> (seen: [String], error: RPCError<Request>?) in
            var seen: [String] = []
            do throws(RPCError<Request>) {
                for try await thing in paginator.items { seen.append(thing.id) }
                return (seen, nil)
            } catch {
                return (seen, error)
            }
        }
        for await _ in entered.stream { break }
        task.cancel()
        let (seen, error) = await task.value
        #expect(seen == ["1"])
        guard case .cancelled = error else {
            Issue.record("expected .cancelled, got \(String(describing: error))")
            return
        }
        #expect(calls.withLock { $0 } == 2)
    }

    @Test func errorsKeepTheActionsTypeAndEndTheSequence() async throws {
        let transport = RPCClientTests.ScriptedTransport([
            Fixtures.page(["1", "2"], nextToken: "a"),
            RPCClientTests.failure("InvalidThing.NotFound", status: 404),
            Fixtures.page(["never"]),
        ])
        var seen: [String] = []
        var iterator = Fixtures.client(transport).listThingsPaginator(Request()).items.makeAsyncIterator()
        do throws(RPCError<Request>) {
            while let thing = try await iterator.next() { seen.append(thing.id) }
            Issue.record("no error")
        } catch .service(let error) {
            // `error` is the action's `ServiceError<ListThingsRequest>`: typed all the way.
            let typed: ServiceError<Request> = error
            #expect(typed.code == "InvalidThing.NotFound")
        } catch {
            Issue.record("\(error)")
        }
        #expect(seen == ["1", "2"])
        // After an error, the sequence is over.
        #expect(try await iterator.next() == nil)
        #expect(transport.sent.count == 2)
    }

    @Test func aValidationErrorSendsNothing() async throws {
        let service = Fixtures.ThingsService(count: 10, style: .pageNumber(reportsPageSize: true, reportsTotalCount: true))
        do throws(RPCError<Request>) {
            for try await _ in Fixtures.client(service.transport).listThingsByPagePaginator(Request(pageSize: 500)) {
                Issue.record("a page came")
            }
            Issue.record("no error")
        } catch .validation(let problem) {
            #expect("\(problem)".contains("PageSize"))
        } catch {
            Issue.record("\(error)")
        }
        #expect(service.received.isEmpty)
    }

    @Test func aPaginatorCrossesTasks() async throws {
        // Sendable: made here, iterated in other tasks at once.
        let service = Fixtures.ThingsService(count: 50, style: .nextToken(lastToken: nil))
        let paginator = Fixtures.client(service.transport).listThingsPaginator(Request())
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<4 { group.addTask { try await paginator.items.collect().count } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts == [50, 50, 50, 50])
        #expect(service.received.count == 20)
    }
}
