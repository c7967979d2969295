import Foundation
import Testing

@testable import APIGenKit

/// Every Swift name apigen writes is valid or a `file:line` error (issue 15, item 7).
@Suite struct KeywordNameTests {
    static func items(swiftName: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <action name="Ping" operationType="read">
          <summary>S</summary>
          <request>
            <parameter name="Things" type="array" style="repeatList">
              <items type="object" swiftName="\(swiftName)">
                <parameter name="Name" type="string"/>
              </items>
            </parameter>
          </request>
          <response/>
        </action>
        """
    }

    /// `swiftName="false"` on `<items>` gave `public struct false`.
    @Test(arguments: ["false", "true", "nil", "class", "default", "Any", "struct", "in", "is"])
    func aTypeNamedWithAKeywordIsAnErrorWithASuggestion(keyword: String) throws {
        let diagnostics = try SpecFixture.semanticDiagnostics(action: Self.items(swiftName: keyword))
        let suggestion = SemanticValidator.suggestedTypeName(keyword)
        #expect(diagnostics == [
            "P/Ping.xml:5:5: error: 'Things' would declare the nested type '\(keyword)', a Swift keyword",
        ], "\(diagnostics)")
        #expect(!SwiftNaming.keywords.contains(suggestion) && SwiftNaming.isValidIdentifier(suggestion))
    }

    @Test func aWireNameThatBecomesAKeywordTypeIsAnErrorToo() throws {
        let diagnostics = try SpecFixture.semanticDiagnostics(action: """
            <?xml version="1.0" encoding="UTF-8"?>
            <action name="Ping" operationType="read">
              <summary>S</summary>
              <request>
                <parameter name="any" type="object" style="flat">
                  <parameter name="Name" type="string"/>
                </parameter>
              </request>
              <response/>
            </action>
            """)
        #expect(diagnostics == ["P/Ping.xml:5:5: error: 'any' would declare the nested type 'Any', a Swift keyword"])
    }

    /// Names that even backticks cannot declare still get a trailing underscore.
    @Test(arguments: ["Self", "Type", "Protocol", "init"])
    func undeclarableTypeNamesAreRenamedNotRefused(name: String) throws {
        #expect(try SpecFixture.semanticDiagnostics(action: Self.items(swiftName: name)).isEmpty)
    }

    /// Tests/Keywords/Specs: keywords as parameters, fields, nested members, enum values, error
    /// codes (the action's and the product's) and client methods. It generates without a
    /// diagnostic, and each keyword is written escaped; .ci/check-keywords.sh type-checks it.
    @Test func keywordsEverywhereGenerateEscaped() throws {
        let specs = TestPaths.repository.appendingPathComponent("Tests/Keywords/Specs").path
        let pipeline = GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: specs, templatesFolder: TestPaths.templates, schemaPath: TestPaths.schema))
        let result = try pipeline.generate()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let everything = try #require(result.files.first { $0.relativePath == "Keywords/Everything.swift" }).contents
        for declaration in ["public var `class`: String?", "public var `true`: String?", "public var `nil`: String?", "public var self_: String?"] {
            #expect(everything.contains(declaration), "\(declaration)")
        }
        for line in everything.split(separator: "\n") {
            for keyword in ["false", "true", "nil", "class", "default", "in", "is", "case"] {
                #expect(!line.contains("public var \(keyword):") && !line.contains("case \(keyword)(") && !line.contains("static let \(keyword) "),
                        "unescaped '\(keyword)': \(line)")
            }
        }
        let client = try #require(result.files.first { $0.relativePath == "Keywords/KwClient.swift" }).contents
        #expect(client.contains("public func `class`("))
        #expect(client.contains("public func `default`("))
        #expect(client.contains("public func init_("))
    }
}
