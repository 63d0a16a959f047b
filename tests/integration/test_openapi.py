"""schemas/openapi.json describes every route, is up to date, and real responses conform."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema

import app as app_module
from devtools import openapi
from tests.support import TEN_EVENTS, case_body, event, get, post

DOC = json.loads((Path(__file__).resolve().parents[2] / "schemas" / "openapi.json").read_text())


def test_committed_document_is_generated():
    assert (Path(openapi.OUT).read_text()) == openapi.render(), "run: python -m devtools.openapi"


def test_every_route_is_documented_and_nothing_else():
    routes = {(path, method.lower()) for path, entries in app_module.app.routes.items() for method in entries}
    documented = {(path, method) for path, ops in DOC["paths"].items() for method in ops}
    assert routes == documented


def conforms(path: str, method: str, resp) -> None:
    op = DOC["paths"][path][method]
    assert str(resp.status_code) in op["responses"], (path, method, resp.status_code)
    content = op["responses"][str(resp.status_code)]["content"]
    if "application/json" in content:
        schema = {**content["application/json"]["schema"], "components": DOC["components"]}
        jsonschema.Draft202012Validator(schema).validate(resp.json_body)


def test_event_request_schema_accepts_real_requests():
    schema = {"$ref": "#/components/schemas/EventRequest", "components": DOC["components"]}
    for kind, data in TEN_EVENTS:
        jsonschema.Draft202012Validator(schema).validate(event(kind, data))


def test_responses_conform(client, keys):
    created = post(client, "/v1/cases", case_body(), keys["collector"])
    conforms("/v1/cases", "post", created)
    case_id = created.json_body["case_id"]
    for kind, data in TEN_EVENTS[:4]:
        conforms("/v1/cases/{case_id}/events", "post",
                 post(client, f"/v1/cases/{case_id}/events", event(kind, data), keys["collector"]))
    conforms("/v1/cases/{case_id}/events", "post",
             post(client, f"/v1/cases/{case_id}/events", event("bogus", {}), keys["collector"]))
    conforms("/v1/cases/{case_id}", "get", get(client, f"/v1/cases/{case_id}", keys["collector"]))
    conforms("/v1/cases/{case_id}", "get", get(client, f"/v1/cases/{case_id}", keys["auditor"]))
    conforms("/v1/cases/{case_id}/events", "get", get(client, f"/v1/cases/{case_id}/events", keys["dpo"]))
    conforms("/v1/audit/cases/{case_id}/verify", "get", get(client, f"/v1/audit/cases/{case_id}/verify", keys["auditor"]))
    conforms("/v1/audit/cases/{case_id}/journal", "get", get(client, f"/v1/audit/cases/{case_id}/journal", keys["auditor"]))
    conforms("/v1/admin/keys", "post", post(client, "/v1/admin/keys", {"role": "dpo"}, keys["admin"]))
    conforms("/v1/health", "get", client.http.get("/v1/health"))
    conforms("/v1/cases/{case_id}/events/{seq}/receipt", "get",
             get(client, f"/v1/cases/{case_id}/events/1/receipt", keys["collector"]))
    hook = post(client, "/v1/admin/webhooks", {"url": "https://hooks.example.org/x", "event_types": ["case.opened"]},
                keys["admin"])
    conforms("/v1/admin/webhooks", "post", hook)
    hook_id = hook.json_body["webhook_id"]
    conforms("/v1/admin/webhooks", "get", get(client, "/v1/admin/webhooks", keys["admin"]))
    conforms("/v1/admin/webhooks/{webhook_id}", "get", get(client, f"/v1/admin/webhooks/{hook_id}", keys["admin"]))
    conforms("/v1/admin/webhooks/{webhook_id}/rotate-secret", "post",
             post(client, f"/v1/admin/webhooks/{hook_id}/rotate-secret", {}, keys["admin"]))
    conforms("/v1/admin/webhooks/{webhook_id}/deliveries", "get",
             get(client, f"/v1/admin/webhooks/{hook_id}/deliveries", keys["admin"]))
    conforms("/v1/cases/{case_id}", "get", client.http.get(f"/v1/cases/{case_id}"))
