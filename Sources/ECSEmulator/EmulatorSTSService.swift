import APIGenRuntime
import APIGenServer
import Foundation
import STS
import STSServer

/// STS (2015-04-01) as the emulator serves it, on the generated ``STSService``:
/// `AssumeRole` for callers signed with a key of the role's account (the fixture's `roles`,
/// with their external ID and maximum duration), and the anonymous `AssumeRoleWithOIDC` for
/// tokens of a trusted OIDC provider. Each issues a new temporary key (`STS.…`, a secret and
/// a security token) that expires after `DurationSeconds` (default 3600, 900 at least) by the
/// emulator's clock, and that ECS calls then accept until it expires.
public struct EmulatorSTSService: STSService {
    let fixture: EmulatorFixture
    let keys: EmulatorAccessKeys
    let state: EmulatorState
    let clock: @Sendable () -> Date

    /// One set of credentials the emulated STS issued.
    public struct IssuedCredentials: Sendable, Hashable {
        public var action: String
        public var roleArn: String
        public var roleSessionName: String
        /// The key that signed `AssumeRole`; `nil` for `AssumeRoleWithOIDC`.
        public var callerAccessKeyId: String?
        /// The OIDC token `AssumeRoleWithOIDC` presented.
        public var oidcToken: String?
        public var accessKeyId: String
        public var expiration: Date
    }

    func role(_ arn: String?) -> EmulatorFixture.Role? {
        fixture.roles.first { $0.roleArn == arn }
    }

    func duration(_ requested: Int?, role: EmulatorFixture.Role) -> Int? {
        let seconds = requested ?? 3600
        return (900...(role.maxSessionDuration ?? 3600)).contains(seconds) ? seconds : nil
    }

    func issue(
        action: String, role: EmulatorFixture.Role, sessionName: String, seconds: Int, caller: String?, oidcToken: String?
    ) async -> (AccessKeyRecord, String) {
        let id = "STS.\(UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(24))"
        let expiration = Date(timeIntervalSince1970: (clock().timeIntervalSince1970 + Double(seconds)).rounded(.down))
        let record = AccessKeyRecord(
            accessKeyId: id, accessKeySecret: "emulator-sts-secret-\(UUID().uuidString.lowercased())", accountId: role.account,
            securityToken: "CAIS-emulator-\(UUID().uuidString.lowercased())", expiration: expiration)
        keys.add(record)
        await state.recordIssued(
            IssuedCredentials(
                action: action, roleArn: role.roleArn, roleSessionName: sessionName, callerAccessKeyId: caller, oidcToken: oidcToken,
                accessKeyId: id, expiration: expiration))
        return (record, SigningTimestamp.string(from: expiration))
    }

    public func assumeRole(_ request: AssumeRoleRequest, context: RPCServerContext) async throws(AssumeRoleError) -> AssumeRoleResponse {
        guard let role = role(request.roleArn) else { throw AssumeRoleError.entityNotExistRole }
        let callerAccount = context.accessKeyId.flatMap { keys.accessKey(id: $0)?.accountId }
        guard callerAccount == role.account else { throw AssumeRoleError.noPermission }
        if let externalId = role.externalId, request.externalId != externalId {
            throw AssumeRoleError.invalidParameterExternalId
        }
        guard let seconds = duration(request.durationSeconds, role: role) else {
            throw AssumeRoleError.invalidParameterDurationSeconds
        }
        let (record, expiration) = await issue(
            action: "AssumeRole", role: role, sessionName: request.roleSessionName, seconds: seconds, caller: context.accessKeyId,
            oidcToken: nil)
        return AssumeRoleResponse(
            requestId: context.requestId,
            assumedRoleUser: .init(assumedRoleId: "3\(role.account):\(request.roleSessionName)", arn: "\(role.roleArn)/\(request.roleSessionName)"),
            credentialsInfo: .init(
                securityToken: record.securityToken, expiration: expiration, accessKeySecret: record.accessKeySecret,
                accessKeyId: record.accessKeyId))
    }

    public func assumeRoleWithOIDC(
        _ request: AssumeRoleWithOIDCRequest, context: RPCServerContext
    ) async throws(AssumeRoleWithOIDCError) -> AssumeRoleWithOIDCResponse {
        func failure(_ code: String, _ message: String, status: Int = 400) -> AssumeRoleWithOIDCError {
            AssumeRoleWithOIDCError(payload: ServiceErrorPayload(code: code, message: message, requestId: context.requestId, httpStatus: status))
        }
        guard let provider = fixture.oidcProviders.first(where: { $0.oidcProviderArn == request.oidcProviderArn }) else {
            throw failure("EntityNotExist.OIDCProvider", "The specified OIDC provider does not exist.", status: 404)
        }
        guard let token = request.oidcToken, !token.isEmpty, provider.tokens.map({ $0.contains(token) }) ?? true else {
            throw failure("AuthenticationFail.OIDCToken.Invalid", "The OIDC token is invalid.")
        }
        guard let role = role(request.roleArn) else { throw failure("EntityNotExist.Role", "The role does not exist.", status: 404) }
        guard let seconds = duration(request.durationSeconds, role: role) else {
            throw failure("InvalidParameter.DurationSeconds", "The parameter DurationSeconds is invalid.")
        }
        let (record, expiration) = await issue(
            action: "AssumeRoleWithOIDC", role: role, sessionName: request.roleSessionName, seconds: seconds, caller: nil,
            oidcToken: token)
        return AssumeRoleWithOIDCResponse(
            requestId: context.requestId,
            credentialsInfo: .init(
                securityToken: record.securityToken, expiration: expiration, accessKeySecret: record.accessKeySecret,
                accessKeyId: record.accessKeyId))
    }
}
