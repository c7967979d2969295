import Foundation
import Testing

@testable import APIGenRuntime

/// All signing and credentials tests, so `swift test --filter APIGenRuntimeTests.Signing`
/// runs exactly them.
@Suite("Signing")
enum Signing {}

extension Signing {
    /// A deterministic generator (SplitMix64), so generated cases are the same on every run
    /// and every platform.
    struct SeededGenerator: RandomNumberGenerator {
        private var state: UInt64

        init(seed: UInt64) {
            state = seed
        }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// A number in `0..<bound` (bias is irrelevant here).
        mutating func below(_ bound: Int) -> Int {
            precondition(bound > 0)
            return Int(next() % UInt64(bound))
        }

        /// A number in `range`.
        mutating func within(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + below(range.upperBound - range.lowerBound + 1)
        }

        /// True with probability `percent`/100.
        mutating func chance(_ percent: Int) -> Bool {
            below(100) < percent
        }

        mutating func pick<T>(_ options: [T]) -> T {
            options[below(options.count)]
        }
    }

    /// The fixed instant of a test: `SigningTimestamp` of it is `timestamp`.
    static func date(_ timestamp: String) -> Date {
        // Only used with literals in tests; parsed with ISO8601DateFormatter as an independent oracle.
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        guard let date = formatter.date(from: timestamp) else {
            fatalError("bad test timestamp \(timestamp)")
        }
        return date
    }
}
