import Foundation

/// Where to import from and to.
public struct ImportConfiguration: Sendable {
    /// Alibaba Cloud's `api-docs.json` for one product version.
    public var metadataPath: String
    /// The product's spec folder, e.g. `Specs/Ecs`; its name is the product folder's name.
    public var outputFolder: String
    public var options: ImportOptions
    /// Replace every file, including hand-written and hand-edited ones.
    public var overwrite: Bool
    /// The overlay to apply; by default the output folder's `overlay.xml`, if there is one.
    public var overlayPath: String?
    /// The spec schema the overlay is checked against; by default `apigen.xsd` beside the
    /// output folder (`Specs/apigen.xsd` for `Specs/Ecs`).
    public var schemaPath: String?

    public init(
        metadataPath: String, outputFolder: String, options: ImportOptions = ImportOptions(), overwrite: Bool = false,
        overlayPath: String? = nil, schemaPath: String? = nil
    ) {
        self.metadataPath = metadataPath
        self.outputFolder = outputFolder.count > 1 && outputFolder.hasSuffix("/") ? String(outputFolder.dropLast()) : outputFolder
        self.options = options
        self.overwrite = overwrite
        self.overlayPath = overlayPath
        self.schemaPath = schemaPath
    }
}

/// A spec file an import produces: its name in the output folder and its text.
public struct ImportedFile: Hashable, Sendable {
    public var name: String
    public var contents: String
}

/// `apigen import`: Alibaba Cloud's metadata → apigen spec files, never losing hand edits.
///
/// - Everything is converted and every decision is taken before anything is written, so an
///   import that fails (unreadable or invalid metadata, an unknown `--action`, an output path
///   that is not a file) writes nothing.
/// - An existing file is replaced only if it is an imported file nobody has changed (its
///   header's hash matches) and the new content differs; files without the header are
///   hand-written and files whose hash does not match were edited: both are left alone,
///   unless `overwrite` is set.
/// - Each file is written to a temporary file in the same folder; once all are written and
///   synced to disk, they are renamed into place, all or none (`FileReplacement`): a failure
///   at any step leaves the folder as it was, so "nothing was written" is true.
public struct MetadataImport: Sendable {
    public let configuration: ImportConfiguration

    public init(configuration: ImportConfiguration) {
        self.configuration = configuration
    }

    /// The files an import produces and its report (files not yet sorted into written,
    /// unchanged and kept). Reads the metadata; writes nothing.
    public func plan() throws(ImportError) -> (files: [ImportedFile], report: ImportReport) {
        let started = ContinuousClock.now
        guard let data = FileManager.default.contents(atPath: configuration.metadataPath) else {
            throw ImportError("cannot read '\(configuration.metadataPath)'")
        }
        let overlay = try loadOverlay()
        var (files, report) = try Self.convert(data: data, folderName: folderName, options: configuration.options, overlay: overlay)
        report.duration = ContinuousClock.now - started
        files.sort { $0.name < $1.name }
        return (files, report)
    }

    /// Imports and writes; the report says what happened to each file.
    public func run() throws(ImportError) -> ImportReport {
        let started = ContinuousClock.now
        var (files, report) = try plan()

        // Decide everything first: each file on its own (on every core), then in name order,
        // so that the report and the first problem found are what a file-by-file pass gives.
        let decisions = ParallelMap.map(files) { file in decide(file) }
        var toWrite: [ImportedFile] = []
        for (file, decision) in zip(files, decisions) {
            switch decision {
            case .write: toWrite.append(file)
            case .unchanged: report.unchanged.append(file.name)
            case .keptHandWritten: report.keptHandWritten.append(file.name)
            case .keptEdited: report.keptEdited.append(file.name)
            case .notAFile(let path): throw ImportError("'\(path)' exists but is not a readable file; nothing was written")
            }
        }

        // Then write: every file to a temporary file beside it (on every core), all of them
        // synced to disk at once (an imported spec is a source file: a crash must not leave an
        // empty or cut one in place), then the moves, in name order, all or none.
        if !toWrite.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: configuration.outputFolder, withIntermediateDirectories: true)
            } catch {
                throw ImportError("cannot create '\(configuration.outputFolder)': \(error.localizedDescription); nothing was written")
            }
        }
        let temporaries = ParallelMap.map(toWrite) { file in
            Result { () throws(ImportError) in try Self.writeTemporary(file.contents, for: path(file.name)) }
        }
        let written = temporaries.compactMap { try? $0.get() }
        // All or nothing: one file that cannot be written (a full disk, a name the file system
        // refuses) means none is moved into place.
        if let failed = temporaries.lazy.compactMap({ result -> ImportError? in
            if case .failure(let error) = result { return error }
            return nil
        }).first {
            for temporary in written { try? FileManager.default.removeItem(atPath: temporary) }
            throw ImportError("\(failed.message); nothing was written")
        }
        if !written.isEmpty {
            do {
                try FileWriting.syncToDisk(files: written, in: configuration.outputFolder)
            } catch {
                for temporary in written { try? FileManager.default.removeItem(atPath: temporary) }
                let reason = String(cString: strerror(error.code.rawValue))
                throw ImportError("cannot sync the new files in '\(configuration.outputFolder)' to disk: \(reason); nothing was written")
            }
        }
        // Then the moves, all or none: a move that fails undoes those before it.
        do {
            try FileReplacement.apply(moves: zip(written, toWrite).map { (temporary: $0, path: path($1.name)) })
        } catch {
            let outcome = error.leftChanged.isEmpty
                ? "nothing was written"
                : "these files could not be restored: \(error.leftChanged.joined(separator: ", "))"
            throw ImportError("\(error.problem); \(outcome)")
        }
        report.written = toWrite.map(\.name)
        report.duration = ContinuousClock.now - started
        return report
    }

    private enum Decision {
        case write
        case unchanged
        case keptHandWritten
        case keptEdited
        case notAFile(String)
    }

    /// What to do with one file, given what is at its path.
    private func decide(_ file: ImportedFile) -> Decision {
        let path = self.path(file.name)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .write }
        guard !isDirectory.boolValue, let existing = FileManager.default.contents(atPath: path) else { return .notAFile(path) }
        let new = Data(file.contents.utf8)
        if existing == new { return .unchanged }
        if configuration.overwrite { return .write }
        switch ImportedFileHeader.state(of: [UInt8](existing)) {
        case .handWritten: return .keptHandWritten
        case .edited: return .keptEdited
        case .intact: return .write
        }
    }

    /// The conversion alone, from the metadata's bytes (for tests and tools).
    static func convert(
        data: Data, folderName: String, options: ImportOptions, overlay: ProductOverlay? = nil
    ) throws(ImportError) -> (files: [ImportedFile], report: ImportReport) {
        let metadata = try AlibabaMetadata.decode(from: data)
        var importer = MetadataImporter(metadata: metadata, options: options, folderName: folderName, overlay: overlay)
        let product = try importer.importProduct()
        let writer = SpecXMLWriter(productName: product.name, version: product.version)
        var files = [ImportedFile(name: "product.xml", contents: writer.productFile(product))]
        files += ParallelMap.map(product.actions) { action in
            ImportedFile(name: action.name + ".xml", contents: writer.actionFile(action))
        }

        var report = ImportReport()
        report.product = product.name
        report.version = product.version
        report.actionCount = product.actions.count
        report.deprecatedActionCount = importer.statistics.deprecatedActions
        report.endpointCount = product.endpoints.count
        report.dottedParameterCount = importer.statistics.dottedParameters
        report.groupedDottedParameterCount = importer.statistics.groupedDottedParameters
        report.dottedGroupCount = importer.statistics.dottedGroups
        report.overlayChanges = importer.statistics.overlayChanges
        for action in product.actions {
            guard let paging = action.paging else { continue }
            report.paging.count(paging)
            var line = "\(action.name): items \(paging.items.joined(separator: "."))"
            if let token = paging.nextToken { line += "; NextToken (\(token.request) → \(token.response.joined(separator: ".")))" }
            if let page = paging.pageNumber {
                let ends = [page.pageSize, page.totalCount].compactMap { $0?.joined(separator: ".") }
                line += "; PageNumber (\(page.request)\(ends.isEmpty ? "" : ", " + ends.joined(separator: ", ")))"
            }
            report.pagingLines.append(line)
        }
        // A parameter the metadata repeats word for word reports its oddities once.
        report.issues = Array(Set(importer.log.issues)).sorted()
        return (files, report)
    }

    // MARK: Overlay

    /// The overlay named in the configuration, else the output folder's, if there is one.
    private func loadOverlay() throws(ImportError) -> ProductOverlay? {
        let path = configuration.overlayPath ?? self.path(OverlayReader.fileName)
        guard configuration.overlayPath != nil || FileManager.default.fileExists(atPath: path) else { return nil }
        let schemaPath = configuration.schemaPath
            ?? ((configuration.outputFolder as NSString).deletingLastPathComponent as NSString).appendingPathComponent("apigen.xsd")
        do {
            return try OverlayReader.load(path: path, schemaPath: schemaPath)
        } catch {
            let count = error.diagnostics.count
            throw ImportError(
                "the overlay '\(path)' cannot be used (\(count) problem\(count == 1 ? "" : "s")); nothing was written",
                diagnostics: error.diagnostics
            )
        }
    }

    // MARK: Files

    private var folderName: String {
        let name = (configuration.outputFolder as NSString).lastPathComponent
        return name.isEmpty || name == "." || name == "/" ? "Product" : name
    }

    private func path(_ name: String) -> String {
        (configuration.outputFolder as NSString).appendingPathComponent(name)
    }

    /// Writes `contents` to a new temporary file in `path`'s folder (not yet synced: `run`
    /// syncs them all at once) and returns its path; nothing stays if that fails.
    private static func writeTemporary(_ contents: String, for path: String) throws(ImportError) -> String {
        do {
            return try FileWriting.writeTemporary(beside: path, contents: contents, label: "apigen-import")
        } catch {
            throw ImportError("cannot write '\(path)': \(String(cString: strerror(error.code.rawValue)))")
        }
    }
}
