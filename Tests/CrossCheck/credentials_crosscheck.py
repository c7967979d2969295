#!/usr/bin/env python3
"""Cross-check apigen's credential chain against Alibaba Cloud's official Python library
(alibabacloud-credentials 1.0.12, pinned in requirements.txt).

Reads ``{"cases": [...]}`` on stdin and writes ``{"results": [...]}`` (same order, same ``id``).
Each case is ``{"id", "env": {name: value}, "files": {path under HOME: text}}``. For each case
the script makes a new HOME holding the files, replaces the environment with ``env`` (plus
HOME), reloads the library's modules that read the environment when imported, and asks
``DefaultCredentialsProvider().get_credentials()``: the library's own default chain, unchanged.

Nothing leaves the process: ``Tea.core.TeaCore.do_action`` (the library's only way to the
network) is replaced by a fake that records each request and answers as the services would,
deterministically, so that the Swift test's fakes can answer exactly the same:

* the ECS metadata service (host 100.100.100.200): ``PUT /latest/api/token`` -> ``imds-token``;
  ``GET .../security-credentials/`` -> ``role-from-imds``; ``GET .../security-credentials/ROLE``
  -> AccessKeyId ``STS.ecs.ROLE``;
* STS ``AssumeRole`` -> AccessKeyId ``STS.role.<caller's AccessKeyId>``;
* STS ``AssumeRoleWithOIDC`` -> AccessKeyId ``STS.oidc.<OIDCToken>``;
* any other host (a credentials URI) -> AccessKeyId ``STS.uri``.

A result is ``{"id", "provider": "default/…", "accessKeyId", "secretSHA256", "hasToken",
"requests": [{"host", "method", "path", "action", "params": {name: value}}]}`` or
``{"id", "error": "..."}``. Secrets are reported as SHA-256 digests only.
"""

import hashlib
import importlib
import json
import os
import shutil
import sys
import tempfile
import urllib.parse

from Tea.core import TeaCore
from Tea.response import TeaResponse

import alibabacloud_credentials.utils.auth_util as auth_util
import alibabacloud_credentials.utils.auth_constant as auth_constant

RECORDED = []


def answer(status, body):
    response = TeaResponse()
    response.status_code = status
    response.status_message = "OK" if status == 200 else "Error"
    response.headers = {}
    response.body = body.encode("utf-8")
    return response


def credentials_json(key_id, code=True):
    document = {
        "AccessKeyId": key_id,
        "AccessKeySecret": "secret-of-" + key_id,
        "SecurityToken": "token-of-" + key_id,
        "Expiration": "2099-01-01T00:00:00Z",
    }
    if code:
        document["Code"] = "Success"
    return document


def fake_do_action(request, runtime_option=None):
    host = request.headers.get("host", "")
    params = {}
    for key, value in (request.query or {}).items():
        params[key] = str(value)
    body = request.body
    if isinstance(body, bytes):
        body = body.decode("utf-8")
    if isinstance(body, str) and body:
        for key, value in urllib.parse.parse_qsl(body, keep_blank_values=True):
            params[key] = value
    action = params.get("Action", "")
    RECORDED.append({
        "host": host,
        "method": request.method,
        "path": request.pathname,
        "action": action,
        "params": {k: v for k, v in params.items()
                   if k in ("RoleArn", "RoleSessionName", "DurationSeconds", "Policy", "ExternalId",
                            "OIDCProviderArn", "OIDCToken", "AccessKeyId")},
    })
    if host == "100.100.100.200":
        if request.method == "PUT" and request.pathname == "/latest/api/token":
            return answer(200, "imds-token")
        prefix = "/latest/meta-data/ram/security-credentials/"
        if request.pathname == prefix:
            return answer(200, "role-from-imds")
        if request.pathname.startswith(prefix):
            role = request.pathname[len(prefix):]
            return answer(200, json.dumps(credentials_json("STS.ecs." + role)))
        return answer(404, "not found")
    if action == "AssumeRole":
        return answer(200, json.dumps({"RequestId": "r", "Credentials": credentials_json("STS.role." + params.get("AccessKeyId", ""), code=False)}))
    if action == "AssumeRoleWithOIDC":
        return answer(200, json.dumps({"RequestId": "r", "Credentials": credentials_json("STS.oidc." + params.get("OIDCToken", ""), code=False)}))
    return answer(200, json.dumps(credentials_json("STS.uri")))


async def fake_async_do_action(request, runtime_option=None):
    return fake_do_action(request, runtime_option)


TeaCore.do_action = staticmethod(fake_do_action)
TeaCore.async_do_action = staticmethod(fake_async_do_action)


def run_case(case):
    home = tempfile.mkdtemp(prefix="credentials-crosscheck-")
    try:
        for relative, text in case.get("files", {}).items():
            path = os.path.join(home, relative)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text.replace("$HOME", home))
        os.environ.clear()
        for name, value in case.get("env", {}).items():
            os.environ[name] = value.replace("$HOME", home)
        os.environ["HOME"] = home
        importlib.reload(auth_util)
        importlib.reload(auth_constant)
        from alibabacloud_credentials.provider.default import DefaultCredentialsProvider
        RECORDED.clear()
        try:
            credentials = DefaultCredentialsProvider().get_credentials()
        except BaseException as error:  # RecursionError included: it is what a source_profile cycle gives
            return {"id": case["id"], "error": type(error).__name__ + ": " + str(error)[:300], "requests": list(RECORDED)}
        secret = credentials.get_access_key_secret() or ""
        return {
            "id": case["id"],
            "provider": credentials.get_provider_name(),
            "accessKeyId": credentials.get_access_key_id(),
            "secretSHA256": hashlib.sha256(secret.encode("utf-8")).hexdigest(),
            "hasToken": bool(credentials.get_security_token()),
            "requests": list(RECORDED),
        }
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main():
    cases = json.load(sys.stdin)["cases"]
    sys.setrecursionlimit(400)
    results = [run_case(case) for case in cases]
    json.dump({"results": results}, sys.stdout)


if __name__ == "__main__":
    main()
