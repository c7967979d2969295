import APIGenTestSupport
import Testing

@testable import APIGenRuntime

extension Signing {
    @Suite("Percent-encoding (RFC 3986, UTF-8)")
    struct PercentEncodingTests {
        @Test("Unreserved ASCII is kept, every other ASCII byte is %XX in uppercase hex")
        func asciiTable() {
            let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8)
            for byte in UInt8(0)...UInt8(127) {
                let encoded = PercentEncoding.encode(bytes: [byte])
                if unreserved.contains(byte) {
                    #expect(encoded == String(UnicodeScalar(byte)), "byte \(byte)")
                } else {
                    let hex = String(byte, radix: 16, uppercase: true)
                    #expect(encoded == "%" + (hex.count == 1 ? "0" + hex : hex), "byte \(byte)")
                }
            }
        }

        @Test(
            "Reserved and special characters",
            arguments: [
                (" ", "%20"),
                ("*", "%2A"),
                ("~", "~"),
                ("!", "%21"),
                ("'", "%27"),
                ("(", "%28"),
                (")", "%29"),
                ("/", "%2F"),
                ("+", "%2B"),
                ("=", "%3D"),
                ("&", "%26"),
                ("%", "%25"),
                (":", "%3A"),
                ("?", "%3F"),
                ("#", "%23"),
                ("[]", "%5B%5D"),
                ("@", "%40"),
                (",", "%2C"),
                (";", "%3B"),
                ("$", "%24"),
                ("\"", "%22"),
                ("\n\t\u{0}", "%0A%09%00"),
                ("a b+c", "a%20b%2Bc"),
                ("100%", "100%25"),
                ("%2A", "%252A"),
                ("", ""),
                ("-_.~AZaz09", "-_.~AZaz09"),
            ]
        )
        func reserved(input: String, expected: String) {
            #expect(PercentEncoding.encode(input) == expected)
        }

        @Test(
            "Multi-byte UTF-8: every byte encoded, no normalization",
            arguments: [
                ("é", "%C3%A9"),  // U+00E9, precomposed
                ("e\u{301}", "e%CC%81"),  // e + combining acute: kept as written, not normalized
                ("中文", "%E4%B8%AD%E6%96%87"),
                ("日本語", "%E6%97%A5%E6%9C%AC%E8%AA%9E"),
                ("😀", "%F0%9F%98%80"),  // 4 bytes, outside the BMP
                ("👨‍👩‍👧", "%F0%9F%91%A8%E2%80%8D%F0%9F%91%A9%E2%80%8D%F0%9F%91%A7"),  // ZWJ sequence
                ("🇨🇳", "%F0%9F%87%A8%F0%9F%87%B3"),
                ("\u{80}", "%C2%80"),
                ("\u{7FF}", "%DF%BF"),
                ("\u{800}", "%E0%A0%80"),
                ("\u{FFFD}", "%EF%BF%BD"),
                ("\u{FFFF}", "%EF%BF%BF"),
                ("\u{10000}", "%F0%90%80%80"),
                ("\u{10FFFF}", "%F4%8F%BF%BF"),
                ("\u{3000}", "%E3%80%80"),  // ideographic space
                ("Ω ω", "%CE%A9%20%CF%89"),
            ]
        )
        func unicode(input: String, expected: String) {
            #expect(PercentEncoding.encode(input) == expected)
        }

        @Test("Encoding then decoding gives the same bytes back, for random strings")
        func roundTrip() {
            var generator = SeededGenerator(seed: 0xE5C0DE)
            for _ in 0..<500 {
                let string = RandomText.string(using: &generator, maxLength: 24)
                let encoded = PercentEncoding.encode(string)
                #expect(encoded.utf8.allSatisfy { PercentEncoding.isUnreserved($0) || $0 == UInt8(ascii: "%") })
                #expect(Self.decode(encoded) == Array(string.utf8))
            }
        }

        @Test("Paths keep their slashes and encode each segment")
        func paths() {
            #expect(PercentEncoding.encodePath("/") == "/")
            #expect(PercentEncoding.encodePath("/a b/c*d/") == "/a%20b/c%2Ad/")
            #expect(SignatureV3.canonicalURI("") == "/")
        }

        static func decode(_ encoded: String) -> [UInt8] {
            var bytes: [UInt8] = []
            var iterator = Array(encoded.utf8).makeIterator()
            while let byte = iterator.next() {
                if byte == UInt8(ascii: "%"), let high = iterator.next(), let low = iterator.next() {
                    bytes.append(UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16)!)
                } else {
                    bytes.append(byte)
                }
            }
            return bytes
        }
    }
}

extension Signing {
    /// Random text for the signing tests: ASCII with every reserved character, CJK, emoji
    /// (including ZWJ sequences and flags), accented and combining characters, the UTF-8 length
    /// boundaries, and empty strings.
    enum RandomText {
        /// Printable ASCII except space.
        static let asciiPrintable: [Unicode.Scalar] = (0x21...0x7E).map { Unicode.Scalar(UInt8($0)) }
        static let reserved: [Unicode.Scalar] = Array("!'()*/+=&%:?#[]@,;$\" ~".unicodeScalars)
        static let boundaries: [Unicode.Scalar] = [0x80, 0x7FF, 0x800, 0xFFFD, 0xFFFF, 0x10000, 0x10FFFF]
            .map { Unicode.Scalar(UInt32($0))! }
        static let composites = ["👨‍👩‍👧", "🇨🇳", "🇯🇵", "e\u{301}", "👍🏽", "﷽"]

        /// A random string of up to `maxLength` pieces; `allowControl` adds tabs, newlines, NUL.
        static func string(
            using generator: inout SeededGenerator,
            maxLength: Int,
            allowControl: Bool = true
        ) -> String {
            if generator.chance(8) { return "" }
            let length = generator.within(1...maxLength)
            var text = ""
            for _ in 0..<length {
                switch generator.below(allowControl ? 10 : 9) {
                case 0, 1: text.unicodeScalars.append(generator.pick(asciiPrintable))
                case 2: text.unicodeScalars.append(generator.pick(reserved))
                case 3: text.unicodeScalars.append(scalar(in: 0x4E00...0x9FFF, using: &generator))  // CJK
                case 4: text.unicodeScalars.append(scalar(in: 0x1F300...0x1FAFF, using: &generator))  // emoji
                case 5: text += generator.pick(composites)
                case 6: text.unicodeScalars.append(scalar(in: 0xC0...0x24F, using: &generator))  // Latin accents
                case 7: text.unicodeScalars.append(generator.pick(boundaries))
                case 8: text.unicodeScalars.append(scalar(in: 0x400...0x4FF, using: &generator))  // Cyrillic
                default: text.unicodeScalars.append(generator.pick(["\t", "\n", "\r", "\u{0}", "\u{7F}"]))
                }
            }
            return text
        }

        /// A parameter or header name made only of unreserved characters (as Alibaba Cloud's names
        /// are), e.g. `InstanceId.10`, `Tag.2.Key`, `x_y-z~1`.
        static func name(using generator: inout SeededGenerator) -> String {
            let stems = [
                "InstanceId", "RegionId", "Tag", "ImageId", "PageSize", "a", "A", "z", "Z", "Name",
                "x_y", "x-y", "x~y", "Key", "Value", "SecurityGroupIds", "DryRun", "_", "0",
            ]
            var name = generator.pick(stems)
            for _ in 0..<generator.below(3) {
                name += "." + (generator.chance(50)
                    ? String(generator.within(1...12))
                    : generator.pick(["Key", "Value", "Id", "key", "value", "Sub"]))
            }
            return name
        }

        private static func scalar(in range: ClosedRange<UInt32>, using generator: inout SeededGenerator) -> Unicode.Scalar {
            let value = range.lowerBound + UInt32(generator.below(Int(range.upperBound - range.lowerBound) + 1))
            return Unicode.Scalar(value) ?? "?"
        }
    }
}
