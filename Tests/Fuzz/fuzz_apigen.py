#!/usr/bin/env python3
"""A seeded fuzzer for apigen as a hostile user meets it: the generator and the importer.

    python3 Tests/Fuzz/fuzz_apigen.py --apigen .build/debug/apigen --seconds 60 --seed 15

Each input is a run of the real `apigen` binary in a fresh temporary folder:

* generate: a small spec folder (a base taken from Tests/Golden/Specs, Tests/Keywords/Specs and a
  few ECS actions), mutated (byte flips, truncation, deep nesting, huge names and enums,
  invalid UTF-8, NUL, BOM, CRLF and CR line ends, an action duplicated under another file, a
  folder where a file should be, file names too long, names that clash with product-level
  files, keywords), run over an output folder generated from the unmutated base;
* import: a small api-docs.json (a few ECS actions from Alibaba's metadata, or a built-in
  document when the metadata is missing), mutated (types swapped, keys missing, huge strings,
  deep nesting, invalid JSON, hostile action names), imported over a spec folder imported from
  the unmutated document.

Every run must end in success, or in a clean failure: exit status 1, every `error:` line of a
spec problem in `path:line:column: error:` form, and, when apigen says nothing was written,
the output folder exactly as it was. A crash (a signal, any other status), a run over the
per-input time bound (a hang) or over the memory bound is a finding; its input is kept under
--findings. The summary line says how many inputs ran, for how long, and what was found; the
exit status is 1 when anything was.
"""

import argparse
import hashlib
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LOCATED = re.compile(rb"^.+:\d+:\d+: (error|warning): ")
# Errors that belong to no spec file, and say so (folders, the schema, templates, the output).
UNLOCATED_OK = (
    b"error: cannot read", b"error: no product", b"error: the spec folder", b"error: cannot write",
    b"error: cannot move", b"error: cannot remove", b"error: cannot keep", b"error: cannot create",
    b"error: '", b"error: no spec", b"error: the output", b"error: template", b"error: product folder",
)


def snapshot(folder):
    """Relative path -> sha256 of every file and folder below `folder` (folders as 'dir')."""
    result = {}
    if not os.path.exists(folder):
        return result
    for base, dirs, files in os.walk(folder):
        for name in dirs:
            result[os.path.relpath(os.path.join(base, name), folder)] = "dir"
        for name in files:
            path = os.path.join(base, name)
            try:
                with open(path, "rb") as handle:
                    result[os.path.relpath(path, folder)] = hashlib.sha256(handle.read()).hexdigest()
            except OSError as error:
                result[os.path.relpath(path, folder)] = f"unreadable {error}"
    return result


def run_bounded(arguments, timeout, memory_mb, cwd):
    """Runs a command; returns (status, stdout, stderr, seconds, max RSS in MB, timed out)."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(arguments, stdout=out, stderr=err, stdin=subprocess.DEVNULL, cwd=cwd,
                                   start_new_session=True)
        timed_out = False
        status, rusage = None, None
        while True:
            pid, raw, usage = os.wait4(process.pid, os.WNOHANG)
            if pid == process.pid:
                status, rusage = raw, usage
                break
            if time.monotonic() - started > timeout:
                timed_out = True
                os.killpg(process.pid, signal.SIGKILL)
                _, status, rusage = os.wait4(process.pid, 0)
                break
            # Memory: the child's current RSS, from /proc, killed when over the bound.
            try:
                with open(f"/proc/{process.pid}/statm") as statm:
                    rss_mb = int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
                if rss_mb > memory_mb:
                    os.killpg(process.pid, signal.SIGKILL)
                    _, status, rusage = os.wait4(process.pid, 0)
                    break
            except (OSError, ValueError, IndexError):
                pass
            time.sleep(0.005)
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return (process.returncode, out.read(), err.read(), time.monotonic() - started,
                rusage.ru_maxrss / 1024 if rusage else 0, timed_out)


# MARK: Mutations of spec folders

KEYWORDS = ["false", "true", "nil", "class", "default", "Any", "Self", "Type", "init", "self", "in", "case"]


def spec_files(folder):
    found = []
    for base, _, files in os.walk(folder):
        found += [os.path.join(base, name) for name in files if name.endswith(".xml")]
    return sorted(found)


def read(path):
    with open(path, "rb") as handle:
        return handle.read()


def write(path, data):
    with open(path, "wb") as handle:
        handle.write(data)


def mutate_specs(rng, specs, output):
    """Applies 1-3 mutations to the spec folder `specs` (and maybe `output`); returns their names."""
    applied = []
    for _ in range(rng.randint(1, 3)):
        files = spec_files(specs)
        if not files:
            break
        path = rng.choice(files)
        data = read(path)
        kind = rng.choice([
            "byteflip", "truncate", "nesting", "hugename", "hugeenum", "utf8", "nul", "bom", "crlf", "cr",
            "duplicate", "folder", "outputfolder", "longswiftname", "productname", "keyword", "empty", "attribute",
            "deleteproduct", "hugetext", "entity",
        ])
        applied.append(f"{kind}:{os.path.relpath(path, specs)}")
        if kind == "byteflip" and data:
            array = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                array[rng.randrange(len(array))] = rng.randrange(256)
            data = bytes(array)
        elif kind == "truncate":
            data = data[: rng.randrange(len(data) + 1)]
        elif kind == "nesting":
            depth = rng.choice([50, 500, 5000])
            nest = b"".join(b'<parameter name="N%d" type="object">' % i for i in range(depth)) + b"</parameter>" * depth
            data = data.replace(b"<request>", b"<request>" + nest, 1)
        elif kind == "hugename":
            size = rng.choice([300, 5000, 200000])
            data = re.sub(rb'name="[^"]*"', b'name="' + b"N" * size + b'"', data, count=rng.randint(1, 2))
        elif kind == "hugeenum":
            values = b"".join(b"<value>v%d</value>" % i for i in range(rng.choice([1000, 20000])))
            data = data.replace(b"<request>", b'<request><parameter name="Big" type="string"><enum>' + values + b"</enum></parameter>", 1)
        elif kind == "utf8":
            position = rng.randrange(len(data) + 1)
            data = data[:position] + rng.choice([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80"]) + data[position:]
        elif kind == "nul":
            position = rng.randrange(len(data) + 1)
            data = data[:position] + b"\x00" + data[position:]
        elif kind == "bom":
            data = b"\xef\xbb\xbf" + data
        elif kind == "crlf":
            data = data.replace(b"\n", b"\r\n")
        elif kind == "cr":
            data = data.replace(b"\n", b"\r")
        elif kind == "duplicate":
            write(os.path.join(os.path.dirname(path), "Copy%d.xml" % rng.randrange(100)), data)
        elif kind == "folder":
            os.remove(path)
            os.makedirs(path)
            continue
        elif kind == "outputfolder":
            product = os.path.basename(os.path.dirname(path))
            target = os.path.join(output, product, rng.choice(["Ping.swift", "Everything.swift", "Injection.swift"]))
            if os.path.isfile(target):
                os.remove(target)
            os.makedirs(target, exist_ok=True)
            continue
        elif kind == "longswiftname":
            data = re.sub(rb"<action ", b'<action swiftName="L' + b"o" * rng.choice([200, 260, 300]) + b'" ', data, count=1)
        elif kind == "productname":
            data = re.sub(rb"<action ", b'<action swiftName="' + rng.choice([b"NastyClient", b"KwService", b"BareProduct", b"ECSClient"]) + b'" ', data, count=1)
        elif kind == "keyword":
            keyword = rng.choice(KEYWORDS).encode()
            where = rng.choice([b"<items ", b"<parameter ", b"<field ", b"<value ", b"<error "])
            data = data.replace(where, where + b'swiftName="' + keyword + b'" ', 1)
        elif kind == "empty":
            data = b""
        elif kind == "attribute":
            data = re.sub(rb'type="[a-z]+"', b'type="' + rng.choice([b"object", b"array", b"integer", b"strin", b""]) + b'"', data, count=rng.randint(1, 3))
        elif kind == "deleteproduct":
            product = os.path.join(os.path.dirname(path), "product.xml")
            if os.path.isdir(product):
                shutil.rmtree(product)
            elif os.path.exists(product):
                os.remove(product)
            continue
        elif kind == "hugetext":
            data = data.replace(b"<summary>", b"<summary>" + b"x" * rng.choice([10000, 1000000]), 1)
        elif kind == "entity":
            data = data.replace(b"?>", b'?>\n<!DOCTYPE a [<!ENTITY e "&#38;#38;">]>', 1)
        write(path, data)
    return applied


# MARK: Mutations of metadata JSON

def random_value(rng, depth=0):
    choice = rng.randrange(7)
    if choice == 0:
        return None
    if choice == 1:
        return rng.choice([0, -1, 2**63, 1.5e308, True])
    if choice == 2:
        return rng.choice(["", "x" * rng.choice([10, 100000]), "\u0000", "\udcff".encode("utf-8", "surrogatepass").decode("utf-8", "replace"), "中文"])
    if choice == 3 and depth < 3:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if choice == 4 and depth < 3:
        return {rng.choice(["type", "schema", "name", "in", "items", "enum", "required"]): random_value(rng, depth + 1)}
    return rng.choice(["string", "object", "array", "integer"])


def paths(value, limit=40):
    """Every path into `value` (keys and indices), iteratively, at most `limit` deep."""
    stack = [((), value)]
    while stack:
        prefix, current = stack.pop()
        yield prefix
        if len(prefix) >= limit:
            continue
        if isinstance(current, dict):
            stack += [(prefix + (key,), child) for key, child in current.items()]
        elif isinstance(current, list):
            stack += [(prefix + (index,), child) for index, child in enumerate(current)]


def mutate_metadata(rng, document):
    """Returns (bytes, mutation names) for a mutated copy of the parsed `document`."""
    document = json.loads(json.dumps(document))
    applied = []
    for _ in range(rng.randint(1, 3)):
        kind = rng.choice(["swap", "delete", "hugestring", "nesting", "actionname", "invalid", "duplicatecase", "hugeenum"])
        applied.append(kind)
        all_paths = [p for p in paths(document) if p]
        if kind in ("swap", "delete", "hugestring") and all_paths:
            target = rng.choice(all_paths)
            parent = document
            for key in target[:-1]:
                parent = parent[key]
            if kind == "swap":
                parent[target[-1]] = random_value(rng)
            elif kind == "delete":
                if isinstance(parent, dict):
                    del parent[target[-1]]
                else:
                    parent.pop(target[-1])
            else:
                parent[target[-1]] = "y" * rng.choice([1000, 300000])
        elif kind == "nesting" and isinstance(document.get("apis"), dict) and document["apis"]:
            name = rng.choice(sorted(document["apis"]))
            api = document["apis"][name]
            if isinstance(api, dict):
                schema = {"type": "string"}
                for _ in range(rng.choice([30, 300, 3000])):
                    schema = {"type": "object", "properties": {"Inner": schema}}
                api["parameters"] = [{"name": "Deep", "in": "query", "schema": schema}]
        elif kind == "actionname" and isinstance(document.get("apis"), dict) and document["apis"]:
            name = rng.choice(sorted(document["apis"]))
            new = rng.choice(["A" * rng.choice([250, 300]), "../../etc/passwd", "product", "Ping", "PING", "a/b", "", "中文", "ECSClient", "false"])
            document["apis"][new] = document["apis"].pop(name)
        elif kind == "duplicatecase" and isinstance(document.get("apis"), dict) and document["apis"]:
            name = rng.choice(sorted(document["apis"]))
            document["apis"][name.upper()] = document["apis"][name]
        elif kind == "hugeenum" and isinstance(document.get("apis"), dict) and document["apis"]:
            name = rng.choice(sorted(document["apis"]))
            api = document["apis"][name]
            if isinstance(api, dict):
                api["parameters"] = [{"name": "E", "in": "query", "schema": {"type": "string", "enum": ["v%d" % i for i in range(rng.choice([1000, 50000]))]}}]
    data = json.dumps(document, ensure_ascii=rng.random() < 0.5).encode()
    if "invalid" in applied:
        choice = rng.randrange(3)
        if choice == 0:
            data = data[: rng.randrange(len(data) + 1)]
        elif choice == 1 and data:
            array = bytearray(data)
            for _ in range(rng.randint(1, 5)):
                array[rng.randrange(len(array))] = rng.randrange(256)
            data = bytes(array)
        else:
            data = b"[" * 100000 + data
    return data, applied


# MARK: Checks

def judge(status, stderr, seconds, rss_mb, timed_out, before, after, arguments):
    """The finding of one run, or None when it ended well."""
    if timed_out:
        return f"hang: no answer within {arguments.per_input_timeout} s"
    if rss_mb > arguments.memory_mb:
        return f"runaway memory: {rss_mb:.0f} MB"
    if status < 0:
        return f"crash: signal {-status}"
    if status not in (0, 1):
        return f"crash: exit status {status}"
    if status == 0:
        return None
    lines = stderr.splitlines()
    for line in lines:
        if b"error: " in line and not line.startswith(b"apigen") and not LOCATED.match(line):
            if not any(line.startswith(ok) for ok in UNLOCATED_OK):
                return "unlocated error: " + line[:300].decode("utf-8", "replace")
    if not any(line.startswith(b"apigen") for line in lines):
        return "failed without apigen's closing line: " + stderr[-300:].decode("utf-8", "replace")
    said_nothing = any(b"nothing was written" in line for line in lines)
    if said_nothing and before != after:
        changed = sorted(set(before.items()) ^ set(after.items()))[:5]
        return f"said nothing was written but the output changed: {changed}"
    return None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--apigen", required=True)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--seconds", type=float, default=60, help="time budget for generate and import together")
    parser.add_argument("--per-input-timeout", type=float, default=30)
    parser.add_argument("--memory-mb", type=float, default=3000)
    parser.add_argument("--findings", default=os.path.join(ROOT, ".build", "fuzz-findings"))
    parser.add_argument("--metadata", default=os.path.join(ROOT, "..", "shared", "specs-upstream", "ecs-2014-05-26.en_us.api-docs.json"))
    arguments = parser.parse_args()
    arguments.apigen = os.path.abspath(arguments.apigen)
    rng = random.Random(arguments.seed)
    sys.setrecursionlimit(50000)  # deeply nested mutated metadata is copied and dumped
    work = tempfile.mkdtemp(prefix="apigen-fuzz-")
    templates = os.path.join(ROOT, "Templates")
    schema = os.path.join(ROOT, "Specs", "apigen.xsd")

    # Bases: folders with one product each, and their output.
    bases = {}
    for label, source in [("Bare", "Tests/Golden/Specs/Bare"), ("Nasty", "Tests/Golden/Specs/Nasty"),
                          ("Keywords", "Tests/Keywords/Specs/Keywords")]:
        bases[label] = os.path.join(ROOT, source)
    ecs = os.path.join(work, "base-Ecs")
    os.makedirs(ecs)
    for name in ["product.xml", "AttachClassicLinkVpc.xml", "DescribeRegions.xml", "RunInstances.xml", "DescribeInstances.xml"]:
        shutil.copy(os.path.join(ROOT, "Specs", "Ecs", name), ecs)
    bases["Ecs"] = ecs
    generated = {}
    for label, source in bases.items():
        specs = os.path.join(work, "prepare", "Specs")
        shutil.rmtree(os.path.join(work, "prepare"), ignore_errors=True)
        shutil.copytree(source, os.path.join(specs, label))
        out = os.path.join(work, "generated-" + label)
        result = subprocess.run([arguments.apigen, specs, "--output", out, "--templates", templates, "--schema", schema, "--no-cache"],
                                capture_output=True)
        if result.returncode != 0:
            sys.stderr.write(f"fuzz: the base {label} does not generate: {result.stderr.decode()}\n")
            return 2
        generated[label] = out

    # The metadata base: a few ECS actions (or a built-in document).
    try:
        with open(arguments.metadata, encoding="utf-8") as handle:
            full = json.load(handle)
        names = sorted(full["apis"])
        keep = set(["AttachClassicLinkVpc", "DescribeRegions", "RunInstances"] + random.Random(arguments.seed).sample(names, 5))
        full["apis"] = {name: full["apis"][name] for name in names if name in keep}
        metadata = full
    except (OSError, KeyError, ValueError):
        metadata = {"version": "1.0", "info": {"style": "RPC", "product": "Ecs", "version": "2014-05-26"}, "endpoints": [],
                    "apis": {"Ping": {"summary": "Pings.", "parameters": [{"name": "RegionId", "in": "query", "schema": {"type": "string", "required": True}}],
                                      "responses": {"200": {"schema": {"type": "object", "properties": {"RequestId": {"type": "string"}}}}}}}}
    metadata_path = os.path.join(work, "base.json")
    with open(metadata_path, "w", encoding="utf-8") as handle:
        json.dump(metadata, handle)
    imported = os.path.join(work, "imported", "Ecs")
    result = subprocess.run([arguments.apigen, "import", metadata_path, "--output", imported], capture_output=True)
    if result.returncode != 0:
        sys.stderr.write(f"fuzz: the metadata base does not import: {result.stderr.decode()}\n")
        return 2

    started = time.monotonic()
    counts = {"generate": 0, "import": 0}
    outcomes = {"success": 0, "clean failure": 0}
    findings = []
    slowest = (0.0, "")
    iteration = 0
    while time.monotonic() - started < arguments.seconds:
        iteration += 1
        case = os.path.join(work, f"case-{iteration}")
        mode = "generate" if iteration % 3 else "import"
        if mode == "generate":
            label = rng.choice(sorted(bases))
            specs = os.path.join(case, "Specs")
            shutil.copytree(bases[label], os.path.join(specs, label))
            output = os.path.join(case, "Generated")
            shutil.copytree(generated[label], output)
            applied = mutate_specs(rng, specs, output)
            command = [arguments.apigen, specs, "--output", output, "--templates", templates, "--schema", schema, "--no-cache"]
            watched = output
        else:
            data, applied = mutate_metadata(rng, metadata)
            os.makedirs(case)
            path = os.path.join(case, "api-docs.json")
            write(path, data)
            output = os.path.join(case, "Specs", "Ecs")
            shutil.copytree(imported, output)
            command = [arguments.apigen, "import", path, "--output", output]
            watched = output
        before = snapshot(watched)
        status, _, stderr, seconds, rss, timed_out = run_bounded(command, arguments.per_input_timeout, arguments.memory_mb, case)
        after = snapshot(watched)
        counts[mode] += 1
        # The importer's errors name the metadata, not a spec line: `apigen import: error: …`.
        finding = judge(status, stderr, seconds, rss, timed_out, before, after, arguments)
        if not finding and status == 1 and before != after and b"left changed" not in stderr:
            changed = sorted(set(before.items()) ^ set(after.items()))[:5]
            finding = f"a failed {mode} changed its output folder: {changed}"
        if seconds > slowest[0]:
            slowest = (seconds, f"{mode} {applied}")
        if finding:
            os.makedirs(arguments.findings, exist_ok=True)
            kept = os.path.join(arguments.findings, f"seed{arguments.seed}-{iteration}")
            shutil.rmtree(kept, ignore_errors=True)
            shutil.copytree(case, kept, symlinks=True)
            findings.append(f"{mode} #{iteration} {applied}: {finding} (input kept in {kept})")
            print(f"FINDING {findings[-1]}", flush=True)
        else:
            outcomes["success" if status == 0 else "clean failure"] += 1
        shutil.rmtree(case, ignore_errors=True)
    elapsed = time.monotonic() - started
    shutil.rmtree(work, ignore_errors=True)
    print(f"fuzz: seed {arguments.seed}: {counts['generate']} generate and {counts['import']} import inputs in {elapsed:.0f} s; "
          f"{outcomes['success']} succeeded, {outcomes['clean failure']} failed cleanly, {len(findings)} findings; "
          f"slowest {slowest[0]:.1f} s ({slowest[1]})")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
