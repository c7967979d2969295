import Foundation
import Logging

/// When cached temporary credentials are renewed.
///
/// Alibaba Cloud's credentials libraries stop using STS credentials 180 seconds before they
/// expire; apigen does the same (``refreshBefore``), and starts one background refresh earlier
/// (``prefetchBefore``) so that callers normally never wait.
public struct CredentialsRefreshPolicy: Sendable, Hashable {
    /// Credentials with less than this left are not handed out: callers wait for new ones
    /// (unless the refresh fails, see ``CredentialsProvider/refreshing(name:policy:clock:logger:fetch:)``).
    public var refreshBefore: Duration
    /// Credentials with less than this left (but more than ``refreshBefore``) are still handed
    /// out, and one refresh starts in the background.
    public var prefetchBefore: Duration
    /// After a failed refresh, cached credentials that still work are used for this long
    /// before the next attempt (so a broken metadata service is not asked on every call).
    public var retryInterval: Duration

    public init(
        refreshBefore: Duration = .seconds(180),
        prefetchBefore: Duration = .seconds(600),
        retryInterval: Duration = .seconds(10)
    ) {
        self.refreshBefore = refreshBefore
        self.prefetchBefore = max(prefetchBefore, refreshBefore)
        self.retryInterval = retryInterval
    }
}

extension CredentialsProvider {
    /// A provider that caches what `fetch` returns until shortly before its ``Credentials/expiration``
    /// (credentials without one are kept for good), with exactly one fetch in flight at a time
    /// however many callers are waiting.
    ///
    /// - Less than `policy.prefetchBefore` left: the cached credentials are returned and one
    ///   background refresh starts.
    /// - Less than `policy.refreshBefore` left, or none cached: callers wait for the refresh.
    /// - A refresh that fails while the cached credentials have not yet expired keeps them,
    ///   logs a warning (naming the source and the error, never a secret), and is tried again
    ///   after `policy.retryInterval`; without usable credentials the error is thrown.
    /// - A cancelled caller stops waiting at once (`CancellationError`); the refresh itself
    ///   goes on for the others, and its result is cached.
    public static func refreshing(
        name: String,
        policy: CredentialsRefreshPolicy = CredentialsRefreshPolicy(),
        clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "apigen.credentials"),
        fetch: @escaping @Sendable () async throws -> Credentials
    ) -> CredentialsProvider {
        let cache = RefreshingCredentials(name: name, policy: policy, clock: clock, logger: logger, fetch: fetch)
        return CredentialsProvider(name: name) { try await cache.credentials() }
    }
}

/// The cache behind ``CredentialsProvider/refreshing(name:policy:clock:logger:fetch:)``.
public actor RefreshingCredentials {
    public nonisolated let name: String
    let policy: CredentialsRefreshPolicy
    let clock: @Sendable () -> Date
    let logger: Logger
    let fetch: @Sendable () async throws -> Credentials

    private var cached: Credentials?
    private var refreshing = false
    private var lastFailure: Date?
    private let waiters = CancellableWaiters<Credentials>()
    /// How many fetches have started (the first one included).
    public private(set) var fetchCount = 0

    public init(
        name: String,
        policy: CredentialsRefreshPolicy = CredentialsRefreshPolicy(),
        clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "apigen.credentials"),
        fetch: @escaping @Sendable () async throws -> Credentials
    ) {
        self.name = name
        self.policy = policy
        self.clock = clock
        self.logger = logger
        self.fetch = fetch
    }

    private func remaining(_ credentials: Credentials, at now: Date) -> Duration? {
        credentials.expiration.map { .milliseconds(Int64(($0.timeIntervalSince(now) * 1000).rounded(.down))) }
    }

    private func recentlyFailed(at now: Date) -> Bool {
        guard let lastFailure else { return false }
        return Duration.milliseconds(Int64(now.timeIntervalSince(lastFailure) * 1000)) < policy.retryInterval
    }

    /// The cached credentials, or new ones (see the policy).
    public func credentials() async throws -> Credentials {
        let now = clock()
        if let cached {
            guard let left = remaining(cached, at: now) else { return cached }
            if left > policy.refreshBefore {
                if left <= policy.prefetchBefore, !recentlyFailed(at: now) {
                    startRefresh(reason: "prefetch")
                }
                return cached
            }
            if left > .zero, recentlyFailed(at: now) {
                return cached
            }
        }
        try Task.checkCancellation()
        startRefresh(reason: cached == nil ? "first use" : "expiring")
        return try await waiters.wait()
    }

    private func startRefresh(reason: String) {
        guard !refreshing else { return }
        refreshing = true
        fetchCount += 1
        logger.debug("refreshing credentials", metadata: ["credentials_source": "\(name)", "reason": "\(reason)"])
        let fetch = self.fetch
        Task {
            let result: Result<Credentials, any Error>
            do {
                result = .success(try await fetch())
            } catch {
                result = .failure(error)
            }
            self.finishRefresh(result)
        }
    }

    private func finishRefresh(_ result: Result<Credentials, any Error>) {
        refreshing = false
        let now = clock()
        let outcome: Result<Credentials, any Error>
        switch result {
        case .success(let credentials):
            cached = credentials
            lastFailure = nil
            logger.debug(
                "credentials refreshed",
                metadata: [
                    "credentials_source": "\(name)",
                    "access_key_id": "\(credentials.maskedAccessKeyId)",
                    "expiration": "\(credentials.expiration.map { SigningTimestamp.string(from: $0) } ?? "none")",
                ])
            outcome = .success(credentials)
        case .failure(let error):
            lastFailure = now
            if let cached, let left = remaining(cached, at: now), left > .zero {
                logger.warning(
                    "refreshing credentials failed; using the cached ones until they expire",
                    metadata: [
                        "credentials_source": "\(name)",
                        "error": "\(error)",
                        "expires_in_s": "\(left.components.seconds)",
                    ])
                outcome = .success(cached)
            } else {
                outcome = .failure(error)
            }
        }
        waiters.resumeAll(with: outcome)
    }
}
