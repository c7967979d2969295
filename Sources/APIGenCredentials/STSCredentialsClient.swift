import APIGenRuntime
import Foundation
import STS

/// Making the generated STS client for a credentials source, and reading its answers.
enum STSCredentialsClient {
    static func make(
        credentials: CredentialsProvider, parameters: RoleParameters, configuration: CredentialsConfiguration
    ) -> (client: STSClient, endpoint: STSEndpoint) {
        let endpoint = STSEndpoint.select(configuration: configuration, region: parameters.stsRegion, vpc: parameters.enableVPC)
        if endpoint.vpcIgnored {
            configuration.logger.warning(
                "a VPC STS endpoint needs a region (ALIBABA_CLOUD_STS_REGION or sts_region); using sts.aliyuncs.com")
        }
        let client = STSClient(
            credentials: credentials,
            region: endpoint.region,
            configuration: RPCClientConfiguration(
                signatureVersion: configuration.stsSignatureVersion, endpointOverride: endpoint.url, timeout: configuration.stsTimeout),
            transport: configuration.stsTransport,
            logger: configuration.logger)
        return (client, endpoint)
    }

    /// The temporary credentials of an STS answer; errors name what is missing.
    static func credentials(
        accessKeyId: String?, accessKeySecret: String?, securityToken: String?, expiration: String?, source: String
    ) throws(CredentialsSourceError) -> Credentials {
        guard let accessKeyId, !accessKeyId.isEmpty, let accessKeySecret, !accessKeySecret.isEmpty,
            let securityToken, !securityToken.isEmpty
        else {
            throw CredentialsSourceError(source: source, "STS answered without complete Credentials")
        }
        guard let expiration, let date = TemporaryCredentialsDocument.parseTimestamp(expiration) else {
            throw CredentialsSourceError(source: source, "STS answered without a readable Credentials.Expiration")
        }
        return Credentials(accessKeyId: accessKeyId, accessKeySecret: accessKeySecret, securityToken: securityToken, expiration: date)
    }
}
