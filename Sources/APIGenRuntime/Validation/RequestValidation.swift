import Foundation

/// The checks generated `validate()` methods run before a request is sent.
///
/// Every check passes for `nil`: whether an optional parameter may be absent is decided by its
/// Swift type, not here. Each failure throws a ``RequestValidationError`` naming the action and
/// the parameter's wire name.
public enum RequestValidation {
    /// Fails for an empty value (`""` or an empty list): Alibaba Cloud treats an empty
    /// required parameter as missing.
    public static func nonEmpty<C: Collection>(
        _ value: C?, action: String, parameter: String
    ) throws(RequestValidationError) {
        guard let value, value.isEmpty else { return }
        throw RequestValidationError(action: action, parameter: parameter, problem: .missing)
    }

    /// Checks the length of a string, in characters (extended grapheme clusters); a `nil` bound
    /// is no bound.
    public static func length(
        _ value: String?, min: Int? = nil, max: Int? = nil, action: String, parameter: String
    ) throws(RequestValidationError) {
        guard let value else { return }
        let actual = value.count
        if let min, actual < min {
            throw RequestValidationError(
                action: action, parameter: parameter, problem: .tooShort(min: min, actual: actual), value: value)
        }
        if let max, actual > max {
            throw RequestValidationError(
                action: action, parameter: parameter, problem: .tooLong(max: max, actual: actual), value: value)
        }
    }

    /// Checks that the whole value matches `pattern` (ICU syntax, as `NSRegularExpression`
    /// reads it; `^` and `$` in the pattern are allowed but not needed).
    ///
    /// A pattern that does not compile is not checked (the service checks it anyway); the
    /// generator should reject such patterns. Compiled patterns are cached.
    public static func pattern(
        _ value: String?, _ pattern: String, action: String, parameter: String
    ) throws(RequestValidationError) {
        guard let value, let regex = PatternCache.shared.wholeMatchRegex(for: pattern) else { return }
        let range = NSRange(value.startIndex..<value.endIndex, in: value)
        if regex.firstMatch(in: value, options: [], range: range) == nil {
            throw RequestValidationError(
                action: action, parameter: parameter, problem: .patternMismatch(pattern), value: value)
        }
    }

    /// Checks an integer against inclusive bounds; a `nil` bound is no bound.
    public static func range<T: BinaryInteger>(
        _ value: T?, min: T? = nil, max: T? = nil, action: String, parameter: String
    ) throws(RequestValidationError) {
        guard let value else { return }
        if let min, value < min {
            throw RequestValidationError(
                action: action, parameter: parameter, problem: .belowMinimum(String(min)), value: String(value))
        }
        if let max, value > max {
            throw RequestValidationError(
                action: action, parameter: parameter, problem: .aboveMaximum(String(max)), value: String(value))
        }
    }

    /// Checks a floating-point number against inclusive bounds; a `nil` bound is no bound.
    /// NaN fails whenever there is a bound.
    public static func range<T: BinaryFloatingPoint>(
        _ value: T?, min: T? = nil, max: T? = nil, action: String, parameter: String
    ) throws(RequestValidationError) {
        guard let value else { return }
        if let min, value < min || (value.isNaN && !min.isNaN) {
            throw RequestValidationError(
                action: action, parameter: parameter, problem: .belowMinimum(format(min)), value: format(value))
        }
        if let max, value > max || (value.isNaN && !max.isNaN) {
            throw RequestValidationError(
                action: action, parameter: parameter, problem: .aboveMaximum(format(max)), value: format(value))
        }
    }

    /// Checks that the value is one of `allowed`.
    public static func oneOf<T: Equatable>(
        _ value: T?, _ allowed: [T], action: String, parameter: String
    ) throws(RequestValidationError) {
        guard let value, !allowed.contains(value) else { return }
        throw RequestValidationError(
            action: action, parameter: parameter,
            problem: .notOneOf(allowed.map { String(describing: $0) }), value: String(describing: value))
    }

    /// Checks the number of items in a list; a `nil` bound is no bound.
    public static func count<C: Collection>(
        _ value: C?, min: Int? = nil, max: Int? = nil, action: String, parameter: String
    ) throws(RequestValidationError) {
        guard let value else { return }
        let actual = value.count
        if let min, actual < min {
            throw RequestValidationError(
                action: action, parameter: parameter, problem: .tooFewItems(min: min, actual: actual))
        }
        if let max, actual > max {
            throw RequestValidationError(
                action: action, parameter: parameter, problem: .tooManyItems(max: max, actual: actual))
        }
    }

    private static func format<T: BinaryFloatingPoint>(_ value: T) -> String {
        if let value = value as? Double { return PythonFloatFormat.string(value) }
        if let value = value as? Float { return PythonFloatFormat.string(value) }
        return String(describing: value)
    }
}

/// Compiled whole-match regular expressions, by pattern.
final class PatternCache: @unchecked Sendable {
    static let shared = PatternCache()

    /// Enough for every pattern of a large API; past it the cache starts over rather than grow.
    private let limit = 4096
    private let lock = NSLock()
    // Guarded by `lock`. `nil` records a pattern that does not compile.
    private var regexes: [String: NSRegularExpression?] = [:]

    func wholeMatchRegex(for pattern: String) -> NSRegularExpression? {
        lock.lock()
        if let cached = regexes[pattern] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        // \A…\z anchors the whole input (unlike $, which also matches before a final newline);
        // the non-capturing group keeps alternations such as `a|ab` whole and group numbers as they are.
        let regex = try? NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z", options: [])
        lock.lock()
        if regexes.count >= limit { regexes.removeAll() }
        regexes[pattern] = .some(regex)
        lock.unlock()
        return regex
    }
}
