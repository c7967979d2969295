import APIGenRuntime

/// Step 1 of the default chain: `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET`
/// and, for STS credentials, `ALIBABA_CLOUD_SECURITY_TOKEN`.
///
/// Skipped when neither the ID nor the secret is set; fails (naming the variable) when only one
/// of them is.
enum EnvironmentCredentials {
    static let source = "environment"

    static func step(_ configuration: CredentialsConfiguration) -> ChainStep.Outcome {
        let id = configuration.variable(EnvironmentVariables.accessKeyId)
        let secret = configuration.variable(EnvironmentVariables.accessKeySecret)
        switch (id, secret) {
        case (nil, nil):
            return .skipped("\(EnvironmentVariables.accessKeyId) and \(EnvironmentVariables.accessKeySecret) are not set")
        case (nil, _):
            return .failed("\(EnvironmentVariables.accessKeyId) is not set (\(EnvironmentVariables.accessKeySecret) is)")
        case (_, nil):
            return .failed("\(EnvironmentVariables.accessKeySecret) is not set (\(EnvironmentVariables.accessKeyId) is)")
        case (let id?, let secret?):
            let credentials = Credentials(
                accessKeyId: id, accessKeySecret: secret, securityToken: configuration.variable(EnvironmentVariables.securityToken))
            return .provider(CredentialsProvider(name: source) { credentials })
        }
    }
}
