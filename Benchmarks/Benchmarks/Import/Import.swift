// Import of the full ECS api-docs.json (358 actions) into a temporary spec folder, as
// `apigen import ../shared/specs-upstream/ecs-2014-05-26.en_us.api-docs.json --output <folder>`.
import APIGenKit
import Benchmark
import BenchmarkSupport
import Foundation

/// What one import adds to the resident set at its peak (see MemoryHighWater).
let memoryAdded = BenchmarkMetric.custom("peak memory added (MB)", polarity: .prefersSmaller, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, memoryAdded],
        timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(30), maxIterations: 20)

    Benchmark("apigen import: all of ECS (api-docs.json, 358 actions)") { benchmark in
        // Every run's output stays until the last run is done, as in the generation benchmark:
        // a file created right after others were deleted takes longer on this file system.
        var folders: [TemporaryFolder] = []
        defer { folders.forEach { $0.remove() } }
        for _ in benchmark.scaledIterations {
            let folder = TemporaryFolder("import")
            let before = MemoryHighWater.reset()
            benchmark.startMeasurement()
            do {
                let report = try MetadataImport(configuration: ImportConfiguration(
                    metadataPath: Paths.ecsMetadata, outputFolder: folder.sub("Ecs"))).run()
                precondition(report.actionCount == 358 && report.written.count == 359, "unexpected import: \(report.summaryLine)")
                blackHole(report)
            } catch {
                fatalError("import failed: \(error)")
            }
            benchmark.stopMeasurement()
            benchmark.measurement(memoryAdded, max(0, MemoryHighWater.peak() - before) / 1_000_000)
            folders.append(folder)
        }
    }
}
