#!/usr/bin/env bash
# Runs the response decoders and the server's request reading under libFuzzer with
# AddressSanitizer, for a bounded time (not part of the package's build, nor of CI's default
# run; the seeded in-suite version is Tests/APIGenRuntimeTests/Decoding/DecoderFuzzTests.swift).
#
#   bash Tests/Fuzz/libfuzzer.sh [SECONDS]        # default 300
#
# Builds .build/fuzz/decoders with swiftc directly from the sources that need no package
# dependency (APIGenRuntime's decoding, errors, protocols, query and validation, APIGenXML, and
# APIGenServer's request types),
# seeds a corpus from published examples, runs, and prints libFuzzer's summary. A crash leaves
# its input in .build/fuzz/ (crash-*) and fails the script.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-300}"
out="$root/.build/fuzz"
mkdir -p "$out/corpus"
runtime="$root/Sources/APIGenRuntime"
server="$root/Sources/APIGenServer"
# One module from three libraries' files: the runtime's decoding (JSON, and XML error bodies),
# the XML library's decoder, and the server's request reading.
sources=(
    $(find "$runtime/Decoding" "$runtime/Errors" "$runtime/Protocols" "$runtime/Query" "$runtime/Validation" -name '*.swift' | sort)
    $(find "$root/Sources/APIGenXML" -name '*.swift' | sort)
    "$server/QueryDecoding.swift" "$server/RPCParameters.swift" "$server/RPCServerRequest.swift"
    "$server/RequestDecodingError.swift" "$server/RPCServerError.swift"
    "$runtime/Signing/PercentEncoding.swift" "$runtime/Signing/SignedRequest.swift" "$runtime/Transport/RPCTransport.swift" "$runtime/Client/RetryPolicy.swift" "$runtime/Client/RPCRedaction.swift"
    "$root/Tests/Fuzz/LibFuzzerTarget.swift"
)
flags=()
for flag in $(pkg-config --cflags libxml-2.0); do flags+=(-Xcc "$flag"); done
swiftc -sanitize=fuzzer,address -parse-as-library -module-name APIGenRuntime -package-name apigen -O -g \
    -Xcc "-fmodule-map-file=$root/Sources/CLibXML2/module.modulemap" "${flags[@]}" \
    "${sources[@]}" -lxml2 -o "$out/decoders"

# Seeds: a few published JSON examples and XML bodies, each behind its selector byte.
python3 - "$root" "$out/corpus" <<'PY'
import json, os, sys, glob
root, corpus = sys.argv[1], sys.argv[2]
seeds = [
    (0, b'{"RequestId":"R","TotalCount":2,"Ratio":0.5,"Enabled":true,"Items":{"Item":[{"Id":"i-1","Size":40,"Tags":["a","b"]}]}}'),
    (1, b'<?xml version="1.0"?><R><RequestId>R</RequestId><TotalCount>2</TotalCount><Items><Item><Id>i-1</Id><Tags>a</Tags><Tags>b</Tags></Item></Items></R>'),
    (2, b'{"RequestId":"R","Code":"Throttling","Message":"m","HostId":"h"}'),
    (2, b'<?xml version="1.0"?><Error><RequestId>R</RequestId><Code>Throttling</Code><Message>m</Message></Error>'),
    (3, b'/?Action=DescribeInstances&PageSize=10&DryRun=true&InstanceIds=%5B%22i-1%22%5D&Tag.1.Key=k\nRegionId=cn-hangzhou&a+b=%C3%A9'),
]
for path in sorted(glob.glob(os.path.join(root, "Specs", "Ecs", "*.xml")))[:30]:
    text = open(path, encoding="utf-8").read()
    start = text.find('<example format="json">')
    if start >= 0:
        end = text.find("</example>", start)
        seeds.append((0, text[start + 23:end].replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").encode()))
for index, (selector, body) in enumerate(seeds):
    with open(os.path.join(corpus, f"seed-{index}"), "wb") as handle:
        handle.write(bytes([selector]) + body)
PY

cd "$out"
status=0
"$out/decoders" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    "$out/corpus" 2>"$out/libfuzzer.log" || status=$?
grep -E "^(#[0-9]+ +DONE|Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==ERROR|SUMMARY)" "$out/libfuzzer.log" || tail -20 "$out/libfuzzer.log"
echo "libfuzzer: $(ls "$out/corpus" | wc -l) corpus entries after ${seconds} s; exit status $status (log: $out/libfuzzer.log)"
exit "$status"
