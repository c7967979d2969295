#!/usr/bin/env bash
# Compiles a sample of the corpus run's generated products, each as its own Swift module
# against the Benchmarks package's release build of APIGenRuntime, to show that the generated
# Swift is valid beyond ECS.
#
#   swift build --package-path Benchmarks -c release --product corpus-report
#   swift run --package-path Benchmarks -c release corpus-report        # writes /tmp/apigen-corpus
#   Benchmarks/Scripts/compile-sample.sh [corpus-folder] [product_version ...]
#
# corpus-folder (default /tmp/apigen-corpus) holds Specs/ and Generated/ as corpus-report
# leaves them. Each product is compiled whole-module (-wmo) to an object file and a
# .swiftmodule, with Swift 6 language mode, into a scratch folder. Prints one line per
# product (module, actions, files, lines, seconds, result) and exits non-zero if any fails.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
benchmarks="$(cd "$here/.." && pwd)"
corpus="${1:-/tmp/apigen-corpus}"
shift || true

# Chosen for different shapes (see Benchmarks/README.md): the largest (sas, 921 actions) and
# ECS and VPC; many JSON-style parameters (ice, dms-enterprise); a hyphenated product code
# (dms-enterprise, r-kvstore); lower-case codes (live); products with two versions in the
# corpus, whose module names carry the version (ess, dysmsapi); small ones (sts, 4 actions;
# ram); cms's free-form and deeply nested responses.
default_sample=(
    ecs_2014_05_26 sas_2018_12_03 vpc_2016_04_28 ice_2020_11_09 dms_enterprise_2018_11_01
    live_2016_11_01 cms_2019_01_01 r_kvstore_2015_01_01 ess_2014_08_28 ess_2022_02_22
    dysmsapi_2018_05_01 sts_2015_04_01 ram_2015_05_01
)
if [[ $# -gt 0 ]]; then sample=("$@"); else sample=("${default_sample[@]}"); fi

build="$(swift build --package-path "$benchmarks" -c release --show-bin-path)"
if [[ ! -d "$build/Modules" || ! -e "$build/Modules/APIGenRuntime.swiftmodule" ]]; then
    echo "compile-sample.sh: no release build of APIGenRuntime in $build; run: swift build --package-path Benchmarks -c release" >&2
    exit 2
fi
# Not -I "$build": clang would read every module map under it, the harness's twice.
args=(-swift-version 6 -parse-as-library -wmo -Onone -I "$build/Modules")
declare -A seen=()
while IFS= read -r map; do
    name="$(sed -n 's/^ *\(explicit \)\{0,1\}module \([A-Za-z0-9_]*\).*/\2/p' "$map" | head -n 1)"
    [[ -n "$name" && -z "${seen[$name]:-}" ]] || continue
    seen[$name]=1
    args+=(-Xcc "-fmodule-map-file=$map")
done < <(
    # The packages' own maps first, then the ones the build wrote; the benchmark harness's C
    # modules are left out (a second map for them clashes, and generated code needs none).
    { find "$benchmarks/../Sources" "$benchmarks/.build/checkouts" -name module.modulemap 2>/dev/null | sort
      find "$build" -name module.modulemap 2>/dev/null | sort; } |
        grep -v -e '/checkouts/benchmark/' -e '/checkouts/malloc-interposer/' \
            -e 'SwiftRuntimeHooks' -e 'OperatingSystemStats' -e 'BenchmarkShared' -e 'MallocInterposer'
)
while IFS= read -r include; do
    args+=(-Xcc "-I$include")
done < <(find "$benchmarks/.build/checkouts" -type d -name include -path "*/Sources/*" 2>/dev/null)
for flag in $(pkg-config --cflags libxml-2.0); do
    args+=(-Xcc "$flag")
done

scratch="$(mktemp -d "${TMPDIR:-/tmp}/apigen-compile-sample.XXXXXX")"
trap '[[ -n "${KEEP_LOGS:-}" ]] || rm -rf "$scratch"' EXIT
failed=0
printf '%-28s %-22s %7s %6s %8s %8s  %s\n' product_version module actions files lines seconds result
for product in "${sample[@]}"; do
    folder="$corpus/Generated/$product"
    spec="$corpus/Specs/$product/product.xml"
    if [[ ! -d "$folder" || ! -f "$spec" ]]; then
        printf '%-28s %s\n' "$product" "not in $corpus (not generated?)"
        failed=1
        continue
    fi
    module="$(sed -n 's/.*swiftModule="\([^"]*\)".*/\1/p' "$spec" | head -n 1)"
    files=("$folder"/*.swift)
    actions=$(find "$corpus/Specs/$product" -name '*.xml' ! -name product.xml | wc -l)
    lines=$(cat "${files[@]}" | wc -l)
    start=$(date +%s.%N)
    if swiftc "${args[@]}" -module-name "$module" -emit-module -emit-module-path "$scratch/$module.swiftmodule" \
        -c -o "$scratch/$module.o" "${files[@]}" > "$scratch/$module.log" 2>&1; then
        result=ok
    else
        result="FAILED ($(grep -c 'error:' "$scratch/$module.log") errors; first: $(grep -m1 'error:' "$scratch/$module.log" | cut -c1-200))"
        failed=1
    fi
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    printf '%-28s %-22s %7d %6d %8d %8.1f  %s\n' "$product" "$module" "$actions" "${#files[@]}" "$lines" "$seconds" "$result"
done
exit $failed
