import APIGenRuntime
import Foundation
import GoldenNasty
import Synchronization
import Testing

/// The golden paginators and waiters (Tests/Golden/Specs/Nasty: List, Names, waiters.xml)
/// against canned JSON pages: a token and items inside an optional object, page numbers with a
/// page size and a total count, and every kind of matcher.
@Suite struct GoldenPagingBehaviorTests {
    /// A client whose transport answers each call with the next body of `bodies` (the last one
    /// again when they run out), recording the query of each call.
    final class Canned: Sendable {
        let bodies: [String]
        let calls = Mutex<[[String: String]]>([])

        init(_ bodies: [String]) {
            self.bodies = bodies
        }

        var client: NastyClient {
            let transport = ClosureTransport { request, _ in
                let query = Dictionary(
                    URLComponents(string: "https://x" + request.pathAndQuery)?.queryItems?.map { ($0.name, $0.value ?? "") } ?? [],
                    uniquingKeysWith: { $1 })
                let index = self.calls.withLock { calls in
                    calls.append(query)
                    return calls.count - 1
                }
                return TransportResponse(status: 200, body: Array(self.bodies[min(index, self.bodies.count - 1)].utf8))
            }
            return NastyClient(
                credentials: .static(Credentials(accessKeyId: "k", accessKeySecret: "s")), region: "cn-hangzhou",
                configuration: RPCClientConfiguration(signatureVersion: .v1), transport: transport)
        }
    }

    @Test func aTokenInsideAnOptionalObjectPagesUntilItIsGone() async throws {
        let canned = Canned([
            #"{"RequestId": "1", "Page": {"NextToken": "t2", "Items": {"Item": [{"Id": "a"}, {"Id": "b"}]}}}"#,
            #"{"RequestId": "2", "Page": {"NextToken": "t3", "Items": {"Item": []}}}"#,
            #"{"RequestId": "3", "Page": {"Items": {"Item": [{"Id": "c"}]}}}"#,
        ])
        let ids = try await canned.client.listPaginator(ListRequest(maxResults: 2)).items.collect().map(\.id)
        #expect(ids == ["a", "b", "c"])
        let sent = canned.calls.withLock { $0 }
        #expect(sent.map { $0["NextToken"] } == [nil, "t2", "t3"])
        #expect(sent.allSatisfy { $0["MaxResults"] == "2" })
        // A page without the object has no items, and no token: paging ends.
        let empty = Canned([#"{"RequestId": "1"}"#])
        #expect(try await empty.client.listPaginator(ListRequest()).items.collect().isEmpty)
    }

    @Test func pageNumbersStopAtTheTotalCount() async throws {
        let canned = Canned([
            #"{"RequestId": "1", "PageSize": 2, "TotalCount": 5, "Names": {"Name": ["a", "b"]}}"#,
            #"{"RequestId": "2", "PageSize": 2, "TotalCount": 5, "Names": {"Name": ["c", "d"]}}"#,
            #"{"RequestId": "3", "PageSize": 2, "TotalCount": 5, "Names": {"Name": ["e"]}}"#,
            #"{"RequestId": "4", "PageSize": 2, "TotalCount": 5, "Names": {"Name": ["never"]}}"#,
        ])
        let names = try await canned.client.namesPaginator(NamesRequest(pageSize: 2)).items.collect()
        #expect(names == ["a", "b", "c", "d", "e"])
        #expect(canned.calls.withLock { $0 }.map { $0["PageNumber"] } == [nil, "2", "3"])
    }

    private let fast = Duration.milliseconds(1) ... Duration.milliseconds(2)

    @Test func everyKindOfMatcherDecides() async throws {
        // Not ready, then ready: success on the typed enumeration.
        let ready = Canned([
            #"{"RequestId": "1", "Page": {"Items": {"Item": [{"Id": "a", "State": "Not \"ready\" \\(yet)"}]}}}"#,
            #"{"RequestId": "2", "Page": {"Items": {"Item": [{"Id": "a", "State": "Ready"}, {"Id": "b", "State": "Ready"}]}}}"#,
        ])
        let outcome = try await ready.client.waitUntilItemsReady(ListRequest(), delay: fast)
        #expect(outcome.attempts == 2)

        // A failure state: any item Broken, a Ready flag false, an Id that is the nasty literal.
        for item in [#"{"State": "Broken"}"#, #"{"Ready": false}"#, #"{"Id": "\"\\(x)\""}"#] {
            let failing = Canned([#"{"RequestId": "1", "Page": {"Items": {"Item": [\#(item)]}}}"#])
            await #expect {
                try await failing.client.waitUntilItemsReady(ListRequest(), delay: fast)
            } throws: { error in
                if case .failureState = error as? RPCWaiterError<ListRequest> { return true }
                return false
            }
        }

        // `empty`, and `all` through two lists (the items' tags' keys).
        let gone = Canned([
            #"{"RequestId": "1", "Page": {"Items": {"Item": [{"Tags": {"Tag": [{"Key": "gone"}, {"Key": "here"}]}}]}}}"#,
            #"{"RequestId": "2", "Page": {"Items": {"Item": [{"Tags": {"Tag": [{"Key": "gone"}]}}, {"Tags": {"Tag": [{"Key": "gone"}]}}]}}}"#,
        ])
        #expect(try await gone.client.waitUntilItemsGone(ListRequest(), delay: fast).attempts == 2)
        let empty = Canned([#"{"RequestId": "1", "Page": {"Items": {"Item": []}}}"#])
        #expect(try await empty.client.waitUntilItemsGone(ListRequest(), delay: fast).attempts == 1)
    }

    @Test func errorCodesAreStatesToo() async throws {
        // `Throttling` means retry (after the client's own retries), `Self` means failure.
        let transport = ClosureTransport { _, _ in
            TransportResponse(status: 500, body: Array(#"{"RequestId": "1", "Code": "Self", "Message": "no"}"#.utf8))
        }
        let client = NastyClient(
            credentials: .static(Credentials(accessKeyId: "k", accessKeySecret: "s")), region: "cn-hangzhou",
            configuration: RPCClientConfiguration(retryPolicy: RetryPolicy(maximumAttempts: 1)), transport: transport)
        await #expect {
            try await client.waitUntilItemsReady(ListRequest(), delay: fast)
        } throws: { error in
            guard case .failureState(let result) = error as? RPCWaiterError<ListRequest> else { return false }
            return result.error?.payload?.code == "Self"
        }
    }
}
