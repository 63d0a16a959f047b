#!/usr/bin/env python3
"""Render infra/resources.json, the `chalice package --merge-template` file.

Sources of truth (hand-edited):
  infra/tables.json          standalone data-layer template (tables, KMS keys, aliases)
  infra/app-overlay.json     wiring of the Chalice REST API function to that data layer
  infra/stream-overlay.json  event-source-mapping settings, SQS DLQ and alarms for
                             the `integrate` DynamoDB-stream handler
  infra/retention-overlay.json  name, environment, DLQ and alarm of the scheduled
                             `retention` handler
  infra/webhooks-overlay.json  the webhook functions (fan-out on the stream, dispatcher on the
                             SQS FIFO queue, hourly notices), their DLQs and alarms; included
                             when app.py defines `@app.on_sqs_message(...) def webhook_dispatch`
  (the AL_* environment of every function must equal APIHandler's: checked here)

Generated (do not edit; `--check` verifies them):
  infra/resources.json                merge template for ONE stack: data layer + app
  infra/resources-external-data.json  merge template for an app stack whose data layer
                                      was deployed separately from tables.json: same
                                      overlays, but every reference to a data-layer
                                      resource becomes Fn::ImportValue of that stack's
                                      exports (parameter DataStackName)

resources.json = tables.json <- app-overlay.json [<- stream-overlay.json], deep-merged
with the same semantics as Chalice's TemplateDeepMerger (dicts merge recursively,
anything else: the later file wins).  The stream overlay is included only when
app.py defines `@app.on_dynamodb_record(...) def integrate`: merging it into a
template without the Chalice-generated `Integrate` function would leave a resource
without a Type.  Likewise retention-overlay.json, only when app.py defines
`@app.schedule(...) def retention`.

Usage:
  python infra/render.py                    # auto-detect integrate in app.py
  python infra/render.py --with-integrate   # force include
  python infra/render.py --without-integrate
  python infra/render.py --with-retention / --without-retention   (default: auto-detect)
  python infra/render.py --check            # exit 1 if resources.json is stale
"""
from __future__ import annotations

import argparse
import ast
import json
import sys
from pathlib import Path
from typing import Any, Optional

INFRA = Path(__file__).resolve().parent
ROOT = INFRA.parent
OUTPUT = INFRA / "resources.json"
OUTPUTS = {"resources.json": "full", "resources-external-data.json": "external"}
STREAM_HANDLER = "integrate"
SCHEDULED_HANDLER = "retention"
# Chalice logical ids of the functions the overlays configure: all must get the same AL_* env.
FUNCTIONS = ("APIHandler", "Integrate", "Retention", "WebhookFanout", "WebhookDispatch", "WebhookNotices")
WEBHOOK_HANDLER = "webhook_dispatch"


def deep_merge(top: Any, base: Any) -> Any:
    """Same rule as chalice.package.TemplateDeepMerger: `top` wins."""
    if isinstance(top, dict) and isinstance(base, dict):
        merged = dict(base)
        for key, value in top.items():
            merged[key] = deep_merge(value, base.get(key))
        return merged
    return top


def _app_has_handler(name: str, decorator: str, app_py: Path) -> bool:
    """True if app.py has `@<x>.<decorator>(...)` on a function named `name`."""
    if not app_py.exists():
        return False
    tree = ast.parse(app_py.read_text(encoding="utf-8"), filename=str(app_py))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == name:
            for deco in node.decorator_list:
                target = deco.func if isinstance(deco, ast.Call) else deco
                if isinstance(target, ast.Attribute) and target.attr == decorator:
                    return True
    return False


def app_has_stream_handler(app_py: Path = ROOT / "app.py") -> bool:
    """True if app.py has `@<x>.on_dynamodb_record(...)` on a function named integrate."""
    return _app_has_handler(STREAM_HANDLER, "on_dynamodb_record", app_py)


def app_has_scheduled_handler(app_py: Path = ROOT / "app.py") -> bool:
    """True if app.py has `@<x>.schedule(...)` on a function named retention."""
    return _app_has_handler(SCHEDULED_HANDLER, "schedule", app_py)


def app_has_webhook_handlers(app_py: Path = ROOT / "app.py") -> bool:
    """True if app.py has `@<x>.on_sqs_message(...)` on a function named webhook_dispatch (the
    webhook overlay configures it with webhook_fanout and webhook_notices)."""
    return _app_has_handler(WEBHOOK_HANDLER, "on_sqs_message", app_py)


def _load(name: str) -> dict:
    return json.loads((INFRA / name).read_text(encoding="utf-8"))


def render(with_integrate: Optional[bool] = None, variant: str = "full",
           with_retention: Optional[bool] = None, with_webhooks: Optional[bool] = None) -> dict:
    """variant "full": data layer + app in one stack; "external": app only, data layer imported."""
    if with_integrate is None:
        with_integrate = app_has_stream_handler()
    if with_retention is None:
        with_retention = app_has_scheduled_handler()
    if with_webhooks is None:
        with_webhooks = app_has_webhook_handlers()
    sources = ["infra/app-overlay.json"]
    overlay = _load("app-overlay.json")
    for name, included in (("stream-overlay.json", with_integrate), ("retention-overlay.json", with_retention),
                           ("webhooks-overlay.json", with_webhooks)):
        if included:
            sources.append(f"infra/{name}")
            overlay = deep_merge(_load(name), overlay)
    _check_same_environment(overlay)
    tables = _load("tables.json")
    if variant == "full":
        sources.insert(0, "infra/tables.json")
        template = tables
        template["Description"] = (
            "Amiable Ledger (Chalice app + data layer). Generated by chalice package "
            "--merge-template infra/resources.json; see infra/README.md."
        )
        template = deep_merge(overlay, template)
    elif variant == "external":
        template = {
            "Description": (
                "Amiable Ledger Chalice app using a data layer deployed separately from "
                "infra/tables.json (stack DataStackName). See infra/README.md."
            ),
            "Parameters": {
                "TablePrefix": tables["Parameters"]["TablePrefix"],
                "DataStackName": {
                    "Type": "String",
                    "Description": "Name of the stack deployed from infra/tables.json (its exports are imported).",
                    "AllowedPattern": "^[A-Za-z][-A-Za-z0-9]*$",
                },
            },
        }
        template = deep_merge(_imported(overlay, tables), template)
    else:
        raise ValueError(f"unknown variant {variant!r}")
    template.setdefault("Metadata", {})["AmiableLedgerInfraGenerated"] = {
        "By": "infra/render.py",
        "From": sources,
        "Note": "Do not edit by hand.",
    }
    return template


def _check_same_environment(overlay: dict) -> None:
    """All functions (APIHandler, Integrate, Retention) run the same code against the same data
    layer: the AL_* variables the overlays set must be identical (the stage's own
    environment_variables in .chalice/config.json reach every function anyway)."""
    def env(fn: str) -> dict:
        variables = overlay["Resources"][fn].get("Properties", {}).get("Environment", {}).get("Variables", {})
        return {k: v for k, v in variables.items() if k.startswith("AL_")}

    api = env("APIHandler")
    if not api:
        raise ValueError("app-overlay.json sets no AL_* variables on APIHandler")
    for fn in FUNCTIONS[1:]:
        if fn not in overlay["Resources"]:
            continue
        other = env(fn)
        if api != other:
            differ = sorted(k for k in set(api) | set(other) if api.get(k) != other.get(k))
            raise ValueError(f"the overlays set different AL_* variables on APIHandler and {fn}: {differ}")


def _imported(node: Any, tables: dict) -> Any:
    """Replace Ref/GetAtt of data-layer resources by Fn::ImportValue of tables.json's exports."""
    data_ids = set(tables["Resources"])
    by_value = {json.dumps(o["Value"], sort_keys=True): name for name, o in tables["Outputs"].items()}

    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            if "Fn::FindInMap" in value:  # keyed by the app stack's own TablePrefix parameter:
                return value  # Fn::FindInMap accepts only Ref/FindInMap inside, not ImportValue
            if value == {"Ref": "TablePrefix"}:  # the tables' real prefix, from the data stack
                return {"Fn::ImportValue": {"Fn::Sub": "${DataStackName}-TablePrefix"}}
            ref = value.get("Ref")
            getatt = value.get("Fn::GetAtt")
            target = ref if isinstance(ref, str) else (getatt[0] if isinstance(getatt, list) else None)
            if target in data_ids and len(value) == 1:
                key = json.dumps(value, sort_keys=True)
                if key not in by_value:
                    raise ValueError(f"tables.json exports nothing for {value}: add an Output")
                return {"Fn::ImportValue": {"Fn::Sub": "${DataStackName}-" + by_value[key]}}
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        return value

    return walk(node)


def dumps(template: dict) -> str:
    return json.dumps(template, indent=2) + "\n"


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--with-integrate", dest="integrate", action="store_true", default=None)
    group.add_argument("--without-integrate", dest="integrate", action="store_false")
    group2 = parser.add_mutually_exclusive_group()
    group2.add_argument("--with-retention", dest="retention", action="store_true", default=None)
    group2.add_argument("--without-retention", dest="retention", action="store_false")
    parser.add_argument("--check", action="store_true", help="fail if a generated file is stale")
    args = parser.parse_args(argv)
    stale = []
    for name, variant in OUTPUTS.items():
        path = INFRA / name
        text = dumps(render(args.integrate, variant, args.retention))
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote infra/{name}")
    if stale:
        print(f"stale: {', '.join(stale)}: run `python infra/render.py`", file=sys.stderr)
        return 1
    if args.check:
        print("generated infra files are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
