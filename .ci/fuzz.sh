#!/usr/bin/env bash
# Fuzzes apigen (generate and import) with Tests/Fuzz/fuzz_apigen.py: a fixed seed, a time
# budget (APIGEN_FUZZ_SECONDS, 90 by default; APIGEN_FUZZ_SEED, 15 by default), the real
# binary. Fails on a crash, a hang, runaway memory, an error without file:line, or an output
# folder changed by a failed run; inputs that did are kept in .build/fuzz-findings.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
swift build --product apigen >/dev/null
python3 Tests/Fuzz/fuzz_apigen.py --apigen "$(swift build --show-bin-path)/apigen" \
    --seconds "${APIGEN_FUZZ_SECONDS:-90}" --seed "${APIGEN_FUZZ_SEED:-15}"
