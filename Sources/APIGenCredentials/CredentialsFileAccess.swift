import Foundation
import Logging

/// Reading the profile and credentials files: existence, readability, and a warning when a
/// file holding secrets can be read by other users.
enum CredentialsFileAccess {
    /// Whether `path` names a regular file (or a link to one).
    static func exists(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
    }

    /// The file's text. Errors name the file: missing, a directory, unreadable, not UTF-8.
    static func contents(_ path: String, logger: Logger) throws(CredentialsFileError) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CredentialsFileError(path: path, errno == ENOENT ? "does not exist" : "cannot be read: \(String(cString: strerror(errno)))")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw CredentialsFileError(path: path, "is a directory, not a file")
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw CredentialsFileError(path: path, "cannot be read: \(String(cString: strerror(errno))) (check its owner and permissions)")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                throw CredentialsFileError(path: path, "cannot be read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            bytes += buffer[0..<count]
            if bytes.count > 4 * 1024 * 1024 { throw CredentialsFileError(path: path, "is larger than 4 MiB; not a credentials file") }
        }
        if info.st_mode & 0o077 != 0 {
            logger.warning(
                "credentials file can be read by other users; restrict it with chmod 600",
                metadata: ["file": "\(path)", "mode": "\(String(info.st_mode & 0o777, radix: 8))"])
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CredentialsFileError(path: path, "is not UTF-8 text")
        }
        return text
    }
}
