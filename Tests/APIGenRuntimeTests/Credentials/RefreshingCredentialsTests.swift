import APIGenTestSupport
import Foundation
import Logging
import Synchronization
import Testing

@testable import APIGenRuntime

/// The cache in front of expiring credentials: one fetch at a time however many callers wait,
/// refreshes before expiry, stale-but-valid credentials kept when a refresh fails, cancellation.
@Suite struct RefreshingCredentialsTests {
    /// A clock the test moves by hand.
    final class ManualClock: Sendable {
        private let now = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var date: Date { now.withLock { $0 } }
        func advance(seconds: Double) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    /// Hands out numbered credentials expiring `lifetime` after the clock's now; counts fetches.
    final class Source: Sendable {
        let clock: ManualClock
        let lifetime: Double
        let fetches = Atomic<Int>(0)
        let failing = Atomic<Bool>(false)
        let delay: Duration

        init(clock: ManualClock, lifetime: Double = 3600, delay: Duration = .milliseconds(20)) {
            self.clock = clock
            self.lifetime = lifetime
            self.delay = delay
        }

        func fetch() async throws -> Credentials {
            let number = fetches.add(1, ordering: .relaxed).newValue
            try? await Task.sleep(for: delay)
            if failing.load(ordering: .relaxed) { throw CredentialsError.missingEnvironmentVariable("SIMULATED_OUTAGE") }
            return Credentials(
                accessKeyId: "STS.key\(number)", accessKeySecret: "secret-\(number)", securityToken: "token-\(number)",
                expiration: clock.date.addingTimeInterval(lifetime))
        }
    }

    @Test func cachedUntilCloseToExpiryThenRefreshedOnce() async throws {
        let clock = ManualClock()
        let source = Source(clock: clock)
        let provider = CredentialsProvider.refreshing(name: "test", clock: { clock.date }, fetch: source.fetch)
        #expect(try await provider.credentials().accessKeyId == "STS.key1")
        for _ in 0..<10 { _ = try await provider.credentials() }
        #expect(source.fetches.load(ordering: .relaxed) == 1)
        // 3,500 s later: 100 s left, under the 180 s margin: callers wait for new credentials.
        clock.advance(seconds: 3500)
        #expect(try await provider.credentials().accessKeyId == "STS.key2")
        #expect(source.fetches.load(ordering: .relaxed) == 2)
    }

    @Test func twoHundredConcurrentCallsAcrossAnExpiryMakeExactlyOneRefresh() async throws {
        let clock = ManualClock()
        let source = Source(clock: clock, delay: .milliseconds(200))
        let provider = CredentialsProvider.refreshing(name: "test", clock: { clock.date }, fetch: source.fetch)
        _ = try await provider.credentials()
        clock.advance(seconds: 3600 - 60)   // 60 s left: every caller must wait
        let keys = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<200 { group.addTask { try await provider.credentials().accessKeyId } }
            var keys: [String] = []
            for try await key in group { keys.append(key) }
            return keys
        }
        #expect(keys.count == 200)
        #expect(Set(keys) == ["STS.key2"])
        #expect(source.fetches.load(ordering: .relaxed) == 2)   // the first fetch and exactly one refresh
    }

    @Test func prefetchHappensInTheBackgroundWithoutMakingCallersWait() async throws {
        let clock = ManualClock()
        let source = Source(clock: clock)
        let provider = CredentialsProvider.refreshing(name: "test", clock: { clock.date }, fetch: source.fetch)
        _ = try await provider.credentials()
        clock.advance(seconds: 3600 - 400)   // 400 s left: inside the 600 s prefetch window
        #expect(try await provider.credentials().accessKeyId == "STS.key1")   // still the old ones, at once
        // The background refresh lands without anyone waiting for it (polled: up to 10 s on a busy machine).
        var key = "STS.key1"
        for _ in 0..<500 where key == "STS.key1" {
            try await Task.sleep(for: .milliseconds(20))
            key = try await provider.credentials().accessKeyId
        }
        #expect(key == "STS.key2")
        #expect(source.fetches.load(ordering: .relaxed) == 2)
    }

    @Test func aFailedRefreshKeepsCredentialsThatStillWorkAndWarns() async throws {
        let clock = ManualClock()
        let source = Source(clock: clock)
        let logs = CapturedLogs()
        let provider = CredentialsProvider.refreshing(name: "imds-test", clock: { clock.date }, logger: logs.logger, fetch: source.fetch)
        _ = try await provider.credentials()
        clock.advance(seconds: 3600 - 100)
        source.failing.store(true, ordering: .relaxed)
        #expect(try await provider.credentials().accessKeyId == "STS.key1")
        let warnings = logs.all.filter { $0.hasPrefix("warning") }
        #expect(warnings.count == 1)
        #expect(warnings.first?.contains("imds-test") == true && warnings.first?.contains("SIMULATED_OUTAGE") == true)
        #expect(logs.all.allSatisfy { !$0.contains("secret-1") && !$0.contains("token-1") })
        // Within the retry interval the cached credentials are used without asking again.
        _ = try await provider.credentials()
        #expect(source.fetches.load(ordering: .relaxed) == 2)
        // Once expired, a failing source is an error.
        clock.advance(seconds: 200)
        await #expect(throws: CredentialsError.self) { try await provider.credentials() }
    }

    @Test func aCancelledCallerStopsWaitingButTheRefreshGoesOnForOthers() async throws {
        // The fetch is held until the test opens the gate, so the order is certain without timing.
        let (gate, open) = AsyncStream<Void>.makeStream()
        let finished = Atomic<Bool>(false)
        let fetches = Atomic<Int>(0)
        let provider = CredentialsProvider.refreshing(name: "test") {
            fetches.add(1, ordering: .relaxed)
            for await _ in gate { break }
            finished.store(true, ordering: .relaxed)
            return Credentials(accessKeyId: "STS.key1", accessKeySecret: "s", expiration: Date().addingTimeInterval(3600))
        }
        let cancelled = Task { try await provider.credentials() }
        while fetches.load(ordering: .relaxed) == 0 { try await Task.sleep(for: .milliseconds(5)) }
        cancelled.cancel()
        await #expect(throws: CancellationError.self) { try await cancelled.value }
        let finishedBeforeRelease = finished.load(ordering: .relaxed)
        #expect(!finishedBeforeRelease)   // the caller left while the fetch was still held

        let waiting = Task { try await provider.credentials() }
        open.yield()
        #expect(try await waiting.value.accessKeyId == "STS.key1")
        let finishedAfterRelease = finished.load(ordering: .relaxed)
        let fetchCount = fetches.load(ordering: .relaxed)
        #expect(finishedAfterRelease)
        #expect(fetchCount == 1)   // the cancelled caller's fetch served the next one
    }

    @Test func credentialsWithoutExpirationAreKeptForGood() async throws {
        let fetches = Atomic<Int>(0)
        let provider = CredentialsProvider.refreshing(name: "static") {
            fetches.add(1, ordering: .relaxed)
            return Credentials(accessKeyId: "LTAIpermanent", accessKeySecret: "s")
        }
        for _ in 0..<5 { _ = try await provider.credentials() }
        #expect(fetches.load(ordering: .relaxed) == 1)
        #expect(provider.name == "static")
    }

    @Test func descriptionsShowNeitherSecretNorToken() {
        let credentials = Credentials(
            accessKeyId: "STS.NUgYrLnoC37mZZCNnAbez2EGE", accessKeySecret: "very-secret", securityToken: "CAIS-token",
            expiration: Date(timeIntervalSince1970: 1_800_000_000))
        for text in ["\(credentials)", String(reflecting: credentials), { var s = ""; dump(credentials, to: &s); return s }()] {
            #expect(!text.contains("very-secret") && !text.contains("CAIS-token") && !text.contains("NUgYrLno"))
            #expect(text.contains("2027-01-15T08:00:00Z"))
        }
    }
}
