import Foundation
import Testing

@testable import APIGenRuntime

/// All signing and credentials tests, so `swift test --filter APIGenRuntimeTests.Signing`
/// runs exactly them.
@Suite("Signing")
enum Signing {}

extension Signing {
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
