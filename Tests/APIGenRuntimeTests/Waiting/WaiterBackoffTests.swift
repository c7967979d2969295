import APIGenTestSupport
import Testing

@testable import APIGenRuntime

/// The delays between polls: exponential ceilings, full jitter between the bounds.
@Suite struct WaiterBackoffTests {
    static let range: ClosedRange<Duration> = .seconds(5)...(.seconds(30))

    @Test func theCeilingDoublesFromTheLowerBoundToTheUpper() {
        #expect((1...7).map { WaiterBackoff.delay(afterPoll: $0, range: Self.range, random: 1) }
            == [.seconds(5), .seconds(10), .seconds(20), .seconds(30), .seconds(30), .seconds(30), .seconds(30)])
        #expect((1...4).map { WaiterBackoff.delay(afterPoll: $0, range: Self.range, random: 0) } == Array(repeating: .seconds(5), count: 4))
        #expect((1...4).map { WaiterBackoff.delay(afterPoll: $0, range: Self.range, random: 0.5) }
            == [.seconds(5), .milliseconds(7500), .milliseconds(12500), .milliseconds(17500)])
        // Far into a long wait, the ceiling stays the upper bound.
        #expect(WaiterBackoff.delay(afterPoll: 10_000, range: Self.range, random: 1) == .seconds(30))
    }

    @Test func everyDelayIsWithinTheBounds() {
        var generator = SeededGenerator(seed: 17)
        for poll in 1...40 {
            let ceiling = min(Duration.seconds(5) * (1 << min(poll - 1, 20)), .seconds(30))
            for _ in 0..<250 {
                let delay = WaiterBackoff.delay(afterPoll: poll, range: Self.range, random: Double.random(in: 0...1, using: &generator))
                #expect(delay >= .seconds(5) && delay <= ceiling, "poll \(poll): \(delay)")
            }
        }
        // Out-of-range draws are clamped.
        #expect(WaiterBackoff.delay(afterPoll: 3, range: Self.range, random: -1) == .seconds(5))
        #expect(WaiterBackoff.delay(afterPoll: 3, range: Self.range, random: 7) == .seconds(20))
    }

    @Test func oddRanges() {
        // A fixed delay.
        #expect(WaiterBackoff.delay(afterPoll: 5, range: .seconds(2)...(.seconds(2)), random: 0.9) == .seconds(2))
        // A zero lower bound has nothing to double: the whole range from the first wait.
        #expect(WaiterBackoff.delay(afterPoll: 1, range: .zero...(.seconds(10)), random: 0.5) == .seconds(5))
        #expect(WaiterBackoff.delay(afterPoll: 1, range: .zero...(.zero), random: 0.5) == .zero)
        // A negative lower bound counts as zero.
        #expect(WaiterBackoff.delay(afterPoll: 1, range: .seconds(-5)...(.seconds(10)), random: 0) == .zero)
    }
}
