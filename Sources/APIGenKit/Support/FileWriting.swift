import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing new files, and waiting for the disk only where it is needed.
///
/// The writer and the importer both write each file to a temporary name and rename it into
/// place. Generated files are not synced (they can always be made again, and the cache and
/// `--check` catch one a crash left short); imported specs are source files and are synced
/// before any of them is renamed, all at once (`syncToDisk`).
enum FileWriting {
    /// Writes `contents` into a new file at `path`, which must not exist yet. Nothing is
    /// synced to disk (unlike `Data.write`).
    static func writeNewFile(_ path: String, contents: String) throws(POSIXError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw currentError() }
        var contents = contents
        let written: Int32 = contents.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let count = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return 0
        }
        let closed = close(descriptor) == 0 ? 0 : errno
        if let failure = [written, closed].first(where: { $0 != 0 }) {
            throw POSIXError(POSIXErrorCode(rawValue: failure) ?? .EIO)
        }
    }

    /// Writes `contents` to a new hidden file beside `path` (`.<name>.<label>-<UUID>`), not
    /// synced, and returns its path, for the caller to rename over `path`; nothing stays if
    /// the write fails.
    static func writeTemporary(beside path: String, contents: String, label: String) throws(POSIXError) -> String {
        let temporary = hiddenName(beside: path, label: label)
        do {
            try writeNewFile(temporary, contents: contents)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        return temporary
    }

    /// A new hidden name beside `path`, `.<name>.<label>-<UUID>`, never longer than the 255
    /// bytes a file name may have: a long `<name>` is cut (at a character's boundary), so a
    /// file whose own name fits always gets a temporary.
    static func hiddenName(beside path: String, label: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let suffix = ".\(label)-\(UUID().uuidString)"
        var name = Substring((path as NSString).lastPathComponent)
        while 1 + name.utf8.count + suffix.utf8.count > maximumNameBytes, !name.isEmpty { name = name.dropLast() }
        return (folder as NSString).appendingPathComponent("." + name + suffix)
    }

    /// The longest file name, in bytes, on Linux's and macOS's file systems (`NAME_MAX`).
    static let maximumNameBytes = 255

    /// Waits until `files`, all written and closed, all in `folder`, are on the disk.
    ///
    /// On Linux this is one `syncfs` of the file system that holds `folder`: the kernel writes
    /// every file out together and flushes the device once, where an `fsync` per file would
    /// flush it once per file (on the whole corpus, about a second of the import's four).
    /// It also writes out whatever else is waiting on that file system, which is the price of
    /// not waiting file by file. Elsewhere, or if `syncfs` is missing, each file gets its
    /// `fsync`.
    static func syncToDisk(files: [String], in folder: String) throws(POSIXError) {
        if let syncfs = syncFileSystem {
            let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else { throw currentError() }
            defer { close(descriptor) }
            if syncfs(descriptor) != 0 { throw currentError() }
            return
        }
        for file in files {
            let descriptor = open(file, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw currentError() }
            defer { close(descriptor) }
            if fsync(descriptor) != 0 { throw currentError() }
        }
    }

    /// glibc's `syncfs` (Linux 2.6.39 and later). Swift's Glibc module leaves it out (it is
    /// declared for `_GNU_SOURCE` only), so it is looked up by name.
    private static let syncFileSystem: (@convention(c) (Int32) -> Int32)? = {
        #if os(Linux)
        guard let symbol = dlsym(nil, "syncfs") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
        #else
        return nil
        #endif
    }()

    private static func currentError() -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }

    /// The C library's `write`, named apart from Swift's own `write` functions.
    private static func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, bytes, count)
        #elseif canImport(Musl)
        Musl.write(descriptor, bytes, count)
        #else
        Darwin.write(descriptor, bytes, count)
        #endif
    }
}
