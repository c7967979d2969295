// What swift-mustache alone costs for as many variable lookups as apigen's templates make for
// all of ECS: the part of "generate all of ECS" that no change to apigen's own code can remove
// while the templates stay as they are. Side by side with the generation benchmark, so that
// the two can be compared within one run.
import Benchmark
import Dispatch
import Mustache

/// How many variables apigen's templates look up to render ECS: callgrind's count of calls to
/// swift-mustache's `getChild(named:transforms:context:)` for `apigen Specs/` (deterministic;
/// it changes only with the templates or the specs).
let ecsLookupCount = 227_190

/// A row shaped like apigen's view models: a `MustacheParent` answering ten string members.
struct FloorRow: MustacheParent {
    let names: [String]

    func child(named name: String) -> Any? {
        // A switch over the names, as apigen's view models answer (ViewModels+Mustache.swift).
        switch name {
        case names[0], names[1], names[2], names[3], names[4], names[5], names[6], names[7], names[8], names[9]:
            "value"
        default:
            nil
        }
    }
}

/// `ecsLookupCount` lookups: a section over rows of ten variables each, rendered as plain
/// text on both cores (each renders half the rows), as the pipeline renders its files.
struct TemplateEngineFloor: Sendable {
    let library: MustacheLibrary
    let halves: [[FloorRow]]

    /// `names`: the ten member names the template looks up in each row.
    init(names: [String]) {
        precondition(names.count == 10)
        let line = names.map { "{{\($0)}}" }.joined(separator: " ")
        var library = MustacheLibrary()
        library.register(try! MustacheTemplate(string: "{{% CONTENT_TYPE: TEXT}}\n{{#rows}}\n    \(line)\n{{/rows}}\n"), named: "floor")
        self.library = library
        let rows = [FloorRow](repeating: FloorRow(names: names), count: ecsLookupCount / 10)
        let middle = rows.count / 2
        self.halves = [Array(rows[..<middle]), Array(rows[middle...])]
        // Every lookup must find its value, or this would time lookups that find nothing:
        // each row renders as four spaces, ten "value"s between nine spaces, and a newline.
        let rendered = render()
        precondition(rendered == rows.count * 64, "the floor template rendered \(rendered) bytes, not \(rows.count * 64)")
    }

    /// Renders both halves concurrently and returns the bytes rendered.
    func render() -> Int {
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: 2)
        defer { counts.deallocate() }
        nonisolated(unsafe) let slots = counts
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            let text = library.render(["rows": halves[half]], withTemplate: "floor") ?? ""
            slots[half] = text.utf8.count
        }
        return counts[0] + counts[1]
    }
}

func templateEngineFloorBenchmarks() {
    // Ten of the names apigen's templates use most; 10.3 characters on average, as the
    // lookups rendering ECS have (10.1).
    let apigenNames = ["caseName", "codeLiteral", "httpStatuses", "messageLiteral", "docComment",
                       "swiftType", "storage", "wireNameLiteral", "name", "argumentLabel"]
    let apigenFloor = TemplateEngineFloor(names: apigenNames)
    Benchmark("swift-mustache alone: \(ecsLookupCount) lookups (ECS's count), apigen's names") { benchmark in
        measured(benchmark) { blackHole(apigenFloor.render()) }
    }
    // The same with one-letter names: swift-mustache splits every name by Character on every
    // lookup, so this shows what of the cost grows with name length.
    let shortFloor = TemplateEngineFloor(names: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"])
    Benchmark("swift-mustache alone: \(ecsLookupCount) lookups (ECS's count), one-letter names") { benchmark in
        measured(benchmark) { blackHole(shortFloor.render()) }
    }
}
