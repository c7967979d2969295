import Foundation

/// Why one credentials source could not give credentials. Its text names the source, files,
/// lines, keys and variables involved, never a secret.
public struct CredentialsSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The source, e.g. `cli_profile`, `ecs_ram_role`.
    public var source: String
    public var message: String

    public init(source: String, _ message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}

/// A problem in a profile or credentials file: the file, and the line or the key.
public struct CredentialsFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    /// 1-based, when the problem is on a line.
    public var line: Int?
    public var message: String

    public init(path: String, line: Int? = nil, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(path):\($0): \(message)" } ?? "\(path): \(message)"
    }
}

/// Every source of a chain failed: each one, in order, with why it was skipped or failed.
public struct CredentialsChainError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Attempt: Sendable, Hashable, CustomStringConvertible {
        public var source: String
        /// `true`: the source was not configured and was not tried; `false`: it failed.
        public var skipped: Bool
        public var reason: String

        public init(source: String, skipped: Bool, reason: String) {
            self.source = source
            self.skipped = skipped
            self.reason = reason
        }

        public var description: String { "\(source): \(skipped ? "skipped, " : "")\(reason)" }
    }

    public var attempts: [Attempt]

    public init(attempts: [Attempt]) {
        self.attempts = attempts
    }

    public var description: String {
        "no Alibaba Cloud credentials found; tried, in order:\n" + attempts.map { "  - \($0)" }.joined(separator: "\n")
    }
}
