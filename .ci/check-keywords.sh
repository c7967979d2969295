#!/usr/bin/env bash
# Generates Tests/Keywords/Specs (Swift keywords as every kind of name apigen writes) into a
# temporary folder and type-checks the result against the package's APIGenRuntime: every name
# apigen writes must be valid Swift. Nothing is written inside the repository.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
swift build --product apigen >/dev/null
# What generated client and server modules import: the runtime, the credential chain, the server side.
swift build --target ECSServer >/dev/null
apigen="$(swift build --show-bin-path)/apigen"
"$apigen" Tests/Keywords/Specs --templates "$root/Templates" --schema "$root/Specs/apigen.xsd" --output "$work/Generated" --no-cache
module="$(sed -n 's/.*swiftModule="\([^"]*\)".*/\1/p' Tests/Keywords/Specs/Keywords/product.xml | head -n 1)"
bash "$root/.ci/typecheck-generated.sh" "$work/Generated/Keywords" "$module"
echo "check-keywords: $(ls "$work/Generated/Keywords" "$work/Generated/KeywordsServer" | wc -l) files with keywords as names type-check (client and server modules)"
