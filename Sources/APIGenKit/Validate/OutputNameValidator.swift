/// Checks every name that becomes a file name, before anything is written: that the file
/// system can hold it, and that no two files of a run are one file.
///
/// The files are the render jobs' own plans (`RenderJobs.plan`), so a product-level file the
/// pipeline gains is checked as soon as it is a job. Each problem is an error at the spec
/// element that chose the name: the action for an action's file, the product otherwise.
/// - A name longer than 255 bytes (`NAME_MAX` on Linux and macOS, `.swift` included).
/// - A name that is not an identifier plus `.swift` (or `+Server.swift` in a server module): a
///   `/`, a NUL, a leading `.` would make a path, a broken name or a hidden file.
/// - Two files whose paths differ only in case (or Unicode normalization): one file on
///   macOS's default file system, so one would overwrite the other there; on any system, an
///   action whose file is a product-level file's (`swiftName="ECSClient"`).
struct OutputNameValidator {
    private(set) var diagnostics = DiagnosticCollector()

    mutating func validate(_ products: [ProductSpec]) {
        var seen: [String: PlannedFile] = [:]
        for job in RenderJobs.jobs(for: products) {
            let plan = RenderJobs.plan(job, in: products)
            let hint = plan.isActionFile
                ? "add swiftName=\"…\" to the <action> to choose another name for its file and types"
                : "choose another swiftPrefix in the product file"
            // Server files are `<Name>+Server.swift`: the name before the suffix is what is chosen.
            var base = String(plan.fileName.dropLast(".swift".count))
            if base.hasSuffix(RenderJobs.serverSuffix) { base.removeLast(RenderJobs.serverSuffix.count) }
            if plan.fileName.utf8.count > FileWriting.maximumNameBytes {
                diagnostics.error(
                    "\(plan.owner) would be written to a file named \(plan.fileName.utf8.count) bytes long; "
                        + "file systems allow \(FileWriting.maximumNameBytes) (\".swift\" included)",
                    at: plan.location, hint: plan.isActionFile ? hint + " of at most \(FileWriting.maximumNameBytes - 6) characters" : hint)
                continue
            }
            if !SwiftNaming.isValidIdentifier(base) {
                diagnostics.error("\(plan.owner) would be written to '\(plan.fileName)', which is not a file name apigen writes", at: plan.location, hint: hint)
                continue
            }
            let key = plan.relativePath.lowercased()
            if let other = seen[key] {
                // One action defined twice is the semantic validator's to report.
                if other.owner == plan.owner, other.folder == plan.folder { continue }
                let (later, earlier) = Self.blame(plan, other)
                let sameCase = other.relativePath == plan.relativePath
                diagnostics.error(
                    "\(later.owner) would be written to \(later.relativePath), "
                        + (sameCase ? "which is also " : "which differs only in case from \(earlier.relativePath), ")
                        + "\(earlier.isActionFile ? "the file of " : "")\(earlier.owner) (\(earlier.location))"
                        + (sameCase ? "" : "; macOS's file system takes them for one file"),
                    at: later.location,
                    hint: later.isActionFile
                        ? "add swiftName=\"…\" to the <action> to choose another name for its file and types"
                        : "give the products folders and swiftPrefixes that differ in more than case")
                continue
            }
            seen[key] = plan
        }
    }

    /// Which of two clashing files gets the error: an action's rather than a product-level
    /// file's (the action chose its name), else the later one in reading order.
    private static func blame(_ a: PlannedFile, _ b: PlannedFile) -> (later: PlannedFile, earlier: PlannedFile) {
        if a.isActionFile != b.isActionFile { return a.isActionFile ? (a, b) : (b, a) }
        return b.location < a.location ? (a, b) : (b, a)
    }
}
