"""Infrastructure checks: cfn-lint and checkov on infra/, `chalice package --merge-template`, and
static assertions on the IAM policies and the ledger table's append-only guarantees.

The real-app packaging test is marked ``slow`` (register the marker in a conftest/pytest
config: ``markers = slow: ...``).  Everything else runs in a few seconds and needs no AWS
credentials: `chalice package` and cfn-lint are offline (except pip fetching Linux wheels
for the real app, which hits the package index once and is then cached).
"""
from __future__ import annotations

import fnmatch
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
INFRA = ROOT / "infra"
CHALICE_DIR = ROOT / ".chalice"
BIN = Path(sys.executable).parent
STAGES = ("dev", "prod")
REGION = os.environ.get("AWS_DEFAULT_REGION") or os.environ.get("AWS_REGION") or "eu-west-3"

# cfn-lint findings we accept, by rule id, with the reason. Currently empty: every template
# lints clean, warnings and informational findings included. Add entries only with a reason.
CFN_LINT_IGNORED: dict[str, str] = {}

LEDGER_FORBIDDEN = [
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
    "dynamodb:BatchWriteItem",  # can delete (DeleteRequest)
    "dynamodb:PartiQLUpdate",  # ExecuteStatement / BatchExecuteStatement UPDATE
    "dynamodb:PartiQLDelete",  # ExecuteStatement / BatchExecuteStatement DELETE
]
LEDGER_DENIED_TOO = ["dynamodb:DeleteTable", "dynamodb:UpdateTable", "dynamodb:UpdateTimeToLive"]
# The transparency log is put-only too, but the app needs BatchWriteItem (puts of Merkle nodes).
TLOG_FORBIDDEN = ["dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete"]
TLOG_DENIED_TOO = ["dynamodb:DeleteTable", "dynamodb:UpdateTimeToLive"]

# What the app needs per table (the design's grants). Anything beyond is a finding too.
TABLE_GRANTS = {
    "ledger": {"dynamodb:PutItem", "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query"},
    "keys": {"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"},
    "lookup": {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:DeleteItem"},
    "auth": {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"},
    "idempotency": {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"},
    # TransactWriteItems of Put actions is authorized as dynamodb:PutItem per item; the app sends
    # no ConditionCheck action, so no dynamodb:ConditionCheckItem.
    "tlog": {"dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
             "dynamodb:BatchWriteItem"},
}
# Actions allowed on Resource "*", and why.
STAR_RESOURCE_OK = {"dynamodb:ListStreams"}  # no resource-level permissions for ListStreams

STUB_APP = '''
from chalice import Chalice
app = Chalice(app_name="amiable-ledger")

@app.route("/v1/health")
def health():
    return {"ok": True}
'''
STUB_STREAM_HANDLER = '''
@app.on_dynamodb_record(
    stream_arn="arn:aws:dynamodb:eu-west-3:000000000000:table/amiable-dev-ledger/stream/1970-01-01T00:00:00.000")
def integrate(event):
    pass
'''
STUB_SCHEDULED_HANDLER = '''
from chalice import Rate

@app.schedule(Rate(1, unit=Rate.DAYS))
def retention(event):
    pass
'''
STUB_WEBHOOK_HANDLERS = '''
from chalice import Rate

@app.on_dynamodb_record(stream_arn="arn:aws:dynamodb:eu-west-3:000000000000:table/x/stream/placeholder",
                        batch_size=100, name="webhook_fanout")
def webhook_fanout(event):
    return {"batchItemFailures": []}

@app.on_sqs_message(queue_arn="arn:aws:sqs:eu-west-3:000000000000:x.fifo", batch_size=10, name="webhook_dispatch")
def webhook_dispatch(event):
    return {"batchItemFailures": []}

@app.schedule(Rate(1, unit=Rate.HOURS), name="webhook_notices")
def webhook_notices(event):
    pass
'''
# checkov runs from its own venv (make test creates it): its dependencies clash with the app's.
CHECKOV = ROOT / ".venv-checkov" / "bin" / "checkov"
CHECKOV_MIN_COMMENT = 20


# ----------------------------------------------------------------------------- helpers
def _load_render():
    spec = importlib.util.spec_from_file_location("amiable_infra_render", INFRA / "render.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


render = _load_render()


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _listify(value) -> list:
    return value if isinstance(value, list) else [value]


def _tool(name: str) -> str:
    candidate = BIN / name
    if candidate.exists():
        return str(candidate)
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} not found next to {sys.executable} nor on PATH (pip install -r requirements-dev.txt)")
    return found


def cfn_lint(template: Path) -> None:
    cmd = [_tool("cfn-lint"), str(template), "--format", "parseable", "--regions", REGION, "us-east-1"]
    if CFN_LINT_IGNORED:
        cmd += ["--ignore-checks", *CFN_LINT_IGNORED]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    # cfn-lint exit code is a bitmask: 2 errors, 4 warnings, 8 informational.
    assert proc.returncode == 0, f"cfn-lint {template.name}:\n{proc.stdout}{proc.stderr}"


def chalice_package(project: Path, stage: str, merge_template: Path, outdir: Path, timeout: int) -> Path:
    env = dict(os.environ, AWS_DEFAULT_REGION=REGION)
    proc = subprocess.run(
        [_tool("chalice"), "--project-dir", str(project), "package", "--stage", stage,
         "--merge-template", str(merge_template), str(outdir)],
        capture_output=True, text=True, timeout=timeout, env=env, cwd=project,
    )
    assert proc.returncode == 0, f"chalice package failed:\n{proc.stdout}\n{proc.stderr}"
    return outdir / "sam.json"


def _import(output: str) -> dict:
    return {"Fn::ImportValue": {"Fn::Sub": "${DataStackName}-" + output}}


def _is_standalone(template: dict) -> bool:
    resources = template.get("Resources", {})
    return bool(resources) and all("Type" in r for r in resources.values())


def _sample_arns(table: str) -> list[str]:
    base = f"arn:aws:dynamodb:{REGION}:123456789012:table/{table}"
    return [base, f"{base}/stream/2026-01-01T00:00:00.000", f"{base}/index/any"]


def _covers(patterns, value: str) -> bool:
    return any(fnmatch.fnmatchcase(value.lower(), str(p).lower()) for p in _listify(patterns))


def _assert_ledger_append_only(doc: dict, prefix: str, where: str) -> None:
    ledger_arns = _sample_arns(f"{prefix}ledger")
    forbidden = LEDGER_FORBIDDEN + ["dynamodb:PartiQLInsert", "dynamodb:PartiQLSelect"] + LEDGER_DENIED_TOO
    for st in doc["Statement"]:
        if st["Effect"] != "Allow":
            continue
        assert "NotAction" not in st and "NotResource" not in st, f"{where}: broad Allow {st}"
        if not any(_covers(st["Resource"], arn) for arn in ledger_arns):
            continue
        for action in forbidden:
            assert not _covers(st["Action"], action), f"{where}: {st.get('Sid')} grants {action} on the ledger"
    denies = [
        st for st in doc["Statement"]
        if st["Effect"] == "Deny" and "Condition" not in st and _covers(st.get("Resource", []), ledger_arns[0])
    ]
    for action in LEDGER_FORBIDDEN + LEDGER_DENIED_TOO:
        assert any(_covers(st["Action"], action) for st in denies), f"{where}: no explicit Deny of {action} on the ledger"


def _assert_tlog_put_only(doc: dict, prefix: str, where: str) -> None:
    tlog_arns = _sample_arns(f"{prefix}tlog")
    for st in doc["Statement"]:
        if st["Effect"] == "Allow" and any(_covers(st["Resource"], arn) for arn in tlog_arns):
            for action in TLOG_FORBIDDEN + TLOG_DENIED_TOO:
                assert not _covers(st["Action"], action), f"{where}: {st.get('Sid')} grants {action} on the tlog"
    for arn in tlog_arns[:1] + tlog_arns[2:]:  # the table and its sub-resources
        denies = [st for st in doc["Statement"]
                  if st["Effect"] == "Deny" and "Condition" not in st and _covers(st.get("Resource", []), arn)]
        for action in TLOG_FORBIDDEN + TLOG_DENIED_TOO:
            assert any(_covers(st["Action"], action) for st in denies), f"{where}: no explicit Deny of {action} on {arn}"


# ----------------------------------------------------------------------------- (1) cfn-lint
INFRA_TEMPLATES = sorted(p for p in INFRA.iterdir() if p.suffix in (".json", ".yaml", ".yml"))


def test_infra_has_templates():
    names = {p.name for p in INFRA_TEMPLATES}
    assert {"tables.json", "resources.json", "app-overlay.json", "stream-overlay.json",
            "retention-overlay.json"} <= names


@pytest.mark.parametrize("template", INFRA_TEMPLATES, ids=lambda p: p.name)
def test_cfn_lint_infra_template(template: Path, tmp_path: Path):
    """Standalone templates are linted as they are. Merge fragments (which patch resources that
    only exist once Chalice generated them) are linted after merging into the Chalice template
    of a stub app with the same .chalice config; the real app: test_package_real_app."""
    if template.suffix != ".json":
        pytest.fail(f"{template.name}: only JSON templates are expected in infra/ (chalice's merge "
                    "switches its output to YAML for YAML merge templates)")
    doc = _json(template)
    if _is_standalone(doc):
        cfn_lint(template)
        return
    variant = render.OUTPUTS.get(template.name, "full")
    if template.name in render.OUTPUTS:
        with_integrate = "Integrate" in doc["Resources"]
        with_retention = "Retention" in doc["Resources"]
        with_webhooks = "WebhookDispatch" in doc["Resources"]
    else:  # a hand-written overlay: lint it through what it ends up in
        assert template.name in ("app-overlay.json", "stream-overlay.json", "retention-overlay.json",
                                 "webhooks-overlay.json"), f"unexpected fragment {template.name}"
        with_integrate = template.name == "stream-overlay.json"
        with_retention = template.name == "retention-overlay.json"
        with_webhooks = template.name == "webhooks-overlay.json"
    merge_file = tmp_path / "merge.json"
    merge_file.write_text(render.dumps(render.render(with_integrate, variant, with_retention, with_webhooks)))
    project = _stub_project(tmp_path / "stub", with_integrate, with_retention, with_webhooks)
    cfn_lint(chalice_package(project, "dev", merge_file, tmp_path / "out", timeout=120))


# ----------------------------------------------------------------------------- merge template
def _stub_project(path: Path, with_integrate: bool, with_retention: bool = False, with_webhooks: bool = False) -> Path:
    (path / ".chalice").mkdir(parents=True)
    for name in ["config.json", *(f"policy-{s}.json" for s in STAGES)]:
        shutil.copy(CHALICE_DIR / name, path / ".chalice" / name)
    (path / "app.py").write_text(STUB_APP + (STUB_STREAM_HANDLER if with_integrate else "")
                                 + (STUB_SCHEDULED_HANDLER if with_retention else "")
                                 + (STUB_WEBHOOK_HANDLERS if with_webhooks else ""))
    (path / "requirements.txt").write_text("")
    return path


@pytest.mark.parametrize("name", sorted(render.OUTPUTS))
def test_generated_merge_templates_are_fresh(name: str):
    expected = render.dumps(render.render(None, render.OUTPUTS[name]))
    assert (INFRA / name).read_text(encoding="utf-8") == expected, (
        f"infra/{name} is stale (or app.py gained/lost the `integrate` stream handler): "
        "run `.venv/bin/python infra/render.py`")


@pytest.mark.parametrize("variant", ["full", "external"])
@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("with_integrate,with_retention", [(False, False), (True, True)],
                         ids=["api-only", "with-integrate-and-retention"])
def test_merge_template_on_stub_app(stage: str, with_integrate: bool, with_retention: bool, variant: str,
                                    tmp_path: Path):
    merge_file = tmp_path / "merge.json"
    merge_file.write_text(render.dumps(render.render(with_integrate, variant, with_retention, with_webhooks=False)))
    project = _stub_project(tmp_path / "stub", with_integrate, with_retention)
    sam_path = chalice_package(project, stage, merge_file, tmp_path / "out", timeout=120)
    cfn_lint(sam_path)
    sam = _json(sam_path)
    resources = sam["Resources"]
    assert not [k for k, v in resources.items() if "Type" not in v], "merge left a resource without Type"
    policy = _json(CHALICE_DIR / f"policy-{stage}.json")
    functions = (["APIHandler"] + (["Integrate"] if with_integrate else [])
                 + (["Retention"] if with_retention else []))
    for fn in functions:
        props = resources[fn]["Properties"]
        variables = props["Environment"]["Variables"]
        assert variables["AL_KEY_PROVIDER"] == "kms"
        if variant == "full":
            assert variables["AL_TABLE_PREFIX"] == {"Ref": "TablePrefix"}
            assert variables["AL_KMS_KEY_ID"] == {"Fn::GetAtt": ["KeyEncryptionKey", "Arn"]}
            assert variables["AL_CHECKPOINT_KMS_KEY_ID"] == {"Fn::GetAtt": ["CheckpointSigningKey", "Arn"]}
        else:
            assert variables["AL_TABLE_PREFIX"] == _import("TablePrefix")
            assert variables["AL_KMS_KEY_ID"] == _import("KeyEncryptionKeyArn")
            assert variables["AL_CHECKPOINT_KMS_KEY_ID"] == _import("CheckpointSigningKeyArn")
            assert "LedgerTable" not in resources and "KeyEncryptionKey" not in resources
        assert variables["AL_STAGE"] == stage
        assert variables["AL_LOG_NAME"] == f"amiable-ledger.{stage}"
        assert {"POWERTOOLS_SERVICE_NAME", "POWERTOOLS_LOG_LEVEL"} <= set(variables)
        role = resources[props["Role"]["Fn::GetAtt"][0]]
        assert role["Properties"]["Policies"][0]["PolicyDocument"] == policy
        log_group = resources[("ApiHandler" if fn == "APIHandler" else fn) + "LogGroup"]
        assert log_group["Properties"]["LogGroupName"] == {"Fn::Sub": "/aws/lambda/${%s}" % fn}
        retention_days = _resolve_retention(sam, log_group["Properties"]["RetentionInDays"], stage)
        assert retention_days == _json(CHALICE_DIR / "config.json")["stages"][stage]["log_retention_in_days"]
        assert retention_days >= (400 if stage == "prod" else 1)
    al_env = {fn: {k: v for k, v in resources[fn]["Properties"]["Environment"]["Variables"].items()
                   if k.startswith("AL_")} for fn in functions}
    for fn in functions:
        assert al_env[fn] == al_env["APIHandler"], f"APIHandler and {fn} differ in AL_* variables"
    if with_retention:
        fn = resources["Retention"]["Properties"]
        assert fn["FunctionName"] == {"Fn::Sub": "${TablePrefix}retention"}
        assert fn["DeadLetterQueue"] == {"Type": "SQS", "TargetArn": {"Fn::GetAtt": ["RetentionDLQ", "Arn"]}}
        assert resources["RetentionDLQ"]["Properties"]["KmsMasterKeyId"] == "alias/aws/sqs"
        assert any(r["Type"] == "AWS::CloudWatch::Alarm" and r["Properties"].get("Dimensions") == [
            {"Name": "QueueName", "Value": {"Fn::GetAtt": ["RetentionDLQ", "QueueName"]}}] for r in resources.values())
        assert fn["Events"]["RetentionEvent"]["Type"] == "Schedule"
    else:
        assert "Retention" not in resources and "RetentionDLQ" not in resources
    if with_integrate:
        esm = resources["Integrate"]["Properties"]["Events"]["IntegrateDynamodbEventSource"]["Properties"]
        assert esm["Stream"] == ({"Fn::GetAtt": ["LedgerTable", "StreamArn"]} if variant == "full"
                                 else _import("LedgerStreamArn"))
        assert esm["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
        assert esm["BisectBatchOnFunctionError"] is True
        assert 0 <= esm["MaximumRetryAttempts"] <= 10
        assert esm["DestinationConfig"]["OnFailure"]["Destination"] == {"Fn::GetAtt": ["LedgerStreamDLQ", "Arn"]}
        assert resources["LedgerStreamDLQ"]["Type"] == "AWS::SQS::Queue"
        _assert_stream_alarms(resources)
    else:
        assert "Integrate" not in resources and "LedgerStreamDLQ" not in resources
        assert not [k for k, v in resources.items() if v["Type"] == "AWS::Logs::MetricFilter"]
        if not with_retention:
            assert not [k for k, v in resources.items() if v["Type"] == "AWS::CloudWatch::Alarm"]


def _resolve_retention(template: dict, value, stage: str) -> int:
    """RetentionInDays is an int (Chalice) or Fn::FindInMap StageSettings[TablePrefix] (overlay)."""
    if isinstance(value, int):
        return value
    mapping, key, attr = value["Fn::FindInMap"]
    assert key == {"Ref": "TablePrefix"}, value
    return template["Mappings"][mapping][f"amiable-{stage}-"][attr]


def test_overlay_log_retention_matches_stage_config():
    """app-overlay.json's StageSettings must agree with log_retention_in_days of each stage."""
    stages = _json(CHALICE_DIR / "config.json")["stages"]
    mapping = _json(INFRA / "app-overlay.json")["Mappings"]["StageSettings"]
    prefixes = _json(INFRA / "tables.json")["Parameters"]["TablePrefix"]["AllowedValues"]
    assert set(mapping) == set(prefixes)
    for stage in STAGES:
        assert mapping[f"amiable-{stage}-"]["LogRetentionInDays"] == stages[stage]["log_retention_in_days"]


def _assert_stream_alarms(resources: dict) -> None:
    """Poison stream records (MODIFY/REMOVE, bad MAC, ...) and a non-empty DLQ raise alarms."""
    filters = [r for r in resources.values() if r["Type"] == "AWS::Logs::MetricFilter"]
    poison = [f for f in filters if f["Properties"]["LogGroupName"] == {"Ref": "IntegrateLogGroup"}
              and '"poison ledger stream record"' in f["Properties"]["FilterPattern"]]
    assert len(poison) == 1, "no metric filter for 'poison ledger stream record' on the Integrate log group"
    metric = poison[0]["Properties"]["MetricTransformations"][0]
    alarms = [r["Properties"] for r in resources.values() if r["Type"] == "AWS::CloudWatch::Alarm"]
    assert any(a["MetricName"] == metric["MetricName"] and a["Namespace"] == metric["MetricNamespace"]
               and a["Threshold"] == 0 and a["ComparisonOperator"] == "GreaterThanThreshold" for a in alarms)
    assert any(a["Namespace"] == "AWS/SQS" and a["MetricName"] == "ApproximateNumberOfMessagesVisible"
               and a["Dimensions"] == [{"Name": "QueueName", "Value": {"Fn::GetAtt": ["LedgerStreamDLQ", "QueueName"]}}]
               and a["Threshold"] == 0 and a["ComparisonOperator"] == "GreaterThanThreshold" for a in alarms)


# ----------------------------------------------------------------------------- (2) real app
def _app_import_error() -> str | None:
    if not (ROOT / "app.py").exists():
        return "app.py does not exist yet"
    env = dict(os.environ, AWS_DEFAULT_REGION=REGION)
    proc = subprocess.run([sys.executable, "-c", "import app"], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, env=env)
    if proc.returncode != 0:
        return "app.py cannot be imported yet: " + (proc.stderr.strip().splitlines() or ["?"])[-1]
    return None


@pytest.fixture(scope="module")
def real_package(tmp_path_factory) -> Path:
    """`chalice package --stage dev` of the real app with infra/resources.json, once per module;
    returns the output directory (sam.json + deployment.zip)."""
    reason = _app_import_error()
    if reason:
        pytest.skip(reason)
    from devtools.package import bundle_schemas, compile_bytecode, runtime_of, vendor_verifier

    bundle_schemas()  # the Lambda zip carries the JSON Schemas inside chalicelib/
    vendor_verifier()  # and the auditor's package (verifier/), which the Lambda imports
    outdir = tmp_path_factory.mktemp("real-package") / "out"
    chalice_package(ROOT, "dev", INFRA / "resources.json", outdir, timeout=110)
    compile_bytecode(outdir / "deployment.zip", runtime_of(outdir / "sam.json"))  # as `make package` does
    return outdir


@pytest.mark.slow
def test_package_real_app(real_package: Path):
    sam_path = real_package / "sam.json"
    cfn_lint(sam_path)
    sam = _json(sam_path)
    resources = sam["Resources"]
    assert not [k for k, v in resources.items() if "Type" not in v], (
        "merge left a resource without Type: re-render infra/resources.json")
    if "Integrate" in resources:
        esm = resources["Integrate"]["Properties"]["Events"]["IntegrateDynamodbEventSource"]["Properties"]
        assert esm["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
        # app.py's stream_arn is a placeholder (AL_LEDGER_STREAM_ARN at package time): pinned here
        assert esm["Stream"] == {"Fn::GetAtt": ["LedgerTable", "StreamArn"]}
        _assert_stream_alarms(resources)
    functions = [fn for fn, r in resources.items() if r["Type"] == "AWS::Serverless::Function"]
    assert "APIHandler" in functions
    al_env = {fn: {k: v for k, v in resources[fn]["Properties"]["Environment"]["Variables"].items()
                   if k.startswith("AL_")} for fn in functions}
    for fn in functions:
        assert fn in render.FUNCTIONS, f"no overlay for the Chalice function {fn}: add one (see render.py)"
        assert al_env[fn] == al_env["APIHandler"], f"APIHandler and {fn} differ in AL_* variables"
        assert al_env[fn]["AL_LOG_NAME"] == "amiable-ledger.dev"
        assert al_env[fn]["AL_KMS_KEY_ID"] == {"Fn::GetAtt": ["KeyEncryptionKey", "Arn"]}
        assert al_env[fn]["AL_DOCUMENTS_BUCKET"] == {"Ref": "DocumentsBucket"}
    if "Retention" in resources:
        assert resources["Retention"]["Properties"]["DeadLetterQueue"]["TargetArn"] == {
            "Fn::GetAtt": ["RetentionDLQ", "Arn"]}
    zip_path = real_package / "deployment.zip"
    zipped = zip_path.stat().st_size
    with zipfile.ZipFile(zip_path) as zf:
        unzipped = sum(info.file_size for info in zf.infolist())
        names = zf.namelist()
    print(f"\ndeployment.zip: {zipped / 1e6:.1f} MB zipped, {unzipped / 1e6:.1f} MB unzipped, {len(names)} files")
    assert zipped < 50 * 1024 * 1024, "over Lambda's 50 MB direct-upload limit"
    assert unzipped < 250 * 1024 * 1024, "over Lambda's 250 MB unzipped limit"
    assert "app.py" in names and any(n.startswith("chalicelib/") for n in names)
    assert "chalicelib/_schemas/events/contact.sent.json" in names
    assert "ledger_verify/chain.py" in names, "the Lambda must ship the verifier package it imports"
    # data files and templates travel in the zip too (the GDPR texts, the access page)
    assert "chalicelib/domain/gdpr/texts/fr.json" in names
    assert "chalicelib/templates/gdpr_access.html.j2" in names
    assert any(n.startswith("jinja2/") for n in names) and any(n.startswith("markupsafe/") for n in names)
    # boto3 comes from the Lambda runtime; a vendored copy would only bloat the zip.
    assert not any(n.startswith("boto3/") for n in names)
    # nor do the app's documentation and jsonschema's own tests, which no code opens
    assert not any(n.startswith("chalicelib/") and n.endswith(".md") for n in names)
    assert not any(n.startswith("jsonschema/tests/") for n in names)
    assert "chalicelib/domain/guards/packs/fr/pack.json" in names
    # `/var/task` is read-only: every module ships compiled for the runtime's Python (3.11)
    from devtools.bytecode import sources_without_pyc

    assert "chalicelib/services/__pycache__/cases.cpython-311.pyc" in names
    assert not sources_without_pyc(names), sources_without_pyc(names)[:10]
    assert zipped <= 8_000_000, f"deployment.zip is {zipped / 1e6:.2f} MB (target <= 8 MB)"


# ----------------------------------------------------------------------------- checkov
def _checkov(*target: str) -> list[str]:
    """Run checkov (offline) on the CloudFormation target; return the failed checks, one line each."""
    if not CHECKOV.exists():
        pytest.skip(f"{CHECKOV.relative_to(ROOT)} missing (make test creates the checkov venv)")
    proc = subprocess.run(
        [str(CHECKOV), *target, "--framework", "cloudformation", "--quiet", "--compact",
         "--skip-download", "--output", "json"],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert proc.returncode in (0, 1), f"checkov crashed ({proc.returncode}):\n{proc.stderr[-3000:]}"
    text = proc.stdout.strip()
    assert text, f"checkov printed nothing:\n{proc.stderr[-3000:]}"
    reports = json.loads(text)
    failed = []
    for report in _listify(reports):
        if not isinstance(report, dict) or "results" not in report:
            continue  # "no resources found" summary
        assert report["summary"]["parsing_errors"] == 0, report["summary"]
        for check in report["results"]["failed_checks"]:
            failed.append(f"{check['check_id']} {check['resource']} ({check['file_path']}): {check['check_name']}")
    assert proc.returncode == (1 if failed else 0), proc.stderr[-3000:]
    return failed


def test_checkov_infra_templates():
    """Every template in infra/ (sources and generated) passes checkov: each finding is fixed or
    suppressed in the resource's Metadata.checkov.skip with a written reason."""
    failed = _checkov("-d", str(INFRA))
    assert not failed, "checkov findings (fix them or add a Metadata.checkov.skip with a reason):\n" + "\n".join(failed)


@pytest.mark.slow
def test_checkov_real_package(real_package: Path):
    """The real `chalice package` output (Chalice-generated functions, API, roles, log groups, plus
    the merged data layer) passes checkov."""
    failed = _checkov("-f", str(real_package / "sam.json"))
    assert not failed, "checkov findings on sam.json:\n" + "\n".join(failed)


def _checkov_skips(node, where: str = ""):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "checkov" and isinstance(value, dict) and "skip" in value:
                for skip in value["skip"]:
                    yield where, skip
            else:
                yield from _checkov_skips(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _checkov_skips(value, f"{where}[{i}]")


@pytest.mark.parametrize("template", INFRA_TEMPLATES, ids=lambda p: p.name)
def test_checkov_skips_have_reasons(template: Path):
    """A suppression without a reason is a silenced finding: each needs a written comment."""
    for where, skip in _checkov_skips(_json(template)):
        assert set(skip) == {"id", "comment"}, f"{template.name}{where}: {skip}"
        assert skip["id"].startswith("CKV_"), f"{template.name}{where}: {skip}"
        comment = skip["comment"].strip()
        assert len(comment) >= CHECKOV_MIN_COMMENT, f"{template.name}{where}: {skip['id']} needs a real reason"
    # skips only in resource Metadata (checkov ignores them anywhere else)
    for where, _ in _checkov_skips(_json(template)):
        assert where.startswith("/Resources/") and where.endswith("/Metadata"), f"{template.name}: skip at {where}"


# ----------------------------------------------------------------------------- (3) static IAM
@pytest.mark.parametrize("stage", STAGES)
def test_policy_ledger_is_append_only(stage: str):
    doc = _json(CHALICE_DIR / f"policy-{stage}.json")
    _assert_ledger_append_only(doc, f"amiable-{stage}-", f"policy-{stage}.json")


@pytest.mark.parametrize("stage", STAGES)
def test_policy_tlog_is_put_only(stage: str):
    doc = _json(CHALICE_DIR / f"policy-{stage}.json")
    _assert_tlog_put_only(doc, f"amiable-{stage}-", f"policy-{stage}.json")


@pytest.mark.parametrize("stage", STAGES)
def test_policy_is_least_privilege(stage: str):
    doc = _json(CHALICE_DIR / f"policy-{stage}.json")
    prefix, other = f"amiable-{stage}-", f"amiable-{'prod' if stage == 'dev' else 'dev'}-"
    text = json.dumps(doc)
    assert other not in text, f"policy-{stage}.json mentions the other stage"
    allows = [st for st in doc["Statement"] if st["Effect"] == "Allow"]
    for st in allows:
        for action in _listify(st["Action"]):
            assert "*" not in action, f"wildcard action {action} in {st.get('Sid')}"
        if "*" in _listify(st["Resource"]):
            assert set(_listify(st["Action"])) <= STAR_RESOURCE_OK, st
    for table, expected in TABLE_GRANTS.items():
        arn = _sample_arns(prefix + table)[0]
        granted = {a for st in allows if st["Resource"] != "*" and _covers(st["Resource"], arn)
                   for a in _listify(st["Action"])}
        assert granted == expected, f"{table}: granted {sorted(granted)}, design says {sorted(expected)}"
    # KMS: KEK only with the app's encryption context; signing key only Sign/GetPublicKey.
    kms = [st for st in allows if any(a.startswith("kms:") for a in _listify(st["Action"]))]
    kms_actions = {a for st in kms for a in _listify(st["Action"])}
    assert kms_actions == {"kms:Encrypt", "kms:Decrypt", "kms:Sign", "kms:GetPublicKey"}
    for st in kms:
        aliases = st["Condition"]["ForAnyValue:StringEquals"]["kms:ResourceAliases"]
        assert all(a.startswith(f"alias/{prefix}") for a in _listify(aliases))
        if {"kms:Encrypt", "kms:Decrypt"} & set(_listify(st["Action"])):
            assert st["Condition"]["StringEquals"]["kms:EncryptionContext:app"] == "amiable-ledger"
            assert aliases == f"alias/{prefix}kek"
        else:
            assert aliases == f"alias/{prefix}checkpoint-signing"
    sqs = [st for st in allows if any(a.startswith("sqs:") for a in _listify(st["Action"]))]
    dead_letters = [st for st in sqs if st.get("Sid") != "WebhookQueue"]
    assert {a for st in dead_letters for a in _listify(st["Action"])} == {"sqs:SendMessage"}
    assert {r for st in dead_letters for r in _listify(st["Resource"])} == {
        f"arn:aws:sqs:*:*:{prefix}ledger-stream-dlq", f"arn:aws:sqs:*:*:{prefix}retention-dlq",
        f"arn:aws:sqs:*:*:{prefix}webhook-fanout-dlq", f"arn:aws:sqs:*:*:{prefix}webhook-notices-dlq"}
    # the webhook queue: sent to (fan-out, API, integrator) and read by the dispatcher's mapping
    queue = [st for st in sqs if st.get("Sid") == "WebhookQueue"]
    assert len(queue) == 1 and queue[0]["Resource"] == f"arn:aws:sqs:*:*:{prefix}webhooks.fifo"
    assert set(queue[0]["Action"]) == {"sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage",
                                       "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"}
    logs = [st for st in allows if any(a.startswith("logs:") for a in _listify(st["Action"]))]
    assert logs and all(r.startswith("arn:aws:logs:") for st in logs for r in _listify(st["Resource"]))
    # PSP secrets: read-only, the stage's own parameters (SecureStrings under the AWS-managed
    # aws/ssm key, whose key policy lets SSM decrypt for the account: no KMS grant needed).
    ssm = [st for st in allows if any(a.startswith("ssm:") for a in _listify(st["Action"]))]
    assert {a for st in ssm for a in _listify(st["Action"])} == {"ssm:GetParameter"}
    assert {r for st in ssm for r in _listify(st["Resource"])} == {
        f"arn:aws:ssm:*:*:parameter/{prefix.rstrip('-')}/payzen/*"}
    # sealed portal documents: exactly what adapters/document_store.py calls (put_object,
    # get_object), on the objects of the stage's bucket in this account only. No DeleteObject
    # (erasure is crypto-shredding), no ListBucket (keys come from the chain).
    s3 = [st for st in allows if any(a.startswith("s3:") for a in _listify(st["Action"]))]
    assert len(s3) == 1 and s3[0].get("Sid") == "PortalDocuments"
    assert set(_listify(s3[0]["Action"])) == {"s3:PutObject", "s3:GetObject"}
    assert s3[0]["Resource"] == f"arn:aws:s3:::{prefix}documents-*/*"
    assert s3[0]["Condition"] == {"StringEquals": {"aws:ResourceAccount": "${aws:PrincipalAccount}"}}


@pytest.mark.parametrize("stage", STAGES)
def test_config_stage(stage: str):
    config = _json(CHALICE_DIR / "config.json")
    st = config["stages"][stage]
    assert st["autogen_policy"] is False
    assert st["iam_policy_file"] == f"policy-{stage}.json"
    assert (CHALICE_DIR / st["iam_policy_file"]).exists()
    env = st["environment_variables"]
    assert env["AL_STAGE"] == stage and env["AL_TABLE_PREFIX"] == f"amiable-{stage}-"
    assert env["AL_KEY_PROVIDER"] == "kms"
    assert env["AL_KMS_KEY_ID"] == f"alias/amiable-{stage}-kek"
    assert env["AL_CHECKPOINT_KMS_KEY_ID"] == f"alias/amiable-{stage}-checkpoint-signing"
    assert env["AL_LOG_NAME"] == f"amiable-ledger.{stage}"  # checkpoint origin: never change it once deployed
    # card payments: secrets by SSM name only (never a value), each under the stage's path
    assert not {"AL_PAYZEN_PASSWORD", "AL_PAYZEN_HMAC_KEY"} & set(env)
    for name in ("AL_PAYZEN_SHOP_ID_REF", "AL_PAYZEN_PASSWORD_REF", "AL_PAYZEN_HMAC_KEY_REF"):
        assert env[name].startswith(f"ssm:/amiable-{stage}/payzen/"), name
    assert env["AL_PAYZEN_API_URL"].startswith("https://")
    assert env["AL_PAYZEN_MODE"] == ("PRODUCTION" if stage == "prod" else "TEST")
    # documents: the stack fills the bucket in (overlays: Ref DocumentsBucket); the stage's value is
    # empty (no silent local directory: the Lambda refuses documents, 503) or the deployed bucket
    assert "AL_DOCUMENTS_BUCKET" in env
    assert env["AL_DOCUMENTS_BUCKET"] == "" or re.fullmatch(
        rf"amiable-{stage}-documents-\d{{12}}-[a-z0-9-]+", env["AL_DOCUMENTS_BUCKET"]), env["AL_DOCUMENTS_BUCKET"]
    assert st["lambda_memory_size"] >= 512 and st["lambda_timeout"] <= 29  # API Gateway's 29 s cap
    assert st["log_retention_in_days"] in (30, 400)
    assert "local" in config["stages"]


# ----------------------------------------------------------------------------- (3) tables
def _data_layer_templates():
    return [("tables.json", _json(INFRA / "tables.json")), ("resources.json", _json(INFRA / "resources.json"))]


@pytest.mark.parametrize("name,template", _data_layer_templates(), ids=lambda x: x if isinstance(x, str) else "")
def test_ledger_table_guarantees(name: str, template: dict):
    ledger = template["Resources"]["LedgerTable"]
    props = ledger["Properties"]
    assert ledger["DeletionPolicy"] == "Retain" and ledger["UpdateReplacePolicy"] == "Retain"
    assert props["DeletionProtectionEnabled"] is True
    assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert props["StreamSpecification"] == {"StreamViewType": "NEW_IMAGE"}
    assert props["SSESpecification"]["SSEType"] == "KMS" and props["SSESpecification"]["KMSMasterKeyId"]
    assert props["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "seq", "KeyType": "RANGE"}]
    assert {"AttributeName": "seq", "AttributeType": "N"} in props["AttributeDefinitions"]
    assert "TimeToLiveSpecification" not in props  # TTL would silently delete ledger entries
    # Table resource policy: the append-only rule holds for every principal, not just the app role.
    stmts = props["ResourcePolicy"]["PolicyDocument"]["Statement"]
    deny = [s for s in stmts if s["Effect"] == "Deny" and s["Principal"] == "*" and "Condition" not in s]
    for action in LEDGER_FORBIDDEN:
        assert any(_covers(s["Action"], action) for s in deny), f"{name}: resource policy does not deny {action}"
    assert not [s for s in stmts if s["Effect"] == "Allow"]


@pytest.mark.parametrize("name,template", _data_layer_templates(), ids=lambda x: x if isinstance(x, str) else "")
def test_other_tables_and_keys(name: str, template: dict):
    resources = template["Resources"]
    tables = {r["Properties"]["TableName"]["Fn::Sub"]: r for r in resources.values()
              if r.get("Type") == "AWS::DynamoDB::Table"}
    assert set(tables) == {"${TablePrefix}" + t for t in TABLE_GRANTS}
    for table in tables.values():
        props = table["Properties"]
        assert props["BillingMode"] == "PAY_PER_REQUEST"
        assert props["DeletionProtectionEnabled"] is True
        assert props["SSESpecification"]["SSEType"] == "KMS"
    keys = tables["${TablePrefix}keys"]["Properties"]
    assert keys["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True, "RecoveryPeriodInDays": 1}
    assert "StreamSpecification" not in keys  # a stream would keep shredded keys for 24 h
    assert keys["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}]
    lookup = tables["${TablePrefix}lookup"]["Properties"]
    assert [k["AttributeName"] for k in lookup["KeySchema"]] == ["pk", "sk"]
    assert tables["${TablePrefix}auth"]["Properties"]["KeySchema"] == [{"AttributeName": "key_id", "KeyType": "HASH"}]
    idem = tables["${TablePrefix}idempotency"]["Properties"]
    assert idem["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    tlog_table = tables["${TablePrefix}tlog"]
    tlog = tlog_table["Properties"]
    assert tlog_table["DeletionPolicy"] == "Retain" and tlog_table["UpdateReplacePolicy"] == "Retain"
    assert tlog["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}]
    assert {"AttributeName": "sk", "AttributeType": "S"} in tlog["AttributeDefinitions"]
    assert tlog["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True, "RecoveryPeriodInDays": 35}
    assert tlog["SSESpecification"]["KMSMasterKeyId"] == {"Fn::GetAtt": ["TableEncryptionKey", "Arn"]}
    assert "TimeToLiveSpecification" not in tlog
    stmts = tlog["ResourcePolicy"]["PolicyDocument"]["Statement"]
    deny = [st for st in stmts if st["Effect"] == "Deny" and st["Principal"] == "*" and "Condition" not in st]
    for action in TLOG_FORBIDDEN:
        assert any(_covers(st["Action"], action) for st in deny), f"{name}: tlog resource policy does not deny {action}"
    assert not [st for st in stmts if st["Effect"] == "Allow"]
    if name == "tables.json":
        assert template["Outputs"]["TlogTableArn"]["Value"] == {"Fn::GetAtt": ["TlogTable", "Arn"]}

    kek = resources["KeyEncryptionKey"]["Properties"]
    assert kek["KeySpec"] == "SYMMETRIC_DEFAULT" and kek["EnableKeyRotation"] is True
    signer = resources["CheckpointSigningKey"]["Properties"]
    assert signer["KeySpec"] == "ECC_NIST_EDWARDS25519" and signer["KeyUsage"] == "SIGN_VERIFY"
    for key in ("KeyEncryptionKey", "CheckpointSigningKey", "TableEncryptionKey"):
        assert resources[key]["DeletionPolicy"] == "Retain"
    aliases = {r["Properties"]["AliasName"]["Fn::Sub"] for r in resources.values() if r.get("Type") == "AWS::KMS::Alias"}
    assert aliases == {"alias/${TablePrefix}kek", "alias/${TablePrefix}checkpoint-signing", "alias/${TablePrefix}dynamodb"}


@pytest.mark.parametrize("name,template", _data_layer_templates(), ids=lambda x: x if isinstance(x, str) else "")
def test_documents_bucket(name: str, template: dict):
    """The portal's sealed documents: private, encrypted, TLS only, kept like evidence."""
    bucket = template["Resources"]["DocumentsBucket"]
    props = bucket["Properties"]
    assert bucket["Type"] == "AWS::S3::Bucket"
    assert bucket["DeletionPolicy"] == "Retain" and bucket["UpdateReplacePolicy"] == "Retain"
    assert props["BucketName"] == {"Fn::Sub": "${TablePrefix}documents-${AWS::AccountId}-${AWS::Region}"}
    sse = props["BucketEncryption"]["ServerSideEncryptionConfiguration"][0]
    # aws/s3, the key S3 picks for the adapter's aws:kms puts without a key id (no KMS grant needed)
    assert sse["ServerSideEncryptionByDefault"] == {"SSEAlgorithm": "aws:kms"} and sse["BucketKeyEnabled"] is True
    assert props["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True, "BlockPublicPolicy": True, "IgnorePublicAcls": True, "RestrictPublicBuckets": True}
    assert props["OwnershipControls"] == {"Rules": [{"ObjectOwnership": "BucketOwnerEnforced"}]}
    assert props["VersioningConfiguration"] == {"Status": "Enabled"}
    [rule] = props["LifecycleConfiguration"]["Rules"]
    assert rule["Status"] == "Enabled" and rule["NoncurrentVersionExpiration"] == {"NoncurrentDays": 35}
    assert "ExpirationInDays" not in rule and "ExpirationDate" not in rule  # current documents are evidence
    policy = template["Resources"]["DocumentsBucketPolicy"]["Properties"]
    assert policy["Bucket"] == {"Ref": "DocumentsBucket"}
    stmts = policy["PolicyDocument"]["Statement"]
    assert not [st for st in stmts if st["Effect"] == "Allow"]
    tls = [st for st in stmts if st.get("Condition") == {"Bool": {"aws:SecureTransport": "false"}}]
    assert len(tls) == 1 and tls[0]["Effect"] == "Deny" and tls[0]["Principal"] == "*" and tls[0]["Action"] == "s3:*"
    assert tls[0]["Resource"] == [{"Fn::GetAtt": ["DocumentsBucket", "Arn"]}, {"Fn::Sub": "${DocumentsBucket.Arn}/*"}]
    kms = [st for st in stmts if st.get("Sid") == "DenyPutsWithoutKms"]
    assert kms[0]["Condition"] == {"StringNotEquals": {"s3:x-amz-server-side-encryption": "aws:kms"}}
    if name == "tables.json":
        assert template["Outputs"]["DocumentsBucketName"]["Value"] == {"Ref": "DocumentsBucket"}


def test_external_data_stack_imports_the_documents_bucket():
    overlay = _json(INFRA / "resources-external-data.json")
    env = overlay["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert env["AL_DOCUMENTS_BUCKET"] == {"Fn::ImportValue": {"Fn::Sub": "${DataStackName}-DocumentsBucketName"}}


@pytest.mark.slow
def test_deployment_zip_runs_a_request(real_package: Path, tmp_path: Path):
    """The zip as Lambda would load it (its own packages, boto3 from the runtime — here the
    venv's): app imports, the bundled schemas load, and a request is answered."""
    root = tmp_path / "lambda"
    with zipfile.ZipFile(real_package / "deployment.zip") as zf:
        zf.extractall(root)
    script = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(root)!r})\n"
        "import app\n"
        "assert app.__file__.startswith(sys.path[0]), app.__file__\n"
        "from chalicelib.domain import events\n"
        "assert 'contact.sent' in events.catalogue()\n"
        "def call(method, path, body=None):\n"
        "    event = {'resource': path, 'path': path, 'httpMethod': method, 'headers': {'Content-Type': 'application/json'},\n"
        "             'multiValueHeaders': {}, 'queryStringParameters': None, 'multiValueQueryStringParameters': None,\n"
        "             'pathParameters': None, 'stageVariables': None, 'body': body, 'isBase64Encoded': False,\n"
        "             'requestContext': {'resourcePath': path, 'httpMethod': method, 'path': '/api' + path,\n"
        "                                'stage': 'api'}}\n"  # no source ip: no failure counter, no DB
        "    return app.app(event, type('Context', (), {'aws_request_id': 'r1', 'function_name': 'f'})())\n"
        "resp = call('GET', '/v1/health')\n"
        "assert resp['statusCode'] == 200, resp\n"
        "resp = call('POST', '/v1/cases', '{}')\n"
        "assert resp['statusCode'] == 401 and json.loads(resp['body'])['error'] == 'unauthenticated', resp\n"
        "import datetime, jinja2\n"
        "assert jinja2.__file__.startswith(sys.path[0]), jinja2.__file__\n"
        "from chalicelib.domain.gdpr import access_document\n"
        "from chalicelib.rendering import render_access_html\n"
        "now = datetime.datetime.now(datetime.timezone.utc)\n"
        "page = render_access_html(access_document({'subject_id': 's'}, [], now, {'name': '<b>C</b>'}))\n"
        "assert 'Vos droits' in page and '&lt;b&gt;C&lt;/b&gt;' in page, page[:200]\n"
        # cryptography from the zip (its cffi Python side is pruned): sealing and a checkpoint signature
        "from chalicelib.domain import crypto\n"
        "pair = crypto.subject_keypair(bytes(range(32)))\n"
        "sealed = crypto.seal(b'secret', pair.public_raw, b'aad', bytes(32), bytes(12))\n"
        "assert crypto.open_sealed(sealed, pair.private_raw, b'aad') == b'secret'\n"
        "from chalicelib.adapters.signing import LocalSigner\n"
        f"signer = LocalSigner({str(tmp_path / 'ckpt.key')!r}, 'x', create=True)\n"
        "assert len(signer.sign(b'note')) == 64 and len(signer.public_key) == 32\n"
        "import chalicelib.services.transparency, chalicelib.services.gdpr  # loaded on first use by app.py\n"
        "print('ok')\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("AL_")}
    env.update(AL_STAGE="dev", AL_TABLE_PREFIX="amiable-dev-", AL_KEY_PROVIDER="kms", AL_KMS_KEY_ID="alias/x",
               AWS_DEFAULT_REGION="eu-west-3", PYTHONPATH="")
    # the zip's own site: its packages must win over the venv's for everything it ships
    # -B: /var/task is read-only, so nothing may depend on writing bytecode next to the sources
    proc = subprocess.run([sys.executable, "-I", "-B", "-c", script], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0 and proc.stdout.strip().endswith("ok"), proc.stdout + proc.stderr
