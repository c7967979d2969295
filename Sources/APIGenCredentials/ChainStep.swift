import APIGenRuntime

/// One source of the default chain: given the configuration, either not configured (skipped,
/// with why), broken before anything was asked (failed, with why), or a provider to try.
struct ChainStep: Sendable {
    enum Outcome: Sendable {
        case skipped(String)
        case failed(String)
        case provider(CredentialsProvider)
    }

    let name: String
    let make: @Sendable (CredentialsConfiguration) -> Outcome
}
