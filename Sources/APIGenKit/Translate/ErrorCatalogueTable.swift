/// Every error code of a product, written once: the codes its product file lists for any
/// action, then those its generated actions document, each with its usual documentation and
/// the variants some actions document instead.
///
/// A code's usual documentation is the product file's, for a code listed there; otherwise the
/// variant (statuses, message, description) most actions give, the first seen on a tie.
struct ErrorCatalogueTable: Sendable {
    struct Code: Sendable {
        var code: String
        /// The static member's name, unescaped.
        var memberName: String
        var usual: Variant
        /// Other documentation, each for the actions named.
        var variants: [(variant: Variant, actions: [String])]
        var isCommon: Bool
        /// The actions that document the code, in action order.
        var actions: [String]
    }

    struct Variant: Hashable, Sendable {
        var httpStatuses: [Int]
        var message: String
        var description: String?

        init(_ error: ErrorSpec) {
            httpStatuses = error.httpStatuses
            message = error.message
            description = error.description
        }
    }

    /// By code, in the product file's order, then in the order actions first document them.
    let codes: [Code]
    private let indexByCode: [String: Int]

    /// What the catalogue holds for `code`.
    func code(_ code: String) -> Code? {
        indexByCode[code].map { codes[$0] }
    }

    /// The static member `code` is matched by, unescaped.
    func memberName(of code: String) -> String {
        self.code(code)?.memberName ?? "_"
    }

    init(product: ProductSpec, actions: [ActionSpec]) {
        var order: [String] = []
        var names: [String: String] = [:]
        var commonVariants: [String: Variant] = [:]
        var documented: [String: [(variant: Variant, action: String)]] = [:]
        for error in product.commonErrors {
            if commonVariants[error.code] == nil { order.append(error.code) }
            commonVariants[error.code] = Variant(error)
            names[error.code] = names[error.code] ?? SwiftNames.errorCase(error)
        }
        for action in actions {
            for error in action.errors {
                if commonVariants[error.code] == nil, documented[error.code] == nil { order.append(error.code) }
                documented[error.code, default: []].append((Variant(error), action.name))
                names[error.code] = names[error.code] ?? SwiftNames.errorCase(error)
            }
        }
        let codes: [Code] = order.map { code in
            let byActions = documented[code] ?? []
            var counts: [Variant: Int] = [:]
            var variantOrder: [Variant] = []
            for (variant, _) in byActions {
                if counts[variant] == nil { variantOrder.append(variant) }
                counts[variant, default: 0] += 1
            }
            let usual = commonVariants[code] ?? variantOrder.reduce(variantOrder[0]) { counts[$1]! > counts[$0]! ? $1 : $0 }
            let variants = variantOrder.filter { $0 != usual }.map { variant in
                (variant: variant, actions: byActions.filter { $0.variant == variant }.map(\.action))
            }
            return Code(
                code: code,
                memberName: names[code] ?? "_",
                usual: usual,
                variants: variants,
                isCommon: commonVariants[code] != nil,
                actions: byActions.map(\.action)
            )
        }
        self.codes = codes
        self.indexByCode = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1.code, $0) })
    }

    /// The catalogue as the runtime's `ErrorCatalogue(json:)` reads it: one entry per line.
    var json: String {
        var lines: [String] = []
        for code in codes {
            lines.append(Self.entry(code.code, code.usual, actions: [], isCommon: code.isCommon))
            for (variant, actions) in code.variants {
                lines.append(Self.entry(code.code, variant, actions: actions, isCommon: false))
            }
        }
        return "[\n" + lines.joined(separator: ",\n") + "\n]"
    }

    private static func entry(_ code: String, _ variant: Variant, actions: [String], isCommon: Bool) -> String {
        var text = "{\"code\": " + JSONText.string(code)
            + ", \"statuses\": [" + variant.httpStatuses.map(String.init).joined(separator: ", ") + "]"
            + ", \"message\": " + JSONText.string(variant.message)
        if let description = variant.description { text += ", \"description\": " + JSONText.string(description) }
        if !actions.isEmpty { text += ", \"actions\": [" + actions.map(JSONText.string).joined(separator: ", ") + "]" }
        if isCommon { text += ", \"common\": true" }
        return text + "}"
    }
}

/// JSON text for generated tables.
enum JSONText {
    /// A JSON string: quotes, backslashes, control characters and characters that change text
    /// direction or hide (so that source holding the JSON cannot look other than it is) escaped.
    static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where SwiftText.needsEscape(scalar):
                let hex = String(scalar.value, radix: 16, uppercase: true)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
