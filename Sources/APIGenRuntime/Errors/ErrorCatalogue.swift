import Foundation

/// What the specs document for one error code: HTTP statuses, message and meaning.
public struct ErrorCodeDocumentation: Sendable, Hashable {
    /// The HTTP statuses the code is documented with, in the spec's order.
    public var httpStatuses: [Int]
    /// The message the service sends with the code.
    public var message: String
    /// What the code means, when the spec says.
    public var description: String?

    public init(httpStatuses: [Int], message: String, description: String?) {
        self.httpStatuses = httpStatuses
        self.message = message
        self.description = description
    }

    /// The message a server sends with the code when it gives none: the documented message,
    /// unless that is only a placeholder the real service fills in (`%s`, as Alibaba Cloud's
    /// metadata documents some codes; `apigen import` replaces those, a hand-written spec may
    /// not), when the description stands in, else nothing.
    public var defaultMessage: String {
        Self.isPlaceholderOnly(message) ? description ?? "" : message
    }

    /// Only `printf`-style placeholders (`%s`, `%d`, `%v`, `%@`) and punctuation.
    static func isPlaceholderOnly(_ message: String) -> Bool {
        var sawPlaceholder = false
        var rest = Substring(message)
        while let first = rest.first {
            if first == "%", let next = rest.dropFirst().first, "sdv@".contains(next) {
                sawPlaceholder = true
                rest = rest.dropFirst(2)
            } else if first.isWhitespace || ".,;:".contains(first) {
                rest = rest.dropFirst()
            } else {
                return false
            }
        }
        return sawPlaceholder
    }
}

/// Every error code a product's specs document, each written once: generated products hold
/// their catalogue as one JSON table (`ECSProduct.errorCatalogue`), read the first time an
/// error's documentation is asked for.
///
/// A code documented with different statuses or texts by different actions has one entry per
/// variant: the most common one for every action, the others naming the actions they are for.
public struct ErrorCatalogue: Sendable {
    /// One variant of a code's documentation.
    public struct Entry: Sendable, Hashable, Decodable {
        public var code: String
        public var documentation: ErrorCodeDocumentation
        /// The actions this variant is for; empty for the code's usual documentation.
        public var actions: [String]
        /// Whether the product lists the code as one any action may return.
        public var isCommon: Bool

        public init(code: String, documentation: ErrorCodeDocumentation, actions: [String] = [], isCommon: Bool = false) {
            self.code = code
            self.documentation = documentation
            self.actions = actions
            self.isCommon = isCommon
        }

        public init(from decoder: any Decoder) throws {
            let wire = try WireReader(decoder)
            self.init(
                code: try wire.decode("code"),
                documentation: ErrorCodeDocumentation(
                    httpStatuses: try wire.decode("statuses"),
                    message: try wire.decode("message"),
                    description: try wire.decodeIfPresent("description")
                ),
                actions: try wire.decodeIfPresent("actions") ?? [],
                isCommon: try wire.decodeIfPresent("common") ?? false
            )
        }
    }

    /// Every entry, in the catalogue's order.
    public let entries: [Entry]
    private let entriesByCode: [String: [Entry]]

    public init(entries: [Entry]) {
        self.entries = entries
        self.entriesByCode = Dictionary(grouping: entries, by: \.code)
    }

    /// Reads a catalogue written as a JSON array of entries
    /// (`{"code", "statuses", "message", "description"?, "actions"?, "common"?}`).
    /// A table that does not read is a programming error of the generator: it stops here.
    public init(json: String) {
        do {
            self.init(entries: try ResponseDecoder.decode([Entry].self, from: Array(json.utf8), format: .json))
        } catch {
            preconditionFailure("apigen: an error catalogue that does not read: \(error)")
        }
    }

    /// The documentation of `code` for `action`: the variant naming the action, else the
    /// code's usual one; nil for a code the catalogue does not hold.
    public func documentation(of code: String, action: String?) -> ErrorCodeDocumentation? {
        guard let variants = entriesByCode[code] else { return nil }
        if let action, let variant = variants.first(where: { $0.actions.contains(action) }) {
            return variant.documentation
        }
        return (variants.first(where: { $0.actions.isEmpty }) ?? variants[0]).documentation
    }

    /// Whether the product documents the code as one any of its actions may return.
    public func isCommon(_ code: String) -> Bool {
        entriesByCode[code]?.contains(where: \.isCommon) ?? false
    }

    /// The codes the catalogue holds, in its order, each once.
    public var codes: [String] {
        var seen: Set<String> = []
        return entries.compactMap { seen.insert($0.code).inserted ? $0.code : nil }
    }
}
