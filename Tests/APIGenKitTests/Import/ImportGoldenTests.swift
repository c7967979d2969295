import Foundation
import Testing

@testable import APIGenKit

/// The committed Specs/Ecs are golden files of the importer: importing Alibaba's metadata again
/// must reproduce them byte for byte (the hand-written seed and product file aside), starting
/// with the hardest actions. Their generated Swift is pinned in turn by Generated/Ecs
/// (`ReferenceTests.committedGeneratedFolderIsUpToDate`).
@Suite struct ImportGoldenTests {
    static let metadata = TestPaths.repository.appendingPathComponent("../shared/specs-upstream/ecs-2014-05-26.en_us.api-docs.json").standardizedFileURL
    static let specs = TestPaths.repository.appendingPathComponent("Specs/Ecs")
    static let hardest = ["DescribeInstances", "RunInstances", "DescribeResourcesModification", "AuthorizeSecurityGroup", "RunCommand"]
    static let handWritten: Set<String> = ["product.xml", "AttachClassicLinkVpc.xml"]

    static func planned(actions: [String] = []) throws -> [ImportedFile]? {
        guard FileManager.default.fileExists(atPath: metadata.path) else {
            if ProcessInfo.processInfo.environment["APIGEN_REQUIRE_UPSTREAM"] == "1" {
                Issue.record("APIGEN_REQUIRE_UPSTREAM=1 but \(metadata.path) is missing")
            }
            return nil
        }
        return try MetadataImport(configuration: ImportConfiguration(
            metadataPath: metadata.path, outputFolder: specs.path, options: ImportOptions(actions: actions)
        )).plan().files
    }

    @Test func theHardestActionsReimportExactly() throws {
        guard let files = try Self.planned(actions: Self.hardest) else { return }
        let actionFiles = files.filter { !Self.handWritten.contains($0.name) }
        #expect(Set(actionFiles.map(\.name)) == Set(Self.hardest.map { $0 + ".xml" }))
        for file in actionFiles {
            let committed = try String(contentsOf: Self.specs.appendingPathComponent(file.name), encoding: .utf8)
            #expect(committed == file.contents, "\(file.name) differs from a fresh import:\n\(LineDiff.describe(expected: committed, actual: file.contents))")
        }
    }

    @Test func everyImportedSpecReimportsExactly() throws {
        guard let files = try Self.planned() else { return }
        var differing: [String] = []
        for file in files where !Self.handWritten.contains(file.name) {
            let committed = try? String(contentsOf: Self.specs.appendingPathComponent(file.name), encoding: .utf8)
            if committed != file.contents { differing.append(file.name) }
        }
        #expect(files.count == 359)
        #expect(differing.isEmpty, "re-run `swift run apigen import ../shared/specs-upstream/ecs-2014-05-26.en_us.api-docs.json --output Specs/Ecs`: \(differing)")
    }

    /// What makes these five hard, checked on the committed specs.
    @Test func theHardestActionsKeepTheirShape() throws {
        var diagnostics = DiagnosticCollector()
        let products = try GeneratorPipeline(configuration: GeneratorConfiguration(specsFolder: TestPaths.specs)).loadAndValidate(diagnostics: &diagnostics)
        let actions = Dictionary(uniqueKeysWithValues: try #require(products.first).actions.map { ($0.name, $0) })

        func depth(_ members: [MemberSpec]) -> Int {
            members.map { member in
                switch member.type.kind {
                case .object(let children): 1 + depth(children)
                case .array(let items): 1 + depth(SwiftNames.objectMembers(of: items.type) ?? [])
                default: 1
                }
            }.max() ?? 0
        }
        let describeInstances = try #require(actions["DescribeInstances"])
        #expect(describeInstances.operationType == .read)
        #expect(depth(describeInstances.fields) >= 5, "Instances/Instance[]/NetworkInterfaces/NetworkInterface[]/…")
        let filter = try #require(describeInstances.parameters.first { $0.name == "Filter" })
        guard case .array(let items) = filter.type.kind, case .object(let members) = items.type.kind else {
            Issue.record("Filter.N.Key/Value should be grouped into a list of objects")
            return
        }
        #expect(members.map(\.name) == ["Key", "Value"])

        let runInstances = try #require(actions["RunInstances"])
        #expect(runInstances.parameters.count > 60)
        #expect(runInstances.parameters.contains { $0.style == .repeatList })
        #expect(runInstances.parameters.contains { $0.style == .flat })

        let modification = try #require(actions["DescribeResourcesModification"])
        #expect(depth(modification.fields) >= 6)

        let authorize = try #require(actions["AuthorizeSecurityGroup"])
        #expect(authorize.parameters.contains { $0.name == "Permissions" })
        #expect(authorize.errors.contains { $0.httpStatuses.count > 1 } || authorize.errors.count > 20)

        let runCommand = try #require(actions["RunCommand"])
        #expect(runCommand.parameters.contains { $0.style == .json || $0.name == "Parameters" })
    }
}
