import Foundation
import Synchronization
import Testing

@testable import APIGenRuntime

/// A cancelled call throws `.cancelled` (the typed form of `CancellationError`), whatever
/// the attempt in flight failed with, and is never retried.
@Suite struct CancellationTests {
    typealias Request = RPCClientTests.ReadRequest

    @Test func aCallInACancelledTaskSendsNothing() async throws {
        let transport = RPCClientTests.ScriptedTransport([RPCClientTests.ok()])
        let client = RPCClientTests.client(transport)
        let task = Task { () -> RPCError<Request>? in
            withUnsafeCurrentTask { $0?.cancel() }
            do throws(RPCError<Request>) {
                _ = try await client.send(Request())
                return nil
            } catch {
                return error
            }
        }
        guard case .cancelled = await task.value else {
            Issue.record("not cancelled")
            return
        }
        #expect(transport.sent.isEmpty)
    }

    @Test func aCallCancelledInFlightIsNotRetried() async throws {
        // A read, which the client would retry after a lost connection: not when cancelled.
        let entered = AsyncStream<Void>.makeStream()
        let sends = Mutex(0)
        let transport = ClosureTransport { (_: SignedRequest, _: RPCEndpoint) async throws(TransportError) -> TransportResponse in
            sends.withLock { $0 += 1 }
            entered.continuation.yield()
            do {
                try await Task.sleep(for: .seconds(3600))
            } catch {
                throw TransportError(.connectionLost, "cancelled")
            }
            return TransportResponse(status: 200, body: Array(#"{"RequestId":"late"}"#.utf8))
        }
        let recorder = RPCClientTests.Recorder()
        let client = RPCClient<RPCClientTests.TestProduct>(
            credentials: .static(Credentials(accessKeyId: "id", accessKeySecret: "secret")), region: "cn-test",
            configuration: RPCClientConfiguration(), transport: transport, logger: .init(label: "test"),
            sleep: { duration in recorder.sleeps.withLock { $0.append(duration) } }, makeSigner: { version, format in version.signer(responseFormat: format) },
            random: { 1 })
        let task = Task { () -> RPCError<Request>? in
            do throws(RPCError<Request>) {
                _ = try await client.send(Request())
                return nil
            } catch {
                return error
            }
        }
        for await _ in entered.stream { break }
        task.cancel()
        let error = await task.value
        guard case .cancelled = error else {
            Issue.record("expected .cancelled, got \(String(describing: error))")
            return
        }
        #expect(sends.withLock { $0 } == 1)
        #expect(recorder.sleeps.withLock { $0 }.isEmpty)
        #expect(error?.isRetryable == false && error?.errorCode == nil)
    }
}
