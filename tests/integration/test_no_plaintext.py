"""No personal datum in clear anywhere: every raw item of every table, and all log output."""
from __future__ import annotations

import json
import logging

from chalicelib.adapters.dynamo import TABLES
from tests.support import TEN_EVENTS, case_body, event, post

SECRETS = {
    "name": "Héloïse Quarantotti",
    "email": "heloise.quarantotti@example.net",
    "phone": "+33 7 98 76 54 32",
    "address": "7 impasse des Glycines, 69003 Lyon",
}
THIRD = {"name": "Barnabé Zwiebelkuchen", "email": "barnabe.zwk@example.com", "phone": "+33 6 55 44 33 22"}


def _variants(value: str) -> set[str]:
    digits = "".join(ch for ch in value if ch.isdigit())
    out = {value, value.lower(), json.dumps(value)[1:-1]}
    if len(digits) >= 9:
        out |= {digits, digits[-9:]}
    return out


def _scan_all_items(rt) -> str:
    client, dump = rt.tables.client, []
    for logical in TABLES:
        paginator = client.get_paginator("scan")
        for page in paginator.paginate(TableName=rt.tables.name(logical)):
            dump.extend(json.dumps(item, ensure_ascii=False) for item in page["Items"])
    return "\n".join(dump)


def test_no_personal_data_in_tables_or_logs(client, rt, keys, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    body = case_body(debtor={"kind": "person", **SECRETS})
    case_id = post(client, "/v1/cases", body, keys["collector"]).json_body["case_id"]
    for i, (kind, data) in enumerate(TEN_EVENTS):  # with Idempotency-Key: its records must stay clean too
        post(client, f"/v1/cases/{case_id}/events", event(kind, data), keys["collector"], **{"Idempotency-Key": f"np-{i}"})
    third = {"channel": "call", "recipient": {"role": "third_party", **THIRD},
             "text": "Bonjour, pourriez-vous demander à Mme Quarantotti de nous rappeler ?"}
    # a weekday at 10:00 in Paris: calls at night, on Sundays or holidays are blocked by the guards
    daytime = "2026-11-17T10:00:00+01:00"
    assert post(client, f"/v1/cases/{case_id}/events", event("contact.sent", third, daytime),
                keys["collector"]).status_code == 201
    blocked = post(client, f"/v1/cases/{case_id}/events", event("contact.sent", {
        "channel": "email", "recipient": {"role": "debtor"},
        "text": f"{SECRETS['name']}, un huissier saisira vos meubles demain."}), keys["collector"])
    assert blocked.status_code == 422  # the guard's evidence must not leak the text either
    # a failing request must not echo personal data into its error or the logs
    bad = post(client, f"/v1/cases/{case_id}/events",
               event("contact.sent", {**third, "channel": SECRETS["email"]}, daytime), keys["collector"])
    assert bad.status_code == 422
    assert SECRETS["email"] not in bad.body.decode()

    raw = _scan_all_items(rt)
    logs = capsys.readouterr()
    captured = raw + logs.out + logs.err + caplog.text
    for value in list(SECRETS.values()) + list(THIRD.values()):
        for variant in _variants(value):
            assert variant not in captured, f"{variant!r} found in clear"
    # and the data is really there, sealed: the timeline restores it
    timeline = client.http.get(f"/v1/cases/{case_id}/events?limit=500",
                               headers={"Authorization": f"Bearer {keys['collector']}"}).json_body
    assert timeline["events"][0]["data"]["debtor"]["email"] == SECRETS["email"]
    third_party = [e for e in timeline["events"] if e["data"].get("recipient", {}).get("role") == "third_party"]
    assert third_party[0]["data"]["recipient"]["name"] == THIRD["name"]
    assert timeline["events"][-1]["type"] == "guard.blocked"
    assert timeline["events"][-1]["data"]["text"].startswith(SECRETS["name"])
