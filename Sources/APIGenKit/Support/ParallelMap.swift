import Dispatch
import Foundation

/// `map` over all cores, keeping the order of the input.
enum ParallelMap {
    /// Applies `transform` to every element, spread over the machine's cores; the result is in
    /// input order, so output stays deterministic.
    static func map<Element: Sendable, Result>(_ elements: [Element], _ transform: (Element) -> Result) -> [Result] {
        let count = elements.count
        let cores = ProcessInfo.processInfo.activeProcessorCount
        guard cores > 1, count > 1 else { return elements.map(transform) }
        // One iteration per element: Dispatch hands the next one to whichever core is free,
        // so a core that drew the largest actions doesn't keep the others waiting. (Elements
        // here are whole files to parse or render, far costlier than an iteration.)
        var results = [Result?](repeating: nil, count: count)
        results.withUnsafeMutableBufferPointer { buffer in
            // Each iteration writes only its own slot.
            nonisolated(unsafe) let slots = buffer
            withoutActuallyEscaping(transform) { transform in
                nonisolated(unsafe) let transform = transform
                DispatchQueue.concurrentPerform(iterations: count) { index in
                    slots[index] = transform(elements[index])
                }
            }
        }
        return results.map { $0! }
    }
}
