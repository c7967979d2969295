import Foundation

/// When and how long to wait before trying a failed call again.
///
/// - Throttling (the codes in `throttlingCodes`, or HTTP 429) is retried for every action:
///   the service refused the request before doing anything.
/// - Server errors (HTTP 5xx) and transport failures are retried only for idempotent actions
///   (read operations, or actions whose spec says `idempotent="true"`): a write such as
///   `AttachClassicLinkVpc` may already have happened, so it is never repeated silently.
/// - Waits grow exponentially from `initialBackoff` up to `maximumBackoff`, with full jitter,
///   and honour a server's `Retry-After` (seconds) when it asks for longer.
/// - A `Retry-After` longer than `maximumRetryAfter` (by default `maximumBackoff`) is not
///   slept through silently, nor cut short (retrying sooner than the service asked would only
///   be refused again): the call fails at once with the service's error, whose
///   ``ServiceErrorPayload/retryAfter`` carries the wait asked for, so the caller decides.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; 1 turns retries off.
    public var maximumAttempts: Int
    public var initialBackoff: Duration
    public var maximumBackoff: Duration
    /// The longest `Retry-After` the client waits for before retrying; a service asking for
    /// longer gets its error surfaced at once, the wait in ``ServiceErrorPayload/retryAfter``.
    public var maximumRetryAfter: Duration
    /// Error codes that mean "slow down".
    public var throttlingCodes: Set<String>

    /// `maximumRetryAfter` defaults to `maximumBackoff`.
    public init(
        maximumAttempts: Int = 4,
        initialBackoff: Duration = .milliseconds(200),
        maximumBackoff: Duration = .seconds(20),
        maximumRetryAfter: Duration? = nil,
        throttlingCodes: Set<String> = RetryPolicy.defaultThrottlingCodes
    ) {
        self.maximumAttempts = max(1, maximumAttempts)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.maximumRetryAfter = maximumRetryAfter ?? maximumBackoff
        self.throttlingCodes = throttlingCodes
    }

    /// The codes Alibaba Cloud answers a call refused for its rate with.
    public static let defaultThrottlingCodes: Set<String> = ["Throttling", "Throttling.User", "Throttling.Api", "ServiceUnavailable.Throttling"]

    /// Whether an answer means "slow down": one of ``defaultThrottlingCodes``, or HTTP 429.
    static func isThrottling(code: String, status: Int?) -> Bool {
        defaultThrottlingCodes.contains(code) || status == 429
    }

    /// Never retry.
    public static let none = RetryPolicy(maximumAttempts: 1)

    /// Why a failed attempt may be retried, if it may.
    enum Reason: Sendable, Hashable, CustomStringConvertible {
        case throttled(String)
        case serverError(Int)
        case transport(TransportError.Kind)

        var description: String {
            switch self {
            case .throttled(let code): "throttled (\(code))"
            case .serverError(let status): "HTTP \(status)"
            case .transport(let kind): "transport \(kind)"
            }
        }
    }

    func reason(status: Int, code: String?, idempotent: Bool) -> Reason? {
        if let code, throttlingCodes.contains(code) { return .throttled(code) }
        if status == 429 { return .throttled(code ?? "HTTP 429") }
        if status >= 500, idempotent { return .serverError(status) }
        return nil
    }

    func reason(transport error: TransportError, idempotent: Bool) -> Reason? {
        guard idempotent else { return nil }
        switch error.kind {
        case .connectionFailed, .timedOut, .connectionLost: return .transport(error.kind)
        case .responseTooLarge, .other: return nil
        }
    }

    /// The wait before attempt `attempt + 1` (attempts count from 1): a random duration up to
    /// the exponential cap ("full jitter"), or the server's hint if that is longer; nil when the
    /// hint is longer than `maximumRetryAfter` (then the caller gets the error instead).
    func delay(afterAttempt attempt: Int, retryAfter: Duration?, random: Double) -> Duration? {
        let exponent = Double(min(attempt - 1, 30))
        let cap = min(initialBackoff * pow2(exponent), maximumBackoff)
        let jittered = cap * min(max(random, 0), 1)
        guard let retryAfter else { return jittered }
        guard retryAfter <= maximumRetryAfter else { return nil }
        return max(jittered, retryAfter)
    }

    private func pow2(_ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= 2 }
        return result
    }

    /// Reads `Retry-After` in seconds (the HTTP-date form is not used by Alibaba Cloud); a
    /// value too large for a `Duration` of milliseconds reads as a year.
    static func retryAfter(_ headers: [String: String]) -> Duration? {
        guard let value = headers["retry-after"], let seconds = Double(value.trimmingCharacters(in: .whitespaces)),
              seconds >= 0, !seconds.isNaN
        else {
            return nil
        }
        return .milliseconds(Int64(min(seconds, 365 * 86_400) * 1000))
    }
}
