import APIGenRuntime
import Foundation
import STS

/// Step 2 of the default chain, and the `OIDC` / `oidc_role_arn` profiles: RRSA on ACK.
///
/// Kubernetes writes a service-account token into a file; STS `AssumeRoleWithOIDC` (an
/// anonymous call: the token is the proof) exchanges it for a RAM role's temporary
/// credentials. The file is read again at every refresh, since the kubelet rotates it.
///
/// In the chain: when `ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` and
/// `ALIBABA_CLOUD_OIDC_TOKEN_FILE` are all set (ACK sets them for pods with RRSA), with
/// `ALIBABA_CLOUD_ROLE_SESSION_NAME` optional; skipped otherwise, naming what is missing.
public enum OIDCCredentials {
    static let source = "oidc_role_arn"

    static func step(_ configuration: CredentialsConfiguration) -> ChainStep.Outcome {
        let names = [EnvironmentVariables.roleArn, EnvironmentVariables.oidcProviderArn, EnvironmentVariables.oidcTokenFile]
        let missing = names.filter { configuration.variable($0) == nil }
        if !missing.isEmpty {
            return .skipped("\(missing.joined(separator: ", ")) \(missing.count == 1 ? "is" : "are") not set")
        }
        do {
            return .provider(
                try provider(
                    providerArn: configuration.variable(EnvironmentVariables.oidcProviderArn)!,
                    tokenFile: configuration.variable(EnvironmentVariables.oidcTokenFile)!,
                    parameters: RoleParameters(
                        roleArn: configuration.variable(EnvironmentVariables.roleArn)!,
                        roleSessionName: configuration.variable(EnvironmentVariables.roleSessionName)),
                    configuration: configuration))
        } catch {
            return .failed(error.message)
        }
    }

    public static func provider(
        providerArn: String, tokenFile: String, parameters: RoleParameters, configuration: CredentialsConfiguration
    ) throws(CredentialsSourceError) -> CredentialsProvider {
        let name = "\(source)(\(parameters.roleArn))"
        try parameters.validate(source: name)
        let (client, endpoint) = STSCredentialsClient.make(credentials: .anonymous, parameters: parameters, configuration: configuration)
        let sessionName = parameters.sessionName(now: configuration.clock())
        return .refreshing(name: name, policy: configuration.refreshPolicy, clock: configuration.clock, logger: configuration.logger) {
            () async throws(CredentialsSourceError) -> Credentials in
            let token: String
            do {
                token = try CredentialsFileAccess.contents(tokenFile, logger: configuration.logger).trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw CredentialsSourceError(source: name, "the OIDC token file \(error)")
            }
            guard !token.isEmpty else { throw CredentialsSourceError(source: name, "the OIDC token file \(tokenFile) is empty") }
            let request = AssumeRoleWithOIDCRequest(
                oidcProviderArn: providerArn, roleArn: parameters.roleArn, oidcToken: token, policy: parameters.policy,
                durationSeconds: parameters.durationSeconds, roleSessionName: sessionName)
            let response: AssumeRoleWithOIDCResponse
            do {
                response = try await client.assumeRoleWithOIDC(request)
            } catch {
                throw CredentialsSourceError(source: name, "AssumeRoleWithOIDC at \(endpoint) failed: \(error)")
            }
            let info = response.credentialsInfo
            return try STSCredentialsClient.credentials(
                accessKeyId: info?.accessKeyId, accessKeySecret: info?.accessKeySecret, securityToken: info?.securityToken,
                expiration: info?.expiration, source: name)
        }
    }
}
