import Foundation
import Testing

@testable import APIGenKit

/// `<generate>` in a product file: only the actions it names are generated (and only their
/// error codes and shared types), while every action file of the folder is still checked.
@Suite struct ActionSelectionTests {
    static func product(selecting actions: [String]) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <product name="P" version="2020-01-01" style="RPC" swiftModule="PKit" swiftPrefix="P">
          <title>P</title>
          <endpoints default="p.example.com"/>
          <generate>
        \(actions.map { "    <action name=\"\($0)\"/>" }.joined(separator: "\n"))
          </generate>
        </product>
        """
    }

    /// An action whose request holds a list of tags, the same shape in every action.
    static func action(_ name: String, errorCode: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <action name="\(name)" operationType="read">
          <summary>\(name).</summary>
          <request>
            <parameter name="Tag" type="array" style="repeatList">
              <items type="object">
                <parameter name="Key" type="string"/>
                <parameter name="Value" type="string"/>
              </items>
            </parameter>
          </request>
          <response>
            <field name="RequestId" type="string" required="true"/>
          </response>
          <errors>
            <error code="\(errorCode)" httpStatus="400"><message>m</message></error>
          </errors>
        </action>
        """
    }

    @Test func onlyTheSelectedActionsAndWhatTheyUseAreGenerated() throws {
        let folder = try SpecFolder([
            "P/product.xml": Self.product(selecting: ["Alpha", "Gamma"]),
            "P/Alpha.xml": Self.action("Alpha", errorCode: "Alpha.Failed"),
            "P/Beta.xml": Self.action("Beta", errorCode: "Beta.Failed"),
            "P/Gamma.xml": Self.action("Gamma", errorCode: "Gamma.Failed"),
        ])
        defer { folder.remove() }
        let result = try folder.pipeline.run()
        #expect(result.actionCount == 2)
        let files = Set(TestPaths.snapshot(of: folder.output).keys)
        #expect(files.contains("P/Alpha.swift") && files.contains("P/Gamma.swift"))
        #expect(files.contains("PServer/Alpha+Server.swift") && files.contains("PServer/Gamma+Server.swift"))
        #expect(!files.contains { $0.contains("Beta") })

        let errors = try String(contentsOfFile: folder.output + "/P/PErrors.swift", encoding: .utf8)
        #expect(errors.contains("\"Alpha.Failed\"") && errors.contains("\"Gamma.Failed\""))
        #expect(!errors.contains("Beta.Failed"))
        let client = try String(contentsOfFile: folder.output + "/P/PClient.swift", encoding: .utf8)
        #expect(client.contains("func alpha(") && client.contains("func gamma(") && !client.contains("func beta("))
        // Two selected actions share the tag shape: it is generated once, for them.
        let shapes = try String(contentsOfFile: folder.output + "/P/PShapes.swift", encoding: .utf8)
        #expect(shapes.contains("public struct Tag:"))
        #expect(shapes.contains("`Alpha.Tag`") && !shapes.contains("Beta"))
    }

    @Test func anActionSelectedOnceIsNotSharedWithTheUnselected() throws {
        let folder = try SpecFolder([
            "P/product.xml": Self.product(selecting: ["Alpha"]),
            "P/Alpha.xml": Self.action("Alpha", errorCode: "Alpha.Failed"),
            "P/Beta.xml": Self.action("Beta", errorCode: "Beta.Failed"),
        ])
        defer { folder.remove() }
        _ = try folder.pipeline.run()
        // With Beta left out, the tag shape is used in one place: it stays nested in Alpha's request.
        let shapes = try String(contentsOfFile: folder.output + "/P/PShapes.swift", encoding: .utf8)
        #expect(!shapes.contains("struct Tag"))
        let alpha = try String(contentsOfFile: folder.output + "/P/Alpha.swift", encoding: .utf8)
        #expect(alpha.contains("public struct Tag:"))
    }

    @Test func unselectedActionsAreStillChecked() throws {
        let folder = try SpecFolder([
            "P/product.xml": Self.product(selecting: ["Alpha"]),
            "P/Alpha.xml": Self.action("Alpha", errorCode: "Alpha.Failed"),
            "P/Beta.xml": Self.action("Beta", errorCode: "Beta.Failed")
                .replacingOccurrences(of: "<parameter name=\"Key\" type=\"string\"/>", with: "<parameter name=\"Key\" type=\"string\" minLength=\"5\" maxLength=\"2\"/>"),
        ])
        defer { folder.remove() }
        let diagnostics = try #require(folder.failingRun()).map(folder.relative)
        #expect(diagnostics.contains { $0.hasPrefix("P/Beta.xml:") && $0.contains("minLength 5 of 'Key' is above its maxLength 2") }, "\(diagnostics)")
    }

    @Test func selectingAnActionWithoutASpecIsAnErrorAtItsLine() throws {
        let folder = try SpecFolder([
            "P/product.xml": Self.product(selecting: ["Alpha", "Missing", "Alpha"]),
            "P/Alpha.xml": Self.action("Alpha", errorCode: "Alpha.Failed"),
        ])
        defer { folder.remove() }
        let diagnostics = try #require(folder.failingRun()).map(folder.relative)
        #expect(diagnostics == [
            "P/product.xml:7:5: error: <generate> selects action 'Missing', which has no spec in P",
            "P/product.xml:8:5: error: action 'Alpha' is already selected at line 6",
        ])
        #expect(!FileManager.default.fileExists(atPath: folder.output))
    }
}
