import Foundation
import Testing

@testable import APIGenKit

/// `SchemaValidator`: XSD violations, each at the element's start tag or at the attribute the
/// message names.
@Suite struct SchemaValidatorTests {
    /// Schema diagnostics for `text` as `P/Ping.xml` (the file must be well-formed).
    private func violations(_ text: String) throws -> [Diagnostic] {
        var parseDiagnostics = DiagnosticCollector()
        let document = try #require(SecureXMLParser.parse(text, path: "P/Ping.xml", diagnostics: &parseDiagnostics), "\(parseDiagnostics.diagnostics)")
        var diagnostics = DiagnosticCollector()
        try SpecFixture.schema().validate(document, diagnostics: &diagnostics)
        return diagnostics.diagnostics
    }

    /// An action file whose `<request>` holds `request` (its first line is line 5).
    private func action(request: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <action name="Ping" operationType="read">
          <summary>S</summary>
          <request>
        \(request)
          </request>
          <response/>
        </action>
        """
    }

    @Test func unknownTypeValueIsReportedAtTheAttribute() throws {
        let diagnostics = try violations(action(request: "    <parameter name=\"P\" type=\"strin\"/>"))
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.severity == .error)
        #expect(diagnostic.location?.description == "P/Ping.xml:5:25")
        #expect(diagnostic.message.contains("Element 'parameter', attribute 'type'"))
        #expect(diagnostic.message.contains("'strin' is not an element of the set"))
        // Schema-internal noise is taken out.
        #expect(!diagnostic.message.contains("[facet"))
        #expect(diagnostic.hint == "the spec format is defined in \(TestPaths.schema)")
    }

    @Test func attributeOnALaterLineOfTheTagIsFound() throws {
        let diagnostics = try violations(action(request: "    <parameter name=\"P\"\n               type=\"strin\"/>"))
        #expect(diagnostics.map { $0.location?.description } == ["P/Ping.xml:6:16"])
    }

    @Test func missingRequiredAttributeIsReportedAtTheElement() throws {
        let diagnostics = try violations(action(request: "    <parameter type=\"string\"/>"))
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.location?.description == "P/Ping.xml:5:5")
        #expect(diagnostic.message.contains("Element 'parameter': The attribute 'name' is required but missing"))
    }

    /// A missing attribute has no place of its own: the error belongs at its element, never at
    /// an attribute of the same name in a sibling or child written on the same line.
    @Test(arguments: [
        ("    <parameter type=\"string\"/><parameter name=\"Q\" type=\"string\"/>", "'name' is required but missing"),
        ("    <parameter name=\"Ids\"><items type=\"string\"/></parameter>", "'type' is required but missing"),
    ])
    func missingAttributeWithSameNameLaterOnTheLine(request: String, message: String) throws {
        let diagnostics = try violations(action(request: request))
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.message.contains(message))
        #expect(diagnostic.location?.description == "P/Ping.xml:5:5")
    }

    @Test func unknownElementIsReportedAtItsStartTag() throws {
        let diagnostics = try violations(action(request: "    <parameter name=\"P\" type=\"string\"/>\n      <bogus/>"))
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.location?.description == "P/Ping.xml:6:7")
        #expect(diagnostic.message.contains("Element 'bogus': This element is not expected"))
    }

    @Test func unknownAttributeIsReportedAtTheAttribute() throws {
        let diagnostics = try violations(action(request: "    <parameter name=\"P\" type=\"string\" requried=\"true\"/>"))
        let diagnostic = try #require(diagnostics.only)
        #expect(diagnostic.location?.description == "P/Ping.xml:5:39")
        #expect(diagnostic.message.contains("attribute 'requried'"))
        #expect(diagnostic.message.contains("not allowed"))
    }

    @Test func elementsOutOfOrderAreReported() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <action name="Ping" operationType="read">
              <request/>
              <summary>S</summary>
              <response/>
            </action>
            """
        let diagnostic = try #require(try violations(text).only)
        #expect(diagnostic.location?.description == "P/Ping.xml:3:3")
        #expect(diagnostic.message.contains("Element 'request': This element is not expected. Expected is ( summary )"))
    }

    @Test func badHTTPStatusIsReportedAtTheAttribute() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <action name="Ping" operationType="read">
              <summary>S</summary>
              <request/>
              <response/>
              <errors>
                <error code="A" httpStatus="abc"><message>m</message></error>
                <error code="B" httpStatus="400 99"><message>m</message></error>
                <error code="C" httpStatus="10000"><message>m</message></error>
                <error code="D"><message>m</message></error>
              </errors>
            </action>
            """
        let diagnostics = try violations(text)
        #expect(diagnostics.allSatisfy { $0.severity == .error })
        let byLine = Dictionary(grouping: diagnostics) { $0.location?.line ?? 0 }
        #expect(byLine.keys.sorted() == [7, 8, 9, 10])
        #expect(byLine[7]?.allSatisfy { $0.location?.column == 21 } == true)
        #expect(byLine[7]?.contains { $0.message.contains("attribute 'httpStatus': 'abc' is not a valid value") } == true)
        #expect(byLine[8]?.allSatisfy { $0.location?.column == 21 } == true)
        #expect(byLine[8]?.contains { $0.message.contains("The value '99' is less than the minimum value allowed ('100')") } == true)
        #expect(byLine[9]?.contains { $0.message.contains("The value '10000' is greater than the maximum value allowed ('9999')") } == true)
        #expect(byLine[10]?.map { $0.location?.description } == ["P/Ping.xml:10:5"])
        #expect(byLine[10]?.first?.message.contains("The attribute 'httpStatus' is required but missing") == true)
        #expect(diagnostics.allSatisfy { !$0.message.contains("[facet") })
    }

    @Test func badProductVersionIsReportedAtTheAttribute() throws {
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <product name="P" version="2020-1-1" style="RPC" swiftModule="PKit" swiftPrefix="P">
              <title>P</title>
              <endpoints default="p.example.com"/>
            </product>
            """
        let diagnostics = try violations(text)
        #expect(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.location?.description == "P/Ping.xml:2:19" })
        #expect(diagnostics.contains { $0.message.contains("attribute 'version'") && $0.message.contains("'2020-1-1'") })
    }

    @Test func everyViolationOfAFileIsReported() throws {
        let diagnostics = try violations(action(request: """
                <parameter name="A" type="strin"/>
                <parameter type="string"/>
                <parameter name="C" type="integer" required="maybe"/>
            """))
        #expect(diagnostics.map { $0.location?.description ?? "" }.sorted() == ["P/Ping.xml:5:25", "P/Ping.xml:6:5", "P/Ping.xml:7:40"])
    }

    @Test(arguments: ["Ecs/product.xml", "Ecs/AttachClassicLinkVpc.xml"])
    func repositorySpecsAreValid(file: String) throws {
        let path = (TestPaths.specs as NSString).appendingPathComponent(file)
        #expect(try violations(String(contentsOfFile: path, encoding: .utf8)).isEmpty)
    }

    @Test(arguments: ["Bare/product.xml", "Bare/Ping.xml", "Nasty/product.xml", "Nasty/Empty.xml", "Nasty/Injection.xml"])
    func goldenSpecsAreValid(file: String) throws {
        let path = (TestPaths.goldenSpecs as NSString).appendingPathComponent(file)
        #expect(try violations(String(contentsOfFile: path, encoding: .utf8)).isEmpty)
    }

    // MARK: The schema itself

    @Test func brokenSchemaIsReportedAgainstTheSchemaFile() throws {
        let text = """
            <?xml version="1.0"?>
            <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
              <xs:element name="a" type="NoSuchType"/>
            </xs:schema>
            """
        do {
            _ = try SchemaValidator(schemaText: text, schemaPath: "bad.xsd")
            Issue.record("a schema naming an undefined type should not compile")
        } catch {
            #expect(!error.diagnostics.isEmpty)
            #expect(error.diagnostics.allSatisfy { $0.severity == .error && $0.location?.file == "bad.xsd" })
            #expect(error.diagnostics.contains { $0.message.hasPrefix("invalid schema: ") && $0.message.contains("NoSuchType") })
        }
    }

    @Test func schemaThatIsNotXMLIsReported() throws {
        do {
            _ = try SchemaValidator(schemaText: "not a schema", schemaPath: "bad.xsd")
            Issue.record("text that is not XML should not compile as a schema")
        } catch {
            #expect(!error.diagnostics.isEmpty)
            #expect(error.diagnostics.allSatisfy { $0.location?.file == "bad.xsd" })
        }
    }

    @Test func rephraseDropsFacetMarkers() {
        #expect(SchemaValidator.rephrase("Element 'p', attribute 'type': [facet 'enumeration'] The value 'x' is bad.") == "Element 'p', attribute 'type': The value 'x' is bad.")
        #expect(SchemaValidator.rephrase("[facet 'pattern'] The value 'a b' is not accepted by the pattern '[^\\s]+'.") == "The value 'a b' is not accepted by the pattern '[^\\s]+'.")
        #expect(SchemaValidator.rephrase("[facet 'minInclusive'] x [facet 'maxInclusive'] y [facet 'minLength'] z") == "x y z")
        #expect(SchemaValidator.rephrase("plain") == "plain")
    }
}
