import Foundation
import Crypto

/// The hash an imported spec records of its own content, to tell an untouched file from one
/// edited by hand: lower-case hex SHA-256 (swift-crypto).
/// The generation cache uses the same digests for its fingerprints.
enum ContentHash {
    static func hex<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        hex(of: SHA256.hash(data: bytes))
    }

    /// A finished digest (for instance of a hasher fed piece by piece) as lower-case hex.
    static func hex(of digest: SHA256.Digest) -> String {
        let digits: StaticString = "0123456789abcdef"
        var text: [UInt8] = []
        text.reserveCapacity(SHA256.byteCount * 2)
        digits.withUTF8Buffer { digits in
            for byte in digest {
                text.append(digits[Int(byte >> 4)])
                text.append(digits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
