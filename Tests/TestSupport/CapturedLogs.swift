import Logging
import Synchronization

/// Log lines, for checking what was logged and that no secret was: each line is the level,
/// the message and the metadata sorted by key (`warning refreshing failed error=… source=…`).
public final class CapturedLogs: Sendable {
    private let lines = Mutex<[String]>([])

    public init() {}

    public var all: [String] { lines.withLock { $0 } }

    /// A logger at `trace` that writes here.
    public var logger: Logger {
        var logger = Logger(label: "captured") { _ in Handler(sink: self) }
        logger.logLevel = .trace
        return logger
    }

    public func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    /// The line `event` logs as, with the handler's `metadata` under the event's.
    public static func line(_ event: LogEvent, metadata: Logger.Metadata) -> String {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        return "\(event.level) \(event.message) " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
    }

    struct Handler: LogHandler {
        let sink: CapturedLogs
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            sink.append(CapturedLogs.line(event, metadata: metadata))
        }
    }
}
