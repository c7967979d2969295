import APIGenKit
import ArgumentParser
import Foundation

/// `apigen import`: Alibaba Cloud's API metadata (`api-docs.json`) → apigen spec files.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import Alibaba Cloud's API metadata (api-docs.json) as apigen specs.",
        discussion: """
            Writes product.xml and one <Action>.xml per action into the output folder. Files \
            apigen imported and nobody edited since are updated; hand-written and hand-edited \
            files are left alone (each imported file carries a content hash in its first \
            comment) unless --overwrite is given. Nothing is written if the import fails.

            Example: swift run apigen import ../shared/specs-upstream/ecs-2014-05-26.en_us.api-docs.json --output Specs/Ecs
            """
    )

    @Argument(help: "Alibaba Cloud's api-docs.json for one product version.")
    var metadata: String

    @Option(help: "The product's spec folder, e.g. Specs/Ecs.")
    var output: String

    @Option(name: .customLong("action"), help: "Import only this action (repeat for several; product.xml is always imported); default: all.")
    var actions: [String] = []

    @Option(help: "Swift module name (default: the product code, upper-cased if at most 4 letters).")
    var swiftModule: String?

    @Option(help: "Prefix of product-wide Swift types such as <Prefix>Client (default: the Swift module).")
    var swiftPrefix: String?

    @Option(help: "The overlay to apply (default: overlay.xml in the output folder, if there is one).")
    var overlay: String?

    @Option(help: "The spec schema the overlay is checked against (default: apigen.xsd beside the output folder).")
    var schema: String?

    @Flag(help: "Replace every file, hand-written and hand-edited ones included.")
    var overwrite = false

    @Flag(help: "List every odd item of the metadata and what was done about it.")
    var verbose = false

    func run() throws {
        let importer = MetadataImport(configuration: ImportConfiguration(
            metadataPath: metadata,
            outputFolder: output,
            options: ImportOptions(actions: actions, swiftModule: swiftModule, swiftPrefix: swiftPrefix),
            overwrite: overwrite,
            overlayPath: overlay,
            schemaPath: schema
        ))
        let report: ImportReport
        do {
            report = try importer.run()
        } catch {
            error.diagnostics.map(\.description).forEach(printError)
            printError("apigen import: error: \(error.message)")
            throw ExitCode.failure
        }
        if verbose {
            for name in report.keptHandWritten { printError("kept (hand-written): \(output)/\(name)") }
            for name in report.keptEdited { printError("kept (edited): \(output)/\(name)") }
            for issue in report.issues { printError(issue.description) }
            for change in report.overlayChanges { printError("overlay: \(change)") }
            for line in report.pagingLines { printError("paging: \(line)") }
            report.issueCountLines.forEach(printError)
        } else {
            // What apigen will reject is worth seeing without asking.
            for issue in report.issues where issue.kind == .validation { printError("warning: \(issue.description)") }
        }
        print(report.summaryLine)
    }

    private func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
