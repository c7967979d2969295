/// Formats floating-point numbers the way Python's `str()` (and `repr()`) formats a `float`.
///
/// The digits are the shortest ones that read back as the same value (Swift's `description`
/// and Python agree on those); only the layout follows Python:
/// - fixed notation when 1e-4 ≤ |x| < 1e16 (and for zero), always with a fractional part:
///   `1.0`, `0.1`, `0.0001`, `1000000000000000.0`, `-0.0`;
/// - otherwise scientific notation with a signed exponent of at least two digits and no
///   `.0` on a single digit: `1e-05`, `1e+16`, `1.5e+16`;
/// - `nan`, `inf`, `-inf` for non-finite values.
///
/// Swift's own `description` differs only in where it switches to scientific notation
/// (from 2^53 for `Double`, 2^24 for `Float`): Swift prints `9.5e+15` and `Float(1e10)` as `1e+10`,
/// Python `9500000000000000.0` and `10000000000.0`.
enum PythonFloatFormat {
    static func string(_ value: Double) -> String {
        value.isFinite ? relayout(value.description) : value.description
    }

    static func string(_ value: Float) -> String {
        value.isFinite ? relayout(value.description) : value.description
    }

    /// Re-lays out Swift's shortest round-trip text (`[-]digits[.digits][e[+-]digits]`).
    private static func relayout(_ text: String) -> String {
        var negative = false
        var digits: [UInt8] = []
        var pointPosition: Int?  // number of mantissa digits before the point
        var exponent = 0
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") {
            negative = true
            bytes = bytes.dropFirst()
        }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                pointPosition = digits.count
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                guard let parsed = Int(String(decoding: bytes[(index + 1)...], as: UTF8.self)) else {
                    return text
                }
                exponent = parsed
                break
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                digits.append(byte)
            } else {
                return text
            }
            index += 1
        }
        // value = 0.d1d2d3… × 10^decimalPoint
        var decimalPoint = (pointPosition ?? digits.count) + exponent
        while digits.count > 1, digits.first == UInt8(ascii: "0") {
            digits.removeFirst()
            decimalPoint -= 1
        }
        while digits.count > 1, digits.last == UInt8(ascii: "0") {
            digits.removeLast()
        }
        if digits == [UInt8(ascii: "0")] {
            return negative ? "-0.0" : "0.0"
        }

        var out: [UInt8] = negative ? [UInt8(ascii: "-")] : []
        if decimalPoint > -4 && decimalPoint <= 16 {
            if decimalPoint <= 0 {
                out += Array("0.".utf8)
                out += Array(repeating: UInt8(ascii: "0"), count: -decimalPoint)
                out += digits
            } else if decimalPoint >= digits.count {
                out += digits
                out += Array(repeating: UInt8(ascii: "0"), count: decimalPoint - digits.count)
                out += Array(".0".utf8)
            } else {
                out += digits[..<decimalPoint]
                out.append(UInt8(ascii: "."))
                out += digits[decimalPoint...]
            }
        } else {
            out.append(digits[0])
            if digits.count > 1 {
                out.append(UInt8(ascii: "."))
                out += digits[1...]
            }
            let scientificExponent = decimalPoint - 1
            out.append(UInt8(ascii: "e"))
            out.append(scientificExponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let magnitude = String(abs(scientificExponent))
            if magnitude.count < 2 { out.append(UInt8(ascii: "0")) }
            out += Array(magnitude.utf8)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
