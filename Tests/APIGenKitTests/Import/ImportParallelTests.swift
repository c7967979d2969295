import APIGenTestSupport
import Foundation
import Testing

@testable import APIGenKit

/// Actions are converted, named, checked and written as XML on every core, and files are
/// written several at a time: none of it may show in what an import produces or reports.
@Suite struct ImportParallelTests {
    /// Many actions (more than the chunks work is split into), each with odd items of its own
    /// that the report names it by: names with spaces around them, unknown types, dotted groups,
    /// Swift names to add, an unreadable parameter; no two actions collide with each other.
    static func manyActions(_ count: Int = 150) -> String {
        let apis = (0..<count).map { index -> (name: String, json: String) in
            let parameters = [
                ImportFixture.parameter(" Region\(index) ", #"{"type": "string", "required": true}"#),
                ImportFixture.parameter("Filter.1.Key", #"{"type": "string"}"#),
                ImportFixture.parameter("Filter.1.Value", #"{"type": "string"}"#),
                ImportFixture.parameter("Filter.2.Key", #"{"type": "string"}"#),
                ImportFixture.parameter("Filter.2.Value", #"{"type": "string"}"#),
                ImportFixture.parameter("Odd\(index)", #"{"type": "mystery\#(index)"}"#),
                ImportFixture.parameter("Key", #"{"type": "string"}"#),
                ImportFixture.parameter("key", #"{"type": "integer", "format": "int32", "minimum": "\#(index)", "maximum": "\#(index + 10)"}"#),
                "\(index)",
            ]
            let json = #"""
                {"summary": "Action \#(index)  ", "description": "  Line one\n    line two \#(index)\n", "deprecated": \#(index % 3 == 0),
                 "parameters": [\#(parameters.joined(separator: ", "))],
                 "responses": {"200": {"schema": {"type": "object", "properties": {
                    "RequestId": {"type": "string"}, "Items\#(index)": {"type": "array", "items": {"type": "object", "properties": {"Id": {"type": "string"}, "id": {"type": "long"}}}},
                    "Free": {"type": "object"}}}}},
                 "errorCodes": {"400": [{"errorCode": "Invalid.Param", "errorMessage": "bad \#(index)"}], "4003": [{"errorCode": "Invalid-Param", "errorMessage": "odd"}]}}
                """#
            return (String(format: "Action%03d", index), json)
        }
        return ImportFixture.document(apis, endpoints: #"[{"regionId": "b", "endpoint": "b.example.com"}, {"regionId": "a", "endpoint": "a.example.com"}]"#)
    }

    @Test func repeatedImportsGiveTheSameFilesAndReport() throws {
        let document = Self.manyActions()
        let first = try ImportFixture.convert(document)
        #expect(first.files.count == 151)
        #expect(first.report.issues == first.report.issues.sorted())
        #expect(Set(first.report.issues).count == first.report.issues.count)
        for _ in 0..<5 {
            let again = try ImportFixture.convert(document)
            #expect(again.files == first.files)
            #expect(again.report.issues == first.report.issues)
            #expect(again.report.dottedParameterCount == first.report.dottedParameterCount)
            #expect(again.report.groupedDottedParameterCount == first.report.groupedDottedParameterCount)
            #expect(again.report.deprecatedActionCount == first.report.deprecatedActionCount)
        }
    }

    /// Each action's file and odd items are what importing that action alone gives: results
    /// land where they belong, however the work was split.
    @Test(.cpuHeavy) func eachActionComesOutAsWhenImportedAlone() throws {
        let document = Self.manyActions()
        let all = try ImportFixture.convert(document)
        #expect(all.report.dottedParameterCount == 150 * 4)
        #expect(all.report.deprecatedActionCount == 50)
        for index in stride(from: 0, to: 150, by: 7) {
            let name = String(format: "Action%03d", index)
            let alone = try ImportFixture.convert(document, options: ImportOptions(actions: [name]))
            #expect(try alone.file(name + ".xml") == all.file(name + ".xml"))
            #expect(alone.report.issues.filter { $0.action == name } == all.report.issues.filter { $0.action == name })
            #expect(all.report.issues.contains { $0.action == name && $0.kind == .whitespaceTrimmed })
            #expect(all.report.issues.contains { $0.action == name && $0.kind == .unknownType && $0.message.contains("mystery\(index)") })
        }
        // The report lists issues action by action, in name order.
        let actions = all.report.issues.compactMap(\.action)
        #expect(actions == actions.sorted())
    }

    @Test func writingManyFilesAtOnceWritesEachOnceAndLeavesNothingElse() throws {
        let base = try TestPaths.makeTemporaryFolder("apigen-import-parallel")
        defer { TestPaths.removeTemporaryFolder(base) }
        let metadata = base.appendingPathComponent("api-docs.json")
        try Data(Self.manyActions().utf8).write(to: metadata)
        let output = base.appendingPathComponent("Specs/Ecs").path
        let importer = MetadataImport(configuration: ImportConfiguration(metadataPath: metadata.path, outputFolder: output))
        let planned = try importer.plan().files
        let report = try importer.run()
        #expect(report.written == planned.map(\.name))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output).sorted() == planned.map(\.name).sorted())
        for file in planned {
            #expect(FileManager.default.contents(atPath: (output as NSString).appendingPathComponent(file.name)) == Data(file.contents.utf8))
        }
        let again = try importer.run()
        #expect(again.written.isEmpty)
        #expect(again.unchanged == planned.map(\.name))
    }

    /// The semantic validator checks actions' members on every core; its diagnostics come in
    /// the order checking one action after the other gives: an action's product-wide findings,
    /// then its own, then the next action's.
    @Test func validationFindingsComeInActionOrder() throws {
        func action(_ name: String, swiftName: String? = nil, collide: Bool) -> String {
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <action name="\(name)"\(swiftName.map { " swiftName=\"\($0)\"" } ?? "") operationType="read">
              <summary>S</summary>
              <request>
                <parameter name="FilterKey" type="string" required="false"/>
            \(collide ? "    <parameter name=\"Filter.Key\" type=\"string\" required=\"false\"/>" : "")
              </request>
              <response/>
            </action>
            """
        }
        let (product, readDiagnostics) = try SpecFixture.product(actions: [
            ("A.xml", action("A", collide: true)), ("B.xml", action("B", collide: false)),
            ("C.xml", action("C", swiftName: "A", collide: true)), ("D.xml", action("D", collide: true)),
        ])
        #expect(readDiagnostics.isEmpty)
        var first: [String]?
        for _ in 0..<10 {
            var validator = SemanticValidator()
            validator.validate([product])
            let found = validator.diagnostics.diagnostics.map(\.brief)
            if let first { #expect(found == first) } else { first = found }
        }
        let found = try #require(first)
        let files = found.map { String($0.prefix { $0 != ":" }) }
        #expect(files.first == "P/A.xml")
        #expect(files.last == "P/D.xml")
        #expect(files == files.sorted(), "\(found)")
        let fromC = found.filter { $0.hasPrefix("P/C.xml") }
        #expect(fromC.count >= 2)
        #expect(fromC.last?.contains("both become the Swift name") == true, "\(fromC)")
        #expect(fromC.dropLast().allSatisfy { !$0.contains("both become the Swift name") }, "\(fromC)")
    }
}
