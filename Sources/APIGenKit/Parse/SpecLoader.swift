import Foundation

/// Finds and reads every spec under a spec root: parse (libxml2), check against the schema,
/// convert to model values. Problems are collected, never thrown one at a time.
///
/// Layout: `<root>/<Product>/product.xml` and `<root>/<Product>/<Action>.xml`; folders
/// without a `product.xml` are reported, other files are ignored. A product's `overlay.xml` is
/// the importer's input, already applied to the action files: it is only checked here. Its
/// `waiters.xml`, written by hand, gives the product's waiters.
struct SpecLoader {
    /// The spec root as the user named it (diagnostics use it, so paths look like theirs).
    let root: String
    let schema: SchemaValidator
    private let fileManager = FileManager.default

    init(root: String, schema: SchemaValidator) {
        self.root = root
        self.schema = schema
    }

    /// Every product, its actions sorted by name. Nil entries are dropped; the problems are in `diagnostics`.
    func loadProducts(diagnostics: inout DiagnosticCollector) -> [ProductSpec] {
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            diagnostics.error("spec folder '\(root)' does not exist", at: nil, hint: "run apigen with the folder that holds your product folders, e.g. `swift run apigen Specs/`")
            return []
        }
        let folders = entries(of: root).filter { isFolder(path($0, in: root)) }
        var productFolders: [String] = []
        for folder in folders {
            let folderPath = path(folder, in: root)
            guard fileManager.fileExists(atPath: path("product.xml", in: folderPath)) else {
                if !entries(of: folderPath).filter({ $0.hasSuffix(".xml") }).isEmpty {
                    diagnostics.error(
                        "product folder '\(folderPath)' has no product.xml",
                        at: nil,
                        hint: "every product folder needs a product.xml naming the product, its API version and Swift module"
                    )
                }
                continue
            }
            productFolders.append(folder)
        }
        let products = loadProducts(in: productFolders, diagnostics: &diagnostics)
        if products.isEmpty, !diagnostics.hasErrors {
            diagnostics.error("no product folders (with a product.xml) in '\(root)'", at: nil, hint: "see the README's “Spec format” section")
        }
        return products
    }

    /// One spec file to read: a product's `product.xml` or one of its action files.
    private struct FileJob: Sendable {
        var product: Int
        var file: String
        var isProductFile: Bool { file == "product.xml" }
        var isOverlay: Bool { file == OverlayReader.fileName }
        var isWaiters: Bool { file == Self.waitersFileName }
        static let waitersFileName = "waiters.xml"
    }

    /// What reading one file gave.
    private enum Loaded {
        case product(XMLElementNode?)
        case action(ActionSpec?)
        case overlay
        case waiters([WaiterSpec]?)
    }

    /// Reads the products in `folders`. Every file is independent: they are parsed,
    /// schema-checked and read on every core, all products' files together, so that many small
    /// products keep the cores as busy as one large one (libxml2 keeps its error handler per
    /// thread, and a parsed schema is read-only). Action files are read even when their
    /// product file is broken, so that one run reports their problems too.
    private func loadProducts(in folders: [String], diagnostics: inout DiagnosticCollector) -> [ProductSpec] {
        var jobs: [FileJob] = []
        for (index, folder) in folders.enumerated() {
            jobs.append(FileJob(product: index, file: "product.xml"))
            for file in entries(of: path(folder, in: root)) where file.hasSuffix(".xml") && file != "product.xml" {
                jobs.append(FileJob(product: index, file: file))
            }
        }
        let loaded = ParallelMap.map(jobs) { job -> (loaded: Loaded, diagnostics: DiagnosticCollector) in
            var diagnostics = DiagnosticCollector()
            let filePath = path(job.file, in: path(folders[job.product], in: root))
            if job.isProductFile {
                return (.product(parse(filePath, expecting: "product", diagnostics: &diagnostics)), diagnostics)
            }
            if job.isOverlay {
                _ = OverlayReader.load(path: filePath, schema: schema, diagnostics: &diagnostics)
                return (.overlay, diagnostics)
            }
            if job.isWaiters {
                guard let root = parse(filePath, expecting: "waiters", diagnostics: &diagnostics) else { return (.waiters(nil), diagnostics) }
                var reader = SpecReader()
                let waiters = reader.waiters(from: root)
                diagnostics.append(contentsOf: reader.diagnostics)
                return (.waiters(waiters), diagnostics)
            }
            guard let actionRoot = parse(filePath, expecting: "action", diagnostics: &diagnostics) else {
                return (.action(nil), diagnostics)
            }
            var reader = SpecReader()
            let action = reader.action(from: actionRoot)
            diagnostics.append(contentsOf: reader.diagnostics)
            return (.action(action), diagnostics)
        }
        var productRoots = [XMLElementNode?](repeating: nil, count: folders.count)
        var actions = [[ActionSpec]](repeating: [], count: folders.count)
        var waiters = [[WaiterSpec]](repeating: [], count: folders.count)
        for (job, result) in zip(jobs, loaded) {
            diagnostics.append(contentsOf: result.diagnostics)
            switch result.loaded {
            case .product(let root): productRoots[job.product] = root
            case .action(let action): if let action { actions[job.product].append(action) }
            case .overlay: break
            case .waiters(let list): waiters[job.product] = list ?? []
            }
        }
        var products: [ProductSpec] = []
        for (index, folder) in folders.enumerated() {
            guard let productRoot = productRoots[index] else { continue }
            var reader = SpecReader()
            var product = reader.product(from: productRoot, folderName: folder)
            diagnostics.append(contentsOf: reader.diagnostics)
            product.actions = actions[index].sorted { $0.name < $1.name }
            product.waiters = waiters[index]
            products.append(product)
        }
        return products
    }

    /// Parses and schema-checks one file; nil if it cannot be used.
    private func parse(_ filePath: String, expecting rootName: String, diagnostics: inout DiagnosticCollector) -> XMLElementNode? {
        guard let data = fileManager.contents(atPath: filePath) else {
            diagnostics.error("cannot read the file", at: SourceLocation(file: filePath, line: 1, column: 1), hint: "check its permissions")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            diagnostics.error("the file is not UTF-8 text", at: SourceLocation(file: filePath, line: 1, column: 1), hint: "save it as UTF-8")
            return nil
        }
        guard let document = SecureXMLParser.parse(text, path: filePath, diagnostics: &diagnostics) else { return nil }
        guard document.root.name == rootName else {
            let expected = switch rootName {
            case "product": "product.xml must hold a <product>"
            case "waiters": "waiters.xml must hold a <waiters>"
            default: "an action file must hold an <action>"
            }
            diagnostics.error("unexpected root element <\(document.root.name)>", at: document.root.location, hint: expected)
            return nil
        }
        var schemaDiagnostics = DiagnosticCollector()
        schema.validate(document, diagnostics: &schemaDiagnostics)
        diagnostics.append(contentsOf: schemaDiagnostics)
        return schemaDiagnostics.hasErrors ? nil : document.root
    }

    // MARK: File system

    private func path(_ name: String, in folder: String) -> String {
        (folder as NSString).appendingPathComponent(name)
    }

    /// Sorted, so that output never depends on the file system's order; hidden files skipped.
    private func entries(of folder: String) -> [String] {
        ((try? fileManager.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    private func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return fileManager.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
