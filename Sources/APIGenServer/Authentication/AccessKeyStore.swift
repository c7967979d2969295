import APIGenRuntime
import Foundation

/// An access key a server accepts: its secret, whose it is, and for STS credentials the
/// security token that must come with it and when that token expires.
public struct AccessKeyRecord: Sendable, Hashable {
    public var accessKeyId: String
    public var accessKeySecret: String
    /// The account (owner ID) the key acts for; servers use it to decide what the caller owns.
    public var accountId: String?
    /// Set for STS credentials: every request signed with this key must carry exactly this token.
    public var securityToken: String?
    /// When the STS token stops being accepted; `nil` for no expiry.
    public var expiration: Date?

    public init(
        accessKeyId: String,
        accessKeySecret: String,
        accountId: String? = nil,
        securityToken: String? = nil,
        expiration: Date? = nil
    ) {
        self.accessKeyId = accessKeyId
        self.accessKeySecret = accessKeySecret
        self.accountId = accountId
        self.securityToken = securityToken
        self.expiration = expiration
    }

    /// Whether this is an STS (temporary) key.
    public var isTemporary: Bool { securityToken != nil }
}

/// Where a server looks access keys up.
public protocol AccessKeyStore: Sendable {
    /// The key with this ID, or `nil` when there is none.
    func accessKey(id: String) -> AccessKeyRecord?
}

/// A fixed set of access keys.
public struct StaticAccessKeyStore: AccessKeyStore {
    private let keys: [String: AccessKeyRecord]

    /// Later records with the same ID replace earlier ones.
    public init(_ records: [AccessKeyRecord]) {
        var keys: [String: AccessKeyRecord] = [:]
        for record in records { keys[record.accessKeyId] = record }
        self.keys = keys
    }

    public func accessKey(id: String) -> AccessKeyRecord? { keys[id] }
}
