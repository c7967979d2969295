// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "apigen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "apigen", targets: ["apigen"]),
        .library(name: "APIGenKit", targets: ["APIGenKit"]),
        .library(name: "APIGenRuntime", targets: ["APIGenRuntime"]),
        .library(name: "APIGenXML", targets: ["APIGenXML"]),
        .library(name: "APIGenServer", targets: ["APIGenServer"]),
        .library(name: "ECS", targets: ["ECS"]),
        .library(name: "ECSServer", targets: ["ECSServer"]),
        .library(name: "STS", targets: ["STS"]),
        .library(name: "STSServer", targets: ["STSServer"]),
        .library(name: "APIGenCredentials", targets: ["APIGenCredentials"]),
        .library(name: "ECSEmulator", targets: ["ECSEmulator"]),
        .executable(name: "ecs-emulator", targets: ["ecs-emulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.80.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.24.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.34.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.1.0"),
    ],
    targets: [
        // libxml2, through pkg-config; used to parse and XSD-validate specs and to decode XML responses.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),

        // The generator: spec files → parse → validate → model → translate → render → write.
        .target(
            name: "APIGenKit",
            dependencies: [
                "CLibXML2",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The command-line shell over APIGenKit.
        .executableTarget(
            name: "apigen",
            dependencies: [
                "APIGenKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // What generated clients build on: query encoding, JSON response and error decoding,
        // signing, the client. No system library: a JSON-only user needs nothing but Swift packages.
        .target(
            name: "APIGenRuntime",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // XML response bodies (`ResponseFormat.xml`), through libxml2.
        .target(
            name: "APIGenXML",
            dependencies: ["APIGenRuntime", "CLibXML2"]
        ),
        // What generated server modules build on: reading requests from parameters, checking
        // signatures, writing responses and errors in Alibaba's JSON and XML formats, routing.
        .target(
            name: "APIGenServer",
            dependencies: [
                "APIGenRuntime",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The generated ECS client: request, response and error types and `ECSClient`. Its
        // sources are written by `swift run apigen Specs/`.
        .target(
            name: "ECS",
            dependencies: ["APIGenRuntime", "APIGenCredentials", .product(name: "Logging", package: "swift-log")],
            path: "Generated/Ecs"
        ),
        // The generated ECS server side: `ECSService`, its router, and reading requests and
        // writing responses on a server.
        .target(
            name: "ECSServer",
            dependencies: ["ECS", "APIGenServer", "APIGenRuntime"],
            path: "Generated/EcsServer"
        ),

        // The generated STS API (Sts 2015-04-01): AssumeRole and AssumeRoleWithOIDC for the
        // credential providers. Its client cannot default to the credential chain (a cycle).
        .target(
            name: "STS",
            dependencies: ["APIGenRuntime", .product(name: "Logging", package: "swift-log")],
            path: "Generated/Sts"
        ),
        // The generated STS server side, which the emulator serves STS with.
        .target(
            name: "STSServer",
            dependencies: ["STS", "APIGenServer", "APIGenRuntime"],
            path: "Generated/StsServer"
        ),
        // Alibaba Cloud's credential sources and default chain (environment, OIDC, CLI profile,
        // credentials file, ECS instance role, credentials URI), on the generated STS client.
        .target(
            name: "APIGenCredentials",
            dependencies: [
                "APIGenRuntime",
                "STS",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ]
        ),

        // A local ECS emulator (Hummingbird 2) on the generated server side: state from a JSON
        // fixture, signatures verified, AttachClassicLinkVpc's rules enforced, a throttling switch.
        .target(
            name: "ECSEmulator",
            dependencies: [
                "ECS",
                "ECSServer",
                "STS",
                "STSServer",
                "APIGenRuntime",
                "APIGenServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            resources: [.copy("Resources/default-fixture.json")]
        ),
        // `swift run ecs-emulator --port 0 --fixture FILE`.
        .executableTarget(
            name: "ecs-emulator",
            dependencies: [
                "ECSEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The reference (golden) outputs of Tests/Golden/Specs, compiled so that a golden file
        // that is not valid Swift fails the build, and imported by the tests that exercise them.
        .target(
            name: "GoldenNasty",
            dependencies: ["APIGenRuntime", "APIGenCredentials", .product(name: "Logging", package: "swift-log")],
            path: "Tests/Golden/Expected/Nasty"
        ),
        .target(
            name: "GoldenNastyServer",
            dependencies: ["GoldenNasty", "APIGenServer", "APIGenRuntime"],
            path: "Tests/Golden/Expected/NastyServer"
        ),
        .target(
            name: "GoldenBare",
            dependencies: ["APIGenRuntime", "APIGenCredentials", .product(name: "Logging", package: "swift-log")],
            path: "Tests/Golden/Expected/Bare"
        ),
        .target(
            name: "GoldenBareServer",
            dependencies: ["GoldenBare", "APIGenServer", "APIGenRuntime"],
            path: "Tests/Golden/Expected/BareServer"
        ),

        // A loopback HTTP server and other helpers shared by the test targets.
        .target(
            name: "APIGenTestSupport",
            dependencies: [
                "APIGenRuntime",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport"
        ),

        .testTarget(
            name: "APIGenKitTests",
            dependencies: [
                "APIGenKit", "GoldenNasty", "GoldenNastyServer", "GoldenBare", "GoldenBareServer", "APIGenRuntime", "APIGenServer", "APIGenXML", "APIGenTestSupport",
            ]
        ),
        .testTarget(
            name: "APIGenRuntimeTests",
            dependencies: [
                "APIGenRuntime", "APIGenXML", "APIGenServer", "APIGenTestSupport", "ECS", "ECSServer", .product(name: "Logging", package: "swift-log"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            ]
        ),
        .testTarget(name: "APIGenXMLTests", dependencies: ["APIGenXML", "APIGenRuntime", "APIGenTestSupport", "ECS"]),
        .testTarget(name: "APIGenServerTests", dependencies: ["APIGenServer", "APIGenRuntime", "APIGenXML", "ECS", "ECSServer"]),
        .testTarget(
            name: "APIGenCredentialsTests",
            dependencies: [
                "APIGenCredentials", "APIGenRuntime", "STS", "ECS", "ECSEmulator", "APIGenTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(
            name: "ECSTests",
            dependencies: ["ECS", "ECSServer", "APIGenRuntime", "APIGenServer", "APIGenXML", "APIGenTestSupport", "APIGenKit"]
        ),
        .testTarget(
            name: "ECSEmulatorTests",
            dependencies: ["ECSEmulator", "ECS", "ECSServer", "STS", "APIGenRuntime", "APIGenServer", "APIGenXML", "APIGenCredentials"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
