import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a run's files all or none.
///
/// 1. `stage`, on every core as files are rendered: a file whose bytes differ from the disk is
///    written to a hidden temporary beside its place; nothing visible changes. A folder in the
///    way of a file, a file in the way of a folder, a full disk, a name the file system
///    refuses: each fails here, before any file is replaced.
/// 2. `commit`, once everything is staged: each staged file is renamed into place and each
///    orphan removed, all or none (`FileReplacement`): if a step fails, the steps done are
///    undone, so the folder is as it was.
/// 3. `discard`, after any failure: the temporaries and the folders staging made go.
///
/// A failure that cannot be undone (a backup that cannot be renamed back) is reported with
/// the paths left changed, so the caller never claims that nothing was written when it was.
final class OutputTransaction: @unchecked Sendable {
    let outputFolder: String
    private let fileManager = FileManager.default
    private let lock = NSLock()
    private var staged: [(relativePath: String, temporary: String)] = []
    /// Folders staging created (outermost first), removed again by `discard` when empty.
    private var createdFolders: [String] = []

    init(outputFolder: String) {
        self.outputFolder = outputFolder
    }

    /// Compares `file` with the disk and, when it differs, stages it. Safe to call for
    /// different files at once.
    func stage(_ file: GeneratedFile) throws(DiagnosticsError) -> WriteReport {
        var report = WriteReport()
        let path = absolute(file.relativePath)
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw failure("cannot write \(path): a folder is in its place", hint: "move the folder away; apigen writes a file there")
        }
        if fileManager.contents(atPath: path) == Data(file.contents.utf8) {
            report.unchanged.append(file.relativePath)
            return report
        }
        do {
            try createFolder((path as NSString).deletingLastPathComponent)
            let temporary = try FileWriting.writeTemporary(beside: path, contents: file.contents, label: "apigen")
            lock.withLock { staged.append((file.relativePath, temporary)) }
        } catch let error as DiagnosticsError {
            throw error
        } catch {
            let reason = (error as? POSIXError).map { String(cString: strerror($0.code.rawValue)) } ?? error.localizedDescription
            throw failure("cannot write \(path): \(reason)")
        }
        report.written.append(file.relativePath)
        return report
    }

    /// Moves every staged file into place and removes `orphans` (relative paths), or, if any
    /// step fails, undoes the steps done and throws (`FileReplacement`). The temporaries are
    /// gone either way.
    func commit(removing orphans: [String]) throws(DiagnosticsError) {
        let files = lock.withLock { staged.sorted { $0.relativePath < $1.relativePath } }
        do {
            try FileReplacement.apply(
                moves: files.map { (temporary: $0.temporary, path: absolute($0.relativePath)) },
                removals: orphans.map(absolute))
        } catch {
            lock.withLock { staged = [] }
            discard()
            var diagnostics = failure(error.problem)
            diagnostics.changedPaths = error.leftChanged
            if !error.leftChanged.isEmpty {
                diagnostics.diagnostics.append(.error(
                    "these files could not be restored after the failure: " + error.leftChanged.joined(separator: ", "),
                    at: nil, hint: "run apigen again once the problem is fixed; it rewrites them"))
            }
            throw diagnostics
        }
        lock.withLock { staged = [] }
        removeEmptyFolders(holding: orphans)
    }

    /// Removes every staged temporary, and the folders staging created if they are empty.
    func discard() {
        let temporaries = lock.withLock { () -> [String] in
            defer { staged = [] }
            return staged.map(\.temporary)
        }
        for temporary in temporaries { unlink(temporary) }
        let folders = lock.withLock { () -> [String] in
            defer { createdFolders = [] }
            return createdFolders
        }
        // Innermost first.
        for folder in folders.sorted(by: { $0.count > $1.count }) {
            if (try? fileManager.contentsOfDirectory(atPath: folder))?.isEmpty == true { rmdir(folder) }
        }
    }

    // MARK: Helpers

    private func absolute(_ relativePath: String) -> String {
        (outputFolder as NSString).appendingPathComponent(relativePath)
    }

    /// Creates `folder` and its missing parents, remembering each one created. Another thread
    /// may create it first: that is success too.
    private func createFolder(_ folder: String) throws {
        guard !folder.isEmpty else { return }
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw failure("cannot write into \(folder): a file is in its place", hint: "move the file away; apigen writes a folder there")
            }
            return
        }
        try createFolder((folder as NSString).deletingLastPathComponent)
        if mkdir(folder, 0o777) == 0 {
            lock.withLock { createdFolders.append(folder) }
        } else if errno != EEXIST {
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
    }

    /// A folder whose last generated file was removed goes too, if nothing else is in it.
    private func removeEmptyFolders(holding removed: [String]) {
        let folders = Set(removed.map { ($0 as NSString).deletingLastPathComponent }).filter { !$0.isEmpty }
        for folder in folders.sorted(by: >) where (try? fileManager.contentsOfDirectory(atPath: absolute(folder)))?.isEmpty == true {
            try? fileManager.removeItem(atPath: absolute(folder))
        }
    }

    private func failure(_ message: String, hint: String = "check the output folder's permissions and free space") -> DiagnosticsError {
        DiagnosticsError(diagnostics: [.error(message, at: nil, hint: hint)])
    }
}
