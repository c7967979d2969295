import APIGenRuntime
import Foundation

/// The signature nonces a server has seen, so that a replayed request is refused
/// (`SignatureNonceUsed`).
///
/// A nonce only needs remembering while a request carrying it could still pass the timestamp
/// check: a request stamped `t` is accepted while the server's clock is within the allowed skew
/// of `t`, so a nonce first seen at `now` is kept for twice the skew (`retention`), then pruned.
/// The cache is also bounded (`capacity`): when full, the oldest entries go first. Pruning
/// happens on insertion, oldest first, in time proportional to what it removes.
/// Safe to use from any thread.
public final class SignatureNonceCache: @unchecked Sendable {
    /// How long a nonce is remembered after it was first seen.
    public let retention: TimeInterval
    /// The most nonces remembered at once.
    public let capacity: Int

    private let lock = NSLock()
    /// Key → when it was first seen.
    private var seen: [String: Date] = [:]
    /// Keys in insertion order, from `head` on; the part before `head` is dropped now and then.
    private var order: [(key: String, time: Date)] = []
    private var head = 0

    /// - Parameters:
    ///   - retention: How long a nonce is kept; default 30 minutes, twice the 15 minutes a
    ///     timestamp may be off.
    ///   - capacity: The most nonces kept; default 100 000.
    public init(retention: TimeInterval = 2 * RPCRequestAuthenticator.defaultAllowedClockSkew, capacity: Int = 100_000) {
        precondition(capacity > 0, "capacity must be positive")
        self.retention = retention
        self.capacity = capacity
    }

    /// Records `nonce` for `accessKeyId` at `now`; `false` when it was already recorded (and is
    /// still remembered), which means the request is a replay.
    public func insert(_ nonce: String, accessKeyId: String, now: Date) -> Bool {
        let key = accessKeyId + "\u{0}" + nonce
        return lock.withLock {
            prune(now: now)
            if seen[key] != nil { return false }
            seen[key] = now
            order.append((key, now))
            while seen.count > capacity { removeOldest() }
            return true
        }
    }

    /// How many nonces are remembered now.
    public var count: Int {
        lock.withLock { seen.count }
    }

    private func prune(now: Date) {
        let limit = now.addingTimeInterval(-retention)
        while head < order.count, order[head].time <= limit {
            removeOldest()
        }
    }

    private func removeOldest() {
        guard head < order.count else { return }
        let entry = order[head]
        head += 1
        // A key re-inserted after being pruned has a newer entry further on; remove only the
        // record this entry made.
        if seen[entry.key] == entry.time { seen[entry.key] = nil }
        if head > 1024 && head * 2 > order.count {
            order.removeFirst(head)
            head = 0
        }
    }
}
