import Foundation

/// Signs RPC calls. `SignatureV1` and `SignatureV3` are the two implementations; both produce a
/// `SignedRequest` that a transport sends as it is.
public protocol RPCSigner: Sendable {
    /// Which signature this signer produces.
    var signatureVersion: SignatureVersion { get }

    /// Adds the common parameters (action, version, timestamp, nonce, key ID, security token)
    /// and the signature to `call`.
    func sign(_ call: RPCCall, with credentials: Credentials) -> SignedRequest
}

/// The signature versions of Alibaba Cloud's RPC APIs.
public enum SignatureVersion: String, Sendable, Hashable, CaseIterable {
    /// Signature 1.0: HMAC-SHA1 over the sorted query, in the `Signature` query parameter.
    case v1 = "1.0"
    /// V3 (`ACS3-HMAC-SHA256`): HMAC-SHA256 over a canonical request, in `Authorization`.
    case v3 = "ACS3-HMAC-SHA256"

    /// The version a client uses unless told otherwise: `.v3`, which Alibaba Cloud recommends.
    public static let `default`: SignatureVersion = .v3

    /// A signer of this version with the live clock and random nonces.
    public func signer(responseFormat: WireFormat = .json) -> any RPCSigner {
        switch self {
        case .v1: SignatureV1(responseFormat: responseFormat)
        case .v3: SignatureV3(responseFormat: responseFormat)
        }
    }
}

/// Sources of the values a signature needs from outside: the time and a unique nonce.
/// Both signers take them as closures so tests can fix them.
public enum SigningDefaults {
    /// The current time.
    @Sendable public static func now() -> Date { Date() }

    /// A fresh random nonce: a lower-case UUID, e.g. `3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf`.
    @Sendable public static func nonce() -> String { UUID().uuidString.lowercased() }
}

/// Sorting shared by both signatures.
///
/// Alibaba Cloud's SDKs sort the parameters by their raw names and encode afterwards
/// (`alibabacloud_openapi_util.get_rpcsignature`, `alibabacloud_tea_openapi`'s V3
/// `get_canonical_query_string`): sorting by the encoded name gives another order as soon as a
/// name holds a character outside `A–Z a–z 0–9 - _ . ~` (`é` encodes to `%C3%A9`, which sorts
/// before `a`; raw, it sorts after). UTF-8 byte order is Python's code-point order.
enum Canonical {
    /// The items in signing order: byte-wise by raw (UTF-8) name, then by percent-encoded value
    /// (so `InstanceId.10` comes before `InstanceId.2`); items equal in both keep their order.
    static func sorted(_ items: [QueryItem]) -> [QueryItem] {
        let keyed = items.enumerated().map { index, item in
            (name: item.name, value: PercentEncoding.encode(item.value), index: index, item: item)
        }
        return keyed.sorted { a, b in
            // Bytes, not `String` equality, which treats canonically equivalent names (`é`,
            // `e` + U+0301) as one; the SDK compares code points.
            if !a.name.utf8.elementsEqual(b.name.utf8) { return a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
            if a.value != b.value { return a.value.utf8.lexicographicallyPrecedes(b.value.utf8) }
            return a.index < b.index
        }.map(\.item)
    }

    /// `encoded name=encoded value` pairs in signing order, joined by `&` (Signature 1.0, and
    /// V3 as Alibaba Cloud's documentation describes it).
    static func query(_ items: [QueryItem]) -> String {
        FormEncoding.encode(sorted(items))
    }

    /// `raw name=encoded value` pairs in signing order, joined by `&`: V3's canonical query as
    /// Alibaba Cloud's SDK builds and signs it (`get_canonical_query_string` leaves names as
    /// they are). For names of unreserved characters only, this is `query(_:)`.
    static func queryWithRawNames(_ items: [QueryItem]) -> String {
        sorted(items).map { $0.name + "=" + PercentEncoding.encode($0.value) }.joined(separator: "&")
    }
}
