import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What writing (or checking) the output folder did.
public struct WriteReport: Hashable, Sendable {
    /// Relative paths, sorted.
    public var written: [String] = []
    public var unchanged: [String] = []
    public var removed: [String] = []
    /// For `--check`: files that differ from what the specs produce, or are missing.
    public var stale: [String] = []
    public var missing: [String] = []
    /// For `--check`: generated files whose spec is gone.
    public var extra: [String] = []

    public var isUpToDate: Bool { stale.isEmpty && missing.isEmpty && extra.isEmpty }

    /// Adds another report's lists to this one's.
    mutating func merge(_ other: WriteReport) {
        written += other.written
        unchanged += other.unchanged
        removed += other.removed
        stale += other.stale
        missing += other.missing
        extra += other.extra
    }

    /// Every list in path order (files written on several cores come back in any order).
    mutating func sort() {
        written.sort()
        unchanged.sort()
        removed.sort()
        stale.sort()
        missing.sort()
        extra.sort()
    }
}

/// Brings the output folder in line with the rendered files, touching as little as possible.
///
/// - A file is written only when its content changed, through a temporary file in the same
///   folder and a rename, so a reader never sees half a file and an interrupted run leaves
///   the old file whole.
/// - A file is removed only if it is not produced any more *and* starts with apigen's
///   header: files a person put there are never touched.
struct OutputWriter {
    let outputFolder: String
    private let fileManager = FileManager.default

    init(outputFolder: String) {
        self.outputFolder = outputFolder
    }

    /// Writes `files` and removes stale generated files.
    func write(_ files: [GeneratedFile]) throws(DiagnosticsError) -> WriteReport {
        var report = try writeFiles(files)
        report.removed = try removeOrphans(keeping: Set(files.map(\.relativePath)))
        return report
    }

    /// Writes those of `files` whose bytes differ from what is on disk.
    func writeFiles(_ files: [GeneratedFile]) throws(DiagnosticsError) -> WriteReport {
        var report = WriteReport()
        for file in files.sorted(by: { $0.relativePath < $1.relativePath }) {
            report.merge(try writeFile(file))
        }
        return report
    }

    /// Writes `file` if its bytes differ from what is on disk. Safe to call for different
    /// files at once (the pipeline writes on every core).
    func writeFile(_ file: GeneratedFile) throws(DiagnosticsError) -> WriteReport {
        var report = WriteReport()
        let path = absolute(file.relativePath)
        if existingContents(path) == Data(file.contents.utf8) {
            report.unchanged.append(file.relativePath)
        } else {
            try writeAtomically(file.contents, to: path)
            report.written.append(file.relativePath)
        }
        return report
    }

    /// Removes the generated files under the output folder that are not in `kept` (and the
    /// folders that leaves empty); returns their paths.
    func removeOrphans(keeping kept: Set<String>) throws(DiagnosticsError) -> [String] {
        var removed: [String] = []
        for relativePath in orphans(keeping: kept) {
            do {
                try fileManager.removeItem(atPath: absolute(relativePath))
            } catch {
                throw failure("cannot remove \(absolute(relativePath)): \(error.localizedDescription)")
            }
            removed.append(relativePath)
        }
        removeEmptyFolders(holding: removed)
        return removed
    }

    /// Compares without writing anything.
    func check(_ files: [GeneratedFile]) -> WriteReport {
        var report = compareFiles(files)
        report.extra = orphans(keeping: Set(files.map(\.relativePath)))
        return report
    }

    /// Sorts `files` into unchanged, stale and missing, writing nothing.
    func compareFiles(_ files: [GeneratedFile]) -> WriteReport {
        var report = WriteReport()
        for file in files.sorted(by: { $0.relativePath < $1.relativePath }) {
            report.merge(compareFile(file))
        }
        return report
    }

    /// Whether `file` is unchanged, stale or missing on disk; writes nothing.
    func compareFile(_ file: GeneratedFile) -> WriteReport {
        var report = WriteReport()
        let path = absolute(file.relativePath)
        if !fileManager.fileExists(atPath: path) {
            report.missing.append(file.relativePath)
        } else if existingContents(path) == Data(file.contents.utf8) {
            report.unchanged.append(file.relativePath)
        } else {
            report.stale.append(file.relativePath)
        }
        return report
    }

    // MARK: Helpers

    private func absolute(_ relativePath: String) -> String {
        (outputFolder as NSString).appendingPathComponent(relativePath)
    }

    /// The bytes on disk: compared as bytes, since `String` equality would call two
    /// different Unicode normalizations of the same text equal.
    private func existingContents(_ path: String) -> Data? {
        fileManager.contents(atPath: path)
    }

    /// Generated files under the output folder (by header) that are not in `kept`.
    func orphans(keeping kept: Set<String>) -> [String] {
        guard let enumerator = fileManager.enumerator(atPath: outputFolder) else { return [] }
        var result: [String] = []
        for case let relativePath as String in enumerator where relativePath.hasSuffix(".swift") && !kept.contains(relativePath) {
            if isGenerated(absolute(relativePath)) { result.append(relativePath) }
        }
        return result.sorted()
    }

    private func isGenerated(_ path: String) -> Bool {
        Self.isGenerated(path)
    }

    /// Whether the file starts with apigen's header. Reads only the first bytes.
    static func isGenerated(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let prefix = (try? handle.read(upToCount: 256)) ?? Data()
        return String(decoding: prefix, as: UTF8.self).hasPrefix(Renderer.headerMarker)
    }

    private func writeAtomically(_ contents: String, to path: String) throws(DiagnosticsError) {
        do {
            try createFolder((path as NSString).deletingLastPathComponent)
            // Not synced to disk: see FileWriting.
            let temporary = try FileWriting.writeTemporary(beside: path, contents: contents, label: "apigen")
            if rename(temporary, path) != 0 {
                let reason = String(cString: strerror(errno))
                try? fileManager.removeItem(atPath: temporary)
                throw failure("cannot move the new \(path) into place: \(reason)")
            }
        } catch let error as DiagnosticsError {
            throw error
        } catch {
            let reason = (error as? POSIXError).map { String(cString: strerror($0.code.rawValue)) } ?? error.localizedDescription
            throw failure("cannot write \(path): \(reason)")
        }
    }

    /// Creates `folder` and its parents. Files of one folder are written on several cores at
    /// once, so another thread may create it first: that is success too.
    private func createFolder(_ folder: String) throws {
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue { return }
        do {
            try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            guard fileManager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { throw error }
        }
    }

    /// A folder whose last generated file was removed goes too, if nothing else is in it.
    private func removeEmptyFolders(holding removed: [String]) {
        let folders = Set(removed.map { ($0 as NSString).deletingLastPathComponent }).filter { !$0.isEmpty }
        for folder in folders.sorted(by: >) where (try? fileManager.contentsOfDirectory(atPath: absolute(folder)))?.isEmpty == true {
            try? fileManager.removeItem(atPath: absolute(folder))
        }
    }

    private func failure(_ message: String) -> DiagnosticsError {
        DiagnosticsError(diagnostics: [.error(message, at: nil, hint: "check the output folder's permissions and free space")])
    }
}
