#!/usr/bin/env python3
"""Converts Alibaba Cloud's RPC API metadata (api-docs.json) to an OpenAPI 3.0 document, so
that the peer, apple/swift-openapi-generator, can generate the same actions apigen does.

    python3 Benchmarks/Peer/ecs-to-openapi.py ../shared/specs-upstream/ecs-2014-05-26.en_us.api-docs.json out.json

Mapping (one operation per action, nothing left out on purpose):
- every action is an operation `operationId: <Action>` at path `/<Action>`, with its first
  HTTP method (Alibaba's RPC endpoint is `/?Action=<Action>`; OpenAPI paths cannot hold a
  query, and the peer only needs one distinct path per operation);
- parameters are query parameters: scalars as they are; `repeatList` arrays as exploded
  form arrays; `flat` objects as `deepObject`; `json` objects and arrays of objects as
  JSON-encoded (`content: application/json`), which is how RPC sends them; a parameter
  listed twice under one name is kept once;
- the 200 (or other 2xx) response schema becomes the `application/json` response, nested
  objects and arrays inline, with `required` lists built from each property's `required`;
- every error status in `errorCodes` becomes a response with the common error body
  (`#/components/schemas/Error`) and the codes listed in its description;
- types: string, integer (int32/int64), number (float/double), boolean, array, object;
  `enum`, `minimum`/`maximum`, `maxLength`, `pattern`, `maxItems`/`minItems`, `description`
  and `example` are kept; a schema without a type is a free-form value.
"""
import json
import sys

SCALAR_KEYS = ("format", "enum", "minimum", "maximum", "maxLength", "minLength", "pattern", "maxItems", "minItems")


def schema(source):
    """An OpenAPI 3.0 schema from an Alibaba metadata schema."""
    source = source or {}
    kind = source.get("type")
    out = {}
    if kind in ("string", "integer", "number", "boolean"):
        out["type"] = kind
        for key in SCALAR_KEYS:
            if key in source and source[key] not in (None, "", []):
                out[key] = number_or_value(source[key], kind if key in ("minimum", "maximum", "enum") else None)
        if kind == "integer" and out.get("format") not in ("int32", "int64"):
            out["format"] = "int64" if source.get("format") == "int64" else "int32"
        if kind == "number" and out.get("format") not in ("float", "double"):
            out.pop("format", None)
    elif kind == "array":
        out["type"] = "array"
        out["items"] = schema(source.get("items"))
        for key in ("maxItems", "minItems"):
            if isinstance(source.get(key), int):
                out[key] = source[key]
    elif kind == "object" or "properties" in source:
        out["type"] = "object"
        properties = source.get("properties") or {}
        if properties:
            out["properties"] = {name: schema(value) for name, value in properties.items()}
            required = [name for name, value in properties.items() if (value or {}).get("required") is True]
            if required:
                out["required"] = required
        else:
            out["additionalProperties"] = True
    else:
        return {"description": source.get("description", "A value of any type.")}
    if source.get("description"):
        out["description"] = source["description"]
    if "example" in source and kind in ("string", "integer", "number", "boolean"):
        example = number_or_value(source["example"], kind)
        if example is not None:
            out["example"] = example
    if source.get("deprecated") is True:
        out["deprecated"] = True
    return out


def number_or_value(value, kind):
    """Alibaba writes numbers and booleans as strings; OpenAPI wants them typed."""
    if isinstance(value, list):
        return [number_or_value(item, kind) for item in value]
    if not isinstance(value, str) or kind in (None, "string"):
        return value
    try:
        if kind == "integer":
            return int(value)
        if kind == "number":
            return float(value)
        if kind == "boolean":
            return value.lower() == "true"
    except ValueError:
        return None
    return value


def parameter(source):
    body = source.get("schema") or {}
    out = {"name": source["name"], "in": "query"}
    if body.get("required") is True:
        out["required"] = True
    if body.get("description"):
        out["description"] = body["description"]
    if body.get("deprecated") is True:
        out["deprecated"] = True
    converted = schema(body)
    style = source.get("style")
    kind = converted.get("type")
    if style == "json" or (kind == "array" and converted["items"].get("type") in ("object", "array", None)) \
            or (kind == "object" and style != "flat"):
        out["content"] = {"application/json": {"schema": converted}}
    elif kind == "object":
        out["style"] = "deepObject"
        out["explode"] = True
        out["schema"] = converted
    elif kind == "array":
        out["style"] = "form"
        out["explode"] = True
        out["schema"] = converted
    else:
        out["schema"] = converted
    return out


def parameters(api):
    """The action's RPC parameters; a name listed twice (it happens) is kept once, the first."""
    seen, out = set(), []
    for source in api.get("parameters") or []:
        if source.get("in", "query") in ("query", "formData", "body") and source["name"] not in seen:
            seen.add(source["name"])
            out.append(parameter(source))
    return out


def operation(name, api):
    responses = {}
    statuses = sorted(code for code in (api.get("responses") or {}) if code.startswith("2"))
    chosen = "200" if "200" in statuses else (statuses[0] if statuses else None)
    if chosen:
        responses[chosen] = {
            "description": "Success.",
            "content": {"application/json": {"schema": schema(api["responses"][chosen].get("schema"))}},
        }
    for status, errors in sorted((api.get("errorCodes") or {}).items()):
        if not status.isdigit() or not 100 <= int(status) <= 599:
            continue
        codes = ", ".join(sorted({error.get("errorCode", "") for error in errors if error.get("errorCode")}))
        responses[status] = {
            "description": "Error codes: " + (codes or "none listed") + ".",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
        }
    if not responses:
        responses["default"] = {"description": "Any response."}
    out = {
        "operationId": name,
        "summary": api.get("summary") or api.get("title") or name,
        "parameters": parameters(api),
        "responses": responses,
    }
    if api.get("description"):
        out["description"] = api["description"]
    if api.get("deprecated") is True:
        out["deprecated"] = True
    if not out["parameters"]:
        del out["parameters"]
    return out


def convert(metadata):
    info = metadata.get("info", {})
    paths = {}
    for name, api in sorted(metadata["apis"].items()):
        method = ((api.get("methods") or ["post"])[0]).lower()
        paths["/" + name] = {method: operation(name, api)}
    endpoints = sorted(metadata.get("endpoints") or [], key=lambda e: e.get("regionId", ""))
    return {
        "openapi": "3.0.3",
        "info": {"title": info.get("title") or info.get("product", "API"), "version": info.get("version", "1")},
        "servers": [{"url": "https://" + e["endpoint"], "description": e.get("regionId", "")} for e in endpoints if e.get("endpoint")],
        "paths": paths,
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["RequestId", "Code", "Message"],
                    "properties": {
                        "RequestId": {"type": "string"},
                        "HostId": {"type": "string"},
                        "Code": {"type": "string"},
                        "Message": {"type": "string"},
                        "Recommend": {"type": "string"},
                    },
                }
            }
        },
    }


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: ecs-to-openapi.py api-docs.json openapi.json")
    with open(sys.argv[1], encoding="utf-8") as source:
        metadata = json.load(source)
    document = convert(metadata)
    with open(sys.argv[2], "w", encoding="utf-8") as target:
        json.dump(document, target, ensure_ascii=False, indent=1)
    print(f"{sys.argv[2]}: {len(document['paths'])} operations", file=sys.stderr)


if __name__ == "__main__":
    main()
