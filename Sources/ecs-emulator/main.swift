import ArgumentParser
import ECSEmulator
import Foundation

/// `swift run ecs-emulator [--host 127.0.0.1] [--port 0] [--fixture FILE]`
@main
struct ECSEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecs-emulator",
        abstract: "A local Alibaba Cloud ECS endpoint for tests: signatures checked, AttachClassicLinkVpc's rules enforced, state from a JSON fixture.",
        discussion: """
            Prints one line once it listens, e.g. `ecs-emulator listening on http://127.0.0.1:49152`, \
            and serves until interrupted (SIGINT or SIGTERM).

            Controls (not signed): POST /_emulator/throttle?count=N makes the next N calls answer \
            Throttling; GET /_emulator/state shows the ClassicLink connections.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks any free port (the one chosen is printed).")
    var port = 0

    @Option(help: "A JSON fixture with regions, access keys, VPCs, instances and links (default: the fixture built in).")
    var fixture: String?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        let loaded: EmulatorFixture
        do {
            if let fixture {
                loaded = try EmulatorFixture.load(contentsOf: URL(fileURLWithPath: fixture))
            } else {
                loaded = try ECSEmulator.defaultFixture()
            }
        } catch {
            FileHandle.standardError.write(Data((error.description + "\n").utf8))
            throw ExitCode(2)
        }
        let emulator = ECSEmulator(fixture: loaded)
        let host = self.host
        try await emulator.run(host: host, port: port) { port in
            let shown = host.contains(":") ? "[\(host)]" : host
            // Written straight to the file descriptor, unbuffered: scripts wait for this line.
            FileHandle.standardOutput.write(Data("ecs-emulator listening on http://\(shown):\(port)\n".utf8))
        }
    }
}
