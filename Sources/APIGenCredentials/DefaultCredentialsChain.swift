import APIGenRuntime
import Foundation
import Logging

/// Alibaba Cloud's default credentials chain, in the order of Alibaba's Go, Java and Python
/// libraries:
///
/// 1. the environment (``EnvironmentVariables/accessKeyId``, …),
/// 2. OIDC / RRSA (`ALIBABA_CLOUD_ROLE_ARN`, `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`,
///    `ALIBABA_CLOUD_OIDC_TOKEN_FILE`),
/// 3. the CLI profile (`~/.aliyun/config.json`),
/// 4. the credentials file (`~/.alibabacloud/credentials[.ini]`),
/// 5. the ECS instance RAM role (metadata service),
/// 6. `ALIBABA_CLOUD_CREDENTIALS_URI`.
///
/// The first source that gives credentials is remembered: later calls go to it alone (its
/// temporary credentials cached and refreshed), and it is logged once at `info` with its name
/// (`default/cli_profile(dev)/RamRoleArn`). Concurrent first calls walk the chain once. When
/// every source fails, ``CredentialsChainError`` lists each one and why (skipped: not
/// configured; failed: configured but broken), naming files, keys and variables, never a secret.
public struct DefaultCredentialsChain: Sendable {
    public let configuration: CredentialsConfiguration
    private let selection = SharedSelection<CredentialsProvider>()

    public init(configuration: CredentialsConfiguration = .process) {
        self.configuration = configuration
    }

    static let steps: [ChainStep] = [
        ChainStep(name: EnvironmentCredentials.source, make: EnvironmentCredentials.step),
        ChainStep(name: OIDCCredentials.source, make: OIDCCredentials.step),
        ChainStep(name: CLIProfileCredentials.source, make: CLIProfileCredentials.step),
        ChainStep(name: CredentialsFileCredentials.source, make: CredentialsFileCredentials.step),
        ChainStep(name: ECSRAMRoleCredentials.source, make: ECSRAMRoleCredentials.step),
        ChainStep(name: CredentialsURICredentials.source, make: CredentialsURICredentials.step),
    ]

    /// The chain as a provider.
    public var provider: CredentialsProvider {
        let chain = self
        return CredentialsProvider(name: "default") { try await chain.credentials() }
    }

    /// Credentials from the remembered source, choosing it first if need be.
    public func credentials() async throws -> Credentials {
        let configuration = self.configuration
        let selected = try await selection.get { try await Self.select(configuration: configuration) }
        return try await selected.credentials()
    }

    /// The source in use (`default/<name>`), once one was chosen.
    public var selectedSource: String? {
        get async { await selection.current.map { "default/\($0.name)" } }
    }

    /// Walks the steps in order; the first provider that gives credentials wins.
    static func select(configuration: CredentialsConfiguration) async throws -> CredentialsProvider {
        var attempts: [CredentialsChainError.Attempt] = []
        let logger = configuration.logger
        for step in steps {
            try Task.checkCancellation()
            switch step.make(configuration) {
            case .skipped(let reason):
                attempts.append(.init(source: step.name, skipped: true, reason: reason))
            case .failed(let reason):
                attempts.append(.init(source: step.name, skipped: false, reason: reason))
                logger.warning("credentials source is configured but broken; trying the next", metadata: ["source": "\(step.name)", "error": "\(reason)"])
            case .provider(let provider):
                do {
                    let credentials = try await provider.credentials()
                    logger.info(
                        "using Alibaba Cloud credentials",
                        metadata: ["source": "default/\(provider.name)", "access_key_id": "\(credentials.maskedAccessKeyId)"])
                    return provider
                } catch is CancellationError {
                    throw CancellationError()
                } catch {
                    attempts.append(.init(source: provider.name, skipped: false, reason: Self.reason(error, source: provider.name)))
                    logger.debug("credentials source failed", metadata: ["source": "\(provider.name)", "error": "\(error)"])
                }
            }
        }
        let error = CredentialsChainError(attempts: attempts)
        logger.error("no Alibaba Cloud credentials", metadata: ["error": "\(error)"])
        throw error
    }

    /// An error's text without a leading repetition of the source's name.
    static func reason(_ error: any Error, source: String) -> String {
        if let error = error as? CredentialsSourceError { return error.message }
        return "\(error)"
    }
}

extension CredentialsProvider {
    /// Alibaba Cloud's default chain over the process's environment and files (see
    /// ``DefaultCredentialsChain``), shared by every client that uses it, so that the source
    /// is chosen once and temporary credentials are cached once per process.
    public static let `default`: CredentialsProvider = DefaultCredentialsChain().provider

    /// The default chain over another configuration (other variables, home directory,
    /// endpoints): tests, or a process that must not read its own environment.
    public static func `default`(configuration: CredentialsConfiguration) -> CredentialsProvider {
        DefaultCredentialsChain(configuration: configuration).provider
    }
}
