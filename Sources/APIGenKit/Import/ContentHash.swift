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
        digest.map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
