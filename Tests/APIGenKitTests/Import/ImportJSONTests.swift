import Foundation
import Testing

@testable import APIGenKit

/// The order-keeping JSON reader and its `Decoder`.
@Suite struct ImportJSONTests {
    private func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try JSONReader.parse(Array(text.utf8))
    }

    @Test func keepsObjectKeysInDocumentOrder() throws {
        let value = try parse(#"{"b": 1, "a": 2, "c": {"z": true, "y": null}}"#)
        guard case .object(let entries) = value else { Issue.record("not an object"); return }
        #expect(entries.map(\.key) == ["b", "a", "c"])
        guard case .object(let inner) = entries[2].value else { Issue.record("not an object"); return }
        #expect(inner.map(\.key) == ["z", "y"])
    }

    @Test func keepsNumbersAsWritten() throws {
        #expect(try parse("9223372036854775807") == .number("9223372036854775807"))
        #expect(try parse("-1.5e3") == .number("-1.5e3"))
        #expect(try parse("0") == .number("0"))
        #expect(try parse("[1, 2.50]") == .array([.number("1"), .number("2.50")]))
    }

    @Test func decodesStringEscapes() throws {
        #expect(try parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
        // A lone surrogate cannot be text: it becomes U+FFFD instead of failing the import.
        #expect(try parse(#""x\ud800y""#) == .string("x\u{FFFD}y"))
        #expect(try parse("\"中文\"") == .string("中文"))
    }

    @Test func acceptsAByteOrderMark() throws {
        #expect(try JSONReader.parse([0xEF, 0xBB, 0xBF] + Array("true".utf8)) == .bool(true))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9),
        ("[1, 2", 1, 6),
        ("\"open", 1, 6),
        ("{\n  \"a\": tru\n}", 2, 8),
        ("01", 1, 2),
        ("{\"a\" 1}", 1, 6),
        ("\"tab\there\"", 1, 5),
        ("[1] x", 1, 5),
    ])
    func reportsSyntaxErrorsWithLineAndColumn(text: String, line: Int, column: Int) {
        do {
            _ = try parse(text)
            Issue.record("\(text) should not parse")
        } catch {
            #expect(error.line == line && error.column == column, "\(error)")
        }
    }

    @Test func refusesNestingBeyondTheLimitWithoutCrashing() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONSyntaxError.self) { try parse(deep) }
        let fine = String(repeating: "[", count: 500) + String(repeating: "]", count: 500)
        #expect(throws: Never.self) { try parse(fine) }
    }

    // MARK: Decoder

    private struct Model: Decodable {
        var entries: OrderedEntries<Int>
        var text: FlexibleText?
        var number: FlexibleText?
        var flag: FlexibleText?
        var list: FlexibleText?
        var strict: Lenient<Int>
        var bools: [LenientBool]
    }

    @Test func decodesModelsLenientlyAndInOrder() throws {
        let value = try parse(#"""
            {"entries": {"z": 1, "a": 2, "m": 3}, "text": "x", "number": 12345678901234567890, "flag": false,
             "list": [1], "strict": "not a number", "bools": [true, "TRUE", "false", 1, "yes"], "unknown": {"ignored": 1}}
            """#)
        let model = try JSONTreeDecoder().decode(Model.self, from: value)
        #expect(model.entries.keys == ["z", "a", "m"])
        #expect(model.entries["a"] == 2)
        #expect(model.text == .string("x"))
        #expect(model.number == .number("12345678901234567890"))
        #expect(model.flag?.text == "false")
        #expect(model.list == .other("array"))
        if case .invalid(let reason) = model.strict {
            #expect(reason.contains("strict"))
        } else {
            Issue.record("strict should be invalid")
        }
        #expect(model.bools == [.value(true), .value(true), .value(false), .invalid("'1'"), .invalid("'yes'")])
    }

    @Test func metadataThatIsNotJSONOrNotMetadataIsAnError() {
        #expect(throws: ImportError.self) { try AlibabaMetadata.decode(from: Data("{".utf8)) }
        #expect(throws: ImportError.self) { try AlibabaMetadata.decode(from: Data("[]".utf8)) }
        #expect(throws: ImportError.self) { try AlibabaMetadata.decode(from: Data(#"{"info": {}}"#.utf8)) }
    }

    @Test func anActionThatCannotBeReadIsKeptAsInvalid() throws {
        let metadata = try AlibabaMetadata.decode(from: Data(#"{"info": {}, "apis": {"A": {"parameters": 5}, "B": {}}}"#.utf8))
        #expect(metadata.apis.keys == ["A", "B"])
        #expect(metadata.apis["A"]?.value == nil)
        #expect(metadata.apis["B"]?.value != nil)
    }
}
