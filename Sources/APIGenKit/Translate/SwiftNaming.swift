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
        var name = joinedWords(of: wire)
        guard !name.isEmpty else { return nil }
        name[0] = uppercased(name[0])
        return prefixDigit(name)
    }

    /// `RegionId` → `regionId`, `DBInstanceId` → `dbInstanceId`. Nil when nothing usable is left.
    public static func memberName(fromWire wire: String) -> String? {
        var firstWordEnd = 0
        var name = joinedWords(of: wire, firstWordEnd: &firstWordEnd)
        guard !name.isEmpty else { return nil }
        lowerLeadingCapitals(&name, wordEnd: firstWordEnd)
        return prefixDigit(name)
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
        guard let first = name.utf8.first, first == UInt8(ascii: "_") || (isASCIILetterOrDigit(first) && !isASCIIDigit(first)) else { return false }
        return name.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isASCIILetterOrDigit($0) } && name != "_"
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

    /// The plural of a camel-case name, by its last word: `tag` → `tags`, `dataDisk` →
    /// `dataDisks`, `privateIpAddress` → `privateIpAddresses`, `policy` → `policies`,
    /// `ipv6Prefix` → `ipv6Prefixes`; a last word that is already plural (`instanceIds`) or has
    /// no plural (`data`, `metadata`, `info`) stays as it is. Names that need another plural take
    /// a `swiftName`.
    public static func plural(_ name: String) -> String {
        let bytes = Array(name.utf8)
        guard let last = bytes.last, isASCIILetterOrDigit(last) else { return name }
        // The last word starts at its first capital (or the name's start).
        var start = bytes.count - 1
        while start > 0, !isASCIIUpper(bytes[start]) { start -= 1 }
        let word = String(decoding: bytes[start...], as: UTF8.self).lowercased()
        if uncountable.contains(word) || isASCIIDigit(last) { return name }
        let isUpperAcronym = bytes[start...].allSatisfy { isASCIIUpper($0) || isASCIIDigit($0) } && bytes.count - start > 1
        if isUpperAcronym { return name + "s" }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("x") || word.hasSuffix("z")
            || word.hasSuffix("ch") || word.hasSuffix("sh") {
            return name + "es"
        }
        if word.hasSuffix("s") { return name }
        if word.hasSuffix("y"), word.count > 1, !"aeiou".contains(word[word.index(word.endIndex, offsetBy: -2)]) {
            return String(name.dropLast()) + "ies"
        }
        return name + "s"
    }

    /// Words without a plural of their own.
    static let uncountable: Set<String> = [
        "data", "metadata", "info", "information", "equipment", "software", "hardware", "series", "species", "news",
        "traffic", "bandwidth",
    ]

    /// Renames the few undeclarable names; leaves every other name as it is.
    public static func declarable(_ name: String) -> String {
        undeclarable.contains(name) ? name + "_" : name
    }

    // MARK: Words

    // Names are built as ASCII bytes: words are made of ASCII letters and digits only, so
    // there is no Unicode case mapping or grapheme breaking to pay for (member names are made
    // for every parameter and field of every action).

    /// The words of `wire` (runs of ASCII letters and digits) joined, each after the first
    /// starting with a capital; `firstWordEnd` is where the first word ends.
    private static func joinedWords(of wire: String, firstWordEnd: inout Int) -> [UInt8] {
        var name: [UInt8] = []
        name.reserveCapacity(wire.utf8.count + 1)
        var atWordStart = true
        firstWordEnd = -1
        for byte in wire.utf8 {
            guard isASCIILetterOrDigit(byte) else {
                atWordStart = true
                continue
            }
            if atWordStart, !name.isEmpty {
                if firstWordEnd < 0 { firstWordEnd = name.count }
                name.append(uppercased(byte))
            } else {
                name.append(byte)
            }
            atWordStart = false
        }
        if firstWordEnd < 0 { firstWordEnd = name.count }
        return name
    }

    private static func joinedWords(of wire: String) -> [UInt8] {
        var firstWordEnd = 0
        return joinedWords(of: wire, firstWordEnd: &firstWordEnd)
    }

    /// `DBInstance` → `dbInstance`, `VSwitch` → `vSwitch`, `ID` → `id`, `Ipv6` → `ipv6`: lowers
    /// the leading capitals of the word that ends at `wordEnd`.
    private static func lowerLeadingCapitals(_ name: inout [UInt8], wordEnd: Int) {
        var upperRun = 0
        while upperRun < wordEnd, isASCIIUpper(name[upperRun]) { upperRun += 1 }
        // In `DBInstance` the last capital of the run starts the next word: keep it.
        let lowered = upperRun > 1 && upperRun < wordEnd && isASCIILower(name[upperRun]) ? upperRun - 1 : upperRun
        for index in 0..<lowered { name[index] += 32 }
    }

    private static func prefixDigit(_ name: [UInt8]) -> String {
        let text = String(decoding: name, as: UTF8.self)
        return isASCIIDigit(name[0]) ? "_" + text : text
    }

    private static func uppercased(_ byte: UInt8) -> UInt8 { isASCIILower(byte) ? byte - 32 : byte }
    private static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool { isASCIIUpper(byte) || isASCIILower(byte) || isASCIIDigit(byte) }
    private static func isASCIIUpper(_ byte: UInt8) -> Bool { byte >= 0x41 && byte <= 0x5A }
    private static func isASCIILower(_ byte: UInt8) -> Bool { byte >= 0x61 && byte <= 0x7A }
    private static func isASCIIDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
