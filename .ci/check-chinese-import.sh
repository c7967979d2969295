#!/usr/bin/env bash
# Imports ECS from Alibaba's Chinese metadata into a temporary folder, generates Swift from it,
# and type-checks the result: descriptions in Chinese must reach the doc comments intact and
# compile. Nothing is written inside the repository.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
metadata="$root/../shared/specs-upstream/ecs-2014-05-26.zh_cn.api-docs.json"
[[ -f "$metadata" ]] || { echo "check-chinese-import: $metadata is missing" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/Specs"
cp "$root/Specs/apigen.xsd" "$work/Specs/"
cd "$root"
swift build --product apigen >/dev/null
apigen="$(swift build --show-bin-path)/apigen"
"$apigen" import "$metadata" --output "$work/Specs/Ecs"
"$apigen" "$work/Specs" --templates "$root/Templates" --output "$work/Generated"
grep -q "本接口支持根据不同请求条件查询实例列表" "$work/Generated/Ecs/DescribeInstances.swift" \
    || { echo "check-chinese-import: Chinese description missing from DescribeInstances.swift" >&2; exit 1; }
swift build --target ECSServer >/dev/null
bash "$root/.ci/typecheck-generated.sh" "$work/Generated/Ecs" ECS
echo "check-chinese-import: $(ls "$work/Generated/Ecs" "$work/Generated/EcsServer" | wc -l) files from the Chinese metadata type-check (client and server modules)"
