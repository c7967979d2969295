// The scale run: every RPC product-version in ../shared/specs-upstream/all-rpc-products.en_us.tar.xz
// (269 product-versions, 19,702 actions) imported into <tmp>/Specs/<product_version> and
// generated into <tmp>/Generated/<product_version>. Unpacking is setup, not measured.
// Counts, failure categories and growth with the number of actions: `corpus-report`.
import Benchmark
import BenchmarkSupport
import Foundation

nonisolated(unsafe) var unpacked: TemporaryFolder?
nonisolated(unsafe) var products: [Corpus.ProductVersion] = []

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, .peakMemoryResidentDelta,
                  .custom("actions generated", polarity: .prefersLarger, useScalingFactor: false)],
        timeUnits: .seconds, warmupIterations: 0, maxDuration: .seconds(600), maxIterations: 3,
        setup: {
            if unpacked == nil {
                let folder = TemporaryFolder("corpus")
                unpacked = folder
                products = Corpus.unpack(into: folder.path)
            }
        },
        teardown: { unpacked?.remove(); unpacked = nil })

    for (label, step) in [("all", 1), ("every 2nd", 2), ("every 4th", 4)] {
        Benchmark("corpus: import + generate \(label) product-version(s)") { benchmark in
            let work = TemporaryFolder("corpus-work")
            benchmark.startMeasurement()
            let result = Corpus.run(Corpus.every(step, of: products), work: work.path)
            benchmark.stopMeasurement()
            benchmark.measurement(.custom("actions generated", polarity: .prefersLarger, useScalingFactor: false), result.generatedActions)
            work.remove()
        }
    }
}
