/// The delays between a waiter's polls: exponential with full jitter between the range's
/// bounds, as Smithy's waiters (aws-sdk-swift, Soto) compute them.
///
/// After poll `n` (from 1) the delay is uniform in `lower ... min(upper, lower × 2ⁿ⁻¹)`: the
/// first wait is `lower`, the ceiling doubles with each poll until it reaches `upper`. With a
/// lower bound of zero there is nothing to double: every delay is uniform in `0 ... upper`.
enum WaiterBackoff {
    static func delay(afterPoll poll: Int, range: ClosedRange<Duration>, random: Double) -> Duration {
        let lower = max(range.lowerBound, .zero)
        let upper = max(range.upperBound, lower)
        var ceiling = lower == .zero ? upper : lower
        var doublings = 1
        while doublings < poll, ceiling < upper {
            ceiling = ceiling * 2
            doublings += 1
        }
        ceiling = min(ceiling, upper)
        return lower + (ceiling - lower) * min(max(random, 0), 1)
    }
}
