import Foundation
import Testing

@testable import APIGenRuntime

/// What each matcher matches, on its own.
@Suite struct WaiterMatcherTests {
    typealias Request = WaitingFixtures.Request
    typealias Response = WaitingFixtures.DescribeThingStatusResponse

    static func poll(_ statuses: [String], phase: String? = nil) throws -> RPCPollResult<Request> {
        var body: [String: Any] = ["RequestId": "R", "Statuses": statuses.map { ["Id": "t", "Status": $0] }]
        if let phase { body["Phase"] = phase }
        return .response(try Response.decode(from: JSONSerialization.data(withJSONObject: body), format: .json))
    }

    static func failure(_ code: String) -> RPCPollResult<Request> {
        .error(.service(ServiceError(payload: ServiceErrorPayload(code: code, message: "m", httpStatus: 404))))
    }

    @Test func allNeedsEveryValueAndAtLeastOne() throws {
        let matcher = RPCWaiterMatcher<Request>.values({ $0.statuses.map(\.status.rawValue) }, all: ["Running", "Ready"], state: .success)
        #expect(matcher.matches(try Self.poll(["Running"])))
        #expect(matcher.matches(try Self.poll(["Running", "Ready", "Running"])))
        #expect(!matcher.matches(try Self.poll(["Running", "Pending"])))
        #expect(!matcher.matches(try Self.poll([])))
        #expect(!matcher.matches(Self.failure("Running")))
        #expect(matcher.state == .success)
    }

    @Test func anyNeedsOneValue() throws {
        let matcher = RPCWaiterMatcher<Request>.values({ $0.statuses.map(\.status.rawValue) }, any: ["Stopped", "Deleted"], state: .failure)
        #expect(matcher.matches(try Self.poll(["Running", "Deleted"])))
        #expect(!matcher.matches(try Self.poll(["Running"])))
        #expect(!matcher.matches(try Self.poll([])))
        #expect(!RPCWaiterMatcher<Request>.values({ $0.statuses.map(\.status.rawValue) }, any: [], state: .failure).matches(try Self.poll(["Running"])))
    }

    @Test func valueEquals() throws {
        let matcher = RPCWaiterMatcher<Request>.value({ $0.phase }, equals: "Finished", state: .success)
        #expect(matcher.matches(try Self.poll([], phase: "Finished")))
        #expect(!matcher.matches(try Self.poll([], phase: "finished")))
        #expect(!matcher.matches(try Self.poll([])))  // absent never matches
        // Any Equatable value: a count.
        let none = RPCWaiterMatcher<Request>.value({ $0.statuses.count }, equals: 0, state: .success)
        #expect(none.matches(try Self.poll([])))
        #expect(!none.matches(try Self.poll(["Running"])))
    }

    @Test func errorCodeMatchesTheServicesCodeExactly() throws {
        let matcher = RPCWaiterMatcher<Request>.errorCode("InvalidThingId.NotFound", state: .success)
        #expect(matcher.matches(Self.failure("InvalidThingId.NotFound")))
        #expect(!matcher.matches(Self.failure("invalidthingid.notfound")))
        #expect(!matcher.matches(.error(.transport(TransportError(.timedOut, "slow")))))
        #expect(!matcher.matches(try Self.poll(["InvalidThingId.NotFound"])))
    }

    @Test func aMatcherOfYourOwn() throws {
        let matcher = RPCWaiterMatcher<Request>(state: .retry, description: "throttled") { $0.error?.isThrottling == true }
        #expect(matcher.matches(Self.failure("Throttling")))
        #expect(!matcher.matches(try Self.poll([])))
        #expect(matcher.description == "throttled")
    }
}
