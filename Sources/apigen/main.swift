import APIGenKit
import ArgumentParser
import Foundation

APIGen.main()

struct APIGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apigen",
        abstract: "Generates typed Swift clients for Alibaba Cloud RPC APIs from XML specs.",
        subcommands: [Generate.self, Import.self],
        defaultSubcommand: Generate.self
    )
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate Swift from the specs (the default command).",
        discussion: "Example: swift run apigen Specs/   (writes Generated/, using Templates/ and Specs/apigen.xsd)"
    )

    @Argument(help: "The spec folder: one folder per product, each with product.xml and one file per action.")
    var specs: String

    @Option(help: "Where to write the generated Swift (default: Generated/ beside the spec folder).")
    var output: String?

    @Option(help: "Folder of Mustache templates (default: Templates/ beside the spec folder).")
    var templates: String?

    @Option(help: "The spec format's XSD (default: apigen.xsd in the spec folder).")
    var schema: String?

    @Flag(help: "Write nothing; exit non-zero naming every file that is stale, missing or extra.")
    var check = false

    @Flag(help: "Parse and render everything even if nothing changed since the last run (which is remembered in ~/.cache/apigen).")
    var noCache = false

    func run() throws {
        let started = ContinuousClock.now
        let pipeline = GeneratorPipeline(configuration: GeneratorConfiguration(
            specsFolder: specs, outputFolder: output, templatesFolder: templates, schemaPath: schema,
            cacheFolder: noCache ? nil : GeneratorConfiguration.defaultCacheFolder
        ))
        do {
            let result = check ? try pipeline.check() : try pipeline.run()
            result.diagnostics.forEach { printError($0.description) }
            let seconds = (ContinuousClock.now - started).formatted(.units(allowed: [.seconds], fractionalPart: .show(length: 2)))
            let scope = "\(result.productCount) product\(result.productCount == 1 ? "" : "s"), \(result.actionCount) action\(result.actionCount == 1 ? "" : "s")"
            let report = result.report
            let skipped = result.skippedUnchanged ? " (nothing changed since the last run)" : ""
            if check {
                for path in report.stale { printError("stale: \(pipeline.configuration.outputFolder)/\(path)") }
                for path in report.missing { printError("missing: \(pipeline.configuration.outputFolder)/\(path)") }
                for path in report.extra { printError("extra: \(pipeline.configuration.outputFolder)/\(path) (its spec is gone)") }
                if !report.isUpToDate {
                    printError("apigen: \(pipeline.configuration.outputFolder) is not what the specs produce; run `swift run apigen \(specs)` and commit the result")
                    throw ExitCode.failure
                }
                print("apigen: \(scope): \(report.unchanged.count) files up to date in \(seconds)\(skipped)")
            } else {
                print("apigen: \(scope): \(report.written.count) written, \(report.unchanged.count) unchanged, \(report.removed.count) removed in \(seconds)\(skipped)")
            }
        } catch let error as DiagnosticsError {
            error.diagnostics.forEach { printError($0.description) }
            let outcome = error.changedPaths.isEmpty
                ? "nothing was written"
                : "\(error.changedPaths.count) file\(error.changedPaths.count == 1 ? " was" : "s were") left changed"
            printError("apigen: \(error.errorCount) error\(error.errorCount == 1 ? "" : "s"); \(outcome)")
            throw ExitCode.failure
        }
    }

    private func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
