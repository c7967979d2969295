#!/usr/bin/env bash
# Which generated constructs the compiler spends its work on: the LLVM IR of a generated client
# module, function by function, classified by what each function is (a value witness, a
# decoding initializer, a memberwise initializer, ...), with the share of IR instructions each
# kind takes. IR instructions are what the compiler's backend (most of a debug build's time)
# works through, and unlike time they do not depend on how busy the machine is.
#
#   Benchmarks/Scripts/compile-attribution.sh [GENERATED_FOLDER] [MODULE] [MODULES_FOLDER]
#
# Defaults: Generated/Ecs, ECS, and this checkout's debug build (`swift build --target ECS`
# first), whose modules it compiles against (another checkout: its build's `Modules` folder,
# e.g. compile-bench.sh's /tmp/apigen-compile-bench/baseline-build/x86_64-unknown-linux-gnu/debug/Modules): one whole-module `swiftc -emit-ir -Onone` of the folder, then swift-demangle over
# every function name. Prints a table (kind, functions, IR instructions, share) and the total.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
folder="${1:-$repo/Generated/Ecs}"
module="${2:-ECS}"
modules="${3:-$(swift build --package-path "$repo" --show-bin-path)/Modules}"
[[ -d "$modules" ]] || { echo "compile-attribution.sh: no modules at $modules: build the package first (swift build --target $module)" >&2; exit 2; }
work="${APIGEN_KEEP_ATTRIBUTION:-$(mktemp -d)}"; mkdir -p "$work"
trap '[[ -n "${APIGEN_KEEP_ATTRIBUTION:-}" ]] || rm -rf "$work"' EXIT

# The C modules the package's dependencies bring (NIO's, swift-numerics' shims, …), as SwiftPM passes them.
maps=()
while IFS= read -r map; do maps+=(-Xcc "-fmodule-map-file=$map"); done < <(
    find "$(dirname "$modules")" -maxdepth 2 -name module.modulemap
    find "$(dirname "$(dirname "$(dirname "$modules")")")/checkouts" "$repo/Sources" -path '*include/module.modulemap' -o -path '*/CLibXML2/module.modulemap'
)
for flag in $(pkg-config --cflags libxml-2.0 2>/dev/null); do maps+=(-Xcc "$flag"); done
swiftc -frontend -emit-ir -wmo -Onone -module-name "$module" -swift-version 6 -package-name apigen \
    -I "$modules" "${maps[@]}" \
    $(find "$folder" -name '*.swift' | sort) -o "$work/module.ll" 2>"$work/errors.txt" \
    || { cat "$work/errors.txt" >&2; exit 1; }

# One line per defined function: its mangled name and its instruction count.
awk '
    /^define / { match($0, /@"?[^"( ]+"?\(/); name = substr($0, RSTART + 1, RLENGTH - 2); gsub(/"/, "", name); count = 0; inside = 1; next }
    inside && /^}/ { print name, count; inside = 0; next }
    inside && /^  [%a-z]/ { count++ }
' "$work/module.ll" > "$work/functions.txt"
cut -d' ' -f1 "$work/functions.txt" | swift demangle --simplified > "$work/demangled.txt"
paste -d'\t' "$work/demangled.txt" <(cut -d' ' -f2 "$work/functions.txt") > "$work/table.tsv"

python3 - "$work/table.tsv" <<'PY'
import re, sys, collections
rules = [
    ("value witnesses and type metadata", r"value witness|initializeWithCopy|assignWithCopy|assignWithTake|initializeWithTake|initializeBufferWithCopyOfBuffer|destroy|getEnumTagSinglePayload|storeEnumTagSinglePayload|type metadata|metadata accessor|outlined copy|outlined destroy|outlined retain|outlined release|outlined init|outlined assign|outlined consume|reflection metadata|metaclass"),
    ("synthesized == / hash(into:)", r"__derived_struct_equals|static .*==|hash\(into:|hashValue"),
    ("decoding: init(from:)", r"init\(from:"),
    ("encoding: encodeQuery / encode(to:)", r"encodeQuery|encode\(to:"),
    ("validation: validate()", r"validate\(\)"),
    ("memberwise and deprecated initializers", r"\.init\("),
    ("property accessors (get/set/modify)", r"\.(getter|setter|modify|read|unsafeAddressor)"),
    ("description / redaction", r"description|redact"),
    ("client methods, paginators, waiters", r"Client\.|closure"),
    ("static members (error codes, enumeration values)", r"static .* : |\.getter : .*Self|variable initialization expression"),
]
totals = collections.Counter(); counts = collections.Counter(); total = 0
for line in open(sys.argv[1], encoding="utf-8"):
    name, _, n = line.rstrip("\n").rpartition("\t")
    n = int(n); total += n
    kind = next((k for k, p in rules if re.search(p, name)), "other")
    totals[kind] += n; counts[kind] += 1
print(f"| construct | functions | IR instructions | share |")
print(f"|---|---:|---:|---:|")
for kind, n in totals.most_common():
    print(f"| {kind} | {counts[kind]:,} | {n:,} | {100 * n / total:.1f} % |")
print(f"| **all** | {sum(counts.values()):,} | **{total:,}** | 100 % |")
PY
