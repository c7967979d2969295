import Foundation
import Testing

@testable import APIGenRuntime

/// apigen's JSON decoder (``JSONDocumentDecoder``) against Foundation's `JSONDecoder`: the same
/// inputs decoded by both must give the same values or the same errors (see
/// ``JSONDifferential``), plus what apigen's decoder says where it says more.
extension ResponseDecoding {
    @Suite("JSON decoder")
    struct JSONDecoding {
        typealias Differential = JSONDifferential

        struct One<T: Decodable & Equatable>: Decodable, Equatable {
            var a: T
            enum CodingKeys: String, CodingKey { case a }
        }

        struct Maybe<T: Decodable & Equatable>: Decodable, Equatable {
            var a: T?
            enum CodingKeys: String, CodingKey { case a }
        }

        static func ours<T: Decodable>(_ type: T.Type, _ body: String) throws -> T {
            try Differential.apigen(type, Array(body.utf8))
        }

        static func oursError<T: Decodable>(_ type: T.Type, _ body: [UInt8]) -> DecodingError? {
            do {
                _ = try Differential.apigen(type, body)
                return nil
            } catch {
                return error as? DecodingError
            }
        }

        static func oursError<T: Decodable>(_ type: T.Type, _ body: String) -> DecodingError? {
            oursError(type, Array(body.utf8))
        }

        /// The reason `ResponseDecoder` gives for a JSON body, or nil if it decodes.
        static func reason<T: Decodable>(_ type: T.Type, _ body: String) -> String? {
            failure(type, body, .json)?.reason
        }

        // MARK: Numbers

        static let numbers = [
            "0", "-0", "1", "-1", "7", "127", "128", "-128", "-129", "255", "256", "32767", "32768", "-32769", "65535", "65536",
            "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
            "18446744073709551615", "18446744073709551616", "12345678901234567890", "99999999999999999999999",
            "1.0", "-0.0", "1.5", "-1.5", "0.5", "1e2", "1E+2", "1e-2", "10e-1", "0.1e1", "1E0", "0E0", "-0E0", "2e-1",
            "1e18", "1e19", "1e20", "100000000000000000000e-2", "9007199254740993", "9007199254740993.0", "9007199254740993.5",
            "1.0000000000000001", "123.456e-2", "1E400", "-1e-400", "-1E-400", "-0.5e-400", "1e-7", "0.0e-999",
            "3.4028235e38", "3.4028236e38", "3.5e38", "1e-46", "1.4e-45", "0.1", "0.30000000000000004", "16777217",
            "1.00000005960464477550", "1.0000000596046448", "4.9e-324", "2.4e-324", "2.5e-324", "5e-324",
            "1.7976931348623157e308", "1.7976931348623159e308", "1e-320", "2.2250738585072014e-308", "2.2250738585072011e-308",
            "9.999999999999999e22", "1e23", "7.038531e-26", "1.1754943508222875e-38", "340282356779733661637539395458142568447",
            "1234567890123456789012", "3.0e+10", "-1.25e+2", "4.35e-7", "1.5e300", "123456789012345678901234567890e-10",
            // Not JSON numbers: errors as soon as they are decoded.
            "01", "00", "-01", "1.", ".5", "+1", "-", "1e", "1e+", "1e5.5", "1-5", "1.5-", "1.5e+-5", "-.5", "1..5", "1.5.5", "1ee5",
            "1-2", "1+2", "12-", "1.e5", "-e5", "00.0",
        ]

        @Test func integersOfEveryWidthMatchJSONDecoder() {
            var differences: [String] = []
            for number in Self.numbers {
                let body = #"{"a":\#(number)}"#
                differences += [
                    Differential.difference(One<Int>.self, body), Differential.difference(One<Int8>.self, body),
                    Differential.difference(One<Int16>.self, body), Differential.difference(One<Int32>.self, body),
                    Differential.difference(One<Int64>.self, body),
                    Differential.difference(One<UInt8>.self, body), Differential.difference(One<UInt16>.self, body),
                    Differential.difference(One<UInt32>.self, body), Differential.difference(Maybe<Int32>.self, body),
                    Differential.difference([Int64].self, "[\(number)]"), Differential.difference(Int16.self, number),
                ].compactMap { $0 }
                // JSONDecoder goes through Decimal, which fails on more than 19 significant digits
                // (checked below).
                if number != "123456789012345678901234567890e-10" {
                    differences += [Differential.difference(One<UInt64>.self, body), Differential.difference(One<UInt>.self, body)]
                        .compactMap { $0 }
                }
            }
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        }

        @Test func integerBoundsAndOverflow() throws {
            #expect(try Self.ours(One<Int8>.self, #"{"a":-128}"#).a == .min)
            #expect(try Self.ours(One<UInt64>.self, #"{"a":18446744073709551615}"#).a == .max)
            #expect(try Self.ours(One<Int64>.self, #"{"a":-9223372036854775808}"#).a == .min)
            #expect(try Self.ours(One<Int>.self, #"{"a":1e2}"#).a == 100)
            #expect(try Self.ours(One<Int>.self, #"{"a":9007199254740993.5}"#).a == 9_007_199_254_740_993)
            #expect(try Self.ours(One<UInt64>.self, #"{"a":1e19}"#).a == 10_000_000_000_000_000_000)
            #expect(try Self.ours(One<UInt64>.self, #"{"a":123456789012345678901234567890e-10}"#).a == 12_345_678_901_234_567_890)
            #expect((try? Differential.foundation(One<UInt64>.self, Array(#"{"a":123456789012345678901234567890e-10}"#.utf8))) == nil)
            #expect(Self.reason(OptionalScalars.self, #"{"Int32":2147483648}"#) == "Int32: expected Int32, found 2147483648 (out of range)")
            #expect(Self.reason(OptionalScalars.self, #"{"Int64":1.5}"#) == "Int64: expected Int64, found 1.5 (not a whole number)")
            #expect(Self.reason(AllScalars.self, #"{"String":"","Bool":true,"Int":1,"Int8":-129}"#)
                == "Int8: expected Int8, found -129 (out of range)")
            #expect(Self.reason(AllScalars.self, #"{"String":"","Bool":true,"Int":1,"Int8":1,"Int16":1,"Int32":1,"Int64":1,"UInt":-1}"#)
                == "UInt: expected UInt, found -1 (out of range)")
            // The error names the value's path (JSONDecoder says the whole body is invalid).
            let error = Self.oursError(One<UInt8>.self, #"{"a":256}"#)
            guard case .dataCorrupted(let context)? = error else {
                Issue.record("expected dataCorrupted, got \(String(describing: error))")
                return
            }
            #expect(ResponseDecoder.pathString(context.codingPath) == "a")
        }

        @Test func floatingPointMatchesJSONDecoder() {
            var differences: [String] = []
            for number in Self.numbers {
                let body = #"{"a":\#(number)}"#
                differences += [
                    Differential.difference(One<Double>.self, body), Differential.difference(One<Float>.self, body),
                    Differential.difference(Maybe<Double>.self, body), Differential.difference([Float].self, "[\(number)]"),
                    Differential.difference(Double.self, number), Differential.difference(One<Decimal>.self, body),
                ].compactMap { $0 }
            }
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        }

        @Test func floatingPointDetails() throws {
            // A Float is rounded once, from the text (through a Double it would be 1.0).
            #expect(try Self.ours(Float.self, "1.00000005960464477550") == 1.0000001)
            #expect(try Self.ours(Double.self, "-0").sign == .minus)
            #expect(try Self.ours(Double.self, "0.1") == 0.1)
            #expect(try Self.ours(Double.self, "2.2250738585072014e-308") == .leastNormalMagnitude)
            #expect(try Self.ours(Double.self, "4.9406564584124654e-324") == .leastNonzeroMagnitude)
            #expect(try Self.ours(Double.self, "1e23") == 1e23)
            #expect(try Self.ours(Double.self, "123456789012345678901234567890") == 1.2345678901234568e29)
            #expect(Self.reason(OptionalScalars.self, #"{"Double":1e400}"#) == "Double: expected Double, found 1e400 (out of range)")
            #expect(Self.reason(OptionalScalars.self, #"{"Float":1e39}"#) == "Float: expected Float, found 1e39 (out of range)")
            #expect(Self.reason(OptionalScalars.self, #"{"Double":1e-400}"#)
                == "Double: expected Double, found 1e-400 (too small, rounds to zero)")
            // A zero with an exponent is zero (JSONDecoder 6.3 rejects `0e5` and `0.000e1`).
            #expect(try Self.ours(Double.self, "0e5") == 0)
            #expect(try Self.ours(Float.self, "-0.000e1") == 0)
        }

        @Test func malformedNumbersAreSyntaxErrorsOnlyWhenDecoded() {
            // JSONDecoder's scanner takes any run of digits, signs, points and exponents as a
            // number and checks it only when it is decoded; so does apigen's decoder.
            #expect(throws: Never.self) { try Self.ours(One<Int>.self, #"{"a":1,"b":01,"c":1-2e+.,"d":-}"#) }
            #expect(Self.reason(One<Int>.self, #"{"a":01}"#)
                == "the body is not valid JSON: invalid number 01 (leading zeros are not allowed) in a (line 1, column 6)")
            #expect(Self.reason(One<Double>.self, "{\n\"a\": 1.5e+-5}")
                == "the body is not valid JSON: invalid number 1.5e+-5 (the exponent has no digits) in a (line 2, column 6)")
            #expect(Self.reason([Double].self, "[1, 2, -.5]")
                == "the body is not valid JSON: invalid number -.5 (a digit must follow '-') in [2] (line 1, column 8)")
        }

        // MARK: Strings

        static let strings = [
            #""""#, #""abc""#, #""\ud83d\ude00""#, #""\uD83D\uDE00\uD83D\uDE00x""#, #""\uDBFF\uDFFF""#, #""\uD800\uDC00""#,
            #""\uFFFF""#, #""\uFEFF""#, #""\/\b\f\n\r\t\"\\\u00e9\u00E9\u0000""#, "\"é中😀\"", "\"\u{7F}\"", #""a\"b""#,
            #""\\""#, #""\\\"""#, #""\u0041\u00DF\u6771\uD834\uDD1E""#,
            // Not valid once decoded.
            #""\ud83d""#, #""\ude00""#, #""\ud83dx""#, #""\ud83d\u0041""#, #""\ud83d\ud83d""#, #""\ud83d\""#, #""\q""#, #""\u12""#,
            #""\u12zz""#, #""\u00""#, "\"\\u00\u{E9}\"", "\"\t\"", "\"\u{0}\"", "\"\u{1F}\"", "\"a\nb\"", "\"\\\n\"",
            #""\U0041""#, #""\x41""#, #""\'""#,
        ]

        @Test func stringsAndEscapesMatchJSONDecoder() {
            var differences: [String] = []
            for string in Self.strings {
                differences += [
                    Differential.difference(One<String>.self, #"{"a":\#(string)}"#),
                    Differential.difference(String.self, string),
                    Differential.difference([String].self, "[\(string), \"x\"]"),
                    // Not decoded: accepted as JSONDecoder accepts it.
                    Differential.difference(One<Int>.self, #"{"a":1,"b":\#(string)}"#),
                    // As a key: checked when the container is made.
                    Differential.difference(One<Int>.self, #"{"a":1,\#(string):2}"#),
                    Differential.difference([String: Int].self, "{\(string):2}"),
                    Differential.difference(One<URL>.self, #"{"a":\#(string)}"#),
                    Differential.difference(One<Data>.self, #"{"a":\#(string)}"#),
                ].compactMap { $0 }
            }
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        }

        @Test func escapesDecode() throws {
            #expect(try Self.ours(String.self, #""\ud83d\ude00""#) == "😀")
            #expect(try Self.ours(String.self, #""\/\b\f\n\r\t\"\\\u00e9\u0000""#) == "/\u{8}\u{C}\n\r\t\"\\é\u{0}")
            #expect(try Self.ours(String.self, #""\uD834\uDD1E and \u6771""#) == "𝄞 and 東")
            #expect(try Self.ours(String.self, "\"raw é中😀 \u{7F}\"") == "raw é中😀 \u{7F}")
            let long = String(repeating: "0123456789abcdef", count: 300)
            #expect(try Self.ours(String.self, "\"\(long)\\n\(long)\"") == long + "\n" + long)
        }

        @Test func badStringsSayWhatAndWhere() {
            #expect(Self.reason(AttachClassicLinkVpcResponse.self, #"{"RequestId":"\ud83d"}"#)
                == #"the body is not valid JSON: unpaired UTF-16 surrogate \ud83d in a string (a high surrogate must be followed by a \u low surrogate) in RequestId (line 1, column 15)"#)
            #expect(Self.reason(AttachClassicLinkVpcResponse.self, #"{"RequestId":"x\ude00"}"#)
                == #"the body is not valid JSON: unpaired UTF-16 surrogate \ude00 in a string (a low surrogate without a high one) in RequestId (line 1, column 16)"#)
            #expect(Self.reason(AttachClassicLinkVpcResponse.self, #"{"RequestId":"\ud83d\u0041"}"#)
                == #"the body is not valid JSON: unpaired UTF-16 surrogate \ud83d in a string (followed by \u0041, not a low surrogate) in RequestId (line 1, column 15)"#)
            #expect(Self.reason(AttachClassicLinkVpcResponse.self, #"{"RequestId":"a\qb"}"#)
                == #"the body is not valid JSON: invalid escape sequence \q in a string in RequestId (line 1, column 16)"#)
            #expect(Self.reason(AttachClassicLinkVpcResponse.self, #"{"RequestId":"\u12zz"}"#)
                == #"the body is not valid JSON: invalid escape sequence \u12zz in a string (\u must be followed by four hexadecimal digits) in RequestId (line 1, column 15)"#)
            #expect(Self.reason(AttachClassicLinkVpcResponse.self, "{\"RequestId\":\"a\tb\"}")
                == "the body is not valid JSON: unescaped control character U+0009 in a string in RequestId (line 1, column 16)")
            let invalid = Array(#"{"RequestId":"é"#.utf8) + [0xFF] + Array(#""}"#.utf8)
            #expect(throws: ResponseDecodingError.self) {
                try ResponseDecoder.decode(AttachClassicLinkVpcResponse.self, from: invalid, format: .json)
            }
            let error = Self.oursError(AttachClassicLinkVpcResponse.self, invalid)
            guard case .dataCorrupted(let context)? = error, let syntax = context.underlyingError as? JSONSyntaxError else {
                Issue.record("expected a syntax error, got \(String(describing: error))")
                return
            }
            #expect(syntax.description == "invalid UTF-8 in a string in RequestId (line 1, column 16)")
            #expect(syntax.offset == 16)
        }

        @Test func invalidUTF8() {
            let cases: [[UInt8]] = [
                [0xFF], [0xC3], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
                [0xE2, 0x82], [0x80], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80],
            ]
            var differences: [String] = []
            for bytes in cases {
                let string = Array(#"{"a":"x"#.utf8) + bytes + Array(#"y"}"#.utf8)
                let escaped = Array(#"{"a":"\n"#.utf8) + bytes + Array(#""}"#.utf8)
                let key = Array(#"{"a":"x",""#.utf8) + bytes + Array(#"":1}"#.utf8)
                let unused = Array(#"{"a":"x","b":[""#.utf8) + bytes + Array(#""]}"#.utf8)
                let bare = Array(#"{"a":"#.utf8) + bytes + Array("}".utf8)
                for body in [string, escaped, key, unused, bare] {
                    differences += [Differential.difference(One<String>.self, body)].compactMap { $0 }
                }
            }
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
            // Valid UTF-8 in both decoders, rejected by both when broken.
            #expect(Self.oursError(String.self, [0x22, 0xC3, 0x28, 0x22]) != nil)
            #expect((try? Differential.apigen(String.self, [0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22])) == "😀")
        }

        // MARK: Structure

        static let documents = [
            #"{"a":1,"a":2}"#, #"{"a":1,"\u0061":2}"#, #"{"\u0061":2}"#, #"{"a":1,}"#, #"{"a":1,,}"#, #"{"a":1 , }"#, #"{"a" 1}"#,
            #"{a:1}"#, #"{"a":tru}"#, #"{"a":True}"#, "", "  ", "{\"a\":1,\n\"b\":2,\n\"c\":x}", #"{"a":1,"b":1x}"#,
            #"{"a":1,"b":[1,]}"#, #"{"a":1,"b":[,]}"#, #"{"a":1,"b":nul}"#, #"{"a":1} x"#, #"{"a":1}{}"#,
            " \n\t\r{\"a\":1} \n\t\r", "\u{0C}{\"a\":1}", "{\"a\":1}\u{0}", #"{"a":1,"b":{"c":[1,2,{"d":null}],"e":"x"}}"#,
            #"{"b":[1,2,3],"a":1}"#, "[1,2,]", "[1 2]", "[1,,2]", "{}", "[]", "[ ]", "{ }", "null", "1", #""a""#, "[", "]", "}", "{",
            #"{"a":1"#, #"{"a":"#, #"{"a""#, #"{"a"#, #"{""#, "[1,", "[1", "tru", "nul", "nulll", "truex", "true false",
            "{\"a\":1}\n\n\n  ", "\u{FEFF}{\"a\":1}", #"{"a":[]}"#, #"{"a":{}}"#, #"{"a":null}"#, #"{"a":"1"}"#, #"{"a":true}"#,
            #"{"a":1.5}"#, #"{"é":1,"e\u0301":2}"#, #"{"a":1,"K":3}"#, #"{"a":1,"b":"\u12"}"#, #"{"a":1,"b":"\u00"}"#, #"{"a":1,"b":"\"#,
            #"{"a":1,"b":"x\"}"#, "{\"a\":1,\"b\":\"\\u00\u{E9}\"}",
        ]

        @Test func structureMatchesJSONDecoder() {
            var differences: [String] = []
            for document in Self.documents {
                differences += [
                    Differential.difference(One<Int>.self, document), Differential.difference(Maybe<Int>.self, document),
                    Differential.difference([String: Int].self, document, anyOrder: true), Differential.difference([Int].self, document),
                    Differential.difference(Int.self, document), Differential.difference([String: [Int]].self, document, anyOrder: true),
                    Differential.difference(One<[Int]>.self, document), Differential.difference(Int?.self, document),
                ].compactMap { $0 }
            }
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        }

        @Test func duplicateKeysFirstOneWinsAsInJSONDecoder() throws {
            // Checked against JSONDecoder itself, so that a change on its side shows here.
            let body = #"{"a":1,"b":0,"a":2,"\u0061":3}"#
            let theirs = try Differential.foundation(One<Int>.self, Array(body.utf8))
            #expect(try Self.ours(One<Int>.self, body) == theirs)
            #expect(theirs.a == 1)
            #expect(try Self.ours([String: Int].self, body) == ["a": 1, "b": 0])
            // Keys are compared as Strings where they are not plain ASCII: escapes and
            // canonically equivalent spellings match, as in a Dictionary lookup.
            #expect(try Self.ours(One<Int>.self, #"{"\u0061":5}"#).a == 5)
            struct Accented: Decodable, Equatable {
                var value: Int
                enum CodingKeys: String, CodingKey { case value = "é" }
            }
            #expect(try Self.ours(Accented.self, #"{"e\u0301":7}"#).value == 7)
            #expect(Differential.difference(Accented.self, #"{"e\u0301":7,"é":8}"#) == nil)
        }

        @Test func whitespaceByteOrderMarkAndTrailingGarbage() throws {
            #expect(try Differential.apigen(One<Int>.self, [0xEF, 0xBB, 0xBF] + Array(" \r\n\t{\"a\" : 1 }\n ".utf8)).a == 1)
            #expect(Self.reason(One<Int>.self, "{\"a\":1}\n x") == "the body is not valid JSON: unexpected 'x' after the top-level value (line 2, column 2)")
            #expect(Self.reason(One<Int>.self, #"{"a":1}{}"#) == "the body is not valid JSON: unexpected '{' after the top-level value (line 1, column 8)")
            #expect(Self.reason(One<Int>.self, "\u{C}{}") == "the body is not valid JSON: unexpected byte 0x0C where a value was expected (line 1, column 1)")
            #expect(Self.reason(One<Int>.self, "   ") == "the body is not valid JSON: the body holds no JSON value (line 1, column 4)")
            #expect(Self.reason(One<Int>.self, "{\"a\":\n 中}") == "the body is not valid JSON: unexpected '中' where a value was expected (line 2, column 2)")
            #expect(Self.reason(One<Int>.self, #"{"a":[1,2}"#) == "the body is not valid JSON: unexpected '}' in an array, where ',' or ']' was expected (line 1, column 10)")
            #expect(Self.reason(One<Int>.self, #"{"a":1"#) == "the body is not valid JSON: the body ends before the JSON value is complete (line 1, column 7)")
            #expect(Self.reason(One<Int>.self, #"{"a":"x"#) == "the body is not valid JSON: the body ends inside a string (line 1, column 8)")
            #expect(Self.reason(One<Int>.self, #"{"a":nul}"#) == "the body is not valid JSON: unexpected '}' in a literal (expected null) (line 1, column 9)")
            #expect(Self.reason(One<Int>.self, #"{1:2}"#) == "the body is not valid JSON: unexpected '1' in an object, where a key (a string) was expected (line 1, column 2)")
        }

        @Test func utf16AndUTF32BodiesAreTranscodedAsByJSONDecoder() {
            let text = #"{"a":"é😀"}"#
            let utf16LE = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            let utf16BE = text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            let utf32LE = text.unicodeScalars.flatMap { scalar -> [UInt8] in
                let value = scalar.value
                return [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value >> 16 & 0xFF), 0]
            }
            let utf32BE = Array(utf32LE.chunks4.map { $0.reversed() }.joined())
            var differences: [String] = []
            for body in [utf16LE, utf16BE, [0xFF, 0xFE] + utf16LE, [0xFE, 0xFF] + utf16BE, utf32LE, utf32BE, [0x31, 0x00], [0x00, 0x31], [0xFF, 0xFE, 0x00, 0xD8]] {
                differences += [Differential.difference(One<String>.self, body), Differential.difference(Int.self, body)].compactMap { $0 }
            }
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
            #expect((try? Differential.apigen(One<String>.self, [0xFF, 0xFE] + utf16LE))?.a == "é😀")
        }

        @Test func nestingIsLimitedTo512AsInJSONDecoder() throws {
            var differences: [String] = []
            for depth in [511, 512, 513, 100_000] {
                let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
                differences += [Differential.difference(Nest.self, arrays), Differential.difference([Int].self, arrays)].compactMap { $0 }
            }
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
            // 512 levels decode, through a recursive type (512 nested init(from:) calls).
            let objects = { (depth: Int) in String(repeating: #"{"A":["#, count: depth / 2) + String(repeating: "]}", count: depth / 2) }
            #expect(try Self.ours(Nest.self, objects(512)).depth == 256)
            #expect(Self.reason(Nest.self, objects(514)) == "the body is not valid JSON: arrays and objects are nested more than 512 deep (line 1, column 1537)")
            let deep = String(repeating: "[", count: 100_000)
            #expect(Self.reason([Int].self, deep)?.hasPrefix("the body is not valid JSON: arrays and objects are nested more than 512 deep") == true)
        }

        // MARK: Containers

        /// Runs every container operation on what it is given and logs each outcome; decoded by
        /// both decoders, the logs must be the same.
        struct ContainerProbe: Decodable, Equatable {
            var log: [String] = []

            enum Key: String, CodingKey {
                case a, b, c, missing, list, object, nothing
                case superKey = "super"
            }

            enum Other: String, CodingKey { case x, y }

            mutating func record(_ label: String, _ operation: () throws -> Any?) {
                do {
                    log.append("\(label): \(String(describing: try operation()))")
                } catch {
                    log.append("\(label): \(Differential.outline(error))")
                }
            }

            init(from decoder: any Decoder) throws {
                record("codingPath") { decoder.codingPath.map(\.stringValue) }
                record("single nil") { try decoder.singleValueContainer().decodeNil() }
                record("single Int") { try decoder.singleValueContainer().decode(Int.self) }
                record("single String") { try decoder.singleValueContainer().decode(String.self) }
                record("single [Int]") { try decoder.singleValueContainer().decode([Int].self) }
                record("unkeyed at top") { try decoder.unkeyedContainer().count }
                guard let keyed = try? decoder.container(keyedBy: Key.self) else {
                    record("keyed") { try decoder.container(keyedBy: Key.self) }
                    return
                }
                record("allKeys") { keyed.allKeys.map(\.stringValue).sorted() }
                record("codingPath keyed") { keyed.codingPath.map(\.stringValue) }
                for key in [Key.a, .b, .c, .missing, .list, .object, .nothing, .superKey] {
                    let name = key.stringValue
                    record("contains \(name)") { keyed.contains(key) }
                    record("decodeNil \(name)") { try keyed.decodeNil(forKey: key) }
                    record("Int \(name)") { try keyed.decode(Int.self, forKey: key) }
                    record("Int8? \(name)") { try keyed.decodeIfPresent(Int8.self, forKey: key) }
                    record("UInt32 \(name)") { try keyed.decode(UInt32.self, forKey: key) }
                    record("Double \(name)") { try keyed.decode(Double.self, forKey: key) }
                    record("Float? \(name)") { try keyed.decodeIfPresent(Float.self, forKey: key) }
                    record("Bool \(name)") { try keyed.decode(Bool.self, forKey: key) }
                    record("Bool? \(name)") { try keyed.decodeIfPresent(Bool.self, forKey: key) }
                    record("String \(name)") { try keyed.decode(String.self, forKey: key) }
                    record("String? \(name)") { try keyed.decodeIfPresent(String.self, forKey: key) }
                    record("Int? generic \(name)") { try keyed.decode(Int?.self, forKey: key) }
                    record("[String]? \(name)") { try keyed.decodeIfPresent([String].self, forKey: key) }
                    record("[String: Int] \(name)") { try keyed.decode([String: Int].self, forKey: key) }
                    record("nested keyed \(name)") {
                        let nested = try keyed.nestedContainer(keyedBy: Other.self, forKey: key)
                        return [nested.codingPath.map(\.stringValue).joined(separator: "/"), "\(nested.allKeys.map(\.stringValue).sorted())",
                                "\((try? nested.decode(Int.self, forKey: .x)) as Any)"]
                    }
                    record("nested unkeyed \(name)") {
                        var nested = try keyed.nestedUnkeyedContainer(forKey: key)
                        return Self.walk(&nested)
                    }
                    record("superDecoder \(name)") {
                        let superDecoder = try keyed.superDecoder(forKey: key)
                        let single = try superDecoder.singleValueContainer()
                        return [superDecoder.codingPath.map(\.stringValue).joined(separator: "/"), "\(single.decodeNil())",
                                Self.attempt { try single.decode(Int.self) }]
                    }
                }
                record("superDecoder()") {
                    let superDecoder = try keyed.superDecoder()
                    return [superDecoder.codingPath.map(\.stringValue).joined(separator: "/"),
                            Self.attempt { try superDecoder.singleValueContainer().decode(Int.self) }]
                }
            }

            static func attempt(_ operation: () throws -> Any) -> String {
                do {
                    return "\(try operation())"
                } catch {
                    return Differential.outline(error)
                }
            }

            /// Every unkeyed operation, in an order that visits nulls, mismatches and the end.
            static func walk(_ list: inout any UnkeyedDecodingContainer) -> [String] {
                var log = ["count \(String(describing: list.count))", "path \(list.codingPath.map(\.stringValue))"]
                var steps = 0
                while steps < 12 {
                    steps += 1
                    log.append("at \(list.currentIndex) end \(list.isAtEnd)")
                    log.append("String " + attempt { try list.decode(String.self) })
                    log.append("nil " + attempt { try list.decodeNil() })
                    log.append("Int? " + attempt { try list.decodeIfPresent(Int.self) as Any })
                    log.append("nested keyed " + attempt { try list.nestedContainer(keyedBy: Other.self).codingPath.map(\.stringValue) })
                    log.append("nested unkeyed " + attempt { try list.nestedUnkeyedContainer().count as Any })
                    log.append("Bool " + attempt { try list.decode(Bool.self) })
                    log.append("super " + attempt {
                        let decoder = try list.superDecoder()
                        return [decoder.codingPath.map(\.stringValue).joined(separator: "/"), attempt { try decoder.singleValueContainer().decode(Double.self) }]
                    })
                    if list.isAtEnd {
                        log.append("at end: Int " + attempt { try list.decode(Int.self) })
                        log.append("at end: [Int]? " + attempt { try list.decodeIfPresent([Int].self) as Any })
                        log.append("at end: index \(list.currentIndex)")
                        break
                    }
                }
                return log
            }
        }

        static let probeInputs = [
            #"{"a":1,"b":null,"c":"x","list":[null,5,"s",true,{"x":1},[1,2],-1.5,null],"object":{"x":3,"y":null},"super":7}"#,
            #"{"a":true,"b":[],"c":{},"list":[],"object":[],"nothing":null}"#,
            #"{"a":"1","b":2.5,"c":-3,"list":{"x":1},"object":"o","a":9}"#,
            #"{"a":300,"b":1e400,"c":"\u00e9","list":[[],[[]],{}],"object":{"x":"1"}}"#,
            #"[1,2,3]"#, #"null"#, #"5"#, #""text""#, #"{}"#, #"[]"#,
        ]

        @Test func everyContainerOperationMatchesJSONDecoder() throws {
            var differences: [String] = []
            for input in Self.probeInputs {
                let body = Array(input.utf8)
                let theirs = try Differential.foundation(ContainerProbe.self, body).log
                let ours = try Differential.apigen(ContainerProbe.self, body).log
                #expect(ours.count == theirs.count, "\(input)")
                for (a, b) in zip(theirs, ours) where Differential.normalizedLogLine(a) != Differential.normalizedLogLine(b) {
                    differences.append("\(input)\n  JSONDecoder: \(a)\n  apigen:      \(b)")
                }
            }
            #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        }

        @Test func containerBasics() throws {
            let probe = try Self.ours(ContainerProbe.self, Self.probeInputs[0]).log
            #expect(probe.contains(#"allKeys: Optional(["a", "b", "c", "list", "object", "super"])"#))
            #expect(probe.contains("decodeNil b: Optional(true)"))
            #expect(probe.contains("decodeNil missing: keyNotFound(missing)"))
            #expect(probe.contains("Int? generic b: nil"))
            #expect(probe.contains("Int c: typeMismatch(Int, c)"))
            #expect(probe.contains("Int b: valueNotFound(Int, b)"))
            #expect(probe.contains("nested keyed a: typeMismatch(Dictionary<String, Any>, a)"))
            #expect(probe.contains(#"superDecoder missing: Optional(["missing", "true", "valueNotFound(Int, missing)"])"#))
            #expect(probe.contains(#"superDecoder(): Optional(["super", "7"])"#))
            let list = try #require(probe.first { $0.hasPrefix("nested unkeyed list: ") })
            #expect(list.contains(#""count Optional(8)""#))
            #expect(list.contains(#""nil true", "Int? Optional(5)""#))
            // decodeIfPresent at the end moves the index on, as in JSONDecoder.
            #expect(list.contains(#""at end: Int valueNotFound(Int, list[9])", "at end: [Int]? nil", "at end: index 10""#))
        }

        @Test func specialTypesDecodeAsWithJSONDecodersDefaults() throws {
            struct Specials: Decodable, Equatable {
                var data: Data
                var url: URL
                var decimal: Decimal
                var date: Date
                var bytes: [UInt8]
                var ints: [Int: String]
            }
            let body = #"{"data":"AQID/w==","url":"https://ecs.aliyuncs.com/?a=1","decimal":12.345e3,"date":1.5,"bytes":[1,2,255],"ints":{"1":"a","20":"b"}}"#
            let theirs = try Differential.foundation(Specials.self, Array(body.utf8))
            #expect(try Self.ours(Specials.self, body) == theirs)
            #expect(theirs.data == Data([1, 2, 3, 255]))
            #expect(Differential.difference(Specials.self, body.replacingOccurrences(of: "AQID/w==", with: "not base64!")) == nil)
            #expect(Differential.difference(Specials.self, body.replacingOccurrences(of: #""1":"a""#, with: #""x":"a""#)) == nil)
            #expect(Differential.difference(Specials.self, body.replacingOccurrences(of: "12.345e3", with: "\"12\"")) == nil)
            #expect(Differential.difference(Specials.self, body.replacingOccurrences(of: "12.345e3", with: "null")) == nil)
            #expect(Differential.difference(Specials.self, body.replacingOccurrences(of: "\"AQID/w==\"", with: "null")) == nil)
            #expect(Differential.difference(Specials.self, body.replacingOccurrences(of: "\"AQID/w==\"", with: "[1]")) == nil)
        }

        /// Keeps its decoder, to read from it after the decode is over.
        final class KeepsDecoder: Decodable {
            let decoder: any Decoder
            init(from decoder: any Decoder) throws { self.decoder = decoder }
            func text() throws -> String {
                try decoder.container(keyedBy: AttachClassicLinkVpcResponse.CodingKeys.self).decode(String.self, forKey: .requestId)
            }
        }

        @Test func aDecoderKeptAfterTheDecodeReadsItsOwnCopy() throws {
            var body = Array(#"{"RequestId":"kept"}"#.utf8)
            let kept = try ResponseDecoder.decode(KeepsDecoder.self, from: body, format: .json)
            // The caller's bytes change (the same buffer: the array is uniquely referenced).
            body.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: UInt8(ascii: "#")) }
            #expect(body.first == UInt8(ascii: "#"))
            #expect(try kept.text() == "kept")
        }

        // MARK: Reasons

        @Test func reasonsNameThePathAndWhatWasFound() {
            #expect(Self.reason(DescribeInstancesResponse.self, #"{"RequestId":"x","TotalCount":1,"Instances":{"Instance":[{"InstanceId":"a","Status":7}]}}"#)
                == "Instances.Instance[0].Status: expected String, found 7")
            #expect(Self.reason(DescribeInstancesResponse.self, #"{"RequestId":"x","TotalCount":true}"#)
                == "TotalCount: expected Int32, found true")
            #expect(Self.reason(DescribeInstancesResponse.self, #"{"RequestId":{"a":1},"TotalCount":1}"#)
                == "RequestId: expected String, found an object")
            let long = String(repeating: "x", count: 100)
            #expect(Self.reason(DescribeInstancesResponse.self, #"{"RequestId":"x","TotalCount":"\#(long)"}"#)
                == "TotalCount: expected Int32, found \"\(long.prefix(64))…\"")
            #expect(Self.reason(DescribeInstancesResponse.self, #"{"RequestId":"x","TotalCount":1,"Instances":{"Instance":{}}}"#)
                == "Instances.Instance: expected a list, found an object")
            struct Pair: Decodable {
                init(from decoder: any Decoder) throws {
                    var list = try decoder.unkeyedContainer()
                    _ = try list.decode(Int.self)
                    _ = try list.decode(Int.self)
                }
            }
            #expect(Self.reason(Pair.self, "[1]") == "[1]: expected Int, but the list has ended")
            #expect(Self.reason(Pair.self, "[1, null]") == "[1]: expected Int, found null")
        }
    }
}

extension Array where Element == UInt8 {
    /// Four bytes at a time.
    fileprivate var chunks4: [ArraySlice<UInt8>] {
        stride(from: 0, to: count, by: 4).map { self[$0..<Swift.min($0 + 4, count)] }
    }
}
