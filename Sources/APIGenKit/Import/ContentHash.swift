import Foundation
import Crypto

/// The hash an imported spec records of its own content, to tell an untouched file from one
/// edited by hand: lower-case hex SHA-256 (swift-crypto).
enum ContentHash {
    static func hex<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        SHA256.hash(data: bytes).map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
