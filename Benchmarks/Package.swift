// swift-tools-version: 6.1
import Foundation
import PackageDescription

// apigen's benchmarks: a package of their own, so that ordo-one/benchmark, XMLCoder and the
// benchmark build never touch the root package or its CI.
//
//   swift package --package-path Benchmarks benchmark          (or: cd Benchmarks && swift package benchmark)
//   swift run --package-path Benchmarks -c release corpus-report
//
// The root package is a path dependency; its identity is the name of the folder it is in
// (`main` in /work/main), which depends on where it was cloned, so it is read here.
// APIGEN_BENCHMARK_ROOT points at another checkout (say, a `git worktree` of a commit to compare).
let rootPath = Context.environment["APIGEN_BENCHMARK_ROOT"].flatMap { $0.isEmpty ? nil : $0 } ?? ".."
let rootAbsolute = rootPath.hasPrefix("/") ? rootPath : Context.packageDirectory + "/" + rootPath
let rootPackage = URL(fileURLWithPath: rootAbsolute).standardizedFileURL.lastPathComponent.lowercased()

let benchmarkTargets = ["Generation", "Import", "Decoding", "Corpus"]

let package = Package(
    name: "apigen-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: rootPath),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/CoreOffice/XMLCoder", exact: "0.18.2"),
        // The template engine apigen renders with, measured alone in the Generation suite.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
    ],
    targets: [
        // What the benchmarks and corpus-report share: paths, the DescribeInstances inputs,
        // the corpus run.
        .target(
            name: "BenchmarkSupport",
            dependencies: [
                .product(name: "APIGenKit", package: rootPackage),
                .product(name: "APIGenRuntime", package: rootPackage),
            ]
        ),
        // Prints the scale run over every RPC product: counts, failures, growth.
        .executableTarget(
            name: "corpus-report",
            dependencies: ["BenchmarkSupport"]
        ),
    ] + benchmarkTargets.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                "BenchmarkSupport",
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "APIGenKit", package: rootPackage),
                .product(name: "APIGenRuntime", package: rootPackage),
                .product(name: "ECS", package: rootPackage),
                .product(name: "XMLCoder", package: "XMLCoder"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            path: "Benchmarks/\(name)",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    },
    swiftLanguageModes: [.v6]
)
