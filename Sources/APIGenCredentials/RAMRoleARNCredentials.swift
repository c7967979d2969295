import APIGenRuntime
import Foundation
import STS

/// `AssumeRole` on top of any source: the source's credentials sign STS `AssumeRole` for a RAM
/// role, and the role's temporary credentials are cached and refreshed before they expire
/// (the source is asked again at each refresh, so it may rotate too).
///
/// ```swift
/// let role = try RAMRoleARNCredentials.provider(
///     source: .default,
///     parameters: RoleParameters(roleArn: "acs:ram::123456789012****:role/deployer", roleSessionName: "ci", externalId: "abcd"),
///     configuration: .process)
/// let ecs = ECSClient(credentials: role, region: "cn-hangzhou")
/// ```
///
/// The STS endpoint follows ``STSEndpoint``. Session name default `apigen-<unix time>`,
/// duration default 3,600 s, minimum 900 s (checked here).
public enum RAMRoleARNCredentials {
    static let source = "ram_role_arn"

    public static func provider(
        source sourceProvider: CredentialsProvider, parameters: RoleParameters, configuration: CredentialsConfiguration
    ) throws(CredentialsSourceError) -> CredentialsProvider {
        let name = "\(sourceProvider.name)/ram_role_arn(\(parameters.roleArn))"
        try parameters.validate(source: name)
        let (client, endpoint) = STSCredentialsClient.make(credentials: sourceProvider, parameters: parameters, configuration: configuration)
        let sessionName = parameters.sessionName(now: configuration.clock())
        let request = AssumeRoleRequest(
            durationSeconds: parameters.durationSeconds, policy: parameters.policy, roleArn: parameters.roleArn,
            roleSessionName: sessionName, externalId: parameters.externalId)
        return .refreshing(name: name, policy: configuration.refreshPolicy, clock: configuration.clock, logger: configuration.logger) {
            () async throws(CredentialsSourceError) -> Credentials in
            let response: AssumeRoleResponse
            do {
                response = try await client.assumeRole(request)
            } catch {
                throw CredentialsSourceError(source: name, "AssumeRole at \(endpoint) failed: \(error)")
            }
            let info = response.credentialsInfo
            return try STSCredentialsClient.credentials(
                accessKeyId: info?.accessKeyId, accessKeySecret: info?.accessKeySecret, securityToken: info?.securityToken,
                expiration: info?.expiration, source: name)
        }
    }
}
