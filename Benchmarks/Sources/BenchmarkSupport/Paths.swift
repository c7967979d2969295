import Foundation

/// Where the repository and the shared upstream metadata are, wherever the benchmarks run from.
public enum Paths {
    /// The repository root: this file is `<root>/Benchmarks/Sources/BenchmarkSupport/Paths.swift`.
    public static let repository: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path
    }()

    public static var specs: String { repository + "/Specs" }
    public static var templates: String { repository + "/Templates" }
    public static var schema: String { repository + "/Specs/apigen.xsd" }

    /// `../shared/specs-upstream` beside the repository (never copied into it), or
    /// `APIGEN_UPSTREAM_SPECS` if set.
    public static var upstream: String {
        if let path = ProcessInfo.processInfo.environment["APIGEN_UPSTREAM_SPECS"], !path.isEmpty { return path }
        return (repository as NSString).deletingLastPathComponent + "/shared/specs-upstream"
    }

    public static var ecsMetadata: String { upstream + "/ecs-2014-05-26.en_us.api-docs.json" }
    public static var corpusArchive: String { upstream + "/all-rpc-products.en_us.tar.xz" }

    /// The contents of a file that must exist, or a clear stop.
    public static func contents(of path: String) -> Data {
        guard let data = FileManager.default.contents(atPath: path) else {
            fatalError("cannot read \(path) (the upstream metadata lives in ../shared/specs-upstream beside the repository; set APIGEN_UPSTREAM_SPECS to point elsewhere)")
        }
        return data
    }
}

/// A fresh folder under the system's temporary folder, removed by `remove()`.
public struct TemporaryFolder: Sendable {
    public let path: String

    public init(_ label: String) {
        let base = NSTemporaryDirectory() + "apigen-bench-\(label)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try! FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
        path = base
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }

    public func sub(_ name: String) -> String { path + "/" + name }
}

/// The process's peak resident set so far (`getrusage`'s `ru_maxrss`), in bytes.
public func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(rusageSelf, &usage)
    #if os(Linux)
    return usage.ru_maxrss * 1024
    #else
    return usage.ru_maxrss
    #endif
}

/// User + system CPU time of this process so far.
public func processCPUTime() -> Duration {
    var usage = rusage()
    getrusage(rusageSelf, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return .seconds(seconds(usage.ru_utime) + seconds(usage.ru_stime))
}

#if os(Linux)
private let rusageSelf = __rusage_who_t(RUSAGE_SELF.rawValue)
#else
private let rusageSelf = RUSAGE_SELF
#endif
