import Foundation

/// A finished child process: its exit status and what `wait4` says it used.
public struct ChildUsage: Sendable {
    public var status: Int32
    public var wall: Duration
    /// User + system CPU time of the child.
    public var cpu: Duration
    /// The child's peak resident set, in bytes.
    public var peakResidentBytes: Int
}

/// Runs `arguments[0]` (a path) with the rest as arguments, its output discarded unless the
/// run fails, and returns the child's own CPU time and peak memory (from `wait4`), which the
/// benchmark's process-wide metrics do not see.
public func runChild(_ arguments: [String]) -> ChildUsage {
    let log = NSTemporaryDirectory() + "apigen-bench-child-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).log"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let started = ContinuousClock.now
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, arguments[0], &actions, nil, &argv, environ)
    precondition(spawned == 0, "cannot start \(arguments[0]): error \(spawned)")
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) == -1 && errno == EINTR {}
    let wall = ContinuousClock.now - started
    let exit = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
    if exit != 0 {
        let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        FileHandle.standardError.write(Data("\(arguments.joined(separator: " ")) exited with \(exit):\n\(output.suffix(4000))\n".utf8))
    }
    try? FileManager.default.removeItem(atPath: log)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    #if os(Linux)
    let peak = usage.ru_maxrss * 1024
    #else
    let peak = usage.ru_maxrss
    #endif
    return ChildUsage(status: exit, wall: wall, cpu: .seconds(seconds(usage.ru_utime) + seconds(usage.ru_stime)), peakResidentBytes: peak)
}

extension Duration {
    public var milliseconds: Int {
        Int(components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }

    public var secondsValue: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
