// Response decoding of a DescribeInstances response with 1,000 instances (≈5.3 MB of XML,
// ≈3.6 MB of JSON, built from the published example: see DescribeInstancesInput), side by
// side: apigen's XML and JSON decoding into the generated type, CoreOffice/XMLCoder on the
// same XML and Foundation's JSONDecoder on the same JSON into equivalent plain structs, and a
// bare libxml2 parse (xmlReadMemory + xmlFreeDoc, no objects) as the floor.
//
// Memory: "peak memory added (KB)" is what one decoding adds to the resident set at its peak,
// result included (see MemoryHighWater: the high-water mark is reset before each run, so
// setup and earlier runs do not count); "… % of input" is that as a percentage of the body's
// size (the target: at most 200 %). "result resident (KB)" is what is still resident once the
// decoding is over and free memory is handed back (malloc_trim), the result alive: about the
// result alone, the floor under the peak. The process-wide peak is also shown, for reference.
import APIGenRuntime
import Benchmark
import BenchmarkSupport
import CLibXML2
import ECS
import Foundation
import XMLCoder

nonisolated(unsafe) var input: DescribeInstancesInput!
nonisolated(unsafe) var verified = false

func prepareInput() {
    if input == nil { input = DescribeInstancesInput(instances: 1000) }
}

/// Built once per benchmark process, before anything is measured; every decoder's output is
/// checked against the others', so that all of them really decode everything.
func prepare() {
    if verified { return }
    prepareInput()
    let ours = try! DescribeInstancesResponse.decode(from: input.xml, format: .xml)
    let oursJSON = try! DescribeInstancesResponse.decode(from: input.json, format: .json)
    precondition(ours == oursJSON, "apigen's XML and JSON decoding disagree")
    precondition(ours.instances?.instance?.count == 1000)
    let plainJSON = try! JSONDecoder().decode(PlainDescribeInstancesResponse.self, from: input.json)
    let plainXML = try! XMLDecoder().decode(PlainDescribeInstancesResponse.self, from: input.xml)
    precondition(plainXML == plainJSON, "XMLCoder and JSONDecoder disagree")
    precondition(plainXML.instances?.instance?.map(\.instanceId) == ours.instances?.instance?.map(\.instanceId))
    precondition(plainXML.instances?.instance?.last?.networkInterfaces?.networkInterface?.count
        == ours.instances?.instance?.last?.networkInterfaces?.networkInterface?.count)
    verified = true
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident, .throughput, memoryAdded, memoryAddedPercent, resultResident],
        timeUnits: .milliseconds, warmupIterations: 2, maxDuration: .seconds(20), maxIterations: 50,
        setup: prepare)

    Benchmark("input: XML \(DescribeInstancesInput.sizeLabel(\.xml)), JSON \(DescribeInstancesInput.sizeLabel(\.json)) (nothing decoded)") { _ in
        blackHole(input.xml.count + input.json.count)
    }

    Benchmark("XML: bare libxml2 xmlReadMemory + xmlFreeDoc (floor)") { benchmark in
        measured(benchmark, input: input.xml) {
            input.xml.withUnsafeBytes { bytes in
                let document = xmlReadMemory(
                    bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil, nil,
                    Int32(XML_PARSE_NONET.rawValue))
                precondition(document != nil)
                // The document is the result: freed after the peak is read.
                return { xmlFreeDoc(document) }
            }
        }
    }

    Benchmark("XML: apigen DescribeInstancesResponse.decode(format: .xml)") { benchmark in
        measured(benchmark, input: input.xml) {
            let response = try! DescribeInstancesResponse.decode(from: input.xml, format: .xml)
            return { blackHole(response) }
        }
    }

    Benchmark("XML: CoreOffice/XMLCoder 0.18.2, equivalent structs") { benchmark in
        measured(benchmark, input: input.xml) {
            let response = try! XMLDecoder().decode(PlainDescribeInstancesResponse.self, from: input.xml)
            return { blackHole(response) }
        }
    }

    Benchmark("JSON: Foundation JSONDecoder, equivalent structs") { benchmark in
        measured(benchmark, input: input.json) {
            let response = try! JSONDecoder().decode(PlainDescribeInstancesResponse.self, from: input.json)
            return { blackHole(response) }
        }
    }

    Benchmark("JSON: apigen DescribeInstancesResponse.decode(format: .json)") { benchmark in
        measured(benchmark, input: input.json) {
            let response = try! DescribeInstancesResponse.decode(from: input.json, format: .json)
            return { blackHole(response) }
        }
    }
}

let memoryAdded = BenchmarkMetric.custom("peak memory added (KB)", polarity: .prefersSmaller, useScalingFactor: false)
let memoryAddedPercent = BenchmarkMetric.custom("peak memory added (% of input)", polarity: .prefersSmaller, useScalingFactor: false)
let resultResident = BenchmarkMetric.custom("result resident (KB)", polarity: .prefersSmaller, useScalingFactor: false)

/// Times `decode` alone; the memory it added at its peak, with its result still alive, is
/// read after the clock stops, then the result is released (the closure `decode` returns).
func measured(_ benchmark: Benchmark, input: Data, _ decode: () -> () -> Void) {
    let before = MemoryHighWater.reset()
    benchmark.startMeasurement()
    let release = decode()
    benchmark.stopMeasurement()
    let added = max(0, MemoryHighWater.peak() - before)
    let kept = max(0, ResidentSet.trimmed() - before)
    release()
    benchmark.measurement(memoryAdded, added / 1000)
    benchmark.measurement(memoryAddedPercent, added * 100 / input.count)
    benchmark.measurement(resultResident, kept / 1000)
}

/// The resident set after free memory is handed back to the system, in bytes.
enum ResidentSet {
    /// glibc's `malloc_trim` (declared in <malloc.h>, which Swift's Glibc module leaves out).
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        #if os(Linux)
        guard let symbol = dlsym(nil, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()

    static func trimmed() -> Int {
        _ = mallocTrim?(0)
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Int(line.dropFirst(6).trimmingCharacters(in: .whitespaces).split(separator: " ").first ?? "")
        else { return 0 }
        return kilobytes * 1024
    }
}

extension DescribeInstancesInput {
    /// The sizes go into the names, so a run's output says what was decoded.
    static func sizeLabel(_ body: KeyPath<DescribeInstancesInput, Data>) -> String {
        prepareInput()
        return String(format: "%.2f MB", Double(input[keyPath: body].count) / 1e6)
    }
}
