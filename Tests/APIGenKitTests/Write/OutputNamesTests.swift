import Foundation
import Testing

@testable import APIGenKit

/// Every name that becomes a file name is checked before anything is written, and a failed
/// run leaves the output folder as it was (issue 15, items 5 and 6).
@Suite struct OutputNamesTests {
    static let product = PipelineDiagnosticsTests.product()

    static func action(_ name: String = "Ping", swiftName: String? = nil) -> String {
        PipelineDiagnosticsTests.action(name).replacingOccurrences(
            of: "<action name=\"\(name)\"",
            with: "<action name=\"\(name)\"" + (swiftName.map { " swiftName=\"\($0)\"" } ?? ""))
    }

    /// A folder generated once from `P/product.xml` and `P/Ping.xml`, then given `files`: the
    /// next run must fail with `expected` and leave the output byte for byte as it was.
    func expectFailureLeavingOutputAlone(_ files: [String: String], _ expected: @escaping (String) -> Bool) throws {
        let folder = try SpecFolder(["P/product.xml": Self.product, "P/Ping.xml": Self.action()])
        defer { folder.remove() }
        _ = try folder.pipeline.run()
        for (path, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder.specs + "/" + path))
        }
        // A change that would rewrite the product-level files, as a new action does.
        let before = TestPaths.snapshot(of: folder.output)
        let diagnostics = try #require(folder.failingRun(), "the run should fail")
        let lines = diagnostics.map(folder.relative)
        #expect(lines.contains(where: expected), "\(lines)")
        #expect(TestPaths.snapshot(of: folder.output) == before, "a failed run must leave the output folder alone")
        let hidden = (FileManager.default.enumerator(atPath: folder.output)?.allObjects as? [String] ?? []).filter { ($0 as NSString).lastPathComponent.hasPrefix(".") }
        #expect(hidden.isEmpty, "no temporary or backup file stays: \(hidden)")
    }

    @Test func aSwiftNameTooLongForAFileNameIsAnErrorAtTheAction() throws {
        let long = "A" + String(repeating: "b", count: 299)
        try expectFailureLeavingOutputAlone(["P/Long.xml": Self.action("Long", swiftName: long)]) {
            $0.hasPrefix("P/Long.xml:2:1: error: action 'Long' would be written to a file named 306 bytes long")
        }
    }

    @Test func anActionNameTooLongForAFileNameIsAnErrorToo() throws {
        let long = "Z" + String(repeating: "y", count: 260)
        try expectFailureLeavingOutputAlone(["P/\(long.prefix(200)).xml": Self.action(long)]) {
            $0.contains("error: action '\(long)' would be written to a file named") && $0.contains("file systems allow 255")
        }
    }

    // Each is a file of the client module (PService.swift is the server module's, where the
    // action's file is PService+Server.swift: no clash).
    @Test(arguments: ["PClient", "PErrors", "PProduct"])
    func anActionNamedLikeAProductLevelFileIsAnError(swiftName: String) throws {
        try expectFailureLeavingOutputAlone(["P/Clash.xml": Self.action("Clash", swiftName: swiftName)]) {
            $0.hasPrefix("P/Clash.xml:2:1: error: action 'Clash' would be written to P/\(swiftName).swift, which is also ")
                && $0.contains("file of product 'P'")
        }
    }

    @Test func anActionWhoseNameIsAProductLevelFileWithoutSwiftNameIsAnError() throws {
        try expectFailureLeavingOutputAlone(["P/PClient.xml": Self.action("PClient")]) {
            $0.hasPrefix("P/PClient.xml:2:1: error: action 'PClient' would be written to P/PClient.swift")
        }
    }

    @Test func fileNamesThatDifferOnlyInCaseAreAnError() throws {
        try expectFailureLeavingOutputAlone(["P/Upper.xml": Self.action("Upper", swiftName: "PING")]) {
            $0.hasPrefix("P/Upper.xml:2:1: error: action 'Upper' would be written to P/PING.swift, which differs only in case from P/Ping.swift")
        }
    }

    /// The checks come from the render jobs' plans: every job's planned path is where it renders.
    @Test func everyJobRendersWhereItsPlanSays() throws {
        let pipeline = GeneratorPipeline(configuration: GeneratorConfiguration(specsFolder: TestPaths.specs, templatesFolder: TestPaths.templates))
        var diagnostics = DiagnosticCollector()
        let products = try pipeline.loadAndValidate(diagnostics: &diagnostics)
        let jobs = RenderJobs(products: products)
        let renderer = Renderer(templates: try TemplateSet(folder: TestPaths.templates))
        let plans = jobs.plans
        #expect(plans.count == jobs.all.count)
        // Every product-level job, and a few actions (rendering all of ECS takes a while).
        for (job, plan) in zip(jobs.all, plans) where !plan.isActionFile || plan.fileName.hasPrefix("AttachClassicLinkVpc") {
            let file = jobs.render(job, with: renderer) { $0 }
            #expect(file.relativePath == plan.relativePath)
            // The top-level types the file declares are the planned ones.
            let declared = file.contents.split(separator: "\n").compactMap { line -> String? in
                for keyword in ["public struct ", "public enum ", "public protocol ", "public final class ", "public actor ", "public typealias "]
                where line.hasPrefix(keyword) {
                    return String(line.dropFirst(keyword.count).prefix { $0.isLetter || $0.isNumber || $0 == "_" })
                }
                return nil
            }
            #expect(Set(declared) == Set(plan.declaredTypes), "\(plan.relativePath)")
        }
    }
}

/// The staged write itself: moves are all or none.
@Suite struct FileReplacementTests {
    @Test func aFailedMoveUndoesTheMovesBeforeIt() throws {
        let folder = try TestPaths.makeTemporaryFolder("apigen-replace")
        defer { TestPaths.removeTemporaryFolder(folder) }
        let a = folder.appendingPathComponent("A.swift").path, b = folder.appendingPathComponent("B.swift").path
        let gone = folder.appendingPathComponent("Gone.swift").path
        try Data("old A".utf8).write(to: URL(fileURLWithPath: a))
        try Data("orphan".utf8).write(to: URL(fileURLWithPath: gone))
        let newA = try FileWriting.writeTemporary(beside: a, contents: "new A", label: "test")
        let newB = try FileWriting.writeTemporary(beside: b, contents: "new B", label: "test")
        // The third move's temporary is missing: its rename fails after A and B were moved.
        let missing = folder.appendingPathComponent(".missing").path
        do {
            try FileReplacement.apply(
                moves: [(newA, a), (newB, b), (missing, folder.appendingPathComponent("C.swift").path)], removals: [gone])
            Issue.record("no failure")
        } catch {
            #expect(error.problem.contains("C.swift"))
            #expect(error.leftChanged.isEmpty)
        }
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "old A")
        #expect(!FileManager.default.fileExists(atPath: b))
        #expect(try String(contentsOfFile: gone, encoding: .utf8) == "orphan")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["A.swift", "Gone.swift"])
    }

    @Test func aFailedRemovalUndoesEveryMove() throws {
        let folder = try TestPaths.makeTemporaryFolder("apigen-replace")
        defer { TestPaths.removeTemporaryFolder(folder) }
        let a = folder.appendingPathComponent("A.swift").path
        try Data("old A".utf8).write(to: URL(fileURLWithPath: a))
        let newA = try FileWriting.writeTemporary(beside: a, contents: "new A", label: "test")
        do {
            try FileReplacement.apply(moves: [(newA, a)], removals: [folder.appendingPathComponent("NotThere.swift").path])
            Issue.record("no failure")
        } catch {
            #expect(error.problem.hasPrefix("cannot remove"))
        }
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "old A")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["A.swift"])
    }

    @Test func success() throws {
        let folder = try TestPaths.makeTemporaryFolder("apigen-replace")
        defer { TestPaths.removeTemporaryFolder(folder) }
        let a = folder.appendingPathComponent("A.swift").path, gone = folder.appendingPathComponent("Gone.swift").path
        try Data("old A".utf8).write(to: URL(fileURLWithPath: a))
        try Data("orphan".utf8).write(to: URL(fileURLWithPath: gone))
        try FileReplacement.apply(moves: [(try FileWriting.writeTemporary(beside: a, contents: "new A", label: "t"), a)], removals: [gone])
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "new A")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["A.swift"])
    }

    @Test func temporaryNamesStayWithinNAME_MAX() {
        let path = "/x/" + String(repeating: "a", count: 250) + ".swift"
        let name = (FileWriting.hiddenName(beside: path, label: "apigen-backup") as NSString).lastPathComponent
        #expect(name.utf8.count <= 255)
        #expect(name.hasPrefix(".aaa"))
    }
}

/// A folder or a file in the way fails the run before anything visible changes.
@Suite struct StagedWriteTests {
    @Test func aFolderWhereAFileShouldBeFailsTheRunAndChangesNothing() throws {
        let folder = try SpecFolder(["P/product.xml": OutputNamesTests.product, "P/Ping.xml": OutputNamesTests.action()])
        defer { folder.remove() }
        _ = try folder.pipeline.run()
        // A new action (so the product-level files change too), whose file is a folder.
        try Data(OutputNamesTests.action("Pong").utf8).write(to: URL(fileURLWithPath: folder.specs + "/P/Pong.xml"))
        try FileManager.default.createDirectory(atPath: folder.output + "/P/Pong.swift", withIntermediateDirectories: true)
        try folder.writeOutput("P/Pong.swift/inside.txt", "keep")
        let before = TestPaths.snapshot(of: folder.output)
        do throws(DiagnosticsError) {
            _ = try folder.pipeline.run()
            Issue.record("the run should fail")
        } catch {
            #expect(error.description.contains("Pong.swift: a folder is in its place"))
            #expect(error.changedPaths.isEmpty)
        }
        #expect(TestPaths.snapshot(of: folder.output) == before)
        let hidden = (FileManager.default.enumerator(atPath: folder.output)?.allObjects as? [String] ?? []).filter { ($0 as NSString).lastPathComponent.hasPrefix(".") }
        #expect(hidden.isEmpty, "\(hidden)")
    }

    @Test func aFileWhereTheProductFolderShouldBeFailsTheRunAndCreatesNothing() throws {
        let folder = try SpecFolder(["P/product.xml": OutputNamesTests.product, "P/Ping.xml": OutputNamesTests.action()])
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.output, withIntermediateDirectories: true)
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: folder.output + "/P"))
        do throws(DiagnosticsError) {
            _ = try folder.pipeline.run()
            Issue.record("the run should fail")
        } catch {
            #expect(error.description.contains("a file is in its place"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.output) == ["P"])
    }
}
