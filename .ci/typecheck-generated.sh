#!/usr/bin/env bash
# Type-checks a folder of generated Swift (e.g. ECS imported from the Chinese metadata) against
# the package's own build of APIGenRuntime, without adding a target for it:
#
#   swift build --target ECS && bash .ci/typecheck-generated.sh /tmp/zh/Generated/Ecs
#
# It gives swiftc the package's module folder and every C module map the build produced.
set -euo pipefail
folder="$1"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="$(cd "$root" && swift build --show-bin-path)"
args=(-typecheck -swift-version 6 -I "$build/Modules" -I "$build")
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
exec swiftc "${args[@]}" ${APIGEN_SWIFTC_FLAGS:-} $(find "$folder" -name '*.swift' | sort)
