import Foundation

/// The peer, apple/swift-openapi-generator, generating the same 358 ECS actions from an
/// OpenAPI document that `Benchmarks/Peer/ecs-to-openapi.py` converts from the same metadata.
public struct Peer: Sendable {
    /// The peer's CLI, from `APIGEN_PEER_OPENAPI_GENERATOR` (see `Benchmarks/Peer/build-peer.sh`).
    public static var binary: String? {
        guard let path = ProcessInfo.processInfo.environment["APIGEN_PEER_OPENAPI_GENERATOR"], !path.isEmpty else { return nil }
        precondition(FileManager.default.isExecutableFile(atPath: path), "APIGEN_PEER_OPENAPI_GENERATOR=\(path) is not an executable")
        return path
    }

    public let binary: String
    public let document: String
    public let folder: TemporaryFolder

    /// Converts the ECS metadata to OpenAPI (setup, not measured).
    public init(binary: String) {
        self.binary = binary
        folder = TemporaryFolder("peer")
        document = folder.sub("ecs-openapi.json")
        let converter = Paths.repository + "/Benchmarks/Peer/ecs-to-openapi.py"
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/python3"
        let usage = runChild([python, converter, Paths.ecsMetadata, document])
        precondition(usage.status == 0, "ecs-to-openapi.py failed")
    }

    /// One generation of types and client into a fresh folder.
    public func generate() -> ChildUsage {
        let output = folder.sub("out-\(UInt32.random(in: 0...UInt32.max))")
        try! FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: output) }
        let usage = runChild([
            binary, "generate", "--mode", "types", "--mode", "client", "--access-modifier", "public",
            "--output-directory", output, document,
        ])
        precondition(usage.status == 0, "the peer failed")
        return usage
    }
}
