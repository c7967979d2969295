#!/usr/bin/env bash
# The ECS emulator against Alibaba Cloud's official Python SDK (Tests/Interop):
# builds `ecs-emulator`, writes the fixture the checks expect, starts the emulator on port 0
# with instance transitions ten times faster than realistic (--transition-speed 10: Pending
# 200 ms, Starting and Stopping 300 ms), reads the port it prints, runs the checks (default V3
# signing and signature_algorithm="v2": ClassicLink, STS, form bodies, long URLs, and an
# instance's life: RunInstances with a ClientToken, paging both ways, start, stop, delete),
# stops the emulator. Fails if any check fails, or if the emulator does not start or stop cleanly.
#
#   bash .ci/emulator-interop.sh [PYTHON]     # PYTHON: the venv of .ci/crosscheck-setup.sh by default
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

python="${1:-${APIGEN_CROSSCHECK_PYTHON:-}}"
[[ -n "$python" ]] || python="$(bash .ci/crosscheck-setup.sh)"
script=Tests/Interop/python_sdk_against_emulator.py

swift build --product ecs-emulator
emulator="$(swift build --show-bin-path)/ecs-emulator"

work="$(mktemp -d)"
emulator_pid=""
cleanup() {
    if [[ -n "$emulator_pid" ]] && kill -0 "$emulator_pid" 2>/dev/null; then
        kill -TERM "$emulator_pid" 2>/dev/null || true
        wait "$emulator_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

"$python" "$script" fixture "$work/fixture.json"
"$emulator" --port 0 --fixture "$work/fixture.json" --transition-speed 10 >"$work/stdout" 2>"$work/stderr" &
emulator_pid=$!

port=""
for _ in $(seq 1 300); do
    if line="$(grep -m1 'listening on http://' "$work/stdout")"; then
        port="${line##*:}"
        break
    fi
    if ! kill -0 "$emulator_pid" 2>/dev/null; then
        echo "emulator-interop: the emulator exited before listening:" >&2
        cat "$work/stderr" >&2
        exit 1
    fi
    sleep 0.1
done
if [[ ! "$port" =~ ^[0-9]+$ ]]; then
    echo "emulator-interop: the emulator printed no port within 30 s" >&2
    cat "$work/stdout" "$work/stderr" >&2
    exit 1
fi
echo "emulator-interop: ecs-emulator listening on 127.0.0.1:$port"

status=0
"$python" "$script" check --endpoint "127.0.0.1:$port" || status=$?

kill -TERM "$emulator_pid"
emulator_status=0
wait "$emulator_pid" || emulator_status=$?
emulator_pid=""
if ((emulator_status != 0)); then
    echo "emulator-interop: the emulator exited with status $emulator_status on SIGTERM:" >&2
    cat "$work/stderr" >&2
    status=1
fi
exit "$status"
