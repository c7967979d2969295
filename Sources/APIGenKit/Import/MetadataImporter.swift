import Foundation

/// What to import and how to name the product in Swift.
public struct ImportOptions: Sendable {
    /// Only these actions (wire names); empty means every action.
    public var actions: [String]
    /// The Swift module; by default the product code, upper-cased if it has at most four
    /// letters (`Ecs` → `ECS`), made a valid identifier.
    public var swiftModule: String?
    /// Prefix of product-wide types (`ECSClient`); by default the Swift module.
    public var swiftPrefix: String?
    /// The language of the metadata's texts, which decides where documentation links go and
    /// the language of the sentences the importer writes; by default detected from the texts.
    public var language: DocumentationLanguage?

    public init(actions: [String] = [], swiftModule: String? = nil, swiftPrefix: String? = nil, language: DocumentationLanguage? = nil) {
        self.actions = actions
        self.swiftModule = swiftModule
        self.swiftPrefix = swiftPrefix
        self.language = language
    }
}

/// Collects `ImportIssue`s.
struct IssueLog {
    private(set) var issues: [ImportIssue] = []

    mutating func add(_ kind: ImportIssue.Kind, action: String?, path: String, _ message: String) {
        issues.append(ImportIssue(kind, action: action, path: path, message))
    }

    mutating func append(contentsOf other: IssueLog) {
        issues.append(contentsOf: other.issues)
    }

    /// Keeps what is about the product or one of `actions`.
    mutating func keep(actions: Set<String>) {
        issues.removeAll { issue in issue.action.map { !actions.contains($0) } ?? false }
    }

    mutating func remove(_ kind: ImportIssue.Kind, action: String, path: String) {
        issues.removeAll { $0.kind == kind && $0.action == action && $0.path == path }
    }
}

/// Turns Alibaba Cloud's metadata into spec documents (model values): a product and its
/// actions, named so that apigen's validation passes. Nothing here touches the file system.
///
/// Mapping, in short (details at each function):
/// - product: code, version, `RPC`, Swift module and prefix, title (the code if the metadata
///   has none), every endpoint sorted by region; default host: `cn-hangzhou`'s, else
///   `<product>.aliyuncs.com`.
/// - action: `operationType` `read` stays read, anything else is a write; without one,
///   `systemTags.operationType` `get`/`list` means read; summary (else
///   title, else the name); description; deprecation (with the replacement the metadata names).
/// - parameters sent as RPC parameters (`in` query, formData or body), with type, format,
///   constraints, enum, example, default, style and deprecation, nested to any depth; dotted
///   names grouped (`DottedParameterGrouping`).
/// - response: the `200` schema (else the first 2xx), every field optional but a top-level
///   `RequestId`; list wrappers kept as on the wire; JSON and XML examples from `responseDemo`.
/// - errors: one per code, with every HTTP status it is listed under (in order of first
///   appearance), the first message, and other statuses' different messages in the description.
/// - Swift names: `SwiftNameResolver` adds a `swiftName` wherever apigen could not name
///   something, or two things would get one name.
struct MetadataImporter {
    let metadata: AlibabaMetadata
    let options: ImportOptions
    /// The product folder's name, for the locations in the model (e.g. `Ecs`).
    let folderName: String
    /// Hand-kept fixes applied after conversion (`Specs/Ecs/overlay.xml`), if the product has any.
    let overlay: ProductOverlay?
    private(set) var log = IssueLog()
    private(set) var statistics = Statistics()
    /// The language of the metadata's texts.
    let language: DocumentationLanguage

    struct Statistics {
        var deprecatedActions = 0
        var dottedParameters = 0
        var groupedDottedParameters = 0
        var dottedGroups = 0
        /// What the overlay changed, one line each.
        var overlayChanges: [String] = []
        /// What was rewritten in the texts of the product and the imported actions.
        var rewrites = DocumentationRewrites()
    }

    init(metadata: AlibabaMetadata, options: ImportOptions, folderName: String, overlay: ProductOverlay? = nil) {
        self.metadata = metadata
        self.options = options
        self.folderName = folderName
        self.overlay = overlay
        self.language = options.language ?? DocumentationLanguage.detect(in: metadata)
    }

    static let deprecationText = "Deprecated in Alibaba Cloud's API metadata."

    /// The product with its actions, sorted by name; throws only when no valid product file
    /// could be written at all (not RPC, no product code or version, unknown `--action`).
    mutating func importProduct() throws(ImportError) -> ProductSpec {
        let info = metadata.info
        if let style = info.style, style.uppercased() != "RPC" {
            throw ImportError("the metadata describes a '\(style)' API; apigen imports RPC APIs only")
        }
        guard let name = info.product, Self.isUsableWireName(name) else {
            throw ImportError("the metadata names no usable product code (info.product)")
        }
        guard let version = info.version, version.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil else {
            throw ImportError("the metadata's API version (info.version) is '\(info.version ?? "")', not a date such as 2014-05-26")
        }
        let swiftModule = try Self.identifierOption(options.swiftModule, label: "--swift-module") ?? Self.defaultSwiftModule(for: name)
        let swiftPrefix = try Self.identifierOption(options.swiftPrefix, label: "--swift-prefix") ?? swiftModule

        var product = ProductSpec(
            name: name, version: version, swiftModule: swiftModule, swiftPrefix: swiftPrefix,
            title: Self.normalized(info.title ?? "", language: language, rewrites: &statistics.rewrites) ?? name, description: nil,
            defaultEndpoint: "", endpoints: [], commonErrors: [], actions: [],
            folderName: folderName, location: location("product.xml")
        )
        (product.endpoints, product.defaultEndpoint) = endpoints(product: name)

        let wanted = Set(options.actions)
        let known = Set(metadata.apis.keys)
        let unknown = options.actions.filter { !known.contains($0) }
        if !unknown.isEmpty {
            throw ImportError("no action named \(unknown.map { "'\($0)'" }.joined(separator: ", ")) in the metadata")
        }

        var components: [String: AlibabaMetadata.Schema] = [:]
        for (schemaName, entry) in metadata.components?.schemas?.entries ?? [] {
            if let schema = entry.value { components["#/components/schemas/" + schemaName] = schema }
        }
        // Which actions to convert, in name order (what is skipped, and why, is decided here).
        // All are, even when only some are wanted: error codes are named for the whole product,
        // so an action imported alone gets the names importing everything gives it.
        var fileNames: [String: String] = ["product.xml": "the product file"]
        var toConvert: [(name: String, api: AlibabaMetadata.API)] = []
        for (actionName, entry) in metadata.apis.entries.sorted(by: { $0.key < $1.key }) {
            guard Self.isSafeFileName(actionName) else {
                log.add(.actionSkipped, action: actionName, path: "", "an action name must be letters, digits, '_', '.' and '-' (it names the spec file); skipped")
                continue
            }
            // The spec file, and the Swift file named after the action, must fit a file name.
            if (actionName + ".swift").utf8.count > FileWriting.maximumNameBytes {
                log.add(
                    .actionSkipped, action: actionName, path: "",
                    "its name is \(actionName.utf8.count) bytes long; it names the spec file and the generated Swift file, and file names may have \(FileWriting.maximumNameBytes) bytes; skipped")
                continue
            }
            let fileKey = (actionName + ".xml").lowercased()
            if let other = fileNames[fileKey] {
                log.add(.actionSkipped, action: actionName, path: "", "its file name differs from \(other)'s only in case, which some file systems cannot tell apart; skipped")
                continue
            }
            guard let api = entry.value else {
                if case .invalid(let reason) = entry {
                    log.add(.actionSkipped, action: actionName, path: "", "could not be read (\(reason)); skipped")
                }
                continue
            }
            fileNames[fileKey] = "action '\(actionName)'"
            toConvert.append((actionName, api))
        }

        // Each action on its own, on every core; results (and what was odd) kept in name order.
        let folderName = folderName
        let language = language
        let converted = ParallelMap.map(toConvert) { job in
            var converter = ActionConverter(
                actionName: job.name, product: name, version: version,
                file: SourceLocation(file: folderName + "/" + job.name + ".xml", line: 1, column: 1)
            )
            converter.language = language
            converter.components = components
            return (action: converter.convert(job.api), converter: converter)
        }
        product.actions.reserveCapacity(converted.count)
        for (action, converter) in converted {
            product.actions.append(action)
            guard wanted.isEmpty || wanted.contains(action.name) else { continue }
            log.append(contentsOf: converter.log)
            statistics.dottedParameters += converter.dottedParameters
            statistics.groupedDottedParameters += converter.groupedDottedParameters
            statistics.dottedGroups += converter.dottedGroups
            statistics.rewrites.add(converter.rewrites)
            if action.deprecation != nil { statistics.deprecatedActions += 1 }
        }

        // The overlay's changes, then paging inferred from what they give (a page number the
        // overlay makes an integer pages), then the overlay's corrections to that.
        let overlayApplication = overlay.map(OverlayApplication.init)
        if let overlayApplication { try apply(overlayApplication, to: &product) }
        inferPaging(&product)
        if let overlayApplication { try applyPaging(overlayApplication, to: &product) }

        var resolver = SwiftNameResolver()
        resolver.resolve(&product)
        log.append(contentsOf: resolver.log)
        if !wanted.isEmpty {
            product.actions.removeAll { !wanted.contains($0.name) }
            product.selection = product.selection.map { $0.filter { wanted.contains($0.name) } }.flatMap { $0.isEmpty ? nil : $0 }
            log.keep(actions: wanted)
        }
        validate(product)
        return product
    }

    // MARK: Overlay

    /// Applies the overlay before names are resolved (so its names and types are what gets
    /// named); an entry that no longer matches fails the import.
    private mutating func apply(_ application: OverlayApplication, to product: inout ProductSpec) throws(ImportError) {
        application.apply(to: &product)
        try Self.check(application)
        statistics.overlayChanges = application.changes
        // A merged group is no longer "kept as separate parameters".
        for (action, container) in application.mergedContainers {
            log.remove(.irregularDottedGroup, action: action, path: "request." + container)
        }
    }

    private mutating func applyPaging(_ application: OverlayApplication, to product: inout ProductSpec) throws(ImportError) {
        application.applyPaging(to: &product)
        try Self.check(application)
        statistics.overlayChanges = application.changes
        // What the overlay describes is no longer left out.
        for entry in application.overlay.pagings { log.remove(.pagingLeftOut, action: entry.action, path: "") }
    }

    private static func check(_ application: OverlayApplication) throws(ImportError) {
        guard application.diagnostics.hasErrors else { return }
        let count = application.diagnostics.sorted.count
        throw ImportError(
            "the overlay '\(application.overlay.location.file)' does not apply to this metadata (\(count) problem\(count == 1 ? "" : "s")); nothing was written",
            diagnostics: application.diagnostics.sorted
        )
    }

    // MARK: Paging

    /// Infers each action's paging (`PagingInference`), counting what it found and reporting
    /// what looked like paging but was left out.
    private mutating func inferPaging(_ product: inout ProductSpec) {
        for index in product.actions.indices {
            switch PagingInference.infer(product.actions[index]) {
            case .none:
                break
            case .paging(let paging):
                product.actions[index].paging = paging
            case .leftOut(let reason):
                log.add(.pagingLeftOut, action: product.actions[index].name, path: "", reason + "; no paginator (an overlay <paging> can describe it)")
            }
        }
    }

    // MARK: Product

    /// Every endpoint, sorted by region, and the default host.
    private mutating func endpoints(product: String) -> ([Endpoint], String) {
        var byRegion: [String: Endpoint] = [:]
        for (offset, entry) in (metadata.endpoints ?? []).enumerated() {
            guard let endpoint = entry.value, let region = endpoint.regionId, let host = endpoint.endpoint,
                  Self.isUsableWireName(region), Self.isUsableWireName(host)
            else {
                log.add(.product, action: nil, path: "endpoints[\(offset)]", "an endpoint without a usable region and host; skipped")
                continue
            }
            if let first = byRegion[region] {
                if first.host != host {
                    log.add(.product, action: nil, path: "endpoints[\(offset)]", "region '\(region)' is listed again with host '\(host)'; kept the first, '\(first.host)'")
                }
                continue
            }
            byRegion[region] = Endpoint(region: region, host: host, location: location("product.xml"))
        }
        let sorted = byRegion.values.sorted { $0.region < $1.region }
        let defaultHost = byRegion["cn-hangzhou"]?.host ?? (product.lowercased() + ".aliyuncs.com")
        return (sorted, defaultHost)
    }

    /// `Ecs` → `ECS`, `ResourceManager` → `ResourceManager`, `r-kvstore` → `RKvstore`.
    static func defaultSwiftModule(for product: String) -> String {
        let letters = product.filter(\.isLetter)
        let base = letters.count <= 4 ? product.uppercased() : product
        if SwiftNaming.isValidIdentifier(base) { return base }
        let derived = SwiftNaming.typeName(fromWire: base) ?? "Product"
        return SwiftNaming.isValidIdentifier(derived) ? derived : "Product"
    }

    private static func identifierOption(_ value: String?, label: String) throws(ImportError) -> String? {
        guard let value else { return nil }
        guard SwiftNaming.isValidIdentifier(value), !SwiftNaming.keywords.contains(value) else {
            throw ImportError("\(label) '\(value)' is not a Swift identifier")
        }
        return value
    }

    private func location(_ file: String) -> SourceLocation {
        SourceLocation(file: folderName + "/" + file, line: 1, column: 1)
    }

    // MARK: Validation

    /// apigen's own semantic checks on the imported documents: whatever they still find is
    /// reported (the import goes on; the generator will name the file).
    private mutating func validate(_ product: ProductSpec) {
        var validator = SemanticValidator()
        validator.validate([product])
        for diagnostic in validator.diagnostics.sorted where diagnostic.severity == .error {
            let file = diagnostic.location.map { ($0.file as NSString).lastPathComponent } ?? ""
            let action = file.hasSuffix(".xml") && file != "product.xml" ? String(file.dropLast(4)) : nil
            log.add(.validation, action: action, path: "", diagnostic.message + (diagnostic.hint.map { " (\($0))" } ?? ""))
        }
    }

    // MARK: Names and text

    /// A name the format can hold (`WireName`: no XML whitespace) and XML can carry.
    static func isUsableWireName(_ name: String) -> Bool {
        guard !name.isEmpty else { return false }
        // Byte by byte: controls and white space are all below 0x21; only a sequence starting
        // with EF can be a character XML cannot hold (U+FFFE, U+FFFF), looked at by scalar.
        let plain = UTF8Bytes.scan(name) { bytes in bytes.allSatisfy { $0 > 0x20 && $0 != 0xEF } }
        if plain { return true }
        return name.unicodeScalars.allSatisfy { XMLEscaping.isAllowed($0) && !" \t\n\r".unicodeScalars.contains($0) }
    }

    /// Action names become file names: nothing that could leave the output folder.
    static func isSafeFileName(_ name: String) -> Bool {
        guard name.utf8.allSatisfy({ $0 < 0x80 }) else {
            return name.wholeMatch(of: /[A-Za-z0-9][A-Za-z0-9_.\-]*/) != nil && name.lowercased() != "product"
        }
        // ASCII (nearly every name): the same pattern, byte by byte.
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
        }
        guard let first = name.utf8.first, isAlphanumeric(first) else { return false }
        for byte in name.utf8.dropFirst() where !isAlphanumeric(byte) && byte != UInt8(ascii: "_") && byte != UInt8(ascii: ".") && byte != UInt8(ascii: "-") {
            return false
        }
        return name.lowercased() != "product"
    }

    /// Prose as apigen reads it back (`SpecText.normalize`), nil when empty, with the upstream
    /// documentation site's markup rewritten (`DocumentationMarkup`; counted in `rewrites`).
    static func normalized(_ text: String, language: DocumentationLanguage, rewrites: inout DocumentationRewrites) -> String? {
        let result = ImportText.normalize(text)
        guard let cleaned = DocumentationMarkup.rewrite(result, language: language, rewrites: &rewrites) else {
            return nonEmpty(result)
        }
        // Removing markup can leave blank lines or blanks at the ends, or change the
        // indentation lines share: such a text is normalized again.
        return nonEmpty(cleaned.mayNeedNormalizing ? ImportText.normalize(cleaned.text) : cleaned.text)
    }

    /// Prose as apigen reads it back (`SpecText.normalize`), nil when empty.
    static func normalized(_ text: String) -> String? {
        nonEmpty(ImportText.normalize(text))
    }

    private static func nonEmpty(_ result: String) -> String? {
        // A first character that starts with a printable ASCII byte is not white space (nor
        // is the text, then); anything else is looked at as before.
        if let first = result.utf8.first, first > 0x20, first < 0x7F { return result }
        return result.allSatisfy(\.isWhitespace) ? nil : result
    }
}

// MARK: - Text

/// `SpecText.normalize`, computed faster (importing ECS normalizes some 20,000 texts; the
/// corpus, a million): the same result on every text of the upstream metadata, which the tests
/// check against `SpecText` itself. One-line texts without surrounding blanks are returned as
/// they are; others go through `SpecText.normalize`'s byte path, except the rare ones where
/// bytes and characters could part ways (a CR, a blank beside a non-ASCII character), which go
/// through `normalizeCharacters`, the first, character-by-character version, which the tests
/// compare the whole with.
enum ImportText {
    static func normalize(_ raw: String) -> String {
        // Whether there are line breaks, and whether bytes will do: no CR (whose replacement
        // works on characters, where CR CR LF keeps a CR LF), and every space and tab between
        // ASCII bytes (or line breaks, or an end), so that each is a character of its own, as
        // every LF is.
        let (hasLineBreak, bytesWillDo) = UTF8Bytes.scan(raw) { bytes in
            var lineBreak = false
            var blanksStandAlone = true
            for index in bytes.indices {
                let byte = bytes[index]
                if byte == 0x0A {
                    lineBreak = true
                } else if byte == 0x0D {
                    lineBreak = true
                    blanksStandAlone = false
                } else if byte == 0x20 || byte == 0x09,
                          index > 0 && bytes[index - 1] >= 0x80 || index + 1 < bytes.count && bytes[index + 1] >= 0x80 {
                    blanksStandAlone = false
                }
            }
            return (lineBreak, blanksStandAlone)
        }
        // Most texts are one line without surrounding blanks: nothing to do. (A last byte that
        // is not a blank ends a last character that is not one; the same for the first.)
        if !hasLineBreak,
           raw.utf8.first.map({ $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) ?? true,
           raw.utf8.last.map({ $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) ?? true {
            return raw
        }
        // Without CR, and with every blank a character of its own, `SpecText.normalize`'s
        // byte-level lines and indentation are exactly the characters'.
        return bytesWillDo ? SpecText.normalize(raw) : normalizeCharacters(raw)
    }

    /// The same, character by character (as it was written first; the reference for the above).
    static func normalizeCharacters(_ raw: String) -> String {
        // Most texts are one line without surrounding blanks: nothing to do.
        if !raw.contains(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }),
           raw.first.map({ $0 != " " && $0 != "\t" }) ?? true,
           raw.last.map({ $0 != " " && $0 != "\t" }) ?? true {
            return raw
        }
        var text = raw
        if text.contains(where: { $0 == "\r" || $0 == "\r\n" }) {
            text = text.replacing("\r\n", with: "\n").replacing("\r", with: "\n")
        }
        var lines: [Substring] = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let last = line.lastIndex(where: { $0 != " " && $0 != "\t" }) else { return line[line.startIndex..<line.startIndex] }
            return line[...last]
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        var indentation = Int.max
        for line in lines where !line.isEmpty {
            var count = 0
            for character in line {
                guard character == " " || character == "\t" else { break }
                count += 1
            }
            indentation = min(indentation, count)
        }
        if indentation == Int.max { indentation = 0 }
        return lines.map { $0.isEmpty ? "" : String($0.dropFirst(indentation)) }.joined(separator: "\n")
    }
}

/// A string's UTF-8 as one buffer, for loops over bytes that `String.UTF8View`'s iterator
/// would slow down.
enum UTF8Bytes {
    static func scan<Result>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = text.utf8.withContiguousStorageIfAvailable(body) { return result }
        var text = text
        return text.withUTF8(body)
    }
}
