import Foundation
import Testing

@testable import APIGenKit

/// The importer applies a product's overlay to the converted metadata: merges, member changes
/// and enumerations land in the spec files; an entry that matches nothing fails the import at
/// its line.
@Suite struct OverlayApplicationTests {
    private let string = #"{"type": "string"}"#
    private func parameter(_ name: String, _ schema: String, style: String? = nil) -> String {
        OverlayFixture.parameter(name, schema, style: style)
    }

    /// `Run` has a system disk split in two, a data-disk list split in two, a password, a JSON
    /// list in a string, a page number typed as a string; `Describe` has a response list.
    private var document: String {
        OverlayFixture.document([
            ("Run", [
                parameter("SystemDisk.Size", #"{"type": "string", "description": "The size.", "example": "40"}"#),
                parameter("SystemDisk.Category", #"{"type": "string", "description": "The category."}"#),
                parameter("SystemDisk", #"{"type": "object", "properties": {"Encrypted": {"type": "string"}, "Category": {"type": "string", "description": "Own."}}}"#, style: "flat"),
                parameter("DataDisk", #"{"type": "array", "maxItems": 16, "items": {"type": "object", "properties": {"Size": {"type": "integer", "format": "int64"}}}}"#, style: "repeatList"),
                parameter("DataDisk.1.Size", #"{"type": "integer"}"#),
                parameter("DataDisk.1.PerformanceLevel", string),
                parameter("DataDisk.2.Size", #"{"type": "integer"}"#),
                parameter("DataDisk.2.PerformanceLevel", string),
                parameter("Password", string),
                parameter("InstanceIds", #"{"type": "string", "maxLength": 4000, "example": "[\"i-1\", \"i-2\"]"}"#),
                parameter("PageNumber", #"{"type": "string", "pattern": "[0-9]+", "example": "1"}"#),
                parameter("Mode", #"{"type": "string", "example": "fast"}"#),
            ], #""RequestId": {"type": "string"}"#),
            ("Describe", [parameter("Password", string), parameter("Status", string)], #"""
                "RequestId": {"type": "string"},
                "Instances": {"type": "object", "properties": {"Instance": {"type": "array", "items": {"type": "object", "properties": {
                    "Status": {"type": "string"}, "Key": {"type": "string"}, "Count": {"type": "integer"}}}}}}
                """#),
            ("Other", [parameter("Status", string)], #""RequestId": {"type": "string"}"#),
        ])
    }

    @Test func aMergeJoinsDottedParametersToTheirObject() throws {
        let result = try OverlayFixture.convert(document, overlay: #"<merge action="Run" path="request.SystemDisk"/>"#)
        let run = try result.action("Run")
        let disk = try run.parameter("SystemDisk")
        // The dotted group's members first, then the object's own; a member both have keeps the object's.
        #expect(disk.members.map(\.name) == ["Size", "Category", "Encrypted"])
        #expect(try disk.member("Category").description == "Own.")
        #expect(try disk.member("Size").description == "The size.")
        #expect(disk.style == .flat)
        #expect(!run.parameters.contains { $0.name.hasPrefix("SystemDisk.") })
        #expect(result.issues(.irregularDottedGroup).map(\.path) == ["request.DataDisk"])
        #expect(result.report.overlayChanges == ["Run: request.SystemDisk: merged 2 parameters"])

        // Each wire name is sent once, as before.
        let folder = try SpecFolder(result.files.reduce(into: [:]) { $0["P/" + $1.key] = $1.value })
        defer { folder.remove() }
        let generated = try folder.pipeline.generate()
        let code = try #require(generated.files.first { $0.relativePath.hasSuffix("/Run.swift") }).contents
        #expect(code.contains(#"query.encode(self.systemDisk, forKey: "SystemDisk")"#))
        #expect(code.contains(#"query.encode(self.size, forKey: prefix + ".Size")"#))
        #expect(!code.contains("systemDiskSize"))
    }

    @Test func aMergeJoinsNumberedParametersToTheirList() throws {
        let result = try OverlayFixture.convert(document, overlay: #"<merge action="Run" path="request.DataDisk"/>"#)
        let disks = try result.action("Run").parameter("DataDisk")
        #expect(disks.members.map(\.name) == ["Size", "PerformanceLevel"])
        // The list's own element keeps its type (a 64-bit size), and the larger maxItems.
        #expect(try disks.member("Size").type.kind == .long)
        #expect(disks.type.constraints.maxItems == 16)
        #expect(disks.style == .repeatList)
        #expect(try !result.action("Run").parameters.contains { $0.name.hasPrefix("DataDisk.") })
    }

    @Test func memberChangesRetypeRenameDeprecateAndRedact() throws {
        let result = try OverlayFixture.convert(document, overlay: """
              <merge action="Run" path="request.SystemDisk"/>
              <member action="Run" path="request.SystemDisk.Size" type="integer"/>
              <member action="Run" path="request.SystemDisk.Encrypted" type="boolean"/>
              <member action="Run" path="request.InstanceIds" type="array" items="string" style="json"/>
              <member action="Run" path="request.PageNumber" type="integer"/>
              <member action="Run" path="request.Mode" type="integer" deprecated="Use Speed."/>
              <member action="*" path="request.Password" sensitive="true"/>
              <member action="Describe" path="response.Instances.Instance.Key" swiftName="legacyKey" required="true"/>
              <member action="Describe" path="response.Instances" typeName="Server"/>
            """)
        let run = try result.action("Run")
        #expect(try run.parameter("SystemDisk").member("Size").type.kind == .integer)
        #expect(try run.parameter("SystemDisk").member("Size").example == "40")
        #expect(try run.parameter("SystemDisk").member("Encrypted").type.kind == .boolean)

        let ids = try run.parameter("InstanceIds")
        #expect(ids.items?.type == TypeSpec(kind: .string))
        #expect(ids.style == .json)
        #expect(ids.type.constraints.isEmpty)  // a string's maxLength means nothing for a list

        let page = try run.parameter("PageNumber")
        #expect(page.type == TypeSpec(kind: .integer))  // the pattern is a string's constraint
        #expect(page.example == "1")
        let mode = try run.parameter("Mode")
        #expect(mode.example == nil)  // "fast" is no integer
        #expect(mode.deprecation == Deprecation(message: "Use Speed."))

        #expect(try run.parameter("Password").isSensitive)
        #expect(try result.action("Describe").parameter("Password").isSensitive)
        #expect(try result.file("Run.xml").contains(#"<parameter name="Password" type="string" required="false" sensitive="true"/>"#))

        let instances = try result.action("Describe").field("Instances")
        let key = try #require(try instances.member("Instance").members.first { $0.name == "Key" })
        #expect(key.swiftName == "legacyKey")
        #expect(key.isRequired)
        #expect(try instances.member("Instance").items?.swiftName == "Server")
        #expect(result.report.overlayChanges.count == 10)
        #expect(try result.semanticDiagnostics().isEmpty)
    }

    @Test func anEnumerationNamesOneTypeForEveryUse() throws {
        let result = try OverlayFixture.convert(document, overlay: """
              <enumeration name="InstanceStatus">
                <value description="Being created.">Pending</value>
                <value>Running</value>
                <use action="Describe" path="request.Status"/>
                <use action="Describe" path="response.Instances.Instance.Status"/>
              </enumeration>
            """)
        let describe = try result.action("Describe")
        let status = try describe.parameter("Status")
        #expect(status.type.enumTypeName == "InstanceStatus")
        #expect(status.type.enumValues.map(\.value) == ["Pending", "Running"])
        #expect(status.type.enumValues[0].description == "Being created.")
        let field = try describe.field("Instances").member("Instance").member("Status")
        #expect(field.type.enumTypeName == "InstanceStatus")
        #expect(try result.action("Other").parameter("Status").type.enumTypeName == nil)
        #expect(try result.file("Describe.xml").contains(#"<parameter name="Status" type="string" required="false" enumType="InstanceStatus">"#))

        // Generated once for the product; each use calls it by the name it would have had.
        let folder = try SpecFolder(result.files.reduce(into: [:]) { $0["P/" + $1.key] = $1.value })
        defer { folder.remove() }
        let generated = try folder.pipeline.generate()
        let shapes = try #require(generated.files.first { $0.relativePath.hasSuffix("Shapes.swift") }).contents
        #expect(shapes.contains("public struct InstanceStatus: StringEnumeration"))
        let code = try #require(generated.files.first { $0.relativePath.hasSuffix("/Describe.swift") }).contents
        #expect(code.contains("public typealias Status = ECS.InstanceStatus"))
        #expect(code.contains("public var status: Status?"))
    }

    // MARK: Entries that no longer match

    @Test func everyEntryMustStillMatch() throws {
        let problems = try OverlayFixture.applicationProblems(document, overlay: """
              <merge action="Gone" path="request.SystemDisk"/>
              <merge action="Describe" path="request.Status"/>
              <member action="Run" path="request.SystemDisk.Missing" type="integer"/>
              <member action="Describe" path="response.Instances.Instance.Missing" sensitive="true"/>
              <member action="*" path="request.Nowhere" sensitive="true"/>
              <member action="Run" path="request.Password" swiftName="secret"/>
              <member action="*" path="request.Password" swiftName="pass"/>
              <member action="Describe" path="response.Instances.Instance.Count" typeName="Counter"/>
              <member action="Run" path="request.Mode" style="json"/>
              <enumeration name="E">
                <value>A</value>
                <use action="Describe" path="response.Instances.Instance.Count"/>
              </enumeration>
            """)
        #expect(problems == [
            "3: the metadata has no action 'Gone'",
            "4: 'Describe' has no parameters named 'Status.…' beside 'Status' (merged upstream already?); remove the entry",
            "5: 'Run': request.SystemDisk has no member 'Missing'",
            "6: 'Describe': response.Instances.Instance has no member 'Missing'",
            "7: no action has request parameter 'Nowhere'",
            "9: 'Run': request.Password: its swiftName is already changed by the entry at line 8",
            "10: 'Describe': response.Instances.Instance.Count: is a long, which has no type of its own",
            "11: 'Run': request.Mode: style applies to lists and objects; 'Mode' is a string",
            "14: 'Describe': response.Instances.Instance.Count: is a long; an enumeration's members are strings or lists of strings",
        ], "\(problems)")
    }

    @Test func aSelectionIsWrittenIntoTheProductFile() throws {
        let result = try OverlayFixture.convert(document, overlay: """
              <generate>
                <action name="Run"/>
                <action name="Describe"/>
              </generate>
            """)
        let product = try #require(result.files["product.xml"])
        #expect(product.contains("""
              <generate>
                <action name="Run"/>
                <action name="Describe"/>
              </generate>
            </product>
            """), "\(product)")
        // Every action is still imported (and checked); only the product file selects.
        #expect(result.files.keys.sorted() == ["Describe.xml", "Other.xml", "Run.xml", "product.xml"])
        #expect(result.report.overlayChanges.contains("generate: 2 of 3 actions"))

        // An action that is gone upstream is an error at its line, like every entry.
        let problems = try OverlayFixture.applicationProblems(document, overlay: """
              <generate>
                <action name="Run"/>
                <action name="Gone"/>
              </generate>
            """)
        #expect(problems == ["5: the metadata has no action 'Gone'"])
    }

    @Test func anOverlayIsForOneProduct() throws {
        let problems = try OverlayFixture.applicationProblems(
            document, overlay: #"<member action="Run" path="request.Password" sensitive="true"/>"#, product: "Vpc")
        #expect(problems == ["2: the overlay is for product 'Vpc', but the metadata describes 'Ecs'"])
    }

    @Test func aPathReachesMembersOfObjectsAndListsNotOfScalars() throws {
        let problems = try OverlayFixture.applicationProblems(document, overlay: """
              <member action="Run" path="request.Password.Inner" sensitive="true"/>
              <member action="Describe" path="response.Instances.Instance.Status.Code" sensitive="true"/>
            """)
        #expect(problems == [
            "3: 'Run': request.Password is a string, which has no members",
            "4: 'Describe': response.Instances.Instance.Status is a string, which has no members",
        ])
    }

    // MARK: Import runs

    /// A product folder `Specs/P` with the schema beside it, holding `overlay.xml`.
    private func folder(overlay entries: String) throws -> (base: URL, output: String, metadata: String) {
        let base = try TestPaths.makeTemporaryFolder("apigen-overlay-import")
        let specs = base.appendingPathComponent("Specs")
        try FileManager.default.createDirectory(at: specs.appendingPathComponent("P"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: TestPaths.schema, toPath: specs.appendingPathComponent("apigen.xsd").path)
        try Data(OverlayFixture.text(entries).utf8).write(to: specs.appendingPathComponent("P/overlay.xml"))
        let metadata = base.appendingPathComponent("api-docs.json")
        try Data(document.utf8).write(to: metadata)
        return (base, specs.appendingPathComponent("P").path, metadata.path)
    }

    @Test func anImportAppliesTheOutputFoldersOverlay() throws {
        let (base, output, metadata) = try folder(overlay: #"<member action="*" path="request.Password" sensitive="true"/>"#)
        defer { TestPaths.removeTemporaryFolder(base) }
        let report = try MetadataImport(configuration: ImportConfiguration(metadataPath: metadata, outputFolder: output)).run()
        #expect(report.overlayChanges.count == 2)
        #expect(report.summaryLine.contains("2 overlay changes"))
        let run = try String(contentsOfFile: output + "/Run.xml", encoding: .utf8)
        #expect(run.contains(#"sensitive="true""#))
        // The overlay is the importer's input, not one of its files.
        #expect(!report.written.contains("overlay.xml"))
        #expect(!report.keptHandWritten.contains("overlay.xml"))
    }

    @Test func aSelectionSurvivesReimportAndGeneratesOnlyItsActions() throws {
        let (base, output, metadata) = try folder(overlay: #"<generate><action name="Describe"/></generate>"#)
        defer { TestPaths.removeTemporaryFolder(base) }
        let configuration = ImportConfiguration(metadataPath: metadata, outputFolder: output)
        _ = try MetadataImport(configuration: configuration).run()
        // The product file holds the selection and is apigen's own, so the next import
        // rewrites it with upstream's changes instead of keeping it as hand-edited.
        let again = try MetadataImport(configuration: configuration).run()
        #expect(again.unchanged.contains("product.xml") && again.keptEdited.isEmpty, "\(again)")

        let generated = base.appendingPathComponent("Generated").path
        let pipeline = GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: base.appendingPathComponent("Specs").path, outputFolder: generated,
            templatesFolder: TestPaths.templates, schemaPath: TestPaths.schema))
        _ = try pipeline.run()
        let files = try FileManager.default.contentsOfDirectory(atPath: generated + "/P").sorted()
        #expect(files.contains("Describe.swift") && !files.contains("Run.swift") && !files.contains("Other.swift"), "\(files)")
    }

    @Test func anOverlayThatDoesNotApplyWritesNothing() throws {
        let (base, output, metadata) = try folder(overlay: #"<member action="Gone" path="request.Password" sensitive="true"/>"#)
        defer { TestPaths.removeTemporaryFolder(base) }
        #expect {
            try MetadataImport(configuration: ImportConfiguration(metadataPath: metadata, outputFolder: output)).run()
        } throws: { error in
            guard let error = error as? ImportError else { return false }
            return error.diagnostics.map(\.description) == [
                "\(output)/overlay.xml:3:1: error: the metadata has no action 'Gone' (it may have been renamed or removed upstream: update or remove the entry)",
            ] && error.message.hasSuffix("nothing was written")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: output) == ["overlay.xml"])
    }

    @Test func anUnreadableOverlayWritesNothing() throws {
        let (base, output, metadata) = try folder(overlay: #"<member action="Run" path="request.Password" sensitive="maybe"/>"#)
        defer { TestPaths.removeTemporaryFolder(base) }
        #expect {
            try MetadataImport(configuration: ImportConfiguration(metadataPath: metadata, outputFolder: output)).run()
        } throws: { error in
            guard let error = error as? ImportError else { return false }
            return error.diagnostics.count == 1 && error.diagnostics[0].location?.line == 3 && error.message.contains("cannot be used")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: output) == ["overlay.xml"])

        // An overlay named explicitly must exist.
        #expect {
            try MetadataImport(configuration: ImportConfiguration(
                metadataPath: metadata, outputFolder: output, overlayPath: base.appendingPathComponent("none.xml").path)).run()
        } throws: { error in
            (error as? ImportError)?.diagnostics.first?.message == "cannot read the overlay"
        }
    }
}
