import Foundation

/// What an `AssumeRole` or `AssumeRoleWithOIDC` call asks for, whichever source configured it.
public struct RoleParameters: Sendable, Hashable {
    /// `acs:ram::<account>:role/<name>`.
    public var roleArn: String
    /// Shown in ActionTrail; default `apigen-<unix time>` (Alibaba's libraries use
    /// `credentials-<language>-<time>`).
    public var roleSessionName: String?
    /// How long the temporary credentials last: default 3,600 s, minimum 900 s (the role's
    /// `MaxSessionDuration` is the maximum, checked by STS).
    public var durationSeconds: Int
    /// A policy that narrows the role's permissions.
    public var policy: String?
    /// The role's external ID (`AssumeRole` only).
    public var externalId: String?
    /// The STS region (a profile's `sts_region`); `nil`: `ALIBABA_CLOUD_STS_REGION`.
    public var stsRegion: String?
    /// Use STS's VPC endpoint (a profile's `enable_vpc`); `nil`: `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED`.
    public var enableVPC: Bool?

    public static let defaultDurationSeconds = 3600
    public static let minimumDurationSeconds = 900

    public init(
        roleArn: String,
        roleSessionName: String? = nil,
        durationSeconds: Int = RoleParameters.defaultDurationSeconds,
        policy: String? = nil,
        externalId: String? = nil,
        stsRegion: String? = nil,
        enableVPC: Bool? = nil
    ) {
        self.roleArn = roleArn
        self.roleSessionName = roleSessionName
        self.durationSeconds = durationSeconds
        self.policy = policy
        self.externalId = externalId
        self.stsRegion = stsRegion
        self.enableVPC = enableVPC
    }

    /// Checks what STS would refuse anyway, before asking it.
    func validate(source: String) throws(CredentialsSourceError) {
        guard !roleArn.isEmpty else { throw CredentialsSourceError(source: source, "the role ARN is empty") }
        guard durationSeconds >= Self.minimumDurationSeconds else {
            throw CredentialsSourceError(
                source: source, "the session duration \(durationSeconds) s is below STS's minimum of \(Self.minimumDurationSeconds) s")
        }
    }

    func sessionName(now: Date) -> String {
        if let roleSessionName, !roleSessionName.isEmpty { return roleSessionName }
        return "apigen-\(Int(now.timeIntervalSince1970))"
    }
}
