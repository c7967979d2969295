import APIGenTestSupport
import Foundation
import Testing

@testable import APIGenRuntime

extension Signing {
    @Suite("Timestamps and nonces")
    struct TimestampAndNonceTests {
        @Test(
            "Fixed instants",
            arguments: [
                (0.0, "1970-01-01T00:00:00Z"),
                (0.999, "1970-01-01T00:00:00Z"),
                (-0.5, "1969-12-31T23:59:59Z"),
                (-86_400.0, "1969-12-31T00:00:00Z"),
                (951_782_400.0, "2000-02-29T00:00:00Z"),
                (1_456_231_584.0, "2016-02-23T12:46:24Z"),
                (1_698_315_752.0, "2023-10-26T10:22:32Z"),
                (1_709_251_199.0, "2024-02-29T23:59:59Z"),
                (4_102_444_800.0, "2100-01-01T00:00:00Z"),
                (253_402_300_799.0, "9999-12-31T23:59:59Z"),
                (-62_135_596_800.0, "0001-01-01T00:00:00Z"),
            ]
        )
        func fixed(seconds: Double, expected: String) {
            #expect(SigningTimestamp.string(from: Date(timeIntervalSince1970: seconds)) == expected)
        }

        @Test("Random instants agree with ISO8601DateFormatter in UTC")
        func agreesWithFoundation() {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.formatOptions = [.withInternetDateTime]
            var generator = SeededGenerator(seed: 2016)
            for _ in 0..<2000 {
                // 1970 … 2200, whole seconds
                let seconds = Double(generator.below(7_258_118_400))
                let date = Date(timeIntervalSince1970: seconds)
                #expect(SigningTimestamp.string(from: date) == formatter.string(from: date))
            }
        }

        @Test("The format is yyyy-MM-dd'T'HH:mm:ss'Z' with the live clock too")
        func liveFormat() {
            let text = SigningTimestamp.string(from: SigningDefaults.now())
            let pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/
            #expect(text.wholeMatch(of: pattern) != nil, "\(text)")
        }

        @Test("Default nonces are lower-case UUIDs and never repeat")
        func nonces() {
            var seen = Set<String>()
            for _ in 0..<10_000 {
                let nonce = SigningDefaults.nonce()
                #expect(nonce.count == 36)
                #expect(nonce == nonce.lowercased())
                seen.insert(nonce)
            }
            #expect(seen.count == 10_000)
        }

        @Test("Nonces stay unique when signing concurrently")
        func concurrentNonces() async {
            let signer = SignatureV3()
            let call = RPCCall(action: "DescribeRegions", version: "2014-05-26", host: "ecs.aliyuncs.com")
            let credentials = Credentials(accessKeyId: "id", accessKeySecret: "secret")
            let nonces = await withTaskGroup(of: [String].self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        (0..<250).compactMap { _ in signer.sign(call, with: credentials).headers["x-acs-signature-nonce"] }
                    }
                }
                var all: [String] = []
                for await batch in group { all += batch }
                return all
            }
            #expect(nonces.count == 2000)
            #expect(Set(nonces).count == 2000)
        }
    }
}
