import APIGenRuntime
import Foundation

/// Step 5 of the default chain: the RAM role of the ECS instance the program runs on, from
/// the instance metadata service (`http://100.100.100.200`).
///
/// - IMDSv2 first: `PUT /latest/api/token` with `X-aliyun-ecs-metadata-token-ttl-seconds: 21600`,
///   then every `GET` with `X-aliyun-ecs-metadata-token`. When the service answers the token
///   request with an error, the requests go without a token (IMDSv1), unless
///   `ALIBABA_CLOUD_IMDSV1_DISABLED=true`; when nothing answers at all, there is no metadata
///   service (a laptop) and the step fails at once instead of waiting a second time.
/// - The role is `ALIBABA_CLOUD_ECS_METADATA` (or the profile's), else discovered:
///   `GET /latest/meta-data/ram/security-credentials/`.
/// - The credentials: `GET /latest/meta-data/ram/security-credentials/<role>`, cached and
///   refreshed before they expire.
/// - Every request times out after ``CredentialsConfiguration/metadataTimeout`` (1 s), so a
///   program off-cloud is not held up. Skipped when `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`.
public enum ECSRAMRoleCredentials {
    static let source = "ecs_ram_role"
    static let tokenTTLSeconds = 21600

    static func step(_ configuration: CredentialsConfiguration) -> ChainStep.Outcome {
        if configuration.flag(EnvironmentVariables.ecsMetadataDisabled) {
            return .skipped("\(EnvironmentVariables.ecsMetadataDisabled)=true")
        }
        return .provider(provider(roleName: configuration.variable(EnvironmentVariables.ecsMetadata), configuration: configuration))
    }

    /// A caching provider for the instance's role (`roleName` nil: discovered).
    public static func provider(roleName: String?, configuration: CredentialsConfiguration) -> CredentialsProvider {
        let name = roleName.map { "\(source)(\($0))" } ?? source
        return .refreshing(name: name, policy: configuration.refreshPolicy, clock: configuration.clock, logger: configuration.logger) {
            try await fetch(roleName: roleName, configuration: configuration)
        }
    }

    static func fetch(roleName: String?, configuration: CredentialsConfiguration) async throws(CredentialsSourceError) -> Credentials {
        let base = configuration.resolvedMetadataEndpoint.hasSuffix("/")
            ? String(configuration.resolvedMetadataEndpoint.dropLast()) : configuration.resolvedMetadataEndpoint
        let client = configuration.httpClient
        let timeout = configuration.metadataTimeout
        let v1Disabled = configuration.flag(EnvironmentVariables.imdsV1Disabled)

        // IMDSv2's session token.
        var token: String?
        do {
            let response = try await client.send(
                CredentialsHTTPRequest(
                    method: "PUT", url: base + "/latest/api/token",
                    headers: ["X-aliyun-ecs-metadata-token-ttl-seconds": "\(tokenTTLSeconds)"]),
                timeout: timeout)
            if response.status == 200, !response.body.isEmpty {
                token = response.text.trimmingCharacters(in: .whitespacesAndNewlines)
            } else if v1Disabled {
                throw CredentialsSourceError(
                    source: source,
                    "the metadata service at \(base) refused an IMDSv2 token (HTTP \(response.status)) and IMDSv1 is disabled (\(EnvironmentVariables.imdsV1Disabled)=true)")
            } else {
                configuration.logger.debug(
                    "metadata service refused an IMDSv2 token; using IMDSv1", metadata: ["status": "\(response.status)"])
            }
        } catch let error as CredentialsSourceError {
            throw error
        } catch {
            throw CredentialsSourceError(source: source, "no metadata service at \(base) (not on an ECS instance?): \(error)")
        }

        var headers: [String: String] = [:]
        if let token { headers["X-aliyun-ecs-metadata-token"] = token }
        func get(_ path: String) async throws(CredentialsSourceError) -> CredentialsHTTPResponse {
            do {
                return try await client.send(CredentialsHTTPRequest(method: "GET", url: base + path, headers: headers), timeout: timeout)
            } catch {
                throw CredentialsSourceError(source: source, "the metadata service did not answer GET \(path): \(error)")
            }
        }

        let role: String
        if let roleName {
            role = roleName
        } else {
            let response = try await get("/latest/meta-data/ram/security-credentials/")
            let discovered = response.text.split(whereSeparator: \.isNewline).first.map { String($0).trimmingCharacters(in: .whitespaces) }
            guard response.status == 200, let discovered, !discovered.isEmpty else {
                throw CredentialsSourceError(
                    source: source,
                    response.status == 200
                        ? "the instance has no RAM role attached"
                        : "the metadata service answered HTTP \(response.status) when asked for the instance's RAM role")
            }
            role = discovered
        }
        let path = "/latest/meta-data/ram/security-credentials/" + (PercentEncoding.encode(role))
        let response = try await get(path)
        guard response.status == 200 else {
            throw CredentialsSourceError(
                source: source, "the metadata service answered HTTP \(response.status) for the credentials of role '\(role)'")
        }
        return try TemporaryCredentialsDocument.parse(response.body, source: "\(source)(\(role))", requireCode: true)
    }
}
