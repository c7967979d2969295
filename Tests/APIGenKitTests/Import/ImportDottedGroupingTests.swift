import Foundation
import Testing

@testable import APIGenKit

/// Parameters named `Filter.1.Key` and the like become one list or object parameter whose
/// wire names are unchanged.
@Suite struct ImportDottedGroupingTests {
    private func parameters(_ names: [(String, String)]) throws -> ImportFixture.Result {
        try ImportFixture.parameters(names.map { ImportFixture.parameter($0.0, $0.1) }.joined(separator: ","))
    }

    private let string = #"{"type": "string"}"#

    @Test func groupsNumberedMembersIntoAListOfObjects() throws {
        let result = try parameters([
            ("RegionId", #"{"type": "string", "required": true}"#),
            ("Filter.1.Key", #"{"type": "string", "description": "The key of filter 1.", "example": "CreationStartTime"}"#),
            ("Filter.2.Key", #"{"type": "string", "description": "The key of filter 2."}"#),
            ("Filter.1.Value", #"{"type": "string", "description": "The value of filter 1."}"#),
            ("Filter.2.Value", string),
            ("Filter.3.Key", string), ("Filter.3.Value", string), ("Filter.4.Key", string), ("Filter.4.Value", string),
            ("PageSize", #"{"type": "integer", "format": "int32"}"#),
        ])
        let action = try result.action()
        #expect(action.parameters.map(\.name) == ["RegionId", "Filter", "PageSize"])
        let filter = try action.parameter("Filter")
        #expect(filter.style == .repeatList)
        #expect(filter.type.constraints.maxItems == 4)
        #expect(!filter.isRequired)
        #expect(filter.members.map(\.name) == ["Key", "Value"])
        #expect(try filter.member("Key").description == "The key of filter 1.")
        #expect(try filter.member("Key").example == "CreationStartTime")
        #expect(try filter.member("Value").description == "The value of filter 1.")
        #expect(result.report.dottedParameterCount == 8)
        #expect(result.report.groupedDottedParameterCount == 8)
        #expect(result.report.dottedGroupCount == 1)
        #expect(try result.file("Ping.xml").contains("""
                <parameter name="Filter" type="array" required="false" style="repeatList" maxItems="4">
                  <items type="object">
                    <parameter name="Key" type="string" required="false" example="CreationStartTime">
                      <description>The key of filter 1.</description>
                    </parameter>
            """))
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func theGeneratedRequestSendsTheSameWireNames() throws {
        let result = try parameters([("Filter.1.Key", string), ("Filter.1.Value", string), ("Filter.2.Key", string), ("Filter.2.Value", string)])
        let folder = try SpecFolder(result.files.reduce(into: [:]) { $0["P/" + $1.key] = $1.value })
        defer { folder.remove() }
        let generated = try folder.pipeline.generate()
        let ping = try #require(generated.files.first { $0.relativePath.hasSuffix("Ping.swift") }).contents
        // The runtime flattens [Filter] as Filter.1.Key, Filter.1.Value, Filter.2.Key, …
        #expect(ping.contains(#"query.encode(self.filters, forKey: "Filter")"#))
        #expect(ping.contains(#"query.encode(self.key, forKey: prefix + ".Key")"#))
        // A collection's Swift name is plural; its wire name stays as Alibaba spells it.
        #expect(ping.contains("public var filters: [Filter]?"))
    }

    @Test func groupsNumberedValuesIntoAListOfThem() throws {
        let result = try parameters([("AddGroup.1", #"{"type": "string", "description": "A group.", "example": "all"}"#), ("AddGroup.2", string)])
        let group = try result.action().parameter("AddGroup")
        #expect(group.items?.type.kind == .string)
        #expect(group.type.constraints.maxItems == 2)
        #expect(group.description == "A group.")
        #expect(group.example == nil)
    }

    @Test func groupsNamedMembersIntoAnObject() throws {
        let result = try parameters([
            ("SystemDisk.Size", #"{"type": "integer", "format": "int32", "required": true}"#),
            ("SystemDisk.Category", string),
            ("Other", string),
        ])
        let disk = try result.action().parameter("SystemDisk")
        #expect(disk.style == .flat)
        #expect(disk.type.kindName == "object")
        #expect(disk.isRequired)
        #expect(disk.members.map(\.name) == ["Size", "Category"])
        #expect(try disk.member("Size").isRequired)
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func groupsToAnyDepth() throws {
        let result = try parameters([("A.1.B.1.C", string), ("A.1.B.2.C", string), ("A.2.B.1.C", string), ("A.2.B.2.C", string), ("A.1.D", string), ("A.2.D", string)])
        let a = try result.action().parameter("A")
        #expect(a.type.constraints.maxItems == 2)
        #expect(a.members.map(\.name) == ["B", "D"])
        let b = try a.member("B")
        #expect(b.type.constraints.maxItems == 2)
        #expect(b.style == .repeatList)
        #expect(b.members.map(\.name) == ["C"])
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test(arguments: [
        ([("DataDisk", #"{"type": "array", "items": {"type": "object", "properties": {"Size": {"type": "integer"}}}}"#), ("DataDisk.1.Size", #"{"type": "integer"}"#)],
         "a parameter named 'DataDisk' is listed too"),
        ([("X.1", #"{"type": "string"}"#), ("X.Y", #"{"type": "string"}"#)], "'X' has both numbered and named parts"),
        ([("X.Y", #"{"type": "string"}"#), ("X.Y.Z", #"{"type": "string"}"#)], "'X.Y' is both a value and has parts"),
        ([("X.1.A", #"{"type": "string"}"#), ("X.2.B", #"{"type": "string"}"#)], "'X.2' does not have the same parts as 'X.1'"),
        ([("X.1.A", #"{"type": "string"}"#), ("X.2.A", #"{"type": "integer"}"#)], "'X.2' does not have the same parts as 'X.1'"),
        ([("X..A", #"{"type": "string"}"#)], "'X..A' has an empty name part"),
    ])
    func leavesIrregularGroupsAsTheyAre(parameters: [(String, String)], reason: String) throws {
        let result = try self.parameters(parameters)
        #expect(try result.action().parameters.map(\.name) == parameters.map(\.0))
        let issues = result.issues(.irregularDottedGroup)
        #expect(issues.count == 1)
        #expect(issues.first?.message.hasSuffix(reason) == true, "\(issues)")
        #expect(result.report.groupedDottedParameterCount == 0)
        #expect(try result.semanticDiagnostics().isEmpty)
    }
}
