#!/usr/bin/env bash
# Type-checks a product's generated Swift (e.g. ECS imported from the Chinese metadata) against
# the package's own build of APIGenRuntime and APIGenServer, without adding targets for it:
#
#   swift build --target ECSServer && bash .ci/typecheck-generated.sh /tmp/zh/Generated/Ecs ECS
#
# The client module (folder, module name) is compiled to a module in a scratch folder, then its
# server module (the folder beside it named <folder>Server, module <module>Server) is
# type-checked against it. It gives swiftc the package's module folder and every C module map
# the build produced.
set -euo pipefail
folder="$1"
module="${2:-ECS}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "$root" && swift build --show-bin-path)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
# Generated modules share a package with their server module (deprecated members' storage is
# `package`), as they do in a SwiftPM package.
# The scratch folder first: the build folder has a module of the same name (the repository's own).
args=(-swift-version 6 -package-name apigen -I "$scratch" -I "$build/Modules" -I "$build")
# One map per module name: the same module can have a map in the build folder and in its checkout.
declare -A seen=()
while IFS= read -r map; do
    name="$(sed -n 's/^ *\(explicit \)\{0,1\}module \([A-Za-z0-9_]*\).*/\2/p' "$map" | head -n 1)"
    [[ -n "$name" && -z "${seen[$name]:-}" ]] || continue
    seen[$name]=1
    args+=(-Xcc "-fmodule-map-file=$map")
done < <(find "$build" "$root/Sources" "$root/.build/checkouts" -name module.modulemap 2>/dev/null | sort)
while IFS= read -r include; do
    args+=(-Xcc "-I$include")
done < <(find "$root/.build/checkouts" -type d -name include -path "*/Sources/*" 2>/dev/null)
for flag in $(pkg-config --cflags libxml-2.0); do
    args+=(-Xcc "$flag")
done
# shellcheck disable=SC2046
swiftc "${args[@]}" ${APIGEN_SWIFTC_FLAGS:-} -parse-as-library -module-name "$module" -emit-module \
    -emit-module-path "$scratch/$module.swiftmodule" $(find "$folder" -name '*.swift' | sort)
server="${folder%/}Server"
if [[ -d "$server" ]]; then
    # shellcheck disable=SC2046
    swiftc -typecheck "${args[@]}" ${APIGEN_SWIFTC_FLAGS:-} -module-name "${module}Server" $(find "$server" -name '*.swift' | sort)
fi
