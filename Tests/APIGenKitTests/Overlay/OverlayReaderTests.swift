import Foundation
import Testing

@testable import APIGenKit

/// `overlay.xml` is checked by the spec schema and read into a `ProductOverlay`; every problem
/// names the file's line.
@Suite struct OverlayReaderTests {
    @Test func readsEveryKindOfEntryWithItsLine() throws {
        let overlay = try OverlayFixture.load("""
              <merge action="RunInstances" path="request.SystemDisk"/>
              <member action="*" path="request.Password" sensitive="true"/>
              <member action="DescribeInstances" path="request.InstanceIds" type="array" items="string" style="json"/>
              <member action="A" path="response.List.Item.Key" swiftName="legacyKey" deprecated="  Use `key`. " required="false"/>
              <enumeration name="InstanceStatus">
                <value description="Being created.">Pending</value>
                <value swiftName="isRunning">Running</value>
                <use action="DescribeInstances" path="response.Instances.Instance.Status"/>
              </enumeration>
            """)
        #expect(overlay.product == "Ecs")
        #expect(overlay.merges.map(\.target.action) == ["RunInstances"])
        #expect(overlay.merges[0].target.path.parts == ["SystemDisk"])
        #expect(overlay.merges[0].target.location.line == 3)

        #expect(overlay.memberChanges.count == 3)
        let password = overlay.memberChanges[0]
        #expect(password.target.isWildcard)
        #expect(password.isSensitive == true)
        #expect(password.swiftName == nil && password.type == nil && password.deprecation == nil)
        #expect(overlay.memberChanges[1].type == .list(of: .string))
        #expect(overlay.memberChanges[1].style == .json)
        let key = overlay.memberChanges[2]
        #expect(key.target.path.side == .response)
        #expect(key.target.path.parts == ["List", "Item", "Key"])
        #expect(key.swiftName == "legacyKey")
        #expect(key.deprecation == Deprecation(message: "Use `key`."))
        #expect(key.isRequired == false)
        #expect(key.target.location.line == 6)

        let status = try #require(overlay.enumerations.first)
        #expect(status.name == "InstanceStatus")
        #expect(status.values.map(\.value) == ["Pending", "Running"])
        #expect(status.values[0].description == "Being created.")
        #expect(status.values[1].swiftName == "isRunning")
        #expect(status.uses.map(\.path.description) == ["response.Instances.Instance.Status"])
        #expect(status.uses[0].location.line == 10)
        #expect(overlay.entryCount == 5)
    }

    @Test func schemaProblemsNameTheLine() {
        let problems = OverlayFixture.readingProblems("""
              <member action="A" path="request.X" swiftname="x"/>
              <member action="A" path="Status" sensitive="true"/>
              <merge action="A" path="response.X"/>
              <member action="A B" path="request.X" sensitive="yes"/>
            """)
        #expect(problems.contains { $0.hasPrefix("3: ") && $0.contains("swiftname") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("4: ") && $0.contains("Status") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("5: ") && $0.contains("response.X") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("6: ") && $0.contains("A B") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("6: ") && $0.contains("yes") }, "\(problems)")
    }

    @Test func aMemberEntryMustChangeSomethingThatFits() {
        #expect(OverlayFixture.readingProblems(#"<member action="A" path="request.X"/>"#) == ["3: this <member> changes nothing"])
        #expect(OverlayFixture.readingProblems(#"<member action="A" path="request.X" type="array"/>"#)
            == ["3: type=\"array\" needs the type of its elements"])
        #expect(OverlayFixture.readingProblems(#"<member action="A" path="request.X" items="string"/>"#)
            == ["3: items=\"string\" needs type=\"array\""])
        #expect(OverlayFixture.readingProblems(#"<member action="A" path="request.X" type="integer" items="string"/>"#)
            == ["3: items=\"string\" applies to type=\"array\" only"])
        #expect(OverlayFixture.readingProblems(#"<member action="A" path="request.X..Y" sensitive="true"/>"#)
            == ["3: 'request.X..Y' is not a member path"])
    }

    @Test func anEnumerationListsEachValueOnceAndIsUsed() {
        #expect(OverlayFixture.readingProblems("""
              <enumeration name="S">
                <value>On</value>
                <value>On</value>
                <use action="A" path="request.S"/>
              </enumeration>
            """) == ["5: the value 'On' is already listed at line 4"])
        // Without a use, or without values, the schema says so.
        #expect(!OverlayFixture.readingProblems(#"<enumeration name="S"><value>On</value></enumeration>"#).isEmpty)
        #expect(!OverlayFixture.readingProblems(#"<enumeration name="S"><use action="A" path="request.S"/></enumeration>"#).isEmpty)
    }

    @Test func aSelectionListsEachActionOnceInOneGenerate() throws {
        let overlay = try OverlayFixture.load("""
              <generate>
                <action name="RunInstances"/>
                <action name="DescribeInstances"/>
              </generate>
            """)
        #expect(overlay.selection?.actions.map(\.name) == ["RunInstances", "DescribeInstances"])
        #expect(overlay.selection?.actions.map(\.location.line) == [4, 5])
        #expect(overlay.selection?.location.line == 3)
        #expect(overlay.entryCount == 2)

        #expect(OverlayFixture.readingProblems("""
              <generate>
                <action name="RunInstances"/>
                <action name="RunInstances"/>
              </generate>
            """) == ["5: the action 'RunInstances' is already listed at line 4"])
        #expect(OverlayFixture.readingProblems("""
              <generate><action name="RunInstances"/></generate>
              <generate><action name="DescribeInstances"/></generate>
            """) == ["4: the actions to generate are already listed at line 3"])
        // An empty selection would generate nothing: the schema refuses it.
        #expect(!OverlayFixture.readingProblems("<generate/>").isEmpty)
    }

    @Test func theRootMustBeAnOverlayForAProduct() throws {
        let folder = try TestPaths.makeTemporaryFolder("apigen-overlay-root")
        defer { TestPaths.removeTemporaryFolder(folder) }
        let path = folder.appendingPathComponent("overlay.xml").path
        try Data(#"<?xml version="1.0"?>\#n<product name="Ecs"/>\#n"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try OverlayReader.load(path: path, schemaPath: TestPaths.schema)
        } throws: { error in
            let diagnostics = (error as? DiagnosticsError)?.diagnostics ?? []
            return diagnostics.map(\.description) == ["\(path):2:1: error: unexpected root element <product> (overlay.xml must hold an <overlay>)"]
        }
        // A missing schema is named, with what to do.
        #expect {
            try OverlayReader.load(path: path, schemaPath: folder.appendingPathComponent("missing.xsd").path)
        } throws: { error in
            ((error as? DiagnosticsError)?.diagnostics.first?.description ?? "").contains("cannot read the spec schema")
        }
    }

    @Test func generationChecksTheOverlayButDoesNotApplyIt() throws {
        let folder = try SpecFolder([
            "P/product.xml": SpecFixture.product,
            "P/overlay.xml": OverlayFixture.text(#"<member action="A" path="request.X" sensitve="true"/>"#),
        ])
        defer { folder.remove() }
        #expect {
            try folder.pipeline.generate()
        } throws: { error in
            let diagnostics = (error as? DiagnosticsError)?.diagnostics ?? []
            return diagnostics.count == 1 && diagnostics[0].location?.line == 3 && diagnostics[0].message.contains("sensitve")
                && diagnostics[0].location?.file.hasSuffix("P/overlay.xml") == true
        }

        // A valid overlay is not an action file.
        let valid = try SpecFolder([
            "P/product.xml": SpecFixture.product,
            "P/overlay.xml": OverlayFixture.text(#"<member action="A" path="request.X" sensitive="true"/>"#),
        ])
        defer { valid.remove() }
        let result = try valid.pipeline.generate()
        #expect(result.actionCount == 0)
    }
}
