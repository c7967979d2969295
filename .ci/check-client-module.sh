#!/usr/bin/env bash
# `import ECS` must build without a system library, server code, a template engine or the
# emulator: walks the package's target graph from each generated client module (and the
# runtime it builds on) and fails naming any such target or package it reaches.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
swift package --package-path "$root" --scratch-path "$scratch" dump-package > "$scratch/package.json"
python3 - "$scratch/package.json" <<'PYTHON'
import json, sys
package = json.load(open(sys.argv[1]))
targets = {t["name"]: t for t in package["targets"]}
forbidden_targets = {"APIGenXML", "APIGenServer", "APIGenKit", "ECSServer", "STSServer", "ECSEmulator"}
forbidden_packages = {"swift-mustache", "hummingbird", "swift-argument-parser"}
roots = ["ECS", "STS", "APIGenRuntime", "APIGenCredentials"]
failed = False
for root in roots:
    seen, stack, packages = set(), [root], set()
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        for dependency in targets[name].get("dependencies", []):
            kind, value = next(iter(dependency.items()))
            if kind in ("byName", "target"):
                if value[0] in targets:
                    stack.append(value[0])
            elif kind == "product":
                packages.add(value[1])
    systems = sorted(n for n in seen if targets[n]["type"] == "system")
    problems = sorted(seen & forbidden_targets) + systems + sorted(packages & forbidden_packages)
    if problems:
        failed = True
        print(f"check-client-module: {root} reaches {', '.join(problems)}", file=sys.stderr)
    else:
        print(f"check-client-module: {root} builds on {', '.join(sorted(seen - {root})) or 'nothing of this package'} "
              f"and packages {', '.join(sorted(packages))}: no system library, server, template engine or emulator")
sys.exit(1 if failed else 0)
PYTHON
