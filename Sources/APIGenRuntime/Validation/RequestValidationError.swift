/// A request parameter that breaks a constraint of its action's spec, found before sending.
public struct RequestValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong with the parameter.
    public enum Problem: Sendable, Hashable {
        /// A required parameter is empty (Alibaba Cloud treats an empty value as missing).
        case missing
        /// The value has fewer characters than allowed.
        case tooShort(min: Int, actual: Int)
        /// The value has more characters than allowed.
        case tooLong(max: Int, actual: Int)
        /// The number is below the minimum, which is given as text (e.g. `1`, `0.5`).
        case belowMinimum(String)
        /// The number is above the maximum, which is given as text.
        case aboveMaximum(String)
        /// The value does not match the pattern, which is given.
        case patternMismatch(String)
        /// The value is not one of the allowed values, which are given.
        case notOneOf([String])
        /// The list has fewer items than allowed.
        case tooFewItems(min: Int, actual: Int)
        /// The list has more items than allowed.
        case tooManyItems(max: Int, actual: Int)
    }

    /// The action's wire name, e.g. `AttachClassicLinkVpc`.
    public var action: String
    /// The parameter's wire name, e.g. `RegionId`.
    public var parameter: String
    /// What is wrong.
    public var problem: Problem
    /// The offending value as text, when showing it helps (`nil` for `missing` and for list
    /// counts). Kept whole here; ``description`` shortens it to 64 characters.
    public var value: String?

    public init(action: String, parameter: String, problem: Problem, value: String? = nil) {
        self.action = action
        self.parameter = parameter
        self.problem = problem
        self.value = value
    }

    /// E.g. `AttachClassicLinkVpc: parameter RegionId is required and must not be empty`.
    public var description: String {
        let head = "\(action): parameter \(parameter)"
        switch problem {
        case .missing:
            return "\(head) is required and must not be empty"
        case let .tooShort(min, actual):
            return "\(head) must be at least \(min) \(min == 1 ? "character" : "characters") long, "
                + "got \(actual)\(parenthesizedValue)"
        case let .tooLong(max, actual):
            return "\(head) must be at most \(max) \(max == 1 ? "character" : "characters") long, "
                + "got \(actual)\(parenthesizedValue)"
        case let .belowMinimum(minimum):
            return "\(head) must be at least \(minimum)\(plainValueSuffix)"
        case let .aboveMaximum(maximum):
            return "\(head) must be at most \(maximum)\(plainValueSuffix)"
        case let .patternMismatch(pattern):
            return "\(head) must match the pattern \(pattern)\(quotedValueSuffix)"
        case let .notOneOf(allowed):
            return "\(head) must be one of \(Self.list(allowed))\(quotedValueSuffix)"
        case let .tooFewItems(min, actual):
            return "\(head) must have at least \(min) \(min == 1 ? "item" : "items"), got \(actual)"
        case let .tooManyItems(max, actual):
            return "\(head) must have at most \(max) \(max == 1 ? "item" : "items"), got \(actual)"
        }
    }

    /// The longest value (in characters) shown in a description before it is cut.
    static let shownValueLimit = 64
    /// How many allowed values a description lists before summarising the rest.
    static let shownChoicesLimit = 20

    static func shortened(_ text: String) -> String {
        guard text.count > shownValueLimit else { return text }
        return String(text.prefix(shownValueLimit)) + "…"
    }

    /// `, got "value"` (cut values also give their length).
    private var quotedValueSuffix: String {
        guard let value else { return "" }
        return value.count > Self.shownValueLimit
            ? ", got \"\(Self.shortened(value))\" (\(value.count) characters)"
            : ", got \"\(value)\""
    }

    /// ` ("value")`, after a length that was already given.
    private var parenthesizedValue: String {
        guard let value else { return "" }
        return " (\"\(Self.shortened(value))\")"
    }

    private var plainValueSuffix: String {
        guard let value else { return "" }
        return ", got \(Self.shortened(value))"
    }

    private static func list(_ allowed: [String]) -> String {
        var shown = allowed.prefix(shownChoicesLimit).map { "\"\(shortened($0))\"" }.joined(separator: ", ")
        if allowed.count > shownChoicesLimit {
            shown += " (and \(allowed.count - shownChoicesLimit) more)"
        }
        return shown
    }
}
