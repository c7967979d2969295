import Foundation
import Testing

@testable import APIGenKit

@Suite struct FileWritingTests {
    private func withFolder(_ body: (String) throws -> Void) throws {
        let url = try TestPaths.makeTemporaryFolder("apigen-filewriting")
        defer { TestPaths.removeTemporaryFolder(url) }
        try body(url.path)
    }

    @Test func writesTheExactBytesOfANewFile() throws {
        try withFolder { folder in
            let texts = ["", "one line\n", "Größe: 10 µs — 日本語\n", String(repeating: "0123456789abcdef", count: 70_000)]
            for (index, text) in texts.enumerated() {
                let path = folder + "/file\(index)"
                try FileWriting.writeNewFile(path, contents: text)
                #expect(FileManager.default.contents(atPath: path) == Data(text.utf8))
            }
        }
    }

    /// The writer and the importer write to fresh temporary names: a file already there is
    /// someone else's and stays as it is.
    @Test func refusesAFileThatExistsAndLeavesItAlone() throws {
        try withFolder { folder in
            let path = folder + "/taken"
            try Data("mine".utf8).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: POSIXError.self) { try FileWriting.writeNewFile(path, contents: "theirs") }
            #expect(error?.code == .EEXIST)
            #expect(FileManager.default.contents(atPath: path) == Data("mine".utf8))
        }
    }

    /// The writer's and the importer's temporary files: hidden, beside the file they replace,
    /// named after it, and gone again when the write fails.
    @Test func writesATemporaryFileBesideItsTarget() throws {
        try withFolder { folder in
            let temporary = try FileWriting.writeTemporary(beside: folder + "/Ecs.swift", contents: "let a = 1\n", label: "apigen")
            #expect((temporary as NSString).deletingLastPathComponent == folder)
            #expect((temporary as NSString).lastPathComponent.hasPrefix(".Ecs.swift.apigen-"))
            #expect(FileManager.default.contents(atPath: temporary) == Data("let a = 1\n".utf8))
            #expect(throws: POSIXError.self) {
                try FileWriting.writeTemporary(beside: folder + "/missing/Ecs.swift", contents: "x", label: "apigen")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [(temporary as NSString).lastPathComponent])
        }
    }

    @Test func reportsAFolderThatIsNotThere() throws {
        try withFolder { folder in
            #expect(throws: POSIXError.self) { try FileWriting.writeNewFile(folder + "/missing/file", contents: "x") }
        }
    }

    @Test func syncsWrittenFilesAndKeepsThem() throws {
        try withFolder { folder in
            let paths = (0..<20).map { folder + "/spec\($0).xml" }
            for path in paths { try FileWriting.writeNewFile(path, contents: "<action name=\"A\"/>\n") }
            try FileWriting.syncToDisk(files: paths, in: folder)
            for path in paths {
                #expect(FileManager.default.contents(atPath: path) == Data("<action name=\"A\"/>\n".utf8))
            }
        }
    }

    /// A sync that cannot be done is an error, never a silent success: the importer then
    /// removes its temporary files and writes nothing.
    @Test func aSyncOfAMissingFolderFails() throws {
        try withFolder { folder in
            let missing = folder + "/gone"
            #expect(throws: POSIXError.self) { try FileWriting.syncToDisk(files: [missing + "/a.xml"], in: missing) }
        }
    }
}
