// Generation of all 358 ECS actions from Specs/ (parse → validate → render → write into a
// temporary folder), the no-op regeneration, and the peer side by side when
// APIGEN_PEER_OPENAPI_GENERATOR names its CLI (Benchmarks/Peer/build-peer.sh).
import APIGenKit
import Benchmark
import BenchmarkSupport
import Foundation

/// The pipeline the CLI runs (`swift run apigen Specs/ --output <folder>`); `cache` is where
/// it remembers the last run (the CLI's default is `~/.cache/apigen`; `nil` is `--no-cache`).
func pipeline(output: String, cache: String?) -> GeneratorPipeline {
    GeneratorPipeline(configuration: GeneratorConfiguration(
        specsFolder: Paths.specs, outputFolder: output, templatesFolder: Paths.templates, schemaPath: Paths.schema,
        cacheFolder: cache))
}

func generate(into output: String, cache: String? = nil, expectWritten: Bool) {
    do {
        let result = try pipeline(output: output, cache: cache).run()
        precondition(result.actionCount == 358, "expected 358 ECS actions, generated \(result.actionCount)")
        precondition(expectWritten ? !result.report.written.isEmpty : result.report.written.isEmpty,
                     expectWritten ? "nothing was written" : "a no-op run wrote \(result.report.written.count) files")
        blackHole(result)
    } catch {
        fatalError("generation failed: \(error)")
    }
}

/// What one run adds to the resident set at its peak (MemoryHighWater: the high-water mark
/// is reset before each run, so setup and earlier runs do not count).
let memoryAdded = BenchmarkMetric.custom("peak memory added (MB)", polarity: .prefersSmaller, useScalingFactor: false)
let metrics: [BenchmarkMetric] = [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, memoryAdded]

func measured(_ benchmark: Benchmark, _ body: () -> Void) {
    let before = MemoryHighWater.reset()
    benchmark.startMeasurement()
    body()
    benchmark.stopMeasurement()
    benchmark.measurement(memoryAdded, max(0, MemoryHighWater.peak() - before) / 1_000_000)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: metrics, timeUnits: .milliseconds, warmupIterations: 1,
        maxDuration: .seconds(60), maxIterations: 10)

    Benchmark("apigen: generate all of ECS (358 actions)") { benchmark in
        // Every run's output stays until the last run is done: on ext4 without a journal (this
        // project's machines), creating a file passes over the inodes freed in the last minute,
        // so deleting a run's 361 files before the next run would slow that run down.
        var folders: [TemporaryFolder] = []
        for _ in benchmark.scaledIterations {
            let folder = TemporaryFolder("generate")
            measured(benchmark) { generate(into: folder.path, expectWritten: true) }
            folders.append(folder)
        }
        folders.forEach { $0.remove() }
    }

    // The output folder already holds what the specs produce: nothing is written. As the CLI
    // runs it (its cache remembers the last run, so nothing is parsed or rendered), and with
    // the cache off (`--no-cache`: everything is parsed, rendered and compared).
    let noOpFolder = TemporaryFolder("noop")
    let cacheFolder = TemporaryFolder("noop-cache")
    var noOp = Benchmark.defaultConfiguration
    noOp.setup = { generate(into: noOpFolder.path, cache: cacheFolder.path, expectWritten: true) }
    noOp.teardown = { noOpFolder.remove(); cacheFolder.remove() }
    Benchmark("apigen: regenerate ECS, nothing changed (no-op)", configuration: noOp) { benchmark in
        measured(benchmark) { generate(into: noOpFolder.path, cache: cacheFolder.path, expectWritten: false) }
    }
    let uncachedFolder = TemporaryFolder("noop-uncached")
    var uncached = Benchmark.defaultConfiguration
    uncached.setup = { generate(into: uncachedFolder.path, expectWritten: true) }
    uncached.teardown = { uncachedFolder.remove() }
    Benchmark("apigen: regenerate ECS, nothing changed, cache off (--no-cache)", configuration: uncached) { benchmark in
        measured(benchmark) { generate(into: uncachedFolder.path, expectWritten: false) }
    }

    templateEngineFloorBenchmarks()

    // The peer runs as a child process: its CPU time and peak memory come from wait4 (the
    // process-wide metrics above would only see this process).
    if let binary = Peer.binary {
        nonisolated(unsafe) var peer: Peer?
        Benchmark("peer: swift-openapi-generator 1.14.3, ECS as OpenAPI (358 operations)",
                  configuration: .init(
                      metrics: [.wallClock, .custom("child CPU (ms)"), .custom("child peak RSS (MiB)")],
                      timeUnits: .milliseconds, warmupIterations: 1, maxDuration: .seconds(60), maxIterations: 10,
                      setup: { peer = Peer(binary: binary) },
                      teardown: { peer?.folder.remove() })) { benchmark in
            let usage = peer!.generate()
            benchmark.measurement(.custom("child CPU (ms)"), usage.cpu.milliseconds)
            benchmark.measurement(.custom("child peak RSS (MiB)"), usage.peakResidentBytes >> 20)
        }
    }
}
