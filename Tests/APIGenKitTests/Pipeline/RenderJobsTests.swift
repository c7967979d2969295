import APIGenTestSupport
import Foundation
import Testing

@testable import APIGenKit

/// `RenderJobs`: every file of a run as one unit of work, in output order; files rendered and
/// written on all cores come out exactly as `generate()` lists them.
@Suite struct RenderJobsTests {
    private func goldenProducts() throws -> [ProductSpec] {
        var diagnostics = DiagnosticCollector()
        return try GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: TestPaths.goldenSpecs, templatesFolder: TestPaths.templates, schemaPath: TestPaths.schema
        )).loadAndValidate(diagnostics: &diagnostics)
    }

    @Test func jobsArePerProductItsClientModuleThenItsServerModuleInOrder() throws {
        let products = try goldenProducts()
        #expect(products.count == 2)
        let renderer = Renderer(templates: try TemplateSet(folder: TestPaths.templates))
        let jobs = RenderJobs(products: products)
        let paths = jobs.all.map { jobs.render($0, with: renderer, displayPath: { $0 }).relativePath }
        var expected: [String] = []
        for product in products {
            let folder = product.folderName
            let server = product.serverFolderName
            let translator = Translator(product: product)
            expected += [
                folder + "/" + translator.productContext().productTypeName + ".swift",
                folder + "/" + product.swiftPrefix + "Errors.swift",
                folder + "/" + product.swiftPrefix + "Shapes.swift",
                folder + "/" + translator.clientContext().clientTypeName + ".swift",
            ]
            // Paginators and waiters only for a product that has some (Nasty does, Bare does not).
            if product.actions.contains(where: { $0.paging != nil }) { expected.append(folder + "/" + product.swiftPrefix + "Paginators.swift") }
            if !product.waiters.isEmpty { expected.append(folder + "/" + product.swiftPrefix + "Waiters.swift") }
            expected += product.actions.map { folder + "/" + (SwiftNames.actionBase($0) ?? $0.name) + ".swift" }
            expected += [
                server + "/" + translator.serviceContext().serviceTypeName + ".swift",
                server + "/" + product.swiftPrefix + "Shapes+Server.swift",
            ]
            expected += product.actions.map { server + "/" + (SwiftNames.actionBase($0) ?? $0.name) + "+Server.swift" }
        }
        #expect(paths == expected)
        #expect(paths.first == "Bare/BareProduct.swift")
        #expect(paths.contains("NastyServer/Injection+Server.swift"))
        #expect(paths.contains("Nasty/NastyWaiters.swift") && !paths.contains("Bare/BareWaiters.swift"))
    }

    @Test func everyFileOfEveryProductIsOneJob() throws {
        var diagnostics = DiagnosticCollector()
        let products = try GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: TestPaths.specs, templatesFolder: TestPaths.templates, schemaPath: TestPaths.schema
        )).loadAndValidate(diagnostics: &diagnostics)
        let jobs = RenderJobs(products: products).all
        // Per product: product, errors, shapes, client, service, server shapes, and two per action;
        // paginators and waiters for ECS (STS has neither).
        #expect(jobs.count == products.reduce(0) { $0 + 2 * $1.actions.count + 6 } + 2)
        #expect(Set(jobs.map { "\($0)" }).count == jobs.count)
    }

    /// `run()` renders and writes on all cores; what it writes is what `generate()` returns,
    /// and its report lists every path once, sorted.
    @Test(.cpuHeavy) func runWritesWhatGenerateReturnsWithASortedReport() throws {
        let folder = try TestPaths.makeTemporaryFolder("apigen-jobs")
        defer { TestPaths.removeTemporaryFolder(folder) }
        let pipeline = GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: TestPaths.specs, outputFolder: folder.path, templatesFolder: TestPaths.templates, schemaPath: TestPaths.schema
        ))
        let generated = try pipeline.generate()
        let result = try pipeline.run()
        #expect(result.report.written == generated.files.map(\.relativePath).sorted())
        #expect(result.report.unchanged.isEmpty)
        for file in generated.files {
            let onDisk = FileManager.default.contents(atPath: folder.appendingPathComponent(file.relativePath).path)
            #expect(onDisk == Data(file.contents.utf8), "\(file.relativePath)")
        }
        let again = try pipeline.run()
        #expect(again.report.written.isEmpty)
        #expect(again.report.unchanged == result.report.written)
    }
}
