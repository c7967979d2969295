import Foundation

/// Something in the metadata that did not fit the spec format as it was, and what the
/// importer did about it. None of these stops an import.
public struct ImportIssue: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Kind: String, CaseIterable, Hashable, Sendable, Comparable {
        /// An action that could not be read or named, or whose file name would be unsafe.
        case actionSkipped
        /// A parameter not sent as an RPC parameter (`in: header`, `path`, …): left out.
        case parameterLocation
        /// A parameter or field without a usable name, or listed twice differently: left out.
        case memberSkipped
        /// A name or error code with spaces around it (a typing slip): trimmed.
        case whitespaceTrimmed
        /// Dotted parameters (`Filter.1.Key`) that could not be grouped: kept as they were.
        case irregularDottedGroup
        /// No `200` response (another 2xx was used), or responses besides the one used.
        case responseStatus
        /// An error status that is not a plain HTTP status (`4003`), or one the format cannot hold.
        case errorStatus
        /// An error entry without a code, or a code the format cannot hold.
        case errorSkipped
        /// A type or format apigen does not know; the value is imported as the nearest type.
        case unknownType
        /// An object without members (a free-form map): imported as JSON text, or as an empty object.
        case freeFormObject
        /// A default on a required parameter: dropped.
        case requiredDefault
        /// An example, default or allowed value that is not a value of its type: dropped.
        case invalidValue
        /// A bound that is not a number, or does not fit the type: dropped.
        case invalidBound
        /// A constraint that does not apply to the type, contradicts another, or that the
        /// format cannot hold (response fields hold none): dropped.
        case constraintDropped
        /// An enum the format cannot hold (empty, on booleans or decimals, or only as titles).
        case enumDropped
        /// A `style` that does not fit the parameter's type: dropped.
        case styleDropped
        /// Response examples that could not be read.
        case responseExample
        /// Characters XML 1.0 cannot hold, removed from a text.
        case textCleaned
        /// A `swiftName` added so that apigen can name everything (collisions, reserved words).
        case swiftNameAdded
        /// What apigen's own checks still say about the imported spec.
        case validation
        /// An action that looks like it pages (a NextToken or PageNumber parameter) but whose
        /// paging could not be inferred: no paginator.
        case pagingLeftOut
        /// Endpoints and product-level oddities.
        case product

        public static func < (lhs: Kind, rhs: Kind) -> Bool {
            allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
        }
    }

    public var kind: Kind
    /// The action, or nil for the product.
    public var action: String?
    /// Where in the action, e.g. `request.Filter.1.Key` or `response.Instances.Instance[].Tags`.
    public var path: String
    public var message: String

    public init(_ kind: Kind, action: String?, path: String, _ message: String) {
        self.kind = kind
        self.action = action
        self.path = path
        self.message = message
    }

    public static func < (lhs: ImportIssue, rhs: ImportIssue) -> Bool {
        (lhs.action ?? "", lhs.kind, lhs.path, lhs.message) < (rhs.action ?? "", rhs.kind, rhs.path, rhs.message)
    }

    /// `DescribeInstances: request.Filter: message [kind]`.
    public var description: String {
        var text = action ?? "product"
        if !path.isEmpty { text += ": " + path }
        return text + ": " + message + " [\(kind.rawValue)]"
    }
}

/// How many actions page, by style.
public struct PagingCounts: Hashable, Sendable, Codable {
    public var actions = 0
    /// Actions that page by token (some of them by page number too).
    public var nextToken = 0
    /// Actions that page by page number (some of them by token too).
    public var pageNumber = 0
    /// Actions that offer both (their paginators use the token).
    public var both = 0

    public init() {}

    /// Adds another import's counts.
    public mutating func add(_ other: PagingCounts) {
        actions += other.actions
        nextToken += other.nextToken
        pageNumber += other.pageNumber
        both += other.both
    }

    mutating func count(_ paging: PagingSpec) {
        actions += 1
        if paging.nextToken != nil { nextToken += 1 }
        if paging.pageNumber != nil { pageNumber += 1 }
        if paging.nextToken != nil, paging.pageNumber != nil { both += 1 }
    }

    /// `77 paging actions (36 by NextToken, 57 by PageNumber, 16 both)`.
    public var summary: String {
        "\(actions) paging action\(actions == 1 ? "" : "s") (\(nextToken) by NextToken, \(pageNumber) by PageNumber, \(both) both)"
    }
}

/// What an import found and did.
public struct ImportReport: Sendable {
    /// The product code and API version, e.g. `Ecs` and `2014-05-26`.
    public var product: String = ""
    public var version: String = ""
    /// Actions imported (after `--action` filtering and skipped ones).
    public var actionCount = 0
    public var deprecatedActionCount = 0
    public var endpointCount = 0
    /// Parameters whose names contain dots, and how many of them went into groups.
    public var dottedParameterCount = 0
    public var groupedDottedParameterCount = 0
    /// Array and object parameters made from dotted names.
    public var dottedGroupCount = 0
    /// The actions with paging (inferred, or from the overlay), by style.
    public var paging = PagingCounts()
    /// What each paging action pages by, one line each (`DescribeInstances: items Instances.Instance; NextToken; PageNumber`).
    public var pagingLines: [String] = []
    /// What the product's overlay changed, one line each (`RunInstances: request.SystemDisk: merged 6 parameters`).
    public var overlayChanges: [String] = []

    /// File names relative to the output folder, sorted.
    public var written: [String] = []
    public var unchanged: [String] = []
    /// Existing files without apigen's import comment: written by hand, left alone.
    public var keptHandWritten: [String] = []
    /// Imported files changed by hand since (their hash no longer matches): left alone.
    public var keptEdited: [String] = []

    public var issues: [ImportIssue] = []
    public var duration: Duration = .zero

    public init() {}

    /// How many issues of each kind, in `Kind` order.
    public var issueCounts: [(kind: ImportIssue.Kind, count: Int)] {
        let counts = Dictionary(grouping: issues, by: \.kind).mapValues(\.count)
        return ImportIssue.Kind.allCases.compactMap { kind in counts[kind].map { (kind, $0) } }
    }

    /// Issues apigen's own checks raised: the spec would not generate.
    public var validationIssueCount: Int { issues.filter { $0.kind == .validation }.count }

    /// One line: `apigen import: Ecs 2014-05-26, 358 actions: 357 files written, 0 unchanged, 2 kept (2 hand-written, 0 edited); 89 odd items tolerated in 0.84 secs`.
    public var summaryLine: String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        var line = "apigen import: \(product) \(version), \(actionCount) action\(actionCount == 1 ? "" : "s"): "
        line += "\(written.count) file\(written.count == 1 ? "" : "s") written, \(unchanged.count) unchanged, "
        line += "\(keptHandWritten.count + keptEdited.count) kept (\(keptHandWritten.count) hand-written, \(keptEdited.count) edited); "
        line += "\(issues.count) odd item\(issues.count == 1 ? "" : "s") tolerated"
        if !overlayChanges.isEmpty { line += ", \(overlayChanges.count) overlay change\(overlayChanges.count == 1 ? "" : "s")" }
        if paging.actions > 0 { line += ", " + paging.summary }
        if validationIssueCount > 0 { line += ", \(validationIssueCount) that apigen would still reject" }
        line += " in " + String(format: "%.2f", seconds) + " secs"
        return line
    }

    /// Counts by kind, one per line: `  swiftNameAdded: 12`.
    public var issueCountLines: [String] {
        issueCounts.map { "  \($0.kind.rawValue): \($0.count)" }
    }
}
