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
/// Every spec is validated, every file name checked, and every changed file staged before
/// anything visible is written, so a run that finds any error leaves the output folder exactly
/// as it was.
public struct GeneratorPipeline: Sendable {
    public let configuration: GeneratorConfiguration

    public init(configuration: GeneratorConfiguration) {
        self.configuration = configuration
    }

    /// Generates and writes. Files are rendered and written on every core, each written as
    /// soon as it is rendered, so memory holds a few files however many products the spec
    /// folder holds. Every spec is parsed and validated before anything is written, so a run
    /// with an error still leaves the folder untouched. The result's `files` is empty;
    /// `generate()` returns them.
    ///
    /// All or nothing: every changed file is first staged as a hidden temporary beside its
    /// place, and only when all are staged are they renamed into place and orphans removed, a
    /// failed step undoing the steps before it (`OutputTransaction`). A run that fails leaves
    /// the output folder as it was, or says which files it could not put back
    /// (`DiagnosticsError.changedPaths`).
    public func run() throws(DiagnosticsError) -> GenerationResult {
        let transaction = OutputTransaction(outputFolder: configuration.outputFolder)
        do {
            return try produce { _, file throws(DiagnosticsError) in try transaction.stage(file) } finish: { writer, produced throws(DiagnosticsError) in
                var report = WriteReport()
                report.removed = writer.orphans(keeping: produced)
                try transaction.commit(removing: report.removed)
                return report
            }
        } catch {
            transaction.discard()
            throw error
        }
    }

    /// Generates and compares with the output folder on every core, writing nothing
    /// (but the cache entry, when the folder is up to date).
    public func check() throws(DiagnosticsError) -> GenerationResult {
        try produce { writer, file in writer.compareFile(file) } finish: { writer, produced in
            var report = WriteReport()
            report.extra = writer.orphans(keeping: produced)
            return report
        }
    }

    /// The shared shape of `run()` and `check()`: the cache, then load and validate all, then
    /// render each file and hand it to `handle` (on every core: `handle` must be safe to call
    /// for different files at once), then `finish` with every path made.
    private func produce(
        handle: (OutputWriter, GeneratedFile) throws(DiagnosticsError) -> WriteReport,
        finish: (OutputWriter, Set<String>) throws(DiagnosticsError) -> WriteReport
    ) throws(DiagnosticsError) -> GenerationResult {
        let cache = configuration.cacheFolder.map { GenerationCache(folder: $0, configuration: configuration) }
        let fingerprint = cache?.fingerprint()
        if let cache, let fingerprint, let entry = cache.upToDateEntry(fingerprint: fingerprint) {
            return unchangedResult(entry)
        }
        var diagnostics = DiagnosticCollector()
        let products = try loadAndValidate(diagnostics: &diagnostics)
        let renderer = Renderer(templates: try TemplateSet(folder: configuration.templatesFolder))
        let writer = OutputWriter(outputFolder: configuration.outputFolder)
        let jobs = RenderJobs(products: products)
        let recordDigests = cache != nil
        var report = WriteReport()
        var produced: Set<String> = []
        // Digests only when there is a cache to record them in.
        var digests: [String: String] = [:]
        // Each file is written (or compared) as soon as it is rendered, so memory holds only
        // the files being rendered right now, one per core, however large the run.
        let planned = Array(zip(jobs.all, jobs.plans))
        let outcomes = ParallelMap.map(planned) { job, plan -> (path: String, digest: String?, report: Result<WriteReport, DiagnosticsError>) in
            let file = jobs.render(job, with: renderer, displayPath: displayPath)
            let digest = recordDigests ? GenerationCache.digest(file.contents) : nil
            // The names were checked on the plan; a file going elsewhere would escape the checks.
            guard file.relativePath == plan.relativePath else {
                return (file.relativePath, digest, .failure(DiagnosticsError(diagnostics: [.error(
                    "internal error: \(plan.owner) was planned as \(plan.relativePath) but rendered as \(file.relativePath)",
                    at: plan.location, hint: "RenderJobs.plan must name the file each job renders")])))
            }
            do throws(DiagnosticsError) {
                return (file.relativePath, digest, .success(try handle(writer, file)))
            } catch {
                return (file.relativePath, digest, .failure(error))
            }
        }
        for outcome in outcomes {
            report.merge(try outcome.report.get())
            produced.insert(outcome.path)
            if let digest = outcome.digest { digests[outcome.path] = digest }
        }
        report.merge(try finish(writer, produced))
        report.sort()
        let result = GenerationResult(
            productCount: products.count,
            actionCount: products.reduce(0) { $0 + $1.generatedActions.count },
            files: [],
            report: report,
            diagnostics: diagnostics.sorted
        )
        if let cache, let fingerprint, result.diagnostics.isEmpty, report.isUpToDate {
            cache.store(fingerprint: fingerprint, productCount: result.productCount, actionCount: result.actionCount, digests: digests)
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
        let renderer = Renderer(templates: try TemplateSet(folder: configuration.templatesFolder))
        let jobs = RenderJobs(products: products)
        return GenerationResult(
            productCount: products.count,
            actionCount: products.reduce(0) { $0 + $1.generatedActions.count },
            files: ParallelMap.map(jobs.all) { jobs.render($0, with: renderer, displayPath: displayPath) },
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
        // Every name that becomes a file name, before anything is written.
        var outputNames = OutputNameValidator()
        outputNames.validate(products)
        diagnostics.append(contentsOf: outputNames.diagnostics)
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
