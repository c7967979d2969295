import Foundation
import Testing

@testable import APIGenKit

/// `OutputWriter`: touches only what changed, atomically; removes only its own files; `check`
/// compares without writing.
@Suite struct OutputWriterTests {
    private static let header = Renderer.headerMarker + "Specs/P/X.xml.\n// Do not edit.\n\n"

    private func generated(_ relativePath: String, _ body: String) -> GeneratedFile {
        GeneratedFile(relativePath: relativePath, contents: Self.header + body)
    }

    private func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    private func contents(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    private func inode(_ path: String) throws -> Int? {
        try (FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? NSNumber)?.intValue
    }

    private func modificationDate(_ path: String) throws -> Date? {
        try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
    }

    /// Every entry below `folder`, hidden ones included, relative and sorted.
    private func allEntries(_ folder: String) -> [String] {
        (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).sorted()
    }

    private func withFolder(_ body: (String) throws -> Void) throws {
        let url = try TestPaths.makeTemporaryFolder("apigen-writer")
        defer { TestPaths.removeTemporaryFolder(url) }
        try body(url.appendingPathComponent("Generated").path)
    }

    // MARK: Writing

    @Test func writesNewFilesAndFolders() throws {
        try withFolder { output in
            let files = [generated("P/B.swift", "let b = 1\n"), generated("P/A.swift", "let a = 1\n"), generated("Q/C.swift", "c\n")]
            let report = try OutputWriter(outputFolder: output).write(files)
            #expect(report.written == ["P/A.swift", "P/B.swift", "Q/C.swift"])
            #expect(report.unchanged.isEmpty && report.removed.isEmpty)
            for file in files {
                #expect(FileManager.default.contents(atPath: output + "/" + file.relativePath) == Data(file.contents.utf8))
            }
            #expect(allEntries(output) == ["P", "P/A.swift", "P/B.swift", "Q", "Q/C.swift"])
        }
    }

    /// The pipeline writes files on every core, many of them into one new folder at once:
    /// whichever thread creates the folder, the others must go on.
    @Test func filesOfOneNewFolderWrittenAtOnceAllArrive() throws {
        try withFolder { output in
            let writer = OutputWriter(outputFolder: output)
            let files = (0..<64).map { generated("Deep/Er/F\($0).swift", "let f = \($0)\n") }
            let reports = ParallelMap.map(files) { file in Result { () throws(DiagnosticsError) in try writer.writeFile(file) } }
            var written: [String] = []
            for report in reports { written += try report.get().written }
            #expect(written.sorted() == files.map(\.relativePath).sorted())
            for file in files {
                #expect(FileManager.default.contents(atPath: output + "/" + file.relativePath) == Data(file.contents.utf8))
            }
            #expect(allEntries(output).count == 2 + files.count)
        }
    }

    @Test func unchangedFilesAreNotTouched() throws {
        try withFolder { output in
            let writer = OutputWriter(outputFolder: output)
            let files = [generated("P/A.swift", "let a = 1\n"), generated("P/B.swift", "let b = 1\n")]
            _ = try writer.write(files)
            let old = Date(timeIntervalSince1970: 1_000_000_000)
            for file in files {
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: output + "/" + file.relativePath)
            }
            let inodeA = try inode(output + "/P/A.swift")
            let inodeB = try inode(output + "/P/B.swift")

            let changed = [files[0], generated("P/B.swift", "let b = 2\n")]
            let report = try writer.write(changed)
            #expect(report.unchanged == ["P/A.swift"])
            #expect(report.written == ["P/B.swift"])
            #expect(try modificationDate(output + "/P/A.swift") == old)
            #expect(try inode(output + "/P/A.swift") == inodeA)
            #expect(try modificationDate(output + "/P/B.swift") != old)
            // Replaced by a rename, not rewritten in place.
            #expect(try inode(output + "/P/B.swift") != inodeB)
            #expect(contents(output + "/P/B.swift") == Self.header + "let b = 2\n")

            let again = try writer.write(changed)
            #expect(again.written.isEmpty)
            #expect(again.unchanged == ["P/A.swift", "P/B.swift"])
        }
    }

    /// "Unchanged" means the same bytes. Swift's `==` on strings is canonical equivalence,
    /// under which `é` (U+00E9) and `e` + U+0301 are equal although their bytes differ.
    @Test func contentThatDiffersOnlyInUnicodeNormalizationIsRewritten() throws {
        try withFolder { output in
            let decomposed = generated("P/A.swift", "let s = \"e\u{301}\"\n")
            let precomposed = generated("P/A.swift", "let s = \"\u{E9}\"\n")
            let writer = OutputWriter(outputFolder: output)
            _ = try writer.write([decomposed])
            #expect(writer.check([precomposed]).stale == ["P/A.swift"])
            let report = try writer.write([precomposed])
            #expect(report.written == ["P/A.swift"])
            #expect(FileManager.default.contents(atPath: output + "/P/A.swift") == Data(precomposed.contents.utf8))
        }
    }

    @Test func noTemporaryFilesAreLeftBehind() throws {
        try withFolder { output in
            let writer = OutputWriter(outputFolder: output)
            _ = try writer.write([generated("P/A.swift", "1\n"), generated("P/B.swift", "1\n")])
            _ = try writer.write([generated("P/A.swift", "2\n"), generated("P/B.swift", "1\n")])
            #expect(allEntries(output) == ["P", "P/A.swift", "P/B.swift"])
        }
    }

    /// A write that fails (here: the target is a folder, so the rename fails) reports the
    /// problem and still leaves no temporary file.
    @Test func failedWriteLeavesNoTemporaryFile() throws {
        try withFolder { output in
            try write("keep\n", to: output + "/P/A.swift/inside.txt")
            do throws(DiagnosticsError) {
                _ = try OutputWriter(outputFolder: output).write([generated("P/A.swift", "x\n")])
                Issue.record("writing over a folder should fail")
            } catch {
                let diagnostic = try #require(error.diagnostics.only)
                #expect(diagnostic.severity == .error)
                #expect(diagnostic.location == nil)
                #expect(diagnostic.message.contains(output + "/P/A.swift"))
            }
            #expect(allEntries(output) == ["P", "P/A.swift", "P/A.swift/inside.txt"])
            #expect(contents(output + "/P/A.swift/inside.txt") == "keep\n")
        }
    }

    @Test func folderThatCannotBeCreatedIsReported() throws {
        try withFolder { output in
            try write("a file where a folder should be\n", to: output + "/P")
            do throws(DiagnosticsError) {
                _ = try OutputWriter(outputFolder: output).write([generated("P/A.swift", "x\n")])
                Issue.record("writing below a file should fail")
            } catch {
                #expect(error.diagnostics.only?.message.hasPrefix("cannot write \(output)/P/A.swift") == true)
            }
            #expect(allEntries(output) == ["P"])
        }
    }

    // MARK: Removing

    @Test func removesOnlyGeneratedFilesThatAreNoLongerProduced() throws {
        try withFolder { output in
            try write(Self.header + "old\n", to: output + "/P/Old.swift")
            try write(Self.header + "gone\n", to: output + "/Gone/Old.swift")
            try write("// Written by hand.\nlet x = 1\n", to: output + "/P/Handwritten.swift")
            try write("import Foundation\n" + Self.header, to: output + "/P/HeaderOnLineTwo.swift")
            try write(Self.header, to: output + "/P/Notes.md")
            try write(Self.header + "hand\n", to: output + "/Mixed/Old.swift")
            try write("mine\n", to: output + "/Mixed/mine.txt")

            let report = try OutputWriter(outputFolder: output).write([generated("P/A.swift", "a\n")])
            #expect(report.written == ["P/A.swift"])
            #expect(report.removed == ["Gone/Old.swift", "Mixed/Old.swift", "P/Old.swift"])
            #expect(allEntries(output) == [
                "Mixed", "Mixed/mine.txt",
                "P", "P/A.swift", "P/HeaderOnLineTwo.swift", "P/Handwritten.swift", "P/Notes.md",
            ].sorted())
            #expect(contents(output + "/P/Handwritten.swift") == "// Written by hand.\nlet x = 1\n")
        }
    }

    @Test func handWrittenFileIsNeverTouched() throws {
        try withFolder { output in
            let path = output + "/P/Extensions.swift"
            try write("extension PProduct {}\n", to: path)
            let old = Date(timeIntervalSince1970: 1_000_000_000)
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: path)
            let node = try inode(path)
            let writer = OutputWriter(outputFolder: output)
            _ = try writer.write([generated("P/A.swift", "a\n")])
            _ = try writer.write([])
            #expect(writer.check([]).extra.isEmpty)
            #expect(contents(path) == "extension PProduct {}\n")
            #expect(try modificationDate(path) == old)
            #expect(try inode(path) == node)
        }
    }

    // MARK: Checking

    @Test func checkReportsStaleMissingAndExtraAndWritesNothing() throws {
        try withFolder { output in
            try write(Self.header + "same\n", to: output + "/P/Same.swift")
            try write(Self.header + "old\n", to: output + "/P/Stale.swift")
            try write(Self.header + "orphan\n", to: output + "/P/Orphan.swift")
            try write("by hand\n", to: output + "/P/Hand.swift")
            let before = TestPaths.snapshot(of: output)

            let report = OutputWriter(outputFolder: output).check([
                generated("P/Same.swift", "same\n"),
                generated("P/Stale.swift", "new\n"),
                generated("P/Missing.swift", "missing\n"),
            ])
            #expect(report.unchanged == ["P/Same.swift"])
            #expect(report.stale == ["P/Stale.swift"])
            #expect(report.missing == ["P/Missing.swift"])
            #expect(report.extra == ["P/Orphan.swift"])
            #expect(report.written.isEmpty && report.removed.isEmpty)
            #expect(!report.isUpToDate)
            #expect(TestPaths.snapshot(of: output) == before)
            #expect(allEntries(output) == ["P", "P/Hand.swift", "P/Orphan.swift", "P/Same.swift", "P/Stale.swift"])
        }
    }

    @Test func checkOfAnUpToDateFolder() throws {
        try withFolder { output in
            let files = [generated("P/A.swift", "a\n")]
            let writer = OutputWriter(outputFolder: output)
            _ = try writer.write(files)
            try write("by hand\n", to: output + "/P/Hand.swift")
            let report = writer.check(files)
            #expect(report.isUpToDate)
            #expect(report.unchanged == ["P/A.swift"])
        }
    }

    @Test func checkOfAMissingFolderWritesNothing() throws {
        try withFolder { output in
            let report = OutputWriter(outputFolder: output).check([generated("P/A.swift", "a\n")])
            #expect(report.missing == ["P/A.swift"])
            #expect(report.extra.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }

    /// A file that exists but is not UTF-8 is there, with the wrong content: stale, not missing.
    @Test func checkCallsAnUnreadableFileStale() throws {
        try withFolder { output in
            try FileManager.default.createDirectory(atPath: output + "/P", withIntermediateDirectories: true)
            try Data([0x2F, 0x2F, 0xFF, 0xFE, 0x0A]).write(to: URL(fileURLWithPath: output + "/P/A.swift"))
            let report = OutputWriter(outputFolder: output).check([generated("P/A.swift", "a\n")])
            #expect(report.stale == ["P/A.swift"])
            #expect(report.missing.isEmpty)
        }
    }
}
