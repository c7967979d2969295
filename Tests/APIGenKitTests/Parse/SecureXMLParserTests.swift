import Foundation
import Testing

@testable import APIGenKit

/// libxml2 behind `SecureXMLParser`: well-formedness errors with their place, and the refusal
/// of anything that could reach outside the file (DOCTYPE, entities, external DTDs).
@Suite struct SecureXMLParserTests {
    private func parse(_ text: String, path: String = "Specs/P/Ping.xml") -> (document: SecureXMLParser.Document?, diagnostics: [Diagnostic]) {
        var diagnostics = DiagnosticCollector()
        let document = SecureXMLParser.parse(text, path: path, diagnostics: &diagnostics)
        return (document, diagnostics.diagnostics)
    }

    // MARK: Well-formed input

    @Test func wellFormedFileGivesTreeWithStartTagLocations() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- a comment -->
            <action name="Ping" operationType="read">
              <summary>Say <![CDATA[<hi>]]> &amp; &#x41;</summary>
              <request>
                <parameter name="A" type="string"/><parameter name="B" type="string"/>
              </request>
            </action>
            """
        let (document, diagnostics) = parse(text)
        #expect(diagnostics.isEmpty)
        let root = try #require(document?.root)
        #expect(root.name == "action")
        #expect(root.location.description == "Specs/P/Ping.xml:3:1")
        #expect(root.attribute("name")?.value == "Ping")
        #expect(root.attribute("operationType")?.location.description == "Specs/P/Ping.xml:3:21")
        // Comments are dropped; CDATA and references become text.
        #expect(root.child(named: "summary")?.text == "Say <hi> & A")
        let parameters = try #require(root.child(named: "request")?.children(named: "parameter"))
        #expect(parameters.map(\.location.description) == ["Specs/P/Ping.xml:6:5", "Specs/P/Ping.xml:6:40"])
        #expect(parameters.map { $0.attribute("name")?.location.description } == ["Specs/P/Ping.xml:6:16", "Specs/P/Ping.xml:6:51"])
    }

    @Test func startTagSpreadOverLinesIsLocatedAtItsFirstLine() throws {
        let text = """
            <action>
              <parameter
                  name="A"
                  type="string"/>
            </action>
            """
        let (document, diagnostics) = parse(text)
        #expect(diagnostics.isEmpty)
        let parameter = try #require(document?.root.child(named: "parameter"))
        #expect(parameter.location.description == "Specs/P/Ping.xml:2:3")
        #expect(parameter.attribute("type")?.location.description == "Specs/P/Ping.xml:4:7")
    }

    // MARK: Malformed input

    @Test func unclosedTagIsNotWellFormed() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <action name="Ping">
              <summary>Hi
            </action>
            """
        let (document, diagnostics) = parse(text)
        #expect(document == nil)
        let first = try #require(diagnostics.first)
        #expect(first.severity == .error)
        // libxml2 reports the place just past the end tag that does not match.
        #expect(first.location?.description == "Specs/P/Ping.xml:4:10")
        #expect(first.message.contains("Opening and ending tag mismatch: summary line 3 and action"))
        #expect(first.description.contains("not well-formed"))
        #expect(diagnostics.allSatisfy { $0.severity == .error && $0.hint == "the file is not well-formed XML" })
    }

    @Test func badCharacterReferenceIsNotWellFormed() throws {
        let text = """
            <action name="Ping">
              <summary>a &#0; b</summary>
            </action>
            """
        let (document, diagnostics) = parse(text)
        #expect(document == nil)
        let diagnostic = try #require(diagnostics.only)
        // Just past the reference `&#0;` (columns 14–17).
        #expect(diagnostic.location?.description == "Specs/P/Ping.xml:2:18")
        #expect(diagnostic.message.contains("invalid xmlChar value 0"))
        #expect(diagnostic.description.hasSuffix("(the file is not well-formed XML)"))
    }

    /// Columns count characters, not UTF-8 bytes: 中文中文 is 4 columns (12 bytes).
    @Test func columnsCountCharactersNotBytes() throws {
        let (_, diagnostics) = parse("<action>\n  <summary>中文中文 &#xD800; b</summary>\n</action>\n")
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.location?.description == "Specs/P/Ping.xml:2:25")
        #expect(diagnostic.message.contains("invalid xmlChar value 55296"))
    }

    @Test func undefinedEntityIsAnError() throws {
        let (document, diagnostics) = parse("<action>\n  <summary>&xxe;</summary>\n</action>")
        #expect(document == nil)
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.location?.description == "Specs/P/Ping.xml:2:17")
        #expect(diagnostic.message.contains("Entity 'xxe' not defined"))
    }

    @Test func emptyFileIsAnError() throws {
        let (document, diagnostics) = parse("")
        #expect(document == nil)
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.description == "Specs/P/Ping.xml:1:1")
    }

    // MARK: DOCTYPE, entities, external loads

    @Test func externalEntityIsRejectedWithoutReadingTheFile() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE action [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <action name="Ping" operationType="read">
              <summary>Hi</summary>
              <description>&xxe;</description>
            </action>
            """
        let (document, diagnostics) = parse(text)
        #expect(document == nil)
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.brief == "Specs/P/Ping.xml:2:1: error: DOCTYPE declarations are not allowed in spec files")
        let everything = diagnostics.map(\.description).joined(separator: "\n")
        #expect(!everything.contains("root:"))
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8)) ?? ""
        for line in passwd.split(separator: "\n").prefix(5) where line.count > 3 {
            #expect(!everything.contains(line))
        }
    }

    @Test func doctypeSpreadOverLinesIsReportedAtItsStart() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- comment -->
              <!DOCTYPE action [
              <!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd">
              %remote;
            ]>
            <action/>
            """
        let (document, diagnostics) = parse(text)
        #expect(document == nil)
        #expect(diagnostics.map(\.brief) == ["Specs/P/Ping.xml:3:3: error: DOCTYPE declarations are not allowed in spec files"])
    }

    @Test func billionLaughsIsRejectedFastWithoutExpanding() throws {
        var lines = ["<?xml version=\"1.0\"?>", "<!DOCTYPE action [", "  <!ENTITY lol \"lol\">"]
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            lines.append("  <!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">")
        }
        lines += ["]>", "<action name=\"Ping\" operationType=\"read\"><summary>&lol9;</summary></action>"]
        let clock = ContinuousClock()
        var result: (document: SecureXMLParser.Document?, diagnostics: [Diagnostic])?
        let elapsed = clock.measure { result = parse(lines.joined(separator: "\n")) }
        #expect(elapsed < .seconds(1))
        #expect(result?.document == nil)
        #expect(result?.diagnostics.map(\.brief) == ["Specs/P/Ping.xml:2:1: error: DOCTYPE declarations are not allowed in spec files"])
        #expect(result?.diagnostics.allSatisfy { !$0.description.contains("lollol") } == true)
    }

    @Test func externalDTDIsRejected() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE action SYSTEM "http://127.0.0.1:9/x.dtd">
            <action name="Ping" operationType="read"><summary>Hi</summary></action>
            """
        let clock = ContinuousClock()
        var result: (document: SecureXMLParser.Document?, diagnostics: [Diagnostic])?
        let elapsed = clock.measure { result = parse(text) }
        #expect(elapsed < .seconds(1))
        #expect(result?.document == nil)
        #expect(result?.diagnostics.map(\.brief) == ["Specs/P/Ping.xml:2:1: error: DOCTYPE declarations are not allowed in spec files"])
        #expect(result?.diagnostics.first?.hint?.contains("remove the <!DOCTYPE") == true)
    }

    /// Without a DOCTYPE, nothing names an entity, so nothing can be loaded: a reference to an
    /// external file in plain text stays text.
    @Test func noExternalLoadsWithoutDoctype() throws {
        let (document, diagnostics) = parse("<action><summary>file:///etc/passwd</summary></action>")
        #expect(diagnostics.isEmpty)
        #expect(document?.root.child(named: "summary")?.text == "file:///etc/passwd")
    }
}

extension Array {
    /// The single element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}
