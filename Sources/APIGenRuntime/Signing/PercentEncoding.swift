/// Percent-encoding as Alibaba Cloud's signatures need it: RFC 3986 over the UTF-8 bytes,
/// keeping only the unreserved ASCII characters `A–Z a–z 0–9 - _ . ~`, everything else as
/// `%XX` with uppercase hex (so a space is `%20`, never `+`; `*` is `%2A`; `~` stays).
///
/// Written over bytes on purpose: Foundation's `addingPercentEncoding` keeps different sets on
/// Linux and macOS and is not what the signature needs.
public enum PercentEncoding {
    /// Encodes the UTF-8 bytes of `string`.
    public static func encode(_ string: String) -> String {
        encode(bytes: string.utf8)
    }

    /// Encodes `bytes`; bytes that are not unreserved ASCII become `%XX`.
    public static func encode(bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.underestimatedCount * 3)
        for byte in bytes {
            if isUnreserved(byte) {
                output.append(byte)
            } else {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Encodes a URL path: each segment as `encode(_:)` does, the `/` between segments kept.
    public static func encodePath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false)
            .map { encode(String($0)) }
            .joined(separator: "/")
    }

    /// Whether `byte` is an RFC 3986 unreserved character: `A–Z a–z 0–9 - _ . ~`.
    @inline(__always)
    public static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)
}

/// Lowercase hex of bytes, as V3 signatures use for digests and signatures.
enum Hex {
    static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)
}
