import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Moves staged files into place and removes others, all or none: what the writer's and the
/// importer's last step needs, so that a failure half-way cannot leave half a run behind.
///
/// Each step is a rename, recorded as it is done: a file that exists is first kept under a
/// hidden backup name (a hard link, so its path never goes missing; a rename where the file
/// system has no hard links), then the new file is renamed over it; a file to remove is
/// renamed to a backup. If a step fails, the steps done are undone in reverse. Only when all
/// succeeded are the backups deleted.
enum FileReplacement {
    /// What went wrong, and the paths that could not be put back (nearly always none).
    struct Failure: Error {
        var problem: String
        var leftChanged: [String]
    }

    private enum Step {
        /// `path` holds the new file; the old one, if there was one, is at `backup`.
        case replaced(path: String, backup: String?)
        /// The file that was at `path` is at `backup`.
        case removed(path: String, backup: String)
    }

    /// Renames each `temporary` over its `path`, then removes `removals`; on failure, puts
    /// everything back and removes the temporaries not yet moved. The temporaries never stay.
    static func apply(moves: [(temporary: String, path: String)], removals: [String] = []) throws(Failure) {
        var done: [Step] = []
        var problem: String?
        var moved = 0
        for move in moves {
            var backup: String?
            if FileManager.default.fileExists(atPath: move.path) {
                let name = FileWriting.hiddenName(beside: move.path, label: "apigen-backup")
                if link(move.path, name) != 0 {
                    guard rename(move.path, name) == 0 else {
                        problem = "cannot keep the old \(move.path) while replacing it: \(String(cString: strerror(errno)))"
                        break
                    }
                }
                backup = name
            }
            guard rename(move.temporary, move.path) == 0 else {
                problem = "cannot move the new \(move.path) into place: \(String(cString: strerror(errno)))"
                if let backup {
                    if FileManager.default.fileExists(atPath: move.path) { unlink(backup) } else { _ = rename(backup, move.path) }
                }
                break
            }
            moved += 1
            done.append(.replaced(path: move.path, backup: backup))
        }
        if problem == nil {
            for path in removals {
                let backup = FileWriting.hiddenName(beside: path, label: "apigen-backup")
                guard rename(path, backup) == 0 else {
                    problem = "cannot remove \(path): \(String(cString: strerror(errno)))"
                    break
                }
                done.append(.removed(path: path, backup: backup))
            }
        }
        guard let problem else {
            for step in done {
                switch step {
                case .replaced(_, let backup?), .removed(_, let backup): unlink(backup)
                case .replaced(_, nil): break
                }
            }
            return
        }
        for move in moves[moved...] { unlink(move.temporary) }
        var leftChanged: [String] = []
        for step in done.reversed() {
            switch step {
            case .replaced(let path, let backup?), .removed(let path, let backup):
                if rename(backup, path) != 0 { leftChanged.append(path) }
            case .replaced(let path, nil):
                if unlink(path) != 0 { leftChanged.append(path) }
            }
        }
        throw Failure(problem: problem, leftChanged: leftChanged.sorted())
    }
}
