import Dispatch
import Foundation

/// `map` over all cores, keeping the order of the input.
enum ParallelMap {
    /// Applies `transform` to every element, in chunks spread over the machine's cores; the
    /// result is in input order, so output stays deterministic.
    static func map<Element: Sendable, Result>(_ elements: [Element], _ transform: (Element) -> Result) -> [Result] {
        let count = elements.count
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1, count > 1 else { return elements.map(transform) }
        // A few chunks per core, so that one core left with the slowest actions doesn't
        // keep the others waiting.
        let chunkCount = min(count, cores * 4)
        let chunkSize = (count + chunkCount - 1) / chunkCount
        var results = [Result?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each chunk writes only its own slots.
            nonisolated(unsafe) let slots = buffer
            withoutActuallyEscaping(transform) { transform in
                nonisolated(unsafe) let transform = transform
                DispatchQueue.concurrentPerform(iterations: chunkCount) { chunk in
                    let start = chunk * chunkSize
                    let end = min(start + chunkSize, count)
                    guard start < end else { return }
                    for index in start..<end {
                        slots[index] = transform(elements[index])
                    }
                }
            }
        }
        return results.map { $0! }
    }
}
