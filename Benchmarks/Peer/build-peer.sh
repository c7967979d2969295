#!/usr/bin/env bash
# Builds the peer, apple/swift-openapi-generator 1.14.3, in release, in a scratch package
# outside the repository, and prints the path of its command-line tool.
#
#   Benchmarks/Peer/build-peer.sh [scratch-folder]      (default: /tmp/peer-openapi)
#   export APIGEN_PEER_OPENAPI_GENERATOR="$(Benchmarks/Peer/build-peer.sh | tail -1)"
#
# The scratch package only depends on the generator (resolved like any package, from
# https://github.com/apple/swift-openapi-generator) and builds its executable product.
# Nothing of the peer is committed; the scratch folder can be deleted at any time.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
scratch="${1:-/tmp/peer-openapi}"
case "$(cd "$(dirname "$scratch")" 2>/dev/null && pwd)/" in
    "$repo"/*) echo "build-peer.sh: the scratch folder must be outside the repository ($repo)" >&2; exit 2 ;;
esac

mkdir -p "$scratch/Sources/peer-placeholder"
cat > "$scratch/Package.swift" <<'SWIFT'
// swift-tools-version: 6.0
// Scratch package for apigen's benchmarks: builds the peer generator's CLI.
import PackageDescription

let package = Package(
    name: "peer-openapi",
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3"),
    ],
    targets: [
        // SwiftPM wants at least one target of the package's own.
        .executableTarget(name: "peer-placeholder", path: "Sources/peer-placeholder"),
    ]
)
SWIFT
echo 'print("build the swift-openapi-generator product instead")' > "$scratch/Sources/peer-placeholder/main.swift"

cd "$scratch"
swift build -c release --product swift-openapi-generator >&2
binary="$(swift build -c release --show-bin-path)/swift-openapi-generator"
test -x "$binary"
"$binary" --version >&2 || true
echo "$binary"
