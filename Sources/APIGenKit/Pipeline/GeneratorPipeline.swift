import Foundation

/// What to generate from where.
public struct GeneratorConfiguration: Sendable {
    /// The spec root: one folder per product.
    public var specsFolder: String
    /// Where generated files go: one folder per product.
    public var outputFolder: String
    /// The Mustache templates.
    public var templatesFolder: String
    /// The spec format's XSD.
    public var schemaPath: String
    /// Where to remember what the last run produced, so that a run with nothing changed
    /// skips all the work (see `GenerationCache`); `nil` turns that off.
    public var cacheFolder: String?

    /// Defaults follow the repository layout: `Generated/` and `Templates/` beside the spec
    /// root, and the schema inside it, wherever apigen is run from.
    public init(
        specsFolder: String, outputFolder: String? = nil, templatesFolder: String? = nil, schemaPath: String? = nil,
        cacheFolder: String? = nil
    ) {
        let standardized = specsFolder.hasSuffix("/") && specsFolder.count > 1 ? String(specsFolder.dropLast()) : specsFolder
        let parent = (standardized as NSString).deletingLastPathComponent
        func sibling(_ name: String) -> String { parent.isEmpty ? name : (parent as NSString).appendingPathComponent(name) }
        self.specsFolder = standardized
        self.outputFolder = outputFolder ?? sibling("Generated")
        self.templatesFolder = templatesFolder ?? sibling("Templates")
        self.schemaPath = schemaPath ?? (standardized as NSString).appendingPathComponent("apigen.xsd")
        self.cacheFolder = cacheFolder
    }

    /// The cache folder the command line uses unless told not to: `~/.cache/apigen`.
    public static var defaultCacheFolder: String { GenerationCache.defaultFolder }
}

/// The result of a run: what was generated, what happened on disk, and any warnings.
public struct GenerationResult: Sendable {
    public var productCount: Int
    public var actionCount: Int
    public var files: [GeneratedFile]
    public var report: WriteReport
    /// Warnings (a run with errors throws instead).
    public var diagnostics: [Diagnostic]
    /// Whether the cache showed that nothing changed, so nothing was parsed or rendered
    /// (`files` is then empty).
    public var skippedUnchanged = false
}

/// spec files → parse (libxml2) → validate (schema, then semantics) → model → translate
/// (names, escaping, view models) → render (templates) → write (only what changed).
///
/// Everything is rendered in memory before anything is written, so a run that finds any
/// error leaves the output folder exactly as it was.
public struct GeneratorPipeline: Sendable {
    public let configuration: GeneratorConfiguration

    public init(configuration: GeneratorConfiguration) {
        self.configuration = configuration
    }

    /// Generates and writes.
    public func run() throws(DiagnosticsError) -> GenerationResult {
        let cache = configuration.cacheFolder.map { GenerationCache(folder: $0, configuration: configuration) }
        let fingerprint = cache?.fingerprint()
        if let cache, let fingerprint, let entry = cache.upToDateEntry(fingerprint: fingerprint) {
            return unchangedResult(entry)
        }
        var result = try generate()
        result.report = try OutputWriter(outputFolder: configuration.outputFolder).write(result.files)
        if let cache, let fingerprint, result.diagnostics.isEmpty {
            cache.store(fingerprint: fingerprint, productCount: result.productCount, actionCount: result.actionCount, files: result.files)
        }
        return result
    }

    /// Generates and compares with the output folder, writing nothing (but the cache entry,
    /// when the folder is up to date).
    public func check() throws(DiagnosticsError) -> GenerationResult {
        let cache = configuration.cacheFolder.map { GenerationCache(folder: $0, configuration: configuration) }
        let fingerprint = cache?.fingerprint()
        if let cache, let fingerprint, let entry = cache.upToDateEntry(fingerprint: fingerprint) {
            return unchangedResult(entry)
        }
        var result = try generate()
        result.report = OutputWriter(outputFolder: configuration.outputFolder).check(result.files)
        if let cache, let fingerprint, result.diagnostics.isEmpty, result.report.isUpToDate {
            cache.store(fingerprint: fingerprint, productCount: result.productCount, actionCount: result.actionCount, files: result.files)
        }
        return result
    }

    /// A run that found, through the cache, that the output folder is what the specs make.
    /// Runs with warnings are never cached, so there are none to repeat.
    private func unchangedResult(_ entry: GenerationCache.Entry) -> GenerationResult {
        var report = WriteReport()
        report.unchanged = entry.files.keys.sorted()
        return GenerationResult(
            productCount: entry.productCount,
            actionCount: entry.actionCount,
            files: [],
            report: report,
            diagnostics: [],
            skippedUnchanged: true
        )
    }

    /// Every file the specs produce, in memory. Throws with all diagnostics if any is an error.
    public func generate() throws(DiagnosticsError) -> GenerationResult {
        var diagnostics = DiagnosticCollector()
        let products = try loadAndValidate(diagnostics: &diagnostics)
        let templates = try TemplateSet(folder: configuration.templatesFolder)
        let renderer = Renderer(templates: templates)

        var files: [GeneratedFile] = []
        var actionJobs: [(translator: Translator, action: ActionSpec, folder: String)] = []
        for product in products {
            let translator = Translator(product: product)
            let specPath = displayPath(product.location.file)
            files.append(renderer.productFile(translator.productContext(), folder: product.folderName, specPath: specPath))
            files.append(renderer.clientFile(translator.clientContext(), folder: product.folderName, specPath: specPath))
            files.append(renderer.serviceFile(translator.serviceContext(), folder: product.folderName, specPath: specPath))
            actionJobs += product.actions.map { (translator, $0, product.folderName) }
        }
        // Actions are independent: translate and render them on every core.
        files += ParallelMap.map(actionJobs) { job in
            renderer.actionFile(
                job.translator.actionContext(job.action),
                baseName: SwiftNames.actionBase(job.action) ?? job.action.name,
                folder: job.folder,
                specPath: displayPath(job.action.location.file)
            )
        }
        return GenerationResult(
            productCount: products.count,
            actionCount: products.reduce(0) { $0 + $1.actions.count },
            files: files,
            report: WriteReport(),
            diagnostics: diagnostics.sorted
        )
    }

    /// Parse and validate every spec; the model, if there were no errors.
    public func loadAndValidate(diagnostics: inout DiagnosticCollector) throws(DiagnosticsError) -> [ProductSpec] {
        let schema = try loadSchema()
        let products = SpecLoader(root: configuration.specsFolder, schema: schema).loadProducts(diagnostics: &diagnostics)
        // Files that failed the schema are left out of `products`; the rest are still checked,
        // so that one run reports as many problems as it can.
        var validator = SemanticValidator()
        validator.validate(products)
        diagnostics.append(contentsOf: validator.diagnostics)
        if diagnostics.hasErrors { throw DiagnosticsError(diagnostics: diagnostics.sorted) }
        return products
    }

    private func loadSchema() throws(DiagnosticsError) -> SchemaValidator {
        guard let data = FileManager.default.contents(atPath: configuration.schemaPath),
              let text = String(data: data, encoding: .utf8)
        else {
            throw DiagnosticsError(diagnostics: [.error(
                "cannot read the spec schema '\(configuration.schemaPath)'",
                at: nil,
                hint: "the schema travels with the specs as apigen.xsd in the spec folder; restore it or pass --schema"
            )])
        }
        return try SchemaValidator(schemaText: text, schemaPath: configuration.schemaPath)
    }

    /// `Specs/Ecs/X.xml` whatever folder apigen was run from: the spec root's own name, then
    /// the path inside it. Goes into generated headers, so it must not depend on the machine.
    private func displayPath(_ path: String) -> String {
        let root = configuration.specsFolder
        let rootName = (root as NSString).lastPathComponent
        guard path.hasPrefix(root + "/") else { return path }
        return rootName + "/" + path.dropFirst(root.count + 1)
    }
}
