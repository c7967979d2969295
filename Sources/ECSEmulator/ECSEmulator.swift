import APIGenRuntime
import APIGenServer
import ECS
import ECSServer
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import STS
import STSServer
import ServiceLifecycle

/// A local ECS endpoint for tests: the generated ``ECSServiceRouter`` over ``EmulatorService``,
/// behind signature checks and a throttling switch, served by Hummingbird on loopback.
///
/// ```swift
/// let emulator = ECSEmulator(fixture: try EmulatorFixture.load(contentsOf: url))
/// let port = try await emulator.start()            // any free port on 127.0.0.1
/// let client = ECSClient(credentials: .static(…), region: "cn-hangzhou",
///                        configuration: RPCClientConfiguration(endpointOverride: emulator.endpoint!))
/// …
/// await emulator.stop()
/// ```
///
/// Every request (GET or POST, any path) is answered in this order:
/// 1. `/_emulator/…` paths are the emulator's own controls, not signed (see ``adminPathPrefix``);
/// 2. the signature is checked (``RPCRequestAuthenticator``: 1.0 or V3, timestamps, nonces,
///    access keys and STS tokens from the fixture);
/// 3. while the throttling switch is on, the call answers `Throttling` and counts it down;
/// 4. the generated router decodes, validates and dispatches the call: ECS's, or STS's for
///    calls of `Version` 2015-04-01 (``EmulatorSTSService``: `AssumeRole`, and the anonymous
///    `AssumeRoleWithOIDC`, which skips step 2 as Alibaba Cloud's STS does).
public final class ECSEmulator: Sendable {
    /// Paths under this prefix control the emulator:
    /// - `POST /_emulator/throttle?count=N`: the next N calls answer `Throttling` (0: off);
    /// - `GET /_emulator/state`: links, throttling and instances as JSON
    ///   (`{"Instances":[{"InstanceId":…,"Status":…}],"Links":[{"InstanceId":…,"VpcId":…}],"ThrottledCallsRemaining":0}`);
    /// - `POST /_emulator/clock/advance?seconds=S`: moves a ``ManualEmulatorClock`` forward
    ///   (`ecs-emulator --transition-speed manual`); 409 on any other clock.
    public static let adminPathPrefix = "/_emulator/"

    /// The resources, changed by the calls the emulator answers.
    public let state: EmulatorState
    public let fixture: EmulatorFixture
    public let authenticator: RPCRequestAuthenticator
    let router: ECSServiceRouter<EmulatorService>
    let stsRouter: STSServiceRouter<EmulatorSTSService>
    /// The fixture's keys and those STS issued.
    public let accessKeys: EmulatorAccessKeys
    let logger: Logger
    /// The most bytes of request line and headers the server reads.
    public let requestHeadLimit: Int
    private let running = RunningServer()

    /// - Parameters:
    ///   - fixture: The starting state and the access keys.
    ///   - clock: The server's clock, against which timestamps are checked (and creation times written).
    ///   - transitions: How long instances stay `Pending`, `Starting` and `Stopping`, on which
    ///     clock (``InstanceTransitions/realistic`` by default: a few seconds of real time).
    ///   - logger: Hummingbird's logger (default: warnings and worse).
    ///   - requestHeadLimit: The most bytes of request line and headers the server reads.
    public init(
        fixture: EmulatorFixture, clock: @escaping @Sendable () -> Date = { Date() }, transitions: InstanceTransitions = .realistic,
        logger: Logger? = nil, requestHeadLimit: Int = ECSEmulator.defaultRequestHeadLimit
    ) {
        self.fixture = fixture
        self.requestHeadLimit = requestHeadLimit
        self.state = EmulatorState(fixture: fixture, transitions: transitions, wallClock: clock)
        let keys = EmulatorAccessKeys(fixture.accessKeys)
        self.accessKeys = keys
        self.authenticator = RPCRequestAuthenticator(keys: keys, clock: clock)
        self.router = ECSServiceRouter(service: EmulatorService(state: state, accessKeys: keys))
        self.stsRouter = STSServiceRouter(service: EmulatorSTSService(fixture: fixture, keys: keys, state: state, clock: clock))
        self.logger = logger ?? {
            var logger = Logger(label: "ecs-emulator")
            logger.logLevel = .warning
            return logger
        }()
    }

    /// The fixture committed with the emulator (`Resources/default-fixture.json`).
    public static func defaultFixture() throws(EmulatorFixtureError) -> EmulatorFixture {
        guard let url = Bundle.module.url(forResource: "default-fixture", withExtension: "json") else {
            throw EmulatorFixtureError(file: "default-fixture.json", problems: ["the default fixture is missing from the ECSEmulator bundle"])
        }
        return try EmulatorFixture.load(contentsOf: url)
    }

    // MARK: Answering

    /// Answers one request: admin paths, then authentication, throttling and the router.
    public func respond(to request: RPCServerRequest) async -> RPCServerResponse {
        if request.path.hasPrefix(Self.adminPathPrefix) {
            return await respondToAdmin(request)
        }
        var context = RPCServerContext(request: request, hostId: request.header("host") ?? "ecs-emulator")
        let isSTS = request.version == STSProduct.apiVersion
        if isSTS, request.action == AssumeRoleWithOIDCRequest.action {
            return await stsRouter.respond(to: request, context: context)
        }
        let caller: AuthenticatedCaller
        do {
            caller = try authenticator.authenticate(request)
        } catch {
            return .error(error.payload, context: context)
        }
        context.accessKeyId = caller.accessKey.accessKeyId
        context.securityToken = caller.securityToken
        if await state.takeThrottledCall() {
            let throttling = ECSProduct.errorCatalogue.documentation(of: "Throttling", action: nil)
            return .error(ServiceErrorPayload(code: "Throttling", message: throttling?.defaultMessage ?? "", httpStatus: 400), context: context)
        }
        return isSTS ? await stsRouter.respond(to: request, context: context) : await router.respond(to: request, context: context)
    }

    /// Sets the throttling switch: the next `count` calls answer `Throttling` (0 turns it off).
    public func throttle(nextCalls count: Int) async {
        await state.throttle(nextCalls: count)
    }

    private func respondToAdmin(_ request: RPCServerRequest) async -> RPCServerResponse {
        let command = String(request.path.dropFirst(Self.adminPathPrefix.count))
        switch (request.method, command) {
        case ("POST", "throttle"):
            guard let text = request.parameters["count"], let count = Int(text), count >= 0 else {
                return Self.adminJSON(status: 400, ["Error": "expected ?count=N with N ≥ 0"])
            }
            await state.throttle(nextCalls: count)
            return Self.adminJSON(status: 200, ["ThrottledCallsRemaining": count])
        case ("GET", "state"):
            let links = await state.links.sorted { $0.key < $1.key }.map { ["InstanceId": $0.key, "VpcId": $0.value] }
            let remaining = await state.throttledCallsRemaining
            let instances = await state.instancesInListOrder.map { ["InstanceId": $0.instanceId, "Status": $0.status, "RegionId": $0.regionId] }
            return Self.adminJSON(status: 200, ["Instances": instances, "Links": links, "ThrottledCallsRemaining": remaining])
        case ("POST", "clock/advance"):
            guard let clock = state.transitions.clock as? ManualEmulatorClock else {
                return Self.adminJSON(status: 409, ["Error": "the emulator's transitions run on real time (start it with --transition-speed manual)"])
            }
            guard let text = request.parameters["seconds"], let seconds = Double(text), seconds >= 0, seconds.isFinite else {
                return Self.adminJSON(status: 400, ["Error": "expected ?seconds=S with S ≥ 0"])
            }
            clock.advance(by: .nanoseconds(Int64(seconds * 1e9)))
            return Self.adminJSON(status: 200, ["AdvancedSeconds": seconds])
        default:
            return Self.adminJSON(
                status: 404,
                ["Error": "unknown emulator command \(request.method) \(request.path); try POST /_emulator/throttle?count=N, GET /_emulator/state or POST /_emulator/clock/advance?seconds=S"])
        }
    }

    private static func adminJSON(status: Int, _ object: [String: Any]) -> RPCServerResponse {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return RPCServerResponse(status: status, headers: [("Content-Type", "application/json")], body: Array(data))
    }

    // MARK: Serving

    /// The largest body accepted (RPC bodies are form parameters: small).
    static let maximumBodySize = 8 * 1024 * 1024

    /// The most bytes of request line and headers read by default: 4 MB, so that a parameter
    /// value of 1 MB in the URL (as Alibaba Cloud's SDKs send any parameter), even
    /// percent-encoded, is read; NIO's own default is 80 KB. Longer requests are answered
    /// `414 RequestURITooLong` in Alibaba Cloud's error format (``UnreadableRequestHandler``).
    public static let defaultRequestHeadLimit = 4 * 1024 * 1024

    func makeApplication(
        host: String, port: Int, onServerRunning: @escaping @Sendable (any Channel) async -> Void
    ) -> some ApplicationProtocol {
        let responder = CallbackResponder<BasicRequestContext> { [self] request, _ in
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: Self.maximumBodySize)
            } catch let error as NIOTooManyBytesError {
                return Self.bodyTooLarge(error)
            }
            var headers: [(name: String, value: String)] = []
            for field in request.headers { headers.append((field.name.canonicalName, field.value)) }
            // HTTP/1's Host header arrives as the request's authority.
            if let authority = request.head.authority, !headers.contains(where: { $0.name == "host" }) {
                headers.insert(("host", authority), at: 0)
            }
            let serverRequest = RPCServerRequest(
                method: request.method.rawValue,
                uri: request.head.path ?? "/",
                headers: headers,
                body: Array(buffer: body)
            )
            let answer = await self.respond(to: serverRequest)
            var fields = HTTPFields()
            for (name, value) in answer.headers {
                if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
            }
            return Response(
                status: HTTPResponse.Status(code: answer.status),
                headers: fields,
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body))
            )
        }
        let limit = requestHeadLimit
        return Application(
            responder: responder,
            server: .http1(configuration: .init(
                additionalChannelHandlers: [UnreadableRequestHandler(requestHeadLimit: limit)],
                httpDecoderConfiguration: .init(maxHeaderFieldSize: limit, maxHeaderListSize: limit)
            )),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "ecs-emulator"),
            onServerRunning: onServerRunning,
            logger: logger
        )
    }

    /// A body over ``maximumBodySize``, in Alibaba Cloud's error format: `413 RequestBodyTooLarge`.
    private static func bodyTooLarge(_ error: NIOTooManyBytesError) -> Response {
        var payload = ServiceErrorPayload(
            code: "RequestBodyTooLarge",
            message: "The request body is larger than the \(maximumBodySize) bytes this endpoint reads.",
            httpStatus: 413)
        payload.requestId = UUID().uuidString
        payload.hostId = "ecs-emulator"
        let answer = RPCServerResponse.error(payload, format: .json)
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        fields[.connection] = "close"
        return Response(status: .init(code: answer.status), headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    /// Serves until the process is told to stop (SIGINT, SIGTERM): what `ecs-emulator` runs.
    /// `onRunning` gets the port bound (useful with port 0).
    public func run(host: String = "127.0.0.1", port: Int = 0, onRunning: @escaping @Sendable (Int) async -> Void) async throws {
        let application = makeApplication(host: host, port: port) { channel in
            await onRunning(channel.localAddress?.port ?? port)
        }
        try await application.runService()
    }

    /// Starts serving in the background on `host` and returns the port bound (`port` 0: any
    /// free port). Throws if the address cannot be bound or the emulator is already running.
    @discardableResult
    public func start(host: String = "127.0.0.1", port: Int = 0) async throws -> Int {
        try await running.start(host: host) { onRunning in
            let application = self.makeApplication(host: host, port: port) { channel in
                onRunning(channel.localAddress?.port ?? port)
            }
            // No signal handling in-process; `stop()` triggers the graceful shutdown.
            return ServiceGroup(configuration: .init(services: [application], gracefulShutdownSignals: [], logger: self.logger))
        }
    }

    /// Stops serving (a no-op when not running) and waits until the port is closed.
    public func stop() async {
        await running.stop()
    }

    /// The port served on, while running.
    public var port: Int? {
        get async { await running.port }
    }

    /// `http://HOST:PORT` while running: what `RPCClientConfiguration(endpointOverride:)` takes.
    public var endpoint: String? {
        get async { await running.endpoint }
    }
}

/// The background server and what it bound; one at a time.
private actor RunningServer {
    private var group: ServiceGroup?
    private var task: Task<Void, any Error>?
    private(set) var port: Int?
    private var host: String?

    var endpoint: String? {
        guard let host, let port else { return nil }
        return "http://\(host.contains(":") ? "[\(host)]" : host):\(port)"
    }

    struct AlreadyRunning: Error, CustomStringConvertible {
        var description: String { "the emulator is already running" }
    }

    struct StoppedBeforeRunning: Error, CustomStringConvertible {
        var description: String { "the server stopped before it was running" }
    }

    func start(
        host: String, makeGroup: (_ onRunning: @escaping @Sendable (Int) -> Void) -> ServiceGroup
    ) async throws -> Int {
        guard task == nil else { throw AlreadyRunning() }
        let (ports, continuation) = AsyncThrowingStream<Int, any Error>.makeStream()
        let group = makeGroup { port in continuation.yield(port) }
        let task = Task {
            do {
                try await group.run()
                continuation.finish(throwing: StoppedBeforeRunning())
            } catch {
                continuation.finish(throwing: error)
                throw error
            }
        }
        self.group = group
        self.task = task
        do {
            for try await port in ports {
                self.port = port
                self.host = host
                return port
            }
            throw StoppedBeforeRunning()
        } catch {
            self.group = nil
            self.task = nil
            await group.triggerGracefulShutdown()
            _ = await task.result
            throw error
        }
    }

    func stop() async {
        guard let task, let group else { return }
        self.task = nil
        self.group = nil
        port = nil
        host = nil
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}
