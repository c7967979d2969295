#!/usr/bin/env bash
# Where the compiler's time goes when it builds a generated module, phase by phase, from the
# compiler's own statistics (`-stats-output-dir`): every frontend job of one clean debug
# `swift build --target MODULE` writes its timers and counters, and this sums them over the
# module's jobs: import resolution, type checking, SIL generation and optimization, IR
# generation, serialization, and LLVM (the rest of each job's time: the frontend does not time
# its LLVM passes by name).
#
#   Benchmarks/Scripts/compile-phases.sh [PACKAGE_PATH] [MODULE] [SCRATCH_PATH]
#
# Defaults: this checkout, ECS, and a scratch folder of its own under $TMPDIR: the statistics
# flag changes every target's build settings, so a build folder it is used on rebuilds every
# dependency once (minutes) and again when the flag is gone; keep it away from yours. Only
# MODULE's objects and module are deleted before the measured build. (compile-attribution.sh
# splits the same work by generated construct instead.)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
package="${1:-$(cd "$here/../.." && pwd)}"
module="${2:-ECS}"
scratch="${3:-${TMPDIR:-/tmp}/apigen-compile-phases}"
stats="$(mktemp -d)"
trap 'rm -rf "$stats"' EXIT
build=(swift build --package-path "$package" --scratch-path "$scratch" --target "$module" -Xswiftc -stats-output-dir -Xswiftc "$stats")

"${build[@]}" >"$stats/build.log" 2>&1 || { cat "$stats/build.log" >&2; exit 1; }
bin="$(swift build --package-path "$package" --scratch-path "$scratch" --show-bin-path)"
find "$bin/$module.build" -maxdepth 1 -type f \( -name '*.o' -o -name '*.d' -o -name '*.dia' -o -name '*.swiftdeps' \
    -o -name '*.priors' -o -name '*.swiftmodule' -o -name '*.swiftdoc' -o -name '*.swiftsourceinfo' -o -name '*.emit-module.*' \) -delete
rm -rf "$bin/Modules/$module".* "$bin/$module".swift* "$stats"/*.json
"${build[@]}" >"$stats/build.log" 2>&1 || { cat "$stats/build.log" >&2; exit 1; }

python3 - "$stats" "$module" <<'PY'
import json, os, sys, collections
folder, module = sys.argv[1], sys.argv[2]
phases = collections.Counter(); counters = collections.Counter(); total = 0.0; jobs = 0
for name in os.listdir(folder):
    if not name.endswith(".json") or f"-swift-frontend-{module}-" not in name:
        continue
    data = json.load(open(os.path.join(folder, name)))
    jobs += 1
    for key, value in data.items():
        if key.startswith("time.swift-frontend.") and key.endswith(".user"):
            total += value
        elif key.startswith("time.swift.") and key.endswith(".user"):
            phases[key[len("time.swift."):-len(".user")]] += value
        elif not key.startswith("time."):
            counters[key] += value
if not jobs:
    sys.exit(f"compile-phases.sh: no statistics for {module} in {folder}")
top = ["Import resolution", "Type checking and Semantic analysis", "SILGen", "SIL optimization", "IRGen",
       "Serialization, swiftmodule", "Serialization, swiftdoc", "Serialization, swiftsourceinfo"]
print(f"{module}: {jobs} frontend jobs, {total:.1f} s of user CPU in them")
print("| phase | CPU s | share |")
print("|---|---:|---:|")
known = 0.0
for phase in top:
    value = phases.get(phase, 0.0); known += value
    print(f"| {phase} | {value:.2f} | {100 * value / total:.1f} % |")
print(f"| LLVM and the rest of the job | {total - known:.2f} | {100 * (total - known) / total:.1f} % |")
for key in ("SILModule.NumSILGenFunctions", "IRModule.NumIRFunctions", "IRModule.NumIRInsts", "LLVM.NumLLVMBytesOutput"):
    if key in counters:
        print(f"{key}: {counters[key]:,}")
PY
