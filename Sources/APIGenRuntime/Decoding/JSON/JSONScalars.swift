// Strings and numbers, read from the text when they are decoded, with the results and the
// strictness of `JSONDecoder` (Swift 6.3): a decoded string must have valid escapes (a UTF-16
// surrogate only as half of a pair), no unescaped control characters and valid UTF-8; a decoded
// number must follow JSON's grammar.

extension JSONDocument {
    // MARK: - Strings

    /// The string whose content starts at `start` (just after its opening quote).
    func string(contentStart start: Int) throws(JSONSyntaxError) -> String {
        let base = bytes
        var position = start
        var high: UInt64 = 0
        let raw = UnsafeRawPointer(base)
        // Eight bytes at a time while there is no quote, backslash or control character.
        while position + 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let stop = SWAR.firstMatch(word, 0x22) | SWAR.firstMatch(word, 0x5C) | ((word &- SWAR.ones &* 0x20) & ~word & SWAR.highs)
            if stop != 0 { break }
            high |= word
            position += 8
        }
        while true {
            let byte = base[position]
            if byte == Byte.quote { break }
            if byte == Byte.backslash || byte < 0x20 { return try escapedString(contentStart: start) }
            high |= UInt64(byte)
            position += 1
        }
        let content = UnsafeBufferPointer(start: base + start, count: position - start)
        if high & SWAR.highs != 0, let bad = Self.invalidUTF8Offset(in: content) {
            throw syntaxError("invalid UTF-8 in a string", at: start + bad)
        }
        return String(decoding: content, as: UTF8.self)
    }

    /// The slow path: escapes, or a control character (an error).
    private func escapedString(contentStart start: Int) throws(JSONSyntaxError) -> String {
        let base = bytes
        scratch.removeAll(keepingCapacity: true)
        var position = start
        var chunk = start
        while true {
            let byte = base[position]
            if byte == Byte.quote {
                try appendChecked(from: chunk, to: position)
                break
            }
            if byte == Byte.backslash {
                try appendChecked(from: chunk, to: position)
                let escape = base[position + 1]
                switch escape {
                case Byte.quote, Byte.backslash, UInt8(ascii: "/"): scratch.append(escape)
                case UInt8(ascii: "b"): scratch.append(0x08)
                case UInt8(ascii: "f"): scratch.append(0x0C)
                case UInt8(ascii: "n"): scratch.append(0x0A)
                case UInt8(ascii: "r"): scratch.append(0x0D)
                case UInt8(ascii: "t"): scratch.append(0x09)
                case UInt8(ascii: "u"):
                    position = try appendUnicodeEscape(at: position)
                    chunk = position
                    continue
                default:
                    let shown = escape >= 0x21 && escape < 0x7F
                        ? "\\" + String(Character(Unicode.Scalar(escape)))
                        : "\\ followed by " + Self.describe(byteAt: position + 1, base: base, count: count)
                    throw syntaxError("invalid escape sequence \(shown) in a string", at: position)
                }
                position += 2
                chunk = position
                continue
            }
            if byte < 0x20 {
                throw syntaxError("unescaped control character U+\(Self.hex(UInt16(byte)).uppercased()) in a string", at: position)
            }
            position += 1
        }
        return String(decoding: scratch, as: UTF8.self)
    }

    /// Appends raw string bytes after checking that they are UTF-8.
    private func appendChecked(from start: Int, to end: Int) throws(JSONSyntaxError) {
        guard end > start else { return }
        let chunk = UnsafeBufferPointer(start: bytes + start, count: end - start)
        if let bad = Self.invalidUTF8Offset(in: chunk) {
            throw syntaxError("invalid UTF-8 in a string", at: start + bad)
        }
        scratch.append(contentsOf: chunk)
    }

    /// Reads `\uXXXX` at `position` (the backslash), and its low surrogate if it is a high one;
    /// appends the character as UTF-8 and returns the offset after the sequence.
    private func appendUnicodeEscape(at position: Int) throws(JSONSyntaxError) -> Int {
        let unit = try hexUnit(at: position)
        var scalar: Unicode.Scalar
        var next = position + 6
        if UTF16.isLeadSurrogate(unit) {
            guard bytes[next] == Byte.backslash, bytes[next + 1] == UInt8(ascii: "u") else {
                throw syntaxError("unpaired UTF-16 surrogate \\u\(Self.hex(unit)) in a string (a high surrogate must be followed by a \\u low surrogate)", at: position)
            }
            let trail = try hexUnit(at: next)
            guard UTF16.isTrailSurrogate(trail) else {
                throw syntaxError("unpaired UTF-16 surrogate \\u\(Self.hex(unit)) in a string (followed by \\u\(Self.hex(trail)), not a low surrogate)", at: position)
            }
            scalar = UTF16.decode(UTF16.EncodedScalar([unit, trail]))
            next += 6
        } else {
            guard let single = Unicode.Scalar(unit) else {
                throw syntaxError("unpaired UTF-16 surrogate \\u\(Self.hex(unit)) in a string (a low surrogate without a high one)", at: position)
            }
            scalar = single
        }
        let value = scalar.value
        switch value {
        case 0..<0x80:
            scratch.append(UInt8(value))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | value >> 6))
            scratch.append(UInt8(0x80 | value & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | value >> 12))
            scratch.append(UInt8(0x80 | value >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | value & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | value >> 18))
            scratch.append(UInt8(0x80 | value >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | value >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | value & 0x3F))
        }
        return next
    }

    /// The four hexadecimal digits after `\u` at `position` (the structure pass made sure they
    /// are there).
    private func hexUnit(at position: Int) throws(JSONSyntaxError) -> UInt16 {
        var unit: UInt16 = 0
        for offset in 2..<6 {
            let byte = bytes[position + offset]
            let digit: UInt8
            switch byte {
            case Byte.zero...Byte.nine: digit = byte - Byte.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default:
                let text = String(decoding: UnsafeBufferPointer(start: bytes + position, count: 6), as: UTF8.self)
                throw syntaxError("invalid escape sequence \(text) in a string (\\u must be followed by four hexadecimal digits)", at: position)
            }
            unit = unit << 4 | UInt16(digit)
        }
        return unit
    }

    private static func hex(_ unit: UInt16) -> String {
        let digits = String(unit, radix: 16)
        return String(repeating: "0", count: 4 - digits.count) + digits
    }

    /// The offset of the first byte of `buffer` that is not part of valid UTF-8 (no overlong
    /// forms, no surrogates, nothing above U+10FFFF), or nil.
    static func invalidUTF8Offset(in buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = buffer.count
        var index = 0
        @inline(__always) func isContinuation(_ offset: Int) -> Bool {
            offset < count && buffer[offset] & 0xC0 == 0x80
        }
        while index < count {
            let lead = buffer[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            switch lead {
            case 0xC2...0xDF:
                guard isContinuation(index + 1) else { return index }
                index += 2
            case 0xE0...0xEF:
                guard index + 1 < count else { return index }
                let second = buffer[index + 1]
                let low: UInt8 = lead == 0xE0 ? 0xA0 : 0x80
                let high: UInt8 = lead == 0xED ? 0x9F : 0xBF
                guard second >= low, second <= high, isContinuation(index + 2) else { return index }
                index += 3
            case 0xF0...0xF4:
                guard index + 1 < count else { return index }
                let second = buffer[index + 1]
                let low: UInt8 = lead == 0xF0 ? 0x90 : 0x80
                let high: UInt8 = lead == 0xF4 ? 0x8F : 0xBF
                guard second >= low, second <= high, isContinuation(index + 2), isContinuation(index + 3) else { return index }
                index += 4
            default:
                return index
            }
        }
        return nil
    }

    // MARK: - Numbers

    /// A number's text, checked against JSON's grammar.
    struct NumberLiteral {
        var start: Int
        var end: Int
        var negative: Bool
        /// The digits before the point, and after it (empty if there is no fraction).
        var integerDigits: Range<Int>
        var fractionDigits: Range<Int>
        /// The exponent (0 if none), saturated far beyond any Double's range.
        var exponent: Int
        var hasFractionOrExponent: Bool
    }

    /// Why a number could not be decoded: bad syntax, or a value the type cannot hold.
    enum NumberFailure: Error {
        case syntax(JSONSyntaxError)
        /// Why the value does not fit, e.g. `out of range`.
        case unrepresentable(String)
    }

    func numberText(_ literal: NumberLiteral) -> String {
        String(decoding: UnsafeBufferPointer(start: bytes + literal.start, count: literal.end - literal.start), as: UTF8.self)
    }

    /// The number at `start`: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?` and nothing more.
    func numberLiteral(at start: Int) throws(JSONSyntaxError) -> NumberLiteral {
        let end = valueEnd(start)
        var position = start
        @inline(__always) func isDigit(_ offset: Int) -> Bool {
            offset < end && (bytes[offset] &- Byte.zero) < 10
        }
        func invalid(_ why: String) -> JSONSyntaxError {
            let text = String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)
            return syntaxError("invalid number \(text) (\(why))", at: start)
        }
        let negative = bytes[position] == Byte.minus
        if negative { position += 1 }
        let integerStart = position
        guard isDigit(position) else { throw invalid("a digit must follow '-'") }
        if bytes[position] == Byte.zero {
            position += 1
            if isDigit(position) { throw invalid("leading zeros are not allowed") }
        } else {
            while isDigit(position) { position += 1 }
        }
        let integerDigits = integerStart..<position
        var fractionDigits = position..<position
        if position < end, bytes[position] == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            guard isDigit(position) else { throw invalid("a digit must follow '.'") }
            while isDigit(position) { position += 1 }
            fractionDigits = fractionStart..<position
        }
        var exponent = 0
        var hasExponent = false
        if position < end, bytes[position] | 0x20 == UInt8(ascii: "e") {
            hasExponent = true
            position += 1
            var negativeExponent = false
            if position < end, bytes[position] == Byte.minus || bytes[position] == UInt8(ascii: "+") {
                negativeExponent = bytes[position] == Byte.minus
                position += 1
            }
            guard isDigit(position) else { throw invalid("the exponent has no digits") }
            while isDigit(position) {
                exponent = min(exponent * 10 + Int(bytes[position] - Byte.zero), 1_000_000_000)
                position += 1
            }
            if negativeExponent { exponent = -exponent }
        }
        guard position == end else { throw invalid("unexpected '\(Character(Unicode.Scalar(bytes[position])))'") }
        return NumberLiteral(
            start: start, end: end, negative: negative, integerDigits: integerDigits, fractionDigits: fractionDigits,
            exponent: exponent, hasFractionOrExponent: !fractionDigits.isEmpty || hasExponent)
    }

    /// The significant digits (up to 19) and the power of ten they are scaled by; `exact` is
    /// false when non-zero digits were dropped.
    private func significand(_ literal: NumberLiteral) -> (digits: UInt64, power: Int, exact: Bool) {
        var digits: UInt64 = 0
        var count = 0
        var power = literal.exponent
        var exact = true
        for position in literal.integerDigits {
            let digit = UInt64(bytes[position] - Byte.zero)
            if digits == 0 && digit == 0 { continue }
            if count < 19 {
                digits = digits * 10 + digit
                count += 1
            } else {
                power += 1
                if digit != 0 { exact = false }
            }
        }
        for position in literal.fractionDigits {
            let digit = UInt64(bytes[position] - Byte.zero)
            if digits == 0 && digit == 0 {
                power -= 1
                continue
            }
            if count < 19 {
                digits = digits * 10 + digit
                count += 1
                power -= 1
            } else if digit != 0 {
                exact = false
            }
        }
        return (digits, power, exact)
    }

    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    private static let floatPowersOfTen: [Float] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10]

    /// The nearest Double (correctly rounded, as `strtod`); ±infinity when too large.
    func doubleValue(_ literal: NumberLiteral) -> Double {
        let (digits, power, exact) = significand(literal)
        if digits == 0 { return literal.negative ? -0.0 : 0.0 }
        // Both operands exact and one rounding: the correctly rounded result (Clinger).
        if exact, digits <= 1 << 53, power >= -22, power <= 22 {
            let value = power < 0 ? Double(digits) / Self.powersOfTen[-power] : Double(digits) * Self.powersOfTen[power]
            return literal.negative ? -value : value
        }
        return Double(numberText(literal)) ?? .nan
    }

    /// The nearest Float (correctly rounded from the text, as `strtof`, not through a Double).
    func floatValue(_ literal: NumberLiteral) -> Float {
        let (digits, power, exact) = significand(literal)
        if digits == 0 { return literal.negative ? -0.0 : 0.0 }
        if exact, digits <= 1 << 24, power >= -10, power <= 10 {
            let value = power < 0 ? Float(digits) / Self.floatPowersOfTen[-power] : Float(digits) * Self.floatPowersOfTen[power]
            return literal.negative ? -value : value
        }
        return Float(numberText(literal)) ?? .nan
    }

    /// A Double or Float as `JSONDecoder` gives it: infinity (too large) and a non-zero number
    /// that rounds to zero (too small) are errors; an exact zero, however written, is zero.
    func floatingPoint<T: BinaryFloatingPoint>(_ type: T.Type, at value: Int) throws(NumberFailure) -> T {
        let literal: NumberLiteral
        do { literal = try numberLiteral(at: value) } catch { throw .syntax(error) }
        let result: T
        if T.self == Float.self {
            result = T(floatValue(literal))
        } else {
            result = T(doubleValue(literal))
        }
        guard result.isFinite else { throw .unrepresentable("out of range") }
        if result == 0, significand(literal).digits != 0 { throw .unrepresentable("too small, rounds to zero") }
        return result
    }

    /// An integer as `JSONDecoder` reads it: exactly from its digits when it has neither
    /// fraction nor exponent; otherwise through the nearest Double, which must be a whole number
    /// in range (so `1.0` and `1e2` are accepted, `1.5` is not); at or beyond 2^53, where a Double
    /// no longer holds every integer, from the decimal text with its fraction cut off.
    func integer<T: FixedWidthInteger>(_ type: T.Type, at value: Int) throws(NumberFailure) -> T {
        let literal: NumberLiteral
        do { literal = try numberLiteral(at: value) } catch { throw .syntax(error) }
        if !literal.hasFractionOrExponent, let exact = exactInteger(T.self, literal) {
            return exact
        }
        let double = doubleValue(literal)
        guard let whole = T(exactly: double) else {
            throw .unrepresentable(double.isFinite && double.rounded(.towardZero) != double ? "not a whole number" : "out of range")
        }
        if double.magnitude < 0x1p53 { return whole }
        guard let decimal = truncatedInteger(T.self, literal) else { throw .unrepresentable("out of range") }
        return decimal
    }

    /// The digits as an integer, or nil on overflow.
    private func exactInteger<T: FixedWidthInteger>(_ type: T.Type, _ literal: NumberLiteral) -> T? {
        var result: T = 0
        for position in literal.integerDigits {
            let digit = T(bytes[position] - Byte.zero)
            let (shifted, overflow) = result.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = literal.negative
                ? shifted.subtractingReportingOverflow(digit)
                : shifted.addingReportingOverflow(digit)
            if overflow || overflow2 { return nil }
            result = next
        }
        return result
    }

    /// The number's integer part from its decimal digits (the fraction cut off), or nil if it
    /// does not fit.
    private func truncatedInteger<T: FixedWidthInteger>(_ type: T.Type, _ literal: NumberLiteral) -> T? {
        var digits: [UInt8] = []
        for position in literal.integerDigits { digits.append(bytes[position] - Byte.zero) }
        for position in literal.fractionDigits { digits.append(bytes[position] - Byte.zero) }
        let shift = literal.exponent - literal.fractionDigits.count
        let kept = shift >= 0 ? digits.count : max(digits.count + shift, 0)
        var result: T = 0
        func push(_ digit: UInt8) -> Bool {
            let (shifted, overflow) = result.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = literal.negative
                ? shifted.subtractingReportingOverflow(T(digit))
                : shifted.addingReportingOverflow(T(digit))
            result = next
            return !overflow && !overflow2
        }
        for index in 0..<kept where !push(digits[index]) { return nil }
        if shift > 0 {
            for _ in 0..<shift where !push(0) { return nil }
        }
        return result
    }
}
