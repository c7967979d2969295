// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "apigen",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "apigen", targets: ["apigen"]),
        .library(name: "APIGenKit", targets: ["APIGenKit"]),
        .library(name: "APIGenRuntime", targets: ["APIGenRuntime"]),
        .library(name: "ECS", targets: ["ECS"]),
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

        // What generated code builds on: query encoding, response and error decoding, signing.
        .target(
            name: "APIGenRuntime",
            dependencies: [
                "CLibXML2",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        // The generated ECS API; its sources are written by `swift run apigen Specs/`.
        .target(
            name: "ECS",
            dependencies: ["APIGenRuntime", .product(name: "Logging", package: "swift-log")],
            path: "Generated/Ecs"
        ),

        // A local ECS emulator (Hummingbird 2) on the generated server side: state from a JSON
        // fixture, signatures verified, AttachClassicLinkVpc's rules enforced, a throttling switch.
        .target(
            name: "ECSEmulator",
            dependencies: [
                "ECS",
                "APIGenRuntime",
                .product(name: "Hummingbird", package: "hummingbird"),
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
            dependencies: ["APIGenRuntime", .product(name: "Logging", package: "swift-log")],
            path: "Tests/Golden/Expected/Nasty"
        ),
        .target(
            name: "GoldenBare",
            dependencies: ["APIGenRuntime", .product(name: "Logging", package: "swift-log")],
            path: "Tests/Golden/Expected/Bare"
        ),

        // A loopback HTTP server and other helpers shared by the test targets.
        .target(
            name: "APIGenTestSupport",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/TestSupport"
        ),

        .testTarget(name: "APIGenKitTests", dependencies: ["APIGenKit", "GoldenNasty", "GoldenBare", "APIGenRuntime"]),
        .testTarget(
            name: "APIGenRuntimeTests",
            dependencies: ["APIGenRuntime", "APIGenTestSupport", "ECS", .product(name: "Logging", package: "swift-log")]
        ),
        .testTarget(name: "ECSTests", dependencies: ["ECS", "APIGenRuntime", "APIGenTestSupport", "APIGenKit"]),
        .testTarget(name: "ECSEmulatorTests", dependencies: ["ECSEmulator", "ECS", "APIGenRuntime"]),
    ],
    swiftLanguageModes: [.v6]
)
