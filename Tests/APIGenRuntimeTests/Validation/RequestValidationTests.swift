import Testing

@testable import APIGenRuntime

/// Local request validation (`swift test --filter APIGenRuntimeTests.RequestValidationTests`).
@Suite("Request validation")
struct RequestValidationTests {
    static let action = "AttachClassicLinkVpc"

    /// The error `body` throws, or nil.
    private func failure(_ body: () throws(RequestValidationError) -> Void) -> RequestValidationError? {
        do {
            try body()
            return nil
        } catch {
            return error
        }
    }

    // MARK: nonEmpty

    @Test func nonEmptyPassesValuesAndNil() {
        #expect(failure { () throws(RequestValidationError) in
            try RequestValidation.nonEmpty("cn-hangzhou", action: Self.action, parameter: "RegionId")
            try RequestValidation.nonEmpty(" ", action: Self.action, parameter: "RegionId")
            try RequestValidation.nonEmpty(nil as String?, action: Self.action, parameter: "RegionId")
            try RequestValidation.nonEmpty(["i-1"], action: Self.action, parameter: "InstanceId")
        } == nil)
    }

    @Test func nonEmptyRejectsEmptyStringAndEmptyList() {
        let error = failure { () throws(RequestValidationError) in
            try RequestValidation.nonEmpty("", action: Self.action, parameter: "RegionId")
        }
        #expect(error == RequestValidationError(action: Self.action, parameter: "RegionId", problem: .missing))
        #expect(error?.description == "AttachClassicLinkVpc: parameter RegionId is required and must not be empty")

        let listError = failure { () throws(RequestValidationError) in
            try RequestValidation.nonEmpty([String](), action: Self.action, parameter: "InstanceId")
        }
        #expect(listError?.problem == .missing)
        #expect(listError?.parameter == "InstanceId")
    }

    // MARK: length

    @Test func lengthPassesWithinBoundsAndNil() {
        #expect(failure { () throws(RequestValidationError) in
            try RequestValidation.length("ab", min: 2, max: 128, action: Self.action, parameter: "InstanceName")
            try RequestValidation.length(String(repeating: "x", count: 128), min: 2, max: 128, action: Self.action, parameter: "InstanceName")
            try RequestValidation.length(nil, min: 2, max: 3, action: Self.action, parameter: "InstanceName")
            try RequestValidation.length("", min: nil, max: 3, action: Self.action, parameter: "InstanceName")
            try RequestValidation.length(String(repeating: "y", count: 10_000), min: 1, max: nil, action: Self.action, parameter: "InstanceName")
        } == nil)
    }

    @Test func lengthCountsCharactersNotBytes() {
        // 3 characters (one is a flag made of two scalars), 14 UTF-8 bytes.
        #expect(failure { () throws(RequestValidationError) in
            try RequestValidation.length("中文🇨🇳", min: 3, max: 3, action: Self.action, parameter: "Description")
        } == nil)
    }

    @Test func lengthTooShort() {
        let error = failure { () throws(RequestValidationError) in
            try RequestValidation.length("a", min: 2, max: 128, action: Self.action, parameter: "InstanceName")
        }
        #expect(error?.problem == .tooShort(min: 2, actual: 1))
        #expect(error?.value == "a")
        #expect(error?.description == #"AttachClassicLinkVpc: parameter InstanceName must be at least 2 characters long, got 1 ("a")"#)
    }

    @Test func lengthTooLongCutsTheShownValue() {
        let value = String(repeating: "x", count: 200)
        let error = failure { () throws(RequestValidationError) in
            try RequestValidation.length(value, min: 2, max: 128, action: Self.action, parameter: "InstanceName")
        }
        #expect(error?.problem == .tooLong(max: 128, actual: 200))
        #expect(error?.value == value)
        #expect(error?.description == "AttachClassicLinkVpc: parameter InstanceName must be at most 128 characters long, got 200 (\"\(String(repeating: "x", count: 64))…\")")
    }

    // MARK: pattern

    @Test func patternMatchesTheWholeValue() {
        #expect(failure { () throws(RequestValidationError) in
            try RequestValidation.pattern("abc", "^[a-z]+$", action: Self.action, parameter: "InstanceName")
            try RequestValidation.pattern("abc", "[a-z]+", action: Self.action, parameter: "InstanceName")
            try RequestValidation.pattern("ab", "a|ab", action: Self.action, parameter: "X")
            try RequestValidation.pattern(nil, "^[a-z]+$", action: Self.action, parameter: "InstanceName")
            try RequestValidation.pattern("i-bp67acfmxazb4p****", #"i-[a-z0-9*]{5,}"#, action: Self.action, parameter: "InstanceId")
        } == nil)
        // Unanchored patterns still have to cover the whole value.
        #expect(failure { () throws(RequestValidationError) in
            try RequestValidation.pattern("abc1", "[a-z]+", action: Self.action, parameter: "InstanceName")
        }?.problem == .patternMismatch("[a-z]+"))
        // `$` alone would accept a trailing newline; the whole value must match.
        #expect(failure { () throws(RequestValidationError) in
            try RequestValidation.pattern("abc\n", "^[a-z]+$", action: Self.action, parameter: "InstanceName")
        } != nil)
        #expect(failure { () throws(RequestValidationError) in
            try RequestValidation.pattern("xab", "a|ab", action: Self.action, parameter: "X")
        } != nil)
    }

    @Test func patternMismatchDescription() {
        let error = failure { () throws(RequestValidationError) in
            try RequestValidation.pattern("ABC", "^[a-z]+$", action: Self.action, parameter: "InstanceName")
        }
        #expect(error == RequestValidationError(
            action: Self.action, parameter: "InstanceName", problem: .patternMismatch("^[a-z]+$"), value: "ABC"))
        #expect(error?.description == #"AttachClassicLinkVpc: parameter InstanceName must match the pattern ^[a-z]+$, got "ABC""#)
    }

    @Test func patternThatDoesNotCompileIsNotChecked() {
        #expect(failure { () throws(RequestValidationError) in
            try RequestValidation.pattern("anything", "([a-z", action: Self.action, parameter: "X")
        } == nil)
    }

    @Test func patternsAreCachedAndUsableConcurrently() async {
        await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    do throws(RequestValidationError) {
                        try RequestValidation.pattern("v\(index)", #"^v\d+$"#, action: Self.action, parameter: "P")
                        try RequestValidation.pattern("w\(index)", #"^v\d+$"#, action: Self.action, parameter: "P")
                        return false
                    } catch {
                        return error.problem == .patternMismatch(#"^v\d+$"#)
                    }
                }
            }
            for await result in group { #expect(result) }
        }
        #expect(PatternCache.shared.wholeMatchRegex(for: #"^v\d+$"#) === PatternCache.shared.wholeMatchRegex(for: #"^v\d+$"#))
    }

    // MARK: range

    @Test func rangeIntegersPass() {
        #expect(failure { () throws(RequestValidationError) in
            try RequestValidation.range(Int32(1), min: 1, max: 100, action: Self.action, parameter: "Amount")
            try RequestValidation.range(Int32(100), min: 1, max: 100, action: Self.action, parameter: "Amount")
            try RequestValidation.range(Int64.max, min: 1, max: nil, action: Self.action, parameter: "Amount")
            try RequestValidation.range(Int64.min, min: nil, max: 0, action: Self.action, parameter: "Amount")
            try RequestValidation.range(nil as Int32?, min: 1, max: 100, action: Self.action, parameter: "Amount")
            try RequestValidation.range(5, action: Self.action, parameter: "Amount")
        } == nil)
    }

    @Test func rangeIntegerBelowAndAbove() {
        let below = failure { () throws(RequestValidationError) in
            try RequestValidation.range(Int32(0), min: 1, max: 100, action: Self.action, parameter: "Amount")
        }
        #expect(below?.problem == .belowMinimum("1"))
        #expect(below?.description == "AttachClassicLinkVpc: parameter Amount must be at least 1, got 0")
        let above = failure { () throws(RequestValidationError) in
            try RequestValidation.range(Int64(101), min: 1, max: 100, action: Self.action, parameter: "Amount")
        }
        #expect(above?.problem == .aboveMaximum("100"))
        #expect(above?.value == "101")
        #expect(above?.description == "AttachClassicLinkVpc: parameter Amount must be at most 100, got 101")
    }

    @Test func rangeFloatingPoint() {
        #expect(failure { () throws(RequestValidationError) in
            try RequestValidation.range(0.5, min: 0.5, max: 1.5, action: Self.action, parameter: "Price")
            try RequestValidation.range(Float(1.5), min: 0.5, max: 1.5, action: Self.action, parameter: "Price")
            try RequestValidation.range(nil as Double?, min: 0.5, max: 1.5, action: Self.action, parameter: "Price")
        } == nil)
        let below = failure { () throws(RequestValidationError) in
            try RequestValidation.range(0.25, min: 0.5, max: nil, action: Self.action, parameter: "Price")
        }
        #expect(below?.problem == .belowMinimum("0.5"))
        #expect(below?.description == "AttachClassicLinkVpc: parameter Price must be at least 0.5, got 0.25")
        let above = failure { () throws(RequestValidationError) in
            try RequestValidation.range(Float(2), min: nil, max: 1.5, action: Self.action, parameter: "Price")
        }
        #expect(above?.problem == .aboveMaximum("1.5"))
        #expect(above?.value == "2.0")
        let nan = failure { () throws(RequestValidationError) in
            try RequestValidation.range(Double.nan, min: 0, max: 1, action: Self.action, parameter: "Price")
        }
        #expect(nan?.problem == .belowMinimum("0.0"))
    }

    // MARK: oneOf

    @Test func oneOfPassesAllowedValuesAndNil() {
        #expect(failure { () throws(RequestValidationError) in
            try RequestValidation.oneOf("Running", ["Running", "Stopped"], action: Self.action, parameter: "Status")
            try RequestValidation.oneOf(nil as String?, ["Running", "Stopped"], action: Self.action, parameter: "Status")
            try RequestValidation.oneOf(Int32(2), [1, 2, 3], action: Self.action, parameter: "Level")
        } == nil)
    }

    @Test func oneOfIsCaseSensitiveAndDescribed() {
        let error = failure { () throws(RequestValidationError) in
            try RequestValidation.oneOf("running", ["Running", "Stopped"], action: Self.action, parameter: "Status")
        }
        #expect(error?.problem == .notOneOf(["Running", "Stopped"]))
        #expect(error?.description == #"AttachClassicLinkVpc: parameter Status must be one of "Running", "Stopped", got "running""#)
        let number = failure { () throws(RequestValidationError) in
            try RequestValidation.oneOf(Int32(7), [1, 2], action: Self.action, parameter: "Level")
        }
        #expect(number?.problem == .notOneOf(["1", "2"]))
        #expect(number?.value == "7")
    }

    @Test func oneOfLongListsAreSummarised() {
        let allowed = (1...30).map { "v\($0)" }
        let error = failure { () throws(RequestValidationError) in
            try RequestValidation.oneOf("x", allowed, action: Self.action, parameter: "P")
        }
        #expect(error?.problem == .notOneOf(allowed))
        #expect(error?.description.contains(#""v20" (and 10 more), got "x""#) == true)
        #expect(error?.description.contains(#""v21""#) == false)
    }

    // MARK: count

    @Test func countPassesWithinBoundsAndNil() {
        #expect(failure { () throws(RequestValidationError) in
            try RequestValidation.count(["a"], min: 1, max: 100, action: Self.action, parameter: "InstanceId")
            try RequestValidation.count(Array(repeating: "a", count: 100), min: nil, max: 100, action: Self.action, parameter: "InstanceId")
            try RequestValidation.count(nil as [String]?, min: 1, max: 2, action: Self.action, parameter: "InstanceId")
        } == nil)
    }

    @Test func countTooFewAndTooMany() {
        let few = failure { () throws(RequestValidationError) in
            try RequestValidation.count([String](), min: 1, max: nil, action: Self.action, parameter: "InstanceId")
        }
        #expect(few == RequestValidationError(action: Self.action, parameter: "InstanceId", problem: .tooFewItems(min: 1, actual: 0)))
        #expect(few?.description == "AttachClassicLinkVpc: parameter InstanceId must have at least 1 item, got 0")
        let many = failure { () throws(RequestValidationError) in
            try RequestValidation.count(Array(repeating: 1, count: 101), min: nil, max: 100, action: Self.action, parameter: "InstanceId")
        }
        #expect(many?.problem == .tooManyItems(max: 100, actual: 101))
        #expect(many?.description == "AttachClassicLinkVpc: parameter InstanceId must have at most 100 items, got 101")
    }

    // MARK: As generated code uses them

    struct Request {
        static let action = "CreateInstance"
        var regionId: String
        var name: String?
        var amount: Int32?
        var ids: [String]?

        func validate() throws(RequestValidationError) {
            try RequestValidation.nonEmpty(regionId, action: Self.action, parameter: "RegionId")
            try RequestValidation.length(name, min: 2, max: 128, action: Self.action, parameter: "InstanceName")
            try RequestValidation.pattern(name, "^[a-z]+$", action: Self.action, parameter: "InstanceName")
            try RequestValidation.range(amount, min: 1, max: 100, action: Self.action, parameter: "Amount")
            try RequestValidation.count(ids, min: nil, max: 2, action: Self.action, parameter: "InstanceId")
        }
    }

    @Test func generatedShape() {
        #expect(failure { () throws(RequestValidationError) in try Request(regionId: "r").validate() } == nil)
        #expect(failure { () throws(RequestValidationError) in
            try Request(regionId: "r", name: "web", amount: 3, ids: ["a"]).validate()
        } == nil)
        #expect(failure { () throws(RequestValidationError) in try Request(regionId: "").validate() }?.parameter == "RegionId")
        #expect(failure { () throws(RequestValidationError) in try Request(regionId: "r", name: "Web").validate() }?.problem
            == .patternMismatch("^[a-z]+$"))
        #expect(failure { () throws(RequestValidationError) in try Request(regionId: "r", amount: 0).validate() }?.action
            == "CreateInstance")
        #expect(failure { () throws(RequestValidationError) in try Request(regionId: "r", ids: ["a", "b", "c"]).validate() }?.problem
            == .tooManyItems(max: 2, actual: 3))
    }
}
