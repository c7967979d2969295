import APIGenKit
import Dispatch
import Foundation

/// The scale run: every RPC product-version in `all-rpc-products.en_us.tar.xz`, imported
/// into `<work>/Specs/<one folder per product-version>` and generated into
/// `<work>/Generated/<one module folder per product-version>`.
public enum Corpus {
    /// One `api-docs.json` of the unpacked corpus.
    public struct ProductVersion: Sendable, Hashable {
        /// As in the archive's path: `ecs`, `2014-05-26`.
        public var product: String
        public var version: String
        public var metadataPath: String
        /// Actions in the metadata (`apis` members), before any import.
        public var actionCount: Int

        /// The spec and output folder: `ecs_2014_05_26`.
        public var folderName: String {
            (product + "_" + version).map { $0.isLetter || $0.isNumber ? $0 : "_" }.reduce(into: "") { $0.append($1) }
        }
    }

    // MARK: Setup (not measured)

    /// Unpacks the archive into `folder` (setup, not measured) and lists its product-versions,
    /// sorted by product and version.
    public static func unpack(archive: String = Paths.corpusArchive, into folder: String) -> [ProductVersion] {
        if !FileManager.default.fileExists(atPath: folder + "/en_us") {
            try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let tar = Process()
            tar.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            tar.arguments = ["tar", "-xJf", archive, "-C", folder]
            try! tar.run()
            tar.waitUntilExit()
            precondition(tar.terminationStatus == 0, "tar -xJf \(archive) failed")
        }
        return list(folder)
    }

    /// The product-versions of an unpacked corpus.
    public static func list(_ folder: String) -> [ProductVersion] {
        let root = folder + "/en_us"
        var result: [ProductVersion] = []
        let files = FileManager.default
        for product in (try? files.contentsOfDirectory(atPath: root))?.sorted() ?? [] {
            for version in (try? files.contentsOfDirectory(atPath: root + "/" + product))?.sorted() ?? [] {
                let path = "\(root)/\(product)/\(version)/api-docs.json"
                guard let data = files.contents(atPath: path) else { continue }
                let apis = ((try? JSONSerialization.jsonObject(with: data)) as? [String: Any])?["apis"] as? [String: Any]
                result.append(ProductVersion(product: product, version: version, metadataPath: path, actionCount: apis?.count ?? 0))
            }
        }
        return result
    }

    /// Every `step`-th product-version (`step` 1: all; 2: half; 4: a quarter), so that the
    /// smaller selections are spread over the whole alphabet and nested in the larger ones.
    public static func every(_ step: Int, of products: [ProductVersion]) -> [ProductVersion] {
        products.enumerated().filter { $0.offset % step == 0 }.map(\.element)
    }

    // MARK: The run

    /// What happened to the corpus, and how long it took.
    public struct Result: Sendable, Codable {
        public var productVersions = 0
        /// Actions in the metadata of the selected product-versions.
        public var metadataActions = 0
        /// Actions written as spec files, and those among them apigen's checks accept.
        public var importedActions = 0
        public var importedCleanActions = 0
        /// Actions whose Swift was generated (after setting aside what failed, if anything did).
        public var generatedActions = 0
        public var generatedProducts = 0
        public var generatedFiles = 0
        /// Product-versions the importer refused outright (reason → product-versions).
        public var importFailures: [String: [String]] = [:]
        /// Actions the importer skipped (reason → count).
        public var skippedActions: [String: Int] = [:]
        /// Issues apigen's checks raised at import time (category → actions).
        public var importValidation: [String: Int] = [:]
        /// Actions whose paging the importer inferred, by style.
        public var paging = PagingCounts()
        /// Actions that looked like they page but got no paginator (reason → actions).
        public var pagingLeftOut: [String: Int] = [:]
        /// Errors of the generator's first run over everything (category → count), and the
        /// actions and product-versions set aside because of them.
        public var generationErrors: [String: Int] = [:]
        public var setAsideActions = 0
        public var setAsideProducts: [String] = []
        public var importDuration: Duration = .zero
        /// The generator over everything imported; if it failed, this is the failed run plus the
        /// run after setting aside what failed.
        public var generateDuration: Duration = .zero
        public var totalDuration: Duration { importDuration + generateDuration }
    }

    /// Imports `products` into `work/Specs` and generates everything into `work/Generated`.
    ///
    /// The generator refuses a run with any error (writing nothing). If that happens, its
    /// errors are counted by category, the action files (or product folders) they are in are
    /// moved to `work/SetAside`, and it runs again over the rest, so the count of actions that
    /// generate is real.
    public static func run(_ products: [ProductVersion], work: String) -> Result {
        var result = Result()
        let specs = work + "/Specs"
        let generated = work + "/Generated"
        result.productVersions = products.count
        result.metadataActions = products.reduce(0) { $0 + $1.actionCount }

        // Multi-version products get the version in their Swift module name.
        let versionsPerProduct = Dictionary(grouping: products, by: \.product).mapValues(\.count)

        let importStart = ContinuousClock.now
        // Two product-versions at a time: a small product alone does not keep both cores busy
        // (its files wait on the disk), and the next one can be read meanwhile. Outcomes are
        // counted in product order afterwards, so the result does not depend on timing.
        let outcomes = concurrentMap(products, width: importWidth) { product -> Swift.Result<ImportReport, ImportError> in
            var options = ImportOptions()
            if versionsPerProduct[product.product, default: 0] > 1 {
                options.swiftModule = moduleName(product)
            }
            let importer = MetadataImport(configuration: ImportConfiguration(
                metadataPath: product.metadataPath, outputFolder: specs + "/" + product.folderName, options: options))
            return Swift.Result { () throws(ImportError) in try importer.run() }
        }
        for (product, outcome) in zip(products, outcomes) {
            switch outcome {
            case .success(let report):
                result.importedActions += report.actionCount
                result.paging.add(report.paging)
                var rejected = Set<String>()
                for issue in report.issues {
                    switch issue.kind {
                    case .actionSkipped:
                        result.skippedActions[category(issue.message), default: 0] += 1
                    case .validation:
                        result.importValidation[category(issue.message), default: 0] += 1
                        rejected.insert(issue.action ?? "product.xml")
                    case .pagingLeftOut:
                        result.pagingLeftOut[category(issue.message), default: 0] += 1
                    default:
                        break
                    }
                }
                result.importedCleanActions += report.actionCount - rejected.subtracting(["product.xml"]).count
            case .failure(let error):
                result.importFailures[category(error.message), default: []].append("\(product.product)/\(product.version)")
            }
        }
        result.importDuration = ContinuousClock.now - importStart

        let generateStart = ContinuousClock.now
        let pipeline = GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: specs, outputFolder: generated, templatesFolder: Paths.templates, schemaPath: Paths.schema))
        do {
            let generation = try pipeline.run()
            record(generation, in: &result)
        } catch {
            setAside(error.diagnostics, specs: specs, setAside: work + "/SetAside", result: &result)
            do {
                let generation = try pipeline.run()
                record(generation, in: &result)
            } catch {
                // Errors that setting files aside did not remove (none expected): count them too.
                for diagnostic in error.diagnostics where diagnostic.severity == .error {
                    result.generationErrors["(second run) " + category(diagnostic.message), default: 0] += 1
                }
            }
        }
        result.generateDuration = ContinuousClock.now - generateStart
        return result
    }

    /// Product-versions imported at once (`APIGEN_CORPUS_IMPORT_WIDTH`, default 2).
    static let importWidth = ProcessInfo.processInfo.environment["APIGEN_CORPUS_IMPORT_WIDTH"].flatMap(Int.init).map { max(1, $0) } ?? 2

    /// `map` with `width` elements in work at once, taken in order; results in input order.
    static func concurrentMap<Element: Sendable, Output: Sendable>(
        _ elements: [Element], width: Int, _ transform: @escaping @Sendable (Element) -> Output
    ) -> [Output] {
        let slots = ConcurrentSlots<Output>(elements.count)
        let done = DispatchGroup()
        for _ in 0..<min(width, max(elements.count, 1)) {
            done.enter()
            Thread {
                while true {
                    slots.lock.lock()
                    let index = slots.next
                    slots.next += 1
                    slots.lock.unlock()
                    guard index < elements.count else { break }
                    let output = transform(elements[index])
                    slots.lock.lock()
                    slots.outputs[index] = output
                    slots.lock.unlock()
                }
                done.leave()
            }.start()
        }
        done.wait()
        return slots.outputs.map { $0! }
    }

    /// The next index to take and a slot per output, behind one lock.
    private final class ConcurrentSlots<Output: Sendable>: @unchecked Sendable {
        let lock = NSLock()
        var next = 0
        var outputs: [Output?]
        init(_ count: Int) { outputs = [Output?](repeating: nil, count: count) }
    }

    private static func record(_ generation: GenerationResult, in result: inout Result) {
        result.generatedActions = generation.actionCount
        result.generatedProducts = generation.productCount
        result.generatedFiles = generation.report.written.count + generation.report.unchanged.count
    }

    /// Counts the errors by category and moves the files they are in out of the spec tree: an
    /// action file, or the whole product folder for an error in `product.xml` or outside a file.
    private static func setAside(_ diagnostics: [Diagnostic], specs: String, setAside: String, result: inout Result) {
        var actionFiles = Set<String>()
        var productFolders = Set<String>()
        for diagnostic in diagnostics where diagnostic.severity == .error {
            result.generationErrors[category(diagnostic.message), default: 0] += 1
            guard let file = diagnostic.location?.file, file.hasPrefix(specs + "/") else { continue }
            let relative = file.dropFirst(specs.count + 1).split(separator: "/").map(String.init)
            guard relative.count == 2 else { continue }
            if relative[1] == "product.xml" { productFolders.insert(relative[0]) } else { actionFiles.insert(relative.joined(separator: "/")) }
        }
        let files = FileManager.default
        for folder in productFolders.sorted() {
            let actions = ((try? files.contentsOfDirectory(atPath: specs + "/" + folder)) ?? []).filter { $0.hasSuffix(".xml") && $0 != "product.xml" }
            result.setAsideActions += actions.count
            result.setAsideProducts.append(folder)
            try? files.createDirectory(atPath: setAside, withIntermediateDirectories: true)
            try? files.moveItem(atPath: specs + "/" + folder, toPath: setAside + "/" + folder)
        }
        for file in actionFiles.sorted() where !productFolders.contains(String(file.split(separator: "/")[0])) {
            let target = setAside + "/" + file
            try? files.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try? files.moveItem(atPath: specs + "/" + file, toPath: target)
            result.setAsideActions += 1
        }
    }

    /// A message with its particulars (quoted names, numbers) blanked, so that the same
    /// problem in different places counts as one category.
    public static func category(_ message: String) -> String {
        var text = message.replacing(/'[^']*'/, with: "'…'")
        text = text.replacing(/"[^"]*"/, with: "\"…\"")
        text = text.replacing(/\d+/, with: "N")
        return text
    }

    /// The Swift module of a product that has several versions in the corpus: the importer's
    /// default naming (upper-cased if at most four letters), then the version's digits.
    static func moduleName(_ product: ProductVersion) -> String {
        let letters = product.product.filter(\.isLetter)
        var base = letters.count <= 4 ? product.product.uppercased() : product.product.prefix(1).uppercased() + product.product.dropFirst()
        base = String(base.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        if base.first?.isNumber ?? true { base = "P" + base }
        return base + "V" + product.version.filter(\.isNumber)
    }
}
