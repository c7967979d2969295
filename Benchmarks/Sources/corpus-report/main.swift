// The scale run over every Alibaba Cloud RPC product, as a report:
//
//   swift run --package-path Benchmarks -c release corpus-report [--keep DIR] [--steps 4,2,1]
//
// Unpacks ../shared/specs-upstream/all-rpc-products.en_us.tar.xz into a temporary folder
// (setup, not timed), then for every 4th, every 2nd and every product-version (nested
// selections spread over the alphabet) runs, each in a fresh child process so that its peak
// memory is its own: import of every product-version into <work>/Specs/<product_version>,
// then generation of all of them into <work>/Generated/<product_version>. Prints the counts,
// every failure category with its count, and how time and peak memory grow with the number
// of actions. The full run's output is kept in --keep (default /tmp/apigen-corpus) for
// Benchmarks/Scripts/compile-sample.sh.
import BenchmarkSupport
import Foundation

struct ChildReport: Codable {
    var result: Corpus.Result
    var peakResidentBytes: Int
    var cpuSeconds: Double
}

func argument(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func mib(_ bytes: Int) -> String { String(format: "%.0f", Double(bytes) / 1_048_576) }
func secs(_ duration: Duration) -> String { String(format: "%.2f", duration.secondsValue) }

// MARK: Child: one run, reported as JSON on stdout.

if let step = argument("--child").flatMap(Int.init), let unpacked = argument("--unpacked"), let work = argument("--work") {
    let products = Corpus.every(step, of: Corpus.list(unpacked))
    let cpuBefore = processCPUTime()
    let result = Corpus.run(products, work: work)
    let report = ChildReport(result: result, peakResidentBytes: peakResidentBytes(), cpuSeconds: (processCPUTime() - cpuBefore).secondsValue)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    FileHandle.standardOutput.write(try! encoder.encode(report))
    exit(0)
}

// MARK: Parent

let keep = argument("--keep") ?? "/tmp/apigen-corpus"
let steps = (argument("--steps") ?? "4,2,1").split(separator: ",").compactMap { Int($0) }
let scratch = TemporaryFolder("corpus")
defer { scratch.remove() }

// The last report's output goes first, and the runs wait until a minute has passed since:
// ext4 without a journal (this project's machines) passes over inodes freed in the last 60 s
// (300 s more while their inode table block is unwritten, hence the sync) each time it
// creates a file, so a run right after a report (which deletes 60,000 files when it ends) or
// right after deleting `keep` spent seconds more in the kernel creating its 40,000 files.
try? FileManager.default.removeItem(atPath: keep)
sync()
let settled = ContinuousClock.now + .seconds(61)

print("Unpacking \(Paths.corpusArchive) (setup, not timed)…")
let products = Corpus.unpack(into: scratch.sub("unpacked"))
let settleTime = ContinuousClock.now.duration(to: settled)
if settleTime > .zero, ProcessInfo.processInfo.environment["APIGEN_CORPUS_NO_SETTLE"] == nil {
    print("Waiting \(Int(settleTime.components.seconds)) s for the file system to stop passing over freed inodes (setup, not timed)…")
    try? await Task.sleep(for: settleTime)
}
let totalActions = products.reduce(0) { $0 + $1.actionCount }
print("\(products.count) product-versions of \(Set(products.map(\.product)).count) products, \(totalActions) actions in the metadata\n")

var reports: [(step: Int, report: ChildReport, wall: Duration)] = []
for step in steps {
    let work = step == 1 ? keep : scratch.sub("work-\(step)")
    try? FileManager.default.removeItem(atPath: work)
    // Every run starts with nothing of the runs before it left to write back or discard.
    sync()
    let output = scratch.sub("child-\(step).json")
    let started = ContinuousClock.now
    // A shell only to send the child's stdout to a file; the child is this same executable.
    let usage = runChild(["/bin/sh", "-c", "exec \"$0\" --child \(step) --unpacked \"$1\" --work \"$2\" > \"$3\"",
                          CommandLine.arguments[0], scratch.sub("unpacked"), work, output])
    let wall = ContinuousClock.now - started
    guard usage.status == 0, let data = FileManager.default.contents(atPath: output),
          let report = try? JSONDecoder().decode(ChildReport.self, from: data) else {
        print("the run over every \(step). product-version failed (exit \(usage.status))")
        exit(1)
    }
    reports.append((step, report, wall))
    let r = report.result
    print("every \(step == 1 ? "" : "\(step). ")product-version: \(r.productVersions) product-versions, \(r.metadataActions) actions: import \(secs(r.importDuration)) s + generate \(secs(r.generateDuration)) s = \(secs(r.totalDuration)) s, peak \(mib(report.peakResidentBytes)) MiB")
}

// MARK: Counts and failures of the largest run

guard let full = reports.min(by: { $0.step < $1.step }) else { exit(0) }
let r = full.report.result
print("\n## Every \(full.step == 1 ? "" : "\(full.step). ")product-version: what imports and generates")
print("product-versions: \(r.productVersions); actions in the metadata: \(r.metadataActions)")
print("imported: \(r.importedActions) actions (\(r.importedCleanActions) without a finding of apigen's checks); product-versions refused: \(r.importFailures.values.reduce(0) { $0 + $1.count })")
print("generated: \(r.generatedActions) actions in \(r.generatedProducts) modules, \(r.generatedFiles) files; set aside after the generator's first run: \(r.setAsideActions) actions, \(r.setAsideProducts.count) product-versions")
func list(_ title: String, _ counts: [String: Int]) {
    guard !counts.isEmpty else { print("\(title): none"); return }
    print("\(title):")
    for (category, count) in counts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
        print("  \(count) × \(category)")
    }
}
list("import refused (product-versions)", r.importFailures.mapValues(\.count))
for (category, names) in r.importFailures.sorted(by: { $0.key < $1.key }) { print("    \(category): \(names.joined(separator: ", "))") }
list("actions skipped by the importer", r.skippedActions)
list("findings of apigen's checks at import", r.importValidation)
print("paginators inferred: \(r.paging.summary) of \(r.importedActions) actions")
list("looked like paging, left out (actions)", r.pagingLeftOut)
list("generator errors (first run over everything)", r.generationErrors)
if !r.setAsideProducts.isEmpty { print("product-versions set aside: \(r.setAsideProducts.joined(separator: ", "))") }

// MARK: Growth

print("\n## Growth with the number of actions")
print("| selection | product-versions | actions | import s | generate s | total s | CPU s | peak MiB | ms / action | KiB peak / action |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for (step, report, _) in reports.sorted(by: { $0.step > $1.step }) {
    let result = report.result
    let actions = max(result.metadataActions, 1)
    print("| every \(step == 1 ? "" : "\(step). ")product-version | \(result.productVersions) | \(result.metadataActions) | \(secs(result.importDuration)) | \(secs(result.generateDuration)) | \(secs(result.totalDuration)) | \(String(format: "%.2f", report.cpuSeconds)) | \(mib(report.peakResidentBytes)) | \(String(format: "%.2f", result.totalDuration.secondsValue * 1000 / Double(actions))) | \(String(format: "%.1f", Double(report.peakResidentBytes) / 1024 / Double(actions))) |")
}
if reports.count >= 2 {
    let sorted = reports.sorted { $0.report.result.metadataActions < $1.report.result.metadataActions }
    let small = sorted.first!, large = sorted.last!
    let ratioActions = Double(large.report.result.metadataActions) / Double(small.report.result.metadataActions)
    let ratioTime = large.report.result.totalDuration.secondsValue / small.report.result.totalDuration.secondsValue
    let ratioMemory = Double(large.report.peakResidentBytes) / Double(small.report.peakResidentBytes)
    print(String(format: "\n%.2f× the actions took %.2f× the time and %.2f× the peak memory (linear growth: the same factor for time; memory grows less when a fixed base dominates).", ratioActions, ratioTime, ratioMemory))
    if sorted.count >= 3 {
        // Straight line through the smallest and largest runs; how far the middle one is off it.
        let middle = sorted[sorted.count / 2]
        func predicted(_ value: (ChildReport) -> Double) -> Double {
            let x0 = Double(small.report.result.metadataActions), x1 = Double(large.report.result.metadataActions)
            let x = Double(middle.report.result.metadataActions)
            return value(small.report) + (value(large.report) - value(small.report)) * (x - x0) / (x1 - x0)
        }
        let time = middle.report.result.totalDuration.secondsValue / predicted { $0.result.totalDuration.secondsValue }
        let memory = Double(middle.report.peakResidentBytes) / predicted { Double($0.peakResidentBytes) }
        print(String(format: "The middle run is %.0f%% of the time and %.0f%% of the peak memory a straight line through the other two predicts.", time * 100, memory * 100))
    }
}
print("\nThe full run's specs and generated Swift are in \(keep) (Specs/, Generated/) for Benchmarks/Scripts/compile-sample.sh.")
