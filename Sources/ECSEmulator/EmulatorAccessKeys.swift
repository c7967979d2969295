import APIGenRuntime
import APIGenServer
import Foundation
import NIOConcurrencyHelpers

/// The keys requests may be signed with: the fixture's, and the temporary keys the emulated
/// STS has issued since (each with its security token and expiration).
public final class EmulatorAccessKeys: AccessKeyStore, Sendable {
    private let keys: NIOLockedValueBox<[String: AccessKeyRecord]>

    public init(_ fixture: [EmulatorFixture.AccessKey]) {
        var keys: [String: AccessKeyRecord] = [:]
        for key in fixture {
            keys[key.accessKeyId] = AccessKeyRecord(
                accessKeyId: key.accessKeyId, accessKeySecret: key.accessKeySecret, accountId: key.account,
                securityToken: key.securityToken, expiration: key.expiration)
        }
        self.keys = NIOLockedValueBox(keys)
    }

    public func accessKey(id: String) -> AccessKeyRecord? {
        keys.withLockedValue { $0[id] }
    }

    /// Adds a temporary key (what STS hands out).
    func add(_ record: AccessKeyRecord) {
        keys.withLockedValue { $0[record.accessKeyId] = record }
    }
}
