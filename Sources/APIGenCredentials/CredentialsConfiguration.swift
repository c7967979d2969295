import APIGenRuntime
import Foundation
import Logging

/// Everything the credential providers read from outside, in one place, so that tests (and
/// unusual deployments) can point every source somewhere else without changing code:
/// the environment variables, the home directory, the HTTP client for the ECS metadata
/// service and the credentials URI, the transport and endpoint for STS, timeouts, the refresh
/// policy, the clock and the logger.
///
/// ``process`` reads the process's environment and home directory and talks to the real
/// services; endpoints can still be moved by environment variables (apigen's own, named
/// `APIGEN_…`, since Alibaba Cloud's libraries have none):
///
/// | variable | default |
/// |---|---|
/// | `APIGEN_ECS_METADATA_ENDPOINT` | `http://100.100.100.200` |
/// | `APIGEN_STS_ENDPOINT` (a URL: `https://sts.example`, `http://127.0.0.1:8080`) | chosen by region and VPC, see ``STSEndpoint`` |
public struct CredentialsConfiguration: Sendable {
    /// The environment variables the sources read (`ALIBABA_CLOUD_…`).
    public var environment: [String: String]
    /// Where `~/.aliyun/config.json` and `~/.alibabacloud/credentials` are looked for;
    /// `nil`: `$HOME`, else the user's home directory.
    public var homeDirectory: String?
    /// Sends the metadata service's and the credentials URI's plain HTTP requests.
    public var httpClient: any CredentialsHTTPClient
    /// Sends the STS calls (`AssumeRole`, `AssumeRoleWithOIDC`).
    public var stsTransport: any RPCTransport
    /// A URL every STS call goes to instead of the endpoint chosen by region and VPC
    /// (default: `$APIGEN_STS_ENDPOINT`).
    public var stsEndpointOverride: String?
    /// The ECS metadata service (default: `$APIGEN_ECS_METADATA_ENDPOINT`, else
    /// `http://100.100.100.200`).
    public var metadataEndpoint: String?
    /// Each request to the metadata service, connection included (Alibaba's libraries: 1 s).
    public var metadataTimeout: Duration
    /// A request to the credentials URI.
    public var credentialsURITimeout: Duration
    /// One attempt of an STS call.
    public var stsTimeout: Duration
    /// How STS signatures are made (V3 by default).
    public var stsSignatureVersion: SignatureVersion
    /// When cached temporary credentials are renewed.
    public var refreshPolicy: CredentialsRefreshPolicy
    /// The time against which expirations are checked.
    public var clock: @Sendable () -> Date
    public var logger: Logger

    public init(
        environment: [String: String],
        homeDirectory: String? = nil,
        httpClient: any CredentialsHTTPClient = AsyncHTTPCredentialsClient(),
        stsTransport: any RPCTransport = AsyncHTTPClientTransport(),
        stsEndpointOverride: String? = nil,
        metadataEndpoint: String? = nil,
        metadataTimeout: Duration = .seconds(1),
        credentialsURITimeout: Duration = .seconds(10),
        stsTimeout: Duration = .seconds(10),
        stsSignatureVersion: SignatureVersion = .default,
        refreshPolicy: CredentialsRefreshPolicy = CredentialsRefreshPolicy(),
        clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "apigen.credentials")
    ) {
        self.environment = environment
        self.homeDirectory = homeDirectory
        self.httpClient = httpClient
        self.stsTransport = stsTransport
        self.stsEndpointOverride = stsEndpointOverride
        self.metadataEndpoint = metadataEndpoint
        self.metadataTimeout = metadataTimeout
        self.credentialsURITimeout = credentialsURITimeout
        self.stsTimeout = stsTimeout
        self.stsSignatureVersion = stsSignatureVersion
        self.refreshPolicy = refreshPolicy
        self.clock = clock
        self.logger = logger
    }

    /// The process's environment and home directory, the real services.
    public static var process: CredentialsConfiguration {
        CredentialsConfiguration(environment: ProcessInfo.processInfo.environment)
    }

    /// A variable's value, or `nil` when it is unset or empty.
    public func variable(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// Whether a variable is `true` (in any case), as Alibaba's libraries read their switches.
    public func flag(_ name: String) -> Bool {
        variable(name)?.lowercased() == "true"
    }

    /// The home directory the files are looked for in.
    public var home: String {
        homeDirectory ?? variable("HOME") ?? NSHomeDirectory()
    }

    /// The metadata service's base URL.
    public var resolvedMetadataEndpoint: String {
        metadataEndpoint ?? variable(EnvironmentVariables.metadataEndpoint) ?? "http://100.100.100.200"
    }

    /// The STS URL set by configuration or environment, if any.
    public var resolvedSTSEndpointOverride: String? {
        stsEndpointOverride ?? variable(EnvironmentVariables.stsEndpoint)
    }
}

/// The environment variables the default chain reads: Alibaba Cloud's names, and apigen's two
/// endpoint overrides.
public enum EnvironmentVariables {
    public static let accessKeyId = "ALIBABA_CLOUD_ACCESS_KEY_ID"
    public static let accessKeySecret = "ALIBABA_CLOUD_ACCESS_KEY_SECRET"
    public static let securityToken = "ALIBABA_CLOUD_SECURITY_TOKEN"
    public static let roleArn = "ALIBABA_CLOUD_ROLE_ARN"
    public static let oidcProviderArn = "ALIBABA_CLOUD_OIDC_PROVIDER_ARN"
    public static let oidcTokenFile = "ALIBABA_CLOUD_OIDC_TOKEN_FILE"
    public static let roleSessionName = "ALIBABA_CLOUD_ROLE_SESSION_NAME"
    public static let configFile = "ALIBABA_CLOUD_CONFIG_FILE"
    public static let profile = "ALIBABA_CLOUD_PROFILE"
    public static let cliProfileDisabled = "ALIBABA_CLOUD_CLI_PROFILE_DISABLED"
    public static let credentialsFile = "ALIBABA_CLOUD_CREDENTIALS_FILE"
    public static let ecsMetadataDisabled = "ALIBABA_CLOUD_ECS_METADATA_DISABLED"
    public static let ecsMetadata = "ALIBABA_CLOUD_ECS_METADATA"
    public static let imdsV1Disabled = "ALIBABA_CLOUD_IMDSV1_DISABLED"
    public static let credentialsURI = "ALIBABA_CLOUD_CREDENTIALS_URI"
    public static let stsRegion = "ALIBABA_CLOUD_STS_REGION"
    public static let vpcEndpointEnabled = "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED"
    /// apigen's: the ECS metadata service's base URL.
    public static let metadataEndpoint = "APIGEN_ECS_METADATA_ENDPOINT"
    /// apigen's: a URL for every STS call.
    public static let stsEndpoint = "APIGEN_STS_ENDPOINT"
}
