#!/usr/bin/env python3
"""Alibaba Cloud's official Python SDK (alibabacloud-ecs20140526) against the ECS emulator.

Two steps, run by .ci/run with the venv of .ci/crosscheck-setup.sh:

    python python_sdk_against_emulator.py fixture FILE     # write the fixture the checks expect
    ecs-emulator --port 0 --fixture FILE                    # prints "ecs-emulator listening on http://127.0.0.1:PORT"
    python python_sdk_against_emulator.py check --endpoint 127.0.0.1:PORT

`check` runs the same checks twice, with the SDK's default V3 signature (ACS3-HMAC-SHA256,
which signs accept, user-agent, x-acs-credentials-provider, ...) and with
signature_algorithm="v2" (RPC signature 1.0, parameters in the query):

- success: AttachClassicLinkVpc links an instance, the link is in the emulator's state and
  DescribeClassicLinkInstances (through the SDK) shows it;
- each of the ten error codes of AttachClassicLinkVpc's table arrives as a TeaException with
  that code and HTTP status;
- a wrong secret is SignatureDoesNotMatch (400), an unknown key InvalidAccessKeyId.NotFound (404);
- STS credentials (with security_token) work;
- the throttling switch answers Throttling, then calls succeed again;
- STS: AssumeRole (Sts 2015-04-01, through the SDK's generic call_api, signed like any call)
  issues temporary credentials that the SDK's ECS client then uses successfully; a wrong
  secret is SignatureDoesNotMatch;
- parameters in a form body (the SDK's `body` with req_body_type formData, as apigen sends long
  parameters): AttachClassicLinkVpc with its parameters and 6 KB of padding in the body.
- a 1 MB parameter value in the URL is read, and one past the emulator's 4 MB limit answers
  RequestURITooLong (414) in Alibaba's error format, not an empty 400.
- an instance's life, as the Swift tests (Tests/ECSEmulatorTests) check it: RunInstances with
  Amount 3 and a ClientToken, twice (the same three IDs, created once), the token with other
  parameters (IdempotentParameterMismatch, 403), DryRun (DryRunOperation, 400); 25 instances
  listed by NextToken (MaxResults 10) and by PageNumber (PageSize 7), each once, in creation
  order; InstanceIds as the JSON text the SDK sends; polling until Running, StopInstances and
  polling until Stopped, StartInstances until Running, DeleteInstances without Force refused
  (IncorrectInstanceStatus, 403), with Force until DescribeInstanceAttribute answers
  InvalidInstanceId.NotFound (404). The emulator runs with --transition-speed 10 (Pending 200 ms,
  Starting and Stopping 300 ms); polls are 50 ms apart, 10 s at most.

Exits 0 only if every check passed; prints one line per check.
"""

import argparse
import json
import sys
import time
import urllib.request

ACCOUNT = "1234567890123456"
OTHER_ACCOUNT = "9876543210987654"
KEY_ID, SECRET = "LTAI5tInteropKey", "InteropSecret"
STS_KEY_ID, STS_SECRET, STS_TOKEN = "STS.InteropKey", "InteropStsSecret", "CAIS-interop-token"
REGION = "cn-hangzhou"
ROLE_ARN = f"acs:ram::{ACCOUNT}:role/interop-role"
IMAGE = "aliyun_3_x64_20G_alibase_20240819.vhd"

# (code, HTTP status, instance, VPC, region): each row breaks exactly the rule its code names.
# i-unlinked satisfies every instance rule and is never linked (failed calls change nothing).
ERROR_ROWS = [
    ("Abs.InvalidInstanceId.MalFormed", 400, "i-linked-elsewhere", "vpc-main", REGION),
    ("InvalidInstanceId.MalFormed", 400, "i-vpc-network", "vpc-main", REGION),
    ("InvalidRegionId.Malformed", 400, "i-unlinked", "vpc-main", "cn-nowhere"),
    ("InvalidVpcId.Malformed", 400, "i-unlinked", "vpc-missing", REGION),
    ("InvalidInstanceId.NotBelong", 403, "i-other-account", "vpc-main", REGION),
    ("InvalidStatus.InstanceLocked", 403, "i-locked", "vpc-main", REGION),
    ("InvalidStatus.InstanceStatus", 403, "i-starting", "vpc-main", REGION),
    ("OperationDenied", 403, "i-unlinked", "vpc-no-classiclink", REGION),
    ("QuotaExceeded", 403, "i-unlinked", "vpc-full", REGION),
    ("InvalidInstanceId.NotFound", 404, "i-missing", "vpc-main", REGION),
]


def fixture():
    def instance(instance_id, owner=ACCOUNT, network="classic", status="Running", locked=False):
        return {"instanceId": instance_id, "regionId": REGION, "owner": owner,
                "networkType": network, "status": status, "locked": locked}

    instances = [
        instance("i-unlinked"), instance("i-ok-v3"), instance("i-ok-v2"), instance("i-sts-v3"), instance("i-sts-v2"),
        instance("i-throttled-v3"), instance("i-throttled-v2"), instance("i-role-v3"), instance("i-role-v2"),
        instance("i-form-v3"), instance("i-form-v2"),
        instance("i-linked-elsewhere"), instance("i-vpc-network", network="vpc"),
        instance("i-other-account", owner=OTHER_ACCOUNT), instance("i-locked", locked=True),
        instance("i-starting", status="Starting"),
    ]
    links = [{"instanceId": "i-linked-elsewhere", "vpcId": "vpc-other"}]
    for index in range(1000):  # the quota: 1000 linked instances per VPC
        instances.append(instance(f"i-filler-{index}"))
        links.append({"instanceId": f"i-filler-{index}", "vpcId": "vpc-full"})

    def vpc(vpc_id, classic_link=True):
        return {"vpcId": vpc_id, "regionId": REGION, "owner": ACCOUNT, "classicLinkEnabled": classic_link}

    return {
        "regions": [REGION, "cn-beijing"],
        "accessKeys": [
            {"accessKeyId": KEY_ID, "accessKeySecret": SECRET, "account": ACCOUNT},
            {"accessKeyId": STS_KEY_ID, "accessKeySecret": STS_SECRET, "account": ACCOUNT,
             "securityToken": STS_TOKEN, "expiration": "2099-12-31T00:00:00Z"},
        ],
        "vpcs": [vpc("vpc-main"), vpc("vpc-other"), vpc("vpc-full"), vpc("vpc-no-classiclink", classic_link=False),
                 vpc("vpc-app", classic_link=False)],
        "zones": [{"zoneId": "cn-hangzhou-h", "regionId": REGION, "instanceTypes": ["ecs.g7.large"]},
                  {"zoneId": "cn-beijing-h", "regionId": "cn-beijing"}],
        "vswitches": [{"vSwitchId": "vsw-app", "vpcId": "vpc-app", "zoneId": "cn-hangzhou-h", "cidrBlock": "172.16.0.0/16"}],
        "securityGroups": [{"securityGroupId": "sg-app", "regionId": REGION, "owner": ACCOUNT, "vpcId": "vpc-app"}],
        "instances": instances,
        "links": links,
        "roles": [{"roleArn": ROLE_ARN, "account": ACCOUNT}],
    }


class Checks:
    def __init__(self, endpoint):
        self.endpoint = endpoint
        self.failures = 0
        self.passed = 0

    def record(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}")
        else:
            self.failures += 1
            print(f"FAIL {name}: {detail}")

    def client(self, algorithm, key_id=KEY_ID, secret=SECRET, token=None):
        from alibabacloud_ecs20140526.client import Client
        from alibabacloud_tea_openapi.models import Config

        config = Config(access_key_id=key_id, access_key_secret=secret, endpoint=self.endpoint,
                        protocol="http", region_id=REGION)
        if token is not None:
            config.security_token = token
        if algorithm == "v2":
            config.signature_algorithm = "v2"
        return Client(config)

    def call(self, algorithm, action, version, query=None, body=None, key_id=KEY_ID, secret=SECRET):
        """Any RPC action through the SDK's generic call_api (what generated SDK clients use)."""
        from alibabacloud_tea_openapi import utils_models
        from alibabacloud_tea_openapi.client import Client
        from alibabacloud_tea_openapi.models import Config
        from darabonba.runtime import RuntimeOptions

        config = Config(access_key_id=key_id, access_key_secret=secret, endpoint=self.endpoint, protocol="http", region_id=REGION)
        if algorithm == "v2":
            config.signature_algorithm = "v2"
        params = utils_models.Params(action=action, version=version, protocol="HTTP", pathname="/", method="POST",
                                     auth_type="AK", style="RPC", req_body_type="formData", body_type="json")
        request = utils_models.OpenApiRequest(query=query or {}, body=body)
        return Client(config).call_api(params, request, RuntimeOptions())

    def admin(self, method, path):
        request = urllib.request.Request(f"http://{self.endpoint}{path}", method=method)
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())

    def linked_vpc(self, instance_id):
        state = self.admin("GET", "/_emulator/state")
        return {link["InstanceId"]: link["VpcId"] for link in state["Links"]}.get(instance_id)

    def attach(self, client, instance_id, vpc_id, region=REGION):
        from alibabacloud_ecs20140526 import models
        return client.attach_classic_link_vpc(
            models.AttachClassicLinkVpcRequest(region_id=region, instance_id=instance_id, vpc_id=vpc_id))

    def call_with_names(self, client, algorithm):
        from alibabacloud_tea_openapi import models as open_api_models
        from darabonba.runtime import RuntimeOptions
        query = {"RegionId": REGION, "InstanceId": "i-missing", "VpcId": "vpc-main", "é": "2", "a b": "x y", "k&=*": "v/~"}
        if algorithm == "v2":
            return client.do_rpcrequest("AttachClassicLinkVpc", "2014-05-26", "HTTP", "GET", "AK", "json",
                                        open_api_models.OpenApiRequest(query=query), RuntimeOptions())
        params = open_api_models.Params(action="AttachClassicLinkVpc", version="2014-05-26", protocol="HTTP", pathname="/",
                                        method="POST", auth_type="AK", style="RPC", req_body_type="formData", body_type="json")
        return client.do_request(params, open_api_models.OpenApiRequest(query=query), RuntimeOptions())

    def expect_error(self, name, call, code, status):
        from Tea.exceptions import TeaException
        try:
            call()
        except TeaException as error:
            got_code = getattr(error, "code", None)
            got_status = getattr(error, "statusCode", None)
            self.record(name, got_code == code and got_status == status,
                        f"expected {code} ({status}), got {got_code} ({got_status}): {error}")
            return
        except Exception as error:  # anything but the SDK's exception is a failure too
            self.record(name, False, f"expected TeaException {code} ({status}), got {type(error).__name__}: {error}")
            return
        self.record(name, False, f"expected {code} ({status}), the call succeeded")

    def run(self, algorithm):
        from alibabacloud_ecs20140526 import models

        label = "V3 (ACS3-HMAC-SHA256)" if algorithm == "v3" else "v2 (signature 1.0)"
        client = self.client(algorithm)

        # Success, and the link is there.
        instance = f"i-ok-{algorithm}"
        try:
            response = self.attach(client, instance, "vpc-main")
            ok = response.status_code == 200 and bool(response.body.request_id)
            self.record(f"{label}: AttachClassicLinkVpc succeeds", ok, f"status {response.status_code}")
        except Exception as error:
            self.record(f"{label}: AttachClassicLinkVpc succeeds", False, repr(error))
        self.record(f"{label}: the link is in the emulator's state", self.linked_vpc(instance) == "vpc-main",
                    f"linked to {self.linked_vpc(instance)}")
        try:
            described = client.describe_classic_link_instances(
                models.DescribeClassicLinkInstancesRequest(region_id=REGION, instance_id=instance))
            links = [(link.instance_id, link.vpc_id) for link in described.body.links.link]
            self.record(f"{label}: DescribeClassicLinkInstances shows it", links == [(instance, "vpc-main")], str(links))
        except Exception as error:
            self.record(f"{label}: DescribeClassicLinkInstances shows it", False, repr(error))

        # The ten error codes.
        for code, status, instance_id, vpc_id, region in ERROR_ROWS:
            self.expect_error(f"{label}: {code} ({status})",
                              lambda: self.attach(client, instance_id, vpc_id, region), code, status)

        # Credentials.
        self.expect_error(f"{label}: a wrong secret is SignatureDoesNotMatch (400)",
                          lambda: self.attach(self.client(algorithm, secret="not-the-secret"), instance, "vpc-main"),
                          "SignatureDoesNotMatch", 400)
        self.expect_error(f"{label}: an unknown key is InvalidAccessKeyId.NotFound (404)",
                          lambda: self.attach(self.client(algorithm, key_id="LTAI-nobody"), instance, "vpc-main"),
                          "InvalidAccessKeyId.NotFound", 404)
        sts = self.client(algorithm, key_id=STS_KEY_ID, secret=STS_SECRET, token=STS_TOKEN)
        try:
            self.attach(sts, f"i-sts-{algorithm}", "vpc-main")
            self.record(f"{label}: STS credentials work", self.linked_vpc(f"i-sts-{algorithm}") == "vpc-main")
        except Exception as error:
            self.record(f"{label}: STS credentials work", False, repr(error))
        self.expect_error(f"{label}: a wrong STS token is InvalidSecurityToken.MismatchWithAccessKey (400)",
                          lambda: self.attach(self.client(algorithm, key_id=STS_KEY_ID, secret=STS_SECRET, token="CAIS-other"),
                                              f"i-sts-{algorithm}", "vpc-main"),
                          "InvalidSecurityToken.MismatchWithAccessKey", 400)

        # STS: AssumeRole signed by the SDK, then the temporary credentials at work.
        try:
            answer = self.call(algorithm, "AssumeRole", "2015-04-01",
                               query={"RoleArn": ROLE_ARN, "RoleSessionName": f"interop-{algorithm}", "DurationSeconds": "900"})
            credentials = answer["body"]["Credentials"]
            ok = credentials["AccessKeyId"].startswith("STS.") and bool(credentials["SecurityToken"])
            self.record(f"{label}: STS AssumeRole issues credentials", ok, json.dumps(answer["body"])[:200])
            role_client = self.client(algorithm, key_id=credentials["AccessKeyId"], secret=credentials["AccessKeySecret"],
                                      token=credentials["SecurityToken"])
            self.attach(role_client, f"i-role-{algorithm}", "vpc-main")
            self.record(f"{label}: the role's credentials work for ECS", self.linked_vpc(f"i-role-{algorithm}") == "vpc-main")
        except Exception as error:
            self.record(f"{label}: STS AssumeRole issues credentials and they work", False, repr(error))
        self.expect_error(f"{label}: AssumeRole with a wrong secret is SignatureDoesNotMatch (400)",
                          lambda: self.call(algorithm, "AssumeRole", "2015-04-01", secret="not-the-secret",
                                            query={"RoleArn": ROLE_ARN, "RoleSessionName": "x"}),
                          "SignatureDoesNotMatch", 400)

        # Parameters in a form body, as apigen sends long ones.
        try:
            self.call(algorithm, "AttachClassicLinkVpc", "2014-05-26",
                      body={"RegionId": REGION, "InstanceId": f"i-form-{algorithm}", "VpcId": "vpc-main", "Padding": "x" * 6000})
            self.record(f"{label}: parameters in a form body are signed and read",
                        self.linked_vpc(f"i-form-{algorithm}") == "vpc-main")
        except Exception as error:
            self.record(f"{label}: parameters in a form body are signed and read", False, repr(error))
        # Parameter names outside A-Z a-z 0-9 - _ . ~: the SDK sorts them raw (and V3 signs them
        # unencoded); the emulator must agree, so the call reaches the action (not found).
        self.expect_error(f"{label}: names such as 'é' and 'a b' sign as the SDK signs them",
                          lambda: self.call_with_names(client, algorithm), "InvalidInstanceId.NotFound", 404)

        # Long values in the URL, as the SDK sends every parameter: 1 MB is read (the instance
        # is then not found); past the emulator's 4 MB limit, an Alibaba error with a code.
        self.expect_error(f"{label}: a 1 MB parameter in the URL is read (InvalidInstanceId.NotFound, 404)",
                          lambda: self.attach(client, "i-" + "x" * (1024 * 1024), "vpc-main"),
                          "InvalidInstanceId.NotFound", 404)
        self.expect_error(f"{label}: a URL over the limit is RequestURITooLong (414)",
                          lambda: self.attach(client, "i-" + "x" * (5 * 1024 * 1024), "vpc-main"),
                          "RequestURITooLong", 414)

        # Throttling, then success.
        self.admin("POST", "/_emulator/throttle?count=1")
        self.expect_error(f"{label}: the throttling switch answers Throttling (400)",
                          lambda: self.attach(client, f"i-throttled-{algorithm}", "vpc-main"), "Throttling", 400)
        try:
            self.attach(client, f"i-throttled-{algorithm}", "vpc-main")
            self.record(f"{label}: after throttling the call succeeds",
                        self.linked_vpc(f"i-throttled-{algorithm}") == "vpc-main")
        except Exception as error:
            self.record(f"{label}: after throttling the call succeeds", False, repr(error))


class Lifecycle:
    """An instance's life through the SDK's ECS client (models and to_map() of the bodies)."""

    POLL_SECONDS = 0.05
    POLL_LIMIT_SECONDS = 10

    def __init__(self, checks, algorithm):
        self.checks = checks
        self.algorithm = algorithm
        self.label = "V3 (ACS3-HMAC-SHA256)" if algorithm == "v3" else "v2 (signature 1.0)"
        self.client = checks.client(algorithm)

    def record(self, name, ok, detail=""):
        self.checks.record(f"{self.label}: {name}", ok, detail)

    def launch(self, amount, client_token=None, dry_run=None):
        from alibabacloud_ecs20140526 import models
        request = models.RunInstancesRequest(
            region_id=REGION, image_id=IMAGE, instance_type="ecs.g7.large", security_group_id="sg-app",
            v_switch_id="vsw-app", amount=amount, client_token=client_token, dry_run=dry_run,
            tag=[models.RunInstancesRequestTag(key="interop", value=self.algorithm)])
        body = self.client.run_instances(request).body.to_map()
        return body["InstanceIdSets"]["InstanceIdSet"]

    def describe(self, **parameters):
        from alibabacloud_ecs20140526 import models
        request = models.DescribeInstancesRequest(
            region_id=REGION, tag=[models.DescribeInstancesRequestTag(key="interop", value=self.algorithm)], **parameters)
        return self.client.describe_instances(request).body.to_map()

    def statuses(self, ids):
        """Instance ID → status, from DescribeInstances with InstanceIds as JSON text (as the SDK sends it)."""
        body = self.describe(instance_ids=json.dumps(ids), max_results=100)
        return {item["InstanceId"]: item["Status"] for item in body.get("Instances", {}).get("Instance", [])}

    def poll_until(self, ids, status):
        """Polls until every instance is `status`; returns (the statuses seen, polls)."""
        deadline = time.monotonic() + self.POLL_LIMIT_SECONDS
        seen = []
        polls = 0
        while True:
            polls += 1
            current = self.statuses(ids)
            seen.append(sorted(set(current.values())))
            if len(current) == len(ids) and all(value == status for value in current.values()):
                return seen, polls
            if time.monotonic() > deadline:
                return seen, polls
            time.sleep(self.POLL_SECONDS)

    def gone(self, instance_id):
        """Polls DescribeInstanceAttribute until InvalidInstanceId.NotFound (404); True when it came."""
        from alibabacloud_ecs20140526 import models
        from Tea.exceptions import TeaException
        deadline = time.monotonic() + self.POLL_LIMIT_SECONDS
        while time.monotonic() < deadline:
            try:
                self.client.describe_instance_attribute(models.DescribeInstanceAttributeRequest(instance_id=instance_id))
            except TeaException as error:
                return getattr(error, "code", None) == "InvalidInstanceId.NotFound" and getattr(error, "statusCode", None) == 404
            time.sleep(self.POLL_SECONDS)
        return False

    def run(self):
        from alibabacloud_ecs20140526 import models
        try:
            self.run_checks(models)
        except Exception as error:  # a failure of the SDK call itself, not a check
            self.record("the lifecycle sequence ran to its end", False, repr(error))

    def run_checks(self, models):
        token = f"interop-token-{self.algorithm}"
        first = self.launch(3, client_token=token)
        second = self.launch(3, client_token=token)
        self.record("RunInstances Amount 3 creates three instances", len(first) == 3 and len(set(first)) == 3, str(first))
        self.record("the same ClientToken again answers the same IDs", second == first, f"{first} then {second}")
        counted = self.describe(max_results=100).get("TotalCount")
        self.record("the same ClientToken created them once", counted == 3, f"TotalCount {counted}")
        self.checks.expect_error(f"{self.label}: the ClientToken with other parameters is IdempotentParameterMismatch (403)",
                                 lambda: self.launch(4, client_token=token), "IdempotentParameterMismatch", 403)
        self.checks.expect_error(f"{self.label}: DryRun is DryRunOperation (400)",
                                 lambda: self.launch(2, dry_run=True), "DryRunOperation", 400)

        # 25 instances in all, listed both ways.
        created = first + self.launch(12) + self.launch(10)
        pages, by_token, next_token = 0, [], None
        while True:
            parameters = {"max_results": 10}
            if next_token:
                parameters["next_token"] = next_token
            body = self.describe(**parameters)
            pages += 1
            by_token += [item["InstanceId"] for item in body.get("Instances", {}).get("Instance", [])]
            next_token = body.get("NextToken")
            if not next_token or pages > 10:
                break
        self.record("DescribeInstances by NextToken lists each instance once, in creation order (3 pages of 10)",
                    by_token == created and pages == 3, f"{pages} pages: {by_token}")
        by_page, number = [], 1
        while number <= 10:
            body = self.describe(page_number=number, page_size=7)
            items = [item["InstanceId"] for item in body.get("Instances", {}).get("Instance", [])]
            by_page += items
            if len(items) < 7 or number * 7 >= body.get("TotalCount", 0):
                break
            number += 1
        self.record("DescribeInstances by PageNumber lists each instance once, in creation order (4 pages of 7)",
                    by_page == created and number == 4, f"{number} pages: {by_page}")
        picked = self.statuses(first)
        self.record("InstanceIds as JSON text selects exactly those instances", sorted(picked) == sorted(first), str(picked))

        # The life of the first three.
        seen, polls = self.poll_until(first, "Running")
        self.record("polling after RunInstances reaches Running", seen[-1] == ["Running"], f"{polls} polls: {seen}")
        self.client.stop_instances(models.StopInstancesRequest(region_id=REGION, instance_id=first))
        seen, polls = self.poll_until(first, "Stopped")
        self.record("StopInstances: Stopping, then Stopped", seen[-1] == ["Stopped"] and polls > 1, f"{polls} polls: {seen}")
        self.client.start_instances(models.StartInstancesRequest(region_id=REGION, instance_id=first))
        seen, polls = self.poll_until(first, "Running")
        self.record("StartInstances: Starting, then Running", seen[-1] == ["Running"] and polls > 1, f"{polls} polls: {seen}")
        self.checks.expect_error(f"{self.label}: deleting Running instances without Force is IncorrectInstanceStatus (403)",
                                 lambda: self.client.delete_instances(models.DeleteInstancesRequest(region_id=REGION, instance_id=first)),
                                 "IncorrectInstanceStatus", 403)
        self.client.delete_instances(models.DeleteInstancesRequest(region_id=REGION, instance_id=created, force=True))
        self.record("DeleteInstances with Force: DescribeInstanceAttribute answers InvalidInstanceId.NotFound (404)",
                    all(self.gone(instance_id) for instance_id in first))
        remaining = self.describe(max_results=100).get("TotalCount")
        self.record("no instance of the sequence is left", remaining == 0, f"TotalCount {remaining}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    write = commands.add_parser("fixture", help="write the emulator fixture the checks expect")
    write.add_argument("file")
    check = commands.add_parser("check", help="run the checks against a running emulator")
    check.add_argument("--endpoint", required=True, help="HOST:PORT of the emulator, e.g. 127.0.0.1:8080")
    arguments = parser.parse_args()

    if arguments.command == "fixture":
        with open(arguments.file, "w", encoding="utf-8") as file:
            json.dump(fixture(), file, indent=1)
        return 0

    checks = Checks(arguments.endpoint)
    for algorithm in ("v3", "v2"):
        checks.run(algorithm)
        Lifecycle(checks, algorithm).run()
    print(f"python SDK against the emulator: {checks.passed} passed, {checks.failures} failed")
    return 1 if checks.failures or not checks.passed else 0


if __name__ == "__main__":
    sys.exit(main())
