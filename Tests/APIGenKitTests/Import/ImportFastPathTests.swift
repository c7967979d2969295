import APIGenTestSupport
import Foundation
import Testing

@testable import APIGenKit

/// The importer's fast paths (a direct reader instead of `Decodable`, bytes instead of
/// characters or scalars) give exactly what the slower, obvious code gives: each is checked
/// here against that code on inputs chosen to find where bytes and characters part ways.
@Suite struct ImportFastPathTests {
    // MARK: Metadata: MetadataReader against Decodable

    /// Both ways of reading, as text: the same values (or the same error) give the same dump.
    private func readBothWays(_ json: String) -> (fast: String, reference: String) {
        func describe(_ read: () throws(ImportError) -> AlibabaMetadata) -> String {
            do {
                var text = ""
                dump(try read(), to: &text)
                return text
            } catch {
                return "error: \(error.message)"
            }
        }
        let data = Data(json.utf8)
        return (describe { () throws(ImportError) in try AlibabaMetadata.decode(from: data) },
                describe { () throws(ImportError) in try AlibabaMetadata.decodeWithDecoder(from: data) })
    }

    static let oddDocuments: [String] = [
        // Fine, with every kind of value in every place.
        #"""
        {"version": "1.0", "info": {"style": "RPC", "product": "Ecs", "version": "2014-05-26", "title": "T", "extra": [1]},
         "endpoints": [{"regionId": "a", "endpoint": "a.example.com"}, {"regionId": null, "endpoint": 5}, "x", null, {}],
         "components": {"schemas": {"S": {"type": "object", "properties": {"A": {"$ref": "#/components/schemas/S"}}}, "T": 3, "U": null}},
         "apis": {
           "A": {"title": 1, "summary": "s", "description": null, "deprecated": "TRUE", "operationType": true,
                 "systemTags": {"operationType": "get"}, "parameters": [
                   {"name": "P", "in": "query", "style": "repeatList", "schema": {"type": "array", "items": {"type": "string", "enum": ["a", 1, true, null, []]}}},
                   {"name": "Q", "schema": null}, 7, null,
                   {"name": "R", "schema": {"type": "object", "properties": {"X": {"type": "integer", "minimum": 1, "maximum": "9", "exclusiveMinimum": "yes",
                    "enumValueTitles": {"1": "one", "1": "uno", "2": null}, "additionalProperties": false, "required": 1, "example": {"a": 1}, "default": 2.50}}}}
                 ],
                 "responses": {"200": {"schema": {"type": "object", "properties": {"Id": {"type": "string"}, "Id": {"type": "integer"}, "L": {"type": "array", "items": 5}}}},
                               "400": "no", "500": {"schema": 4}},
                 "errorCodes": {"403": [{"errorCode": "X", "errorMessage": "m", "description": 1}, 3, {"errorCode": null}], "404": {"errorCode": "Y"}, "405": null},
                 "responseDemo": "[]", "requestParamsDescription": false, "responseParamsDescription": 12,
                 "staticInfo": {"substitutions": ["Ecs::2014-05-26::B", null, 3, {}], "noSubstitutionReason": "r"}},
           "B": {"parameters": {"not": "a list"}},
           "C": {"responses": [1]},
           "D": {"errorCodes": "x"},
           "E": {"systemTags": 1},
           "F": {"staticInfo": {"substitutions": "one"}},
           "G": {"parameters": [{"name": "P", "schema": {"properties": [1]}}]},
           "H": {"parameters": [{"name": "P", "schema": {"type": "object", "properties": {"Q": {"properties": "x"}}}}]},
           "I": {"parameters": [{"name": "P", "schema": {"type": "string", "enum": "a,b", "enumValueTitles": [1], "items": null}}]},
           "A": {"summary": "the last A counts"},
           "J": null, "K": 5, "L": [], "M": {}
         }}
        """#,
        // Not metadata at all, in each way the top level can fail (the first failure counts).
        #"[]"#,
        #"5"#,
        #"{}"#,
        #"{"info": {}}"#,
        #"{"apis": {}}"#,
        #"{"info": null, "apis": {}}"#,
        #"{"info": [], "apis": {}}"#,
        #"{"info": {"style": 1}, "apis": {}}"#,
        #"{"info": {"product": "P", "title": []}, "apis": {}}"#,
        #"{"version": 2, "info": {}, "apis": {}}"#,
        #"{"info": {}, "apis": null}"#,
        #"{"info": {}, "apis": []}"#,
        #"{"info": {}, "endpoints": {}, "apis": {}}"#,
        #"{"info": {}, "apis": {}, "components": []}"#,
        #"{"info": {}, "apis": {}, "components": {"schemas": []}}"#,
        #"{"info": {}, "apis": {}, "components": {"schemas": null}}"#,
        #"{"info": {"style": 1}, "apis": []}"#,
        #"{"info": {}, "apis": {"A": {"parameters": [1]}}, "components": {"schemas": {"S": {"properties": 1}}}}"#,
        #"{"info": {}, "info": {"product": 1}, "apis": {}}"#,
        #"{".a": 1, "info": {}, "apis": {".x": {"parameters": 1}}}"#,
    ]

    @Test(arguments: oddDocuments)
    func metadataReaderReadsWhatTheDecoderReads(json: String) {
        let (fast, reference) = readBothWays(json)
        #expect(fast == reference)
    }

    @Test(.cpuHeavy) func metadataReaderReadsTheUpstreamMetadataAsTheDecoderDoes() throws {
        let folder = TestPaths.repository.appendingPathComponent("../shared/specs-upstream").standardizedFileURL
        for name in ["ecs-2014-05-26.en_us.api-docs.json", "ecs-2014-05-26.zh_cn.api-docs.json"] {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
            let (fast, reference) = readBothWays(String(decoding: data, as: UTF8.self))
            #expect(fast == reference, "\(name)")
        }
    }

    // MARK: JSON strings

    @Test(arguments: [
        [0x22, 0xF0, 0x9F, 0x98, 0x22] as [UInt8],  // a 4-byte sequence cut after 3 bytes
        [0x22, 0x61, 0x5C, 0x6E, 0xE2, 0x82, 0x22],  // after an escape, cut after 2
        [0x22, 0xC0, 0xAF, 0x22],  // overlong
        [0x22, 0xED, 0xA0, 0x80, 0x22],  // a surrogate
        [0x22, 0xFF, 0x22],
    ])
    func invalidUTF8InAStringIsAnError(bytes: [UInt8]) {
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(bytes) }
    }

    @Test func validUTF8ReadsAsItself() throws {
        for text in ["", "a", "é", "中文", "😀 x", "\u{FFFD}", "a\u{301}", "\u{FEFF}x"] {
            let json = Array(("\"" + text + "\"").utf8)
            #expect(try JSONReader.parse(json) == .string(text))
            let escaped = Array(("\"\\n" + text + "\\t" + text + "\"").utf8)
            #expect(try JSONReader.parse(escaped) == .string("\n" + text + "\t" + text))
        }
    }

    // MARK: Text

    /// Where characters and bytes differ: combining marks on blanks, prepended marks before
    /// them, CR LF, lone CRs, non-ASCII white space.
    static let trickyTexts: [String] = [
        "", " ", "\t", "\n", "\r", "\r\n", "a", " a", "a ", " a ", "\ta\t", "a\nb", "a\r\nb", "a\rb", "a\r\r\nb\n\r",
        "  x\n\n    y  \n", "\n\n  a\n   b\n\n", "\t\tx\n\t y", " \u{301}x", "x \u{301}", "x\n \u{301}y\n  z", "é\u{301} ",
        "\u{600} x", "x\u{600} \n y", "\u{600}\u{600} ", "\u{A0}x\u{A0}", "\u{3000}x", "x\u{3000}", "\u{85}x", " \u{200D}x",
        "中文 \n  中文", "  中文\n  b", " 😀 \n  😀", "a\u{301}\n b", "\t \u{308}", "\u{1F1E6} \u{1F1E8}\n x", " \r\n x", "\r\n \u{301}",
        "x \n", "  \n  ", " \t \n\t", "a\u{FFFE}b", "a\u{0}b", "\u{1F}x ",
    ]

    /// Byte by byte where that gives the same, character by character otherwise: the result is
    /// always that of the character-by-character code (which `ImportUpstreamTests` compares
    /// with `SpecText` on every text of the upstream metadata).
    @Test func normalizeIsTheCharacterByCharacterNormalize() {
        for text in Self.trickyTexts {
            let reference = ImportText.normalizeCharacters(text)
            #expect(ImportText.normalize(text) == reference, "\(text.debugDescription)")
            #expect(MetadataImporter.normalized(text) == (reference.allSatisfy(\.isWhitespace) ? nil : reference), "\(text.debugDescription)")
        }
    }

    @Test func byteChecksAreTheScalarChecks() {
        let names = Self.trickyTexts + ["Ecs", "ecs.aliyuncs.com", "A-b_c.d", "a b", "a\u{FFFF}", "a\u{FFFD}", "a\u{7F}", "\u{EFFF}", "é"]
        for text in names {
            #expect(ActionConverter.isAllowedInXML(text) == text.unicodeScalars.allSatisfy(XMLEscaping.isAllowed), "\(text.debugDescription)")
            let usable = !text.isEmpty && text.unicodeScalars.allSatisfy { XMLEscaping.isAllowed($0) && !" \t\n\r".unicodeScalars.contains($0) }
            #expect(MetadataImporter.isUsableWireName(text) == usable, "\(text.debugDescription)")
            if ActionConverter.hasNoBlankEnds(text) {
                #expect(text.first?.isWhitespace == false && text.last?.isWhitespace == false, "\(text.debugDescription)")
                #expect(text.trimmingCharacters(in: .whitespaces) == text, "\(text.debugDescription)")
            }
        }
    }

    @Test func fileNamesAndDecimalsAreCheckedAsTheirPatternsSay() {
        let names = ["Ping", "DescribeInstances", "a", "9", "_a", "-a", ".a", "a.b-c_d", "a b", "a/b", "..", "product", "Product",
                     "PRODUCT", "product2", "", "é", "a\u{301}", "a\r\n", "a\n", "Ａ", "a\u{0}", "a-"]
        for name in names {
            let expected = name.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9_.\-]*/) != nil && name.lowercased() != "product"
            #expect(MetadataImporter.isSafeFileName(name) == expected, "\(name.debugDescription)")
        }
        let numbers = ["0", "-0", "12", "1.", "1.5", ".5", "-.5", "-", ".", "", "1e3", "1.2.3", "--1", "+1", " 1", "1 ", "٣", "1٣", "0x1", "00", "-1.", "1..", "-.", ".-5"]
        for number in numbers {
            let expected = number.wholeMatch(of: /-?(\d+(\.\d*)?|\.\d+)/) != nil
            #expect(ActionConverter.isPlainDecimal(number) == expected, "\(number.debugDescription)")
        }
    }

    // MARK: XML

    /// `XMLBuilder.text` as it was written before it worked on bytes.
    private func referenceText(_ name: String, _ text: String, depth: Int) -> String {
        let indentation = String(repeating: "  ", count: depth)
        if !text.contains("\n") {
            return indentation + "<" + name + ">" + XMLEscaping.text(text) + "</" + name + ">\n"
        }
        var result = indentation + "<" + name + ">\n"
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            result += (line.isEmpty ? "" : indentation + "  " + XMLEscaping.text(String(line))) + "\n"
        }
        return result + indentation + "</" + name + ">\n"
    }

    @Test func theBuilderEscapesAsXMLEscapingDoes() {
        let texts = Self.trickyTexts + ["a & b < c > d \"e\" 'f'", "\u{FFFE}\u{FFFF}\u{FFFD}\u{EFFF}x", "\u{1}\u{8}\u{B}\u{C}\u{1F}", "]]>", "&amp;", "a\tb\nc\rd"]
        for text in texts {
            var builder = XMLBuilder()
            builder.open("a")
            builder.text("t", text)
            builder.verbatim("v", text, attributes: [("x", text), ("y", "plain")])
            builder.close("a")
            let expected = "<a>\n" + referenceText("t", text, depth: 1)
                + "  <v x=\"" + XMLEscaping.attribute(text) + "\" y=\"plain\">" + XMLEscaping.text(text) + "</v>\n</a>\n"
            #expect(builder.result == expected, "\(text.debugDescription)")
        }
    }
}
