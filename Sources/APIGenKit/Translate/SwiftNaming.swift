/// Turns wire names (`RegionId`, `Abs.InvalidInstanceId.MalFormed`, `Filter.1.Key`) into Swift
/// names, and makes any name safe to declare.
///
/// Rules, pinned by `SwiftNamingTests`:
/// - Words are split at underscores and at every character that cannot be part of a Swift
///   identifier (dots, dashes, spaces, non-ASCII); letters and digits are kept as written,
///   so `cloud_essd` → `cloudEssd` and `describe_instances` → `DescribeInstances`.
/// - Type and case-like names are UpperCamelCase (`Abs.InvalidInstanceId.MalFormed` →
///   `AbsInvalidInstanceIdMalFormed`), members lowerCamelCase with a leading acronym lowered
///   as a whole (`DBInstanceId` → `dbInstanceId`, `VSwitchId` → `vSwitchId`, `ID` → `id`).
/// - A name that starts with a digit gets a leading underscore.
/// - Keywords are escaped with backticks; the few names that cannot be declared even
///   escaped (`self`, `Self`, `Type`, `Protocol`, `init`, …) get a trailing underscore.
public enum SwiftNaming {
    /// `RegionId` → `RegionId`, `abs.invalid-id` → `AbsInvalidId`. Nil when nothing usable is left.
    public static func typeName(fromWire wire: String) -> String? {
        let words = self.words(in: wire)
        guard !words.isEmpty else { return nil }
        return prefixDigit(words.map(capitalizeFirst).joined())
    }

    /// `RegionId` → `regionId`, `DBInstanceId` → `dbInstanceId`. Nil when nothing usable is left.
    public static func memberName(fromWire wire: String) -> String? {
        let words = self.words(in: wire)
        guard let first = words.first else { return nil }
        let rest = words.dropFirst().map(capitalizeFirst)
        return prefixDigit(lowerLeadingCapitals(first) + rest.joined())
    }

    /// The name as it can be written in a declaration or expression: backticked keywords.
    public static func escaped(_ name: String) -> String {
        keywords.contains(name) ? "`\(name)`" : name
    }

    /// The name as an argument label at a call site: there only `inout`, `var` and `let` need
    /// backticks (Swift warns about the others).
    public static func argumentLabel(_ name: String) -> String {
        ["inout", "var", "let"].contains(name) ? "`\(name)`" : name
    }

    /// Whether `name` is a plain ASCII identifier (what `swiftName` overrides must be).
    public static func isValidIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || isASCIILetter(first) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || isASCIILetter($0) || isASCIIDigit($0) } && name != "_"
    }

    /// Names that even backticks do not make usable as a member or nested type
    /// (`x.self`, `X.Type` and `.init` mean something else); they get a trailing underscore.
    public static let undeclarable: Set<String> = ["self", "Self", "Type", "Protocol", "init", "deinit", "subscript", "super", "_"]

    /// Swift's reserved words, which need backticks to be used as names.
    public static let keywords: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate", "func",
        "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "private", "precedencegroup",
        "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case",
        "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat",
        "return", "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self",
        "super", "throws", "true", "try", "Type", "Protocol",
    ]

    /// Renames the few undeclarable names; leaves every other name as it is.
    public static func declarable(_ name: String) -> String {
        undeclarable.contains(name) ? name + "_" : name
    }

    // MARK: Words

    static func words(in wire: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in wire.unicodeScalars {
            if isASCIILetter(scalar) || isASCIIDigit(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    private static func capitalizeFirst(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    /// `DBInstance` → `dbInstance`, `VSwitch` → `vSwitch`, `ID` → `id`, `Ipv6` → `ipv6`.
    private static func lowerLeadingCapitals(_ word: String) -> String {
        let scalars = Array(word.unicodeScalars)
        var upperRun = 0
        while upperRun < scalars.count, isASCIIUpper(scalars[upperRun]) { upperRun += 1 }
        if upperRun == 0 { return word }
        // In `DBInstance` the last capital of the run starts the next word: keep it.
        let lowered = upperRun > 1 && upperRun < scalars.count && isASCIILower(scalars[upperRun]) ? upperRun - 1 : upperRun
        // The run is ASCII capitals: lower them by arithmetic, not through Unicode case mapping.
        var result = String.UnicodeScalarView(scalars[..<lowered].map { Unicode.Scalar($0.value + 32)! })
        result.append(contentsOf: scalars[lowered...])
        return String(result)
    }

    private static func prefixDigit(_ name: String) -> String {
        guard let first = name.unicodeScalars.first, isASCIIDigit(first) else { return name }
        return "_" + name
    }

    private static func isASCIILetter(_ s: Unicode.Scalar) -> Bool { isASCIIUpper(s) || isASCIILower(s) }
    private static func isASCIIUpper(_ s: Unicode.Scalar) -> Bool { ("A"..."Z").contains(s) }
    private static func isASCIILower(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) }
    private static func isASCIIDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
}
