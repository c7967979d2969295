import ArgumentParser
import ECSEmulator
import Foundation

/// `swift run ecs-emulator [--host 127.0.0.1] [--port 0] [--fixture FILE] [--transition-speed N|instant|manual]`
@main
struct ECSEmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ecs-emulator",
        abstract: "A local Alibaba Cloud ECS endpoint for tests: signatures checked, instances that run, stop and go, state from a JSON fixture.",
        discussion: """
            Prints one line once it listens, e.g. `ecs-emulator listening on http://127.0.0.1:49152`, \
            and serves until interrupted (SIGINT or SIGTERM).

            Instances pass through Pending, Starting and Stopping on the way to Running or Stopped; \
            --transition-speed sets how fast: 1 (the default) takes a few seconds each (Pending 2 s, \
            Starting 3 s, Stopping 3 s, a forced stop 1 s), 20 takes a twentieth of that, instant none, \
            manual stops the clock until POST /_emulator/clock/advance?seconds=S moves it.

            Controls (not signed): POST /_emulator/throttle?count=N makes the next N calls answer \
            Throttling; GET /_emulator/state shows instances and ClassicLink connections; \
            POST /_emulator/clock/advance?seconds=S moves a manual clock.
            """
    )

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks any free port (the one chosen is printed).")
    var port = 0

    @Option(help: "A JSON fixture with regions, zones, access keys, VPCs, vSwitches, security groups, instances and links (default: the fixture built in).")
    var fixture: String?

    @Option(
        help: ArgumentHelp(
            "How fast instances change status: a factor over the realistic durations (1 = a few seconds each, 20 = twenty times faster), instant, or manual (time moves by POST /_emulator/clock/advance).",
            valueName: "speed"))
    var transitionSpeed = "1"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard Self.transitions(transitionSpeed) != nil else {
            throw ValidationError("--transition-speed must be a positive number, instant or manual (got \(transitionSpeed))")
        }
    }

    /// `--transition-speed`: a factor, `instant` or `manual`.
    static func transitions(_ speed: String) -> InstanceTransitions? {
        switch speed.lowercased() {
        case "instant": return .instant
        case "manual": return .manual(ManualEmulatorClock())
        default:
            guard let factor = Double(speed), factor > 0, factor.isFinite else { return nil }
            return InstanceTransitions.realistic.speeded(up: factor)
        }
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
        let emulator = ECSEmulator(fixture: loaded, transitions: Self.transitions(transitionSpeed) ?? .realistic)
        let host = self.host
        try await emulator.run(host: host, port: port) { port in
            let shown = host.contains(":") ? "[\(host)]" : host
            // Written straight to the file descriptor, unbuffered: scripts wait for this line.
            FileHandle.standardOutput.write(Data("ecs-emulator listening on http://\(shown):\(port)\n".utf8))
        }
    }
}
