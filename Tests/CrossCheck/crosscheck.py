#!/usr/bin/env python3
"""Cross-check apigen's request signing against Alibaba Cloud's official Python SDK.

Reads one JSON document on stdin, ``{"cases": [...]}``, runs every case through the signing
helpers of two of Alibaba Cloud's own packages, and writes ``{"results": [...]}`` (same order,
same ``id``) to stdout:

* ``alibabacloud_tea_openapi.utils.Utils`` (alibabacloud-tea-openapi, what
  alibabacloud-ecs20140526 uses today), reported as ``tea_openapi``;
* ``alibabacloud_openapi_util.client.Client`` (alibabacloud-openapi-util, the older separate
  package), reported as ``openapi_util``.

Nothing here signs by itself: every string compared comes out of the SDK's functions. To see
the intermediate strings the SDK does not return (the RPC string to sign, the V3 canonical
request), the script records the arguments of the SDK's own calls to ``hmac.new`` and
``hash``; it does not change what they compute.

Case kinds (the Swift test, Tests/APIGenRuntimeTests/Signing/CrossCheckTests.swift, builds them):

``rpc``      {"method", "secret", "params": [[name, value], ...]}
             -> get_rpcsignature(dict(params), method, secret)
             => {"stringToSign", "signature"}
``v3``       {"method", "path", "query": [[name, value], ...], "headers": [[name, value], ...],
              "bodyHex", "accessKeyId", "secret"}
             Headers are first narrowed to the ones V3 documents as signed (host, content-type,
             x-acs-*; the SDK itself signs whatever headers it is given), then
             -> get_authorization(request, "ACS3-HMAC-SHA256", hex(sha256(body)), id, secret)
             => {"canonicalRequest", "canonicalRequestHash", "stringToSign", "authorization",
                 "payloadHash"}
``flatten``  {"name", "value": tagged value} -> query({name: value})
             => {"items": [[name, value], ...]} in the SDK's order
             Tagged values keep JSON from blurring types: {"s": str}, {"i": int}, {"b": bool},
             {"d": "repr of a double"}, {"l": [tagged]}, {"o": [[key, tagged], ...]}, {"n": null}.
"""

import hashlib
import hmac as _real_hmac
import json
import sys
import types

SIGN_TYPE = "ACS3-HMAC-SHA256"


class Instrumented:
    """One SDK implementation, with its hmac and hash calls recorded."""

    def __init__(self, label, module, cls):
        self.label = label
        self.cls = cls
        self.calls = []
        calls = self.calls

        def new(key, msg=None, digestmod=None):
            calls.append(("hmac", msg))
            return _real_hmac.new(key, msg, digestmod)

        module.hmac = types.SimpleNamespace(new=new)

        original_hash = cls.hash

        def recording_hash(raw, sign_type):
            calls.append(("hash", raw))
            return original_hash(raw, sign_type)

        cls.hash = staticmethod(recording_hash)

    def last(self, kind):
        for recorded_kind, value in reversed(self.calls):
            if recorded_kind == kind:
                return value
        raise RuntimeError(f"{self.label}: no {kind} call was recorded")

    def rpc(self, case):
        self.calls.clear()
        params = {name: value for name, value in case["params"]}
        signature = self.cls.get_rpcsignature(params, case["method"], case["secret"])
        string_to_sign = self.last("hmac")
        if isinstance(string_to_sign, bytes):
            string_to_sign = string_to_sign.decode("utf-8")
        return {"stringToSign": string_to_sign, "signature": signature}

    def v3(self, case):
        self.calls.clear()
        body = bytes.fromhex(case["bodyHex"])
        payload_hash = self.cls.hash(body, SIGN_TYPE).hex()
        headers = {}
        for name, value in case["headers"]:
            lower = name.lower()
            if lower == "host" or lower == "content-type" or lower.startswith("x-acs-"):
                headers[name] = value
        request = types.SimpleNamespace(
            method=case["method"],
            pathname=case["path"],
            query={name: value for name, value in case["query"]},
            headers=headers,
        )
        authorization = self.cls.get_authorization(
            request, SIGN_TYPE, payload_hash, case["accessKeyId"], case["secret"]
        )
        canonical_request = self.last("hash").decode("utf-8")
        string_to_sign = self.last("hmac")
        if isinstance(string_to_sign, bytes):
            string_to_sign = string_to_sign.decode("utf-8")
        return {
            "canonicalRequest": canonical_request,
            "canonicalRequestHash": hashlib.sha256(canonical_request.encode("utf-8")).hexdigest(),
            "stringToSign": string_to_sign,
            "authorization": authorization,
            "payloadHash": payload_hash,
        }

    def flatten(self, case):
        out = self.cls.query({case["name"]: untag(case["value"])})
        return {"items": [[name, value] for name, value in out.items()]}


def untag(tagged):
    (tag, value), = tagged.items()
    if tag == "s":
        return value
    if tag == "i":
        return int(value)
    if tag == "b":
        return bool(value)
    if tag == "d":
        return float(value)
    if tag == "l":
        return [untag(item) for item in value]
    if tag == "o":
        return {key: untag(item) for key, item in value}
    if tag == "n":
        return None
    raise ValueError(f"unknown tag {tag!r}")


def main():
    try:
        from alibabacloud_tea_openapi import utils as tea_utils
        from alibabacloud_openapi_util import client as legacy_client
    except ImportError as error:
        sys.stderr.write(
            f"crosscheck.py: cannot import the Alibaba Cloud SDK ({error}); "
            "run .ci/crosscheck-setup.sh to create the venv\n"
        )
        return 3

    implementations = [
        Instrumented("tea_openapi", tea_utils, tea_utils.Utils),
        Instrumented("openapi_util", legacy_client, legacy_client.Client),
    ]

    document = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    results = []
    for case in document["cases"]:
        result = {"id": case["id"], "sdks": {}}
        for implementation in implementations:
            handler = getattr(implementation, case["kind"])
            result["sdks"][implementation.label] = handler(case)
        results.append(result)

    versions = {}
    try:
        from importlib.metadata import version

        for package in ("alibabacloud-tea-openapi", "alibabacloud-openapi-util", "alibabacloud-ecs20140526"):
            versions[package] = version(package)
    except Exception:  # version reporting is informational only
        pass

    sys.stdout.write(json.dumps({"versions": versions, "results": results}, ensure_ascii=True))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
