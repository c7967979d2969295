/// Which STS host the `AssumeRole` and `AssumeRoleWithOIDC` calls go to, as Alibaba Cloud's
/// credentials libraries choose it:
///
/// 1. an explicit URL (``CredentialsConfiguration/stsEndpointOverride``, `APIGEN_STS_ENDPOINT`);
/// 2. with a region (the profile's `sts_region`, else `ALIBABA_CLOUD_STS_REGION`):
///    `sts.<region>.aliyuncs.com`, or `sts-vpc.<region>.aliyuncs.com` when VPC endpoints are on
///    (the profile's `enable_vpc`, else `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true`);
/// 3. otherwise the central `sts.aliyuncs.com` (a VPC endpoint needs a region: asking for one
///    without a region logs a warning and uses the central host, as Alibaba's libraries do,
///    silently).
public struct STSEndpoint: Sendable, Hashable, CustomStringConvertible {
    /// The URL the STS client sends to, e.g. `https://sts-vpc.cn-hangzhou.aliyuncs.com`.
    public var url: String
    /// The region the STS client is made for (`cn-hangzhou` when none is chosen: only the
    /// URL matters).
    public var region: String
    /// Whether a VPC endpoint was asked for but no region was given.
    public var vpcIgnored: Bool

    public var description: String { url }

    public static func select(
        configuration: CredentialsConfiguration, region profileRegion: String? = nil, vpc profileVPC: Bool? = nil
    ) -> STSEndpoint {
        let region = profileRegion.flatMap { $0.isEmpty ? nil : $0 } ?? configuration.variable(EnvironmentVariables.stsRegion)
        let vpc = profileVPC ?? configuration.flag(EnvironmentVariables.vpcEndpointEnabled)
        if let override = configuration.resolvedSTSEndpointOverride {
            return STSEndpoint(url: override, region: region ?? "cn-hangzhou", vpcIgnored: false)
        }
        guard let region else {
            return STSEndpoint(url: "https://sts.aliyuncs.com", region: "cn-hangzhou", vpcIgnored: vpc)
        }
        return STSEndpoint(url: "https://\(vpc ? "sts-vpc" : "sts").\(region).aliyuncs.com", region: region, vpcIgnored: false)
    }
}
