#!/usr/bin/env bash
# Sets up the Python venv for the cross-checks against Alibaba's Python SDK and credentials library
# (Tests/CrossCheck: signing, and the credential chain) and prints its python.
#
#   python=$(bash .ci/crosscheck-setup.sh) && export APIGEN_CROSSCHECK_PYTHON="$python"
#
# Creates .build/crosscheck-venv when missing, installs the pinned Tests/CrossCheck/requirements.txt
# with pip (PyPI), and remembers the requirements' hash in the venv, so a second run with
# unchanged requirements installs nothing and prints only the path. Progress goes to stderr;
# stdout carries the python path alone. Set APIGEN_CROSSCHECK_BASE_PYTHON to choose the
# interpreter the venv is made from (default: python3 on PATH).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.build/crosscheck-venv"
requirements="$root/Tests/CrossCheck/requirements.txt"
stamp="$venv/.requirements.sha256"
python="$venv/bin/python"
base_python="${APIGEN_CROSSCHECK_BASE_PYTHON:-python3}"

wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"

if [[ -x "$python" && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]] \
    && "$python" -c 'import alibabacloud_tea_openapi.utils, alibabacloud_openapi_util.client, alibabacloud_credentials.provider.default' 2>/dev/null; then
    echo "$python"
    exit 0
fi

if [[ ! -x "$python" ]] || ! "$python" -c 'import sys' 2>/dev/null; then
    echo "crosscheck-setup: creating $venv" >&2
    rm -rf "$venv"
    mkdir -p "$root/.build"
    "$base_python" -m venv "$venv"
fi

echo "crosscheck-setup: installing $requirements" >&2
"$python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements" >&2
"$python" -c 'import alibabacloud_tea_openapi.utils, alibabacloud_openapi_util.client, alibabacloud_credentials.provider.default'
echo "$wanted" > "$stamp"
echo "$python"
