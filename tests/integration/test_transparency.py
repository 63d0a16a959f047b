"""Tenant-wide transparency log on DynamoDB Local: integration, checkpoints, proofs, routes."""
from __future__ import annotations

import copy
import json
from concurrent.futures import ThreadPoolExecutor

import pytest

from ledger_verify import checkpoint as notes
from ledger_verify import merkle
from chalicelib.services import cases, transparency
from chalicelib.services.auth import authenticate
from tests.support import case_body, event, get


@pytest.fixture
def collector(rt, keys):
    return authenticate(rt, "Bearer " + keys["collector"])


def fill(rt, principal, n_cases=3, events=4):
    case_ids = []
    for _ in range(n_cases):
        case_id = cases.open_case(rt, principal, case_body())["case_id"]
        for i in range(events):
            cases.append_event(rt, principal, case_id, event("note.added", {"text": f"note {i}"}))
        case_ids.append(case_id)
    return case_ids


def tenant_leaves(rt, tenant):
    return rt.tlog.leaves(tenant, 0)


def test_integration_checkpoint_and_proofs(client, rt, keys, collector):
    case_ids = fill(rt, collector)
    transparency.integrate_local_stream(rt)
    latest = get(client, "/v1/audit/checkpoints/latest", keys["auditor"]).json_body
    assert latest["tree_size"] == 15
    vkey = get(client, "/v1/audit/checkpoint-key", keys["auditor"]).json_body["verifier_key"]
    cp = notes.open_note(latest["note"], vkey)
    assert cp.tree_size == 15 and cp.root_hash.hex() == latest["root_hash"]
    assert cp.origin == f"amiable-ledger.test/{collector.tenant_id}"

    record = json.loads(next(iter(rt.ledger.records(collector.tenant_id, case_ids[1], after_seq=1, limit=1))))
    proof = get(client, f"/v1/audit/proofs/inclusion?case_id={case_ids[1]}&seq=2&tree_size=15", keys["auditor"]).json_body
    leaf = merkle.leaf_hash(bytes.fromhex(record["hash"]))
    assert merkle.verify_inclusion(leaf, proof["leaf_index"], 15, [bytes.fromhex(h) for h in proof["proof"]], cp.root_hash)

    more = fill(rt, collector, n_cases=1, events=6)
    transparency.integrate_local_stream(rt)
    latest2 = get(client, "/v1/audit/checkpoints/latest", keys["auditor"]).json_body
    cp2 = notes.open_note(latest2["note"], vkey)
    assert cp2.tree_size == 22
    cons = get(client, "/v1/audit/proofs/consistency?first=15&second=22", keys["auditor"]).json_body
    assert merkle.verify_consistency(15, 22, cp.root_hash, cp2.root_hash, [bytes.fromhex(h) for h in cons["proof"]])
    assert more


def test_tenant_journal_pages_in_integration_order(client, rt, keys, collector):
    fill(rt, collector, n_cases=2, events=5)
    transparency.integrate_local_stream(rt)
    lines, cursor = [], 0
    while cursor is not None:
        resp = client.http.get(f"/v1/audit/journal?cursor={cursor}&limit=4",
                               headers={"Authorization": f"Bearer {keys['auditor']}"})
        assert resp.status_code == 200
        lines += resp.body.decode().splitlines()
        cursor = resp.headers.get("X-Next-Cursor")
    entries = [json.loads(line) for line in lines]
    assert [e["leaf_index"] for e in entries] == list(range(12))
    assert len({(e["record"]["case_id"], e["record"]["seq"]) for e in entries}) == 12
    for line, entry in zip(lines, entries):  # each record embedded byte for byte, as stored
        case_id, seq = entry["record"]["case_id"], entry["record"]["seq"]
        stored = next(iter(rt.ledger.records(collector.tenant_id, case_id, after_seq=seq - 1, limit=1)))
        assert line == '{"leaf_index":%d,"record":%s}' % (entry["leaf_index"], stored)


def test_integration_is_idempotent_and_concurrency_safe(rt, collector):
    case_ids = fill(rt, collector, n_cases=4, events=5)
    records = [json.loads(t) for c in case_ids for t in rt.ledger.records(collector.tenant_id, c)]
    records.sort(key=lambda r: (r["case_id"], r["seq"]))
    entries = [transparency.Entry(collector.tenant_id, r["case_id"], r["seq"], r["hash"]) for r in records]
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda chunk: transparency.integrate(rt, collector.tenant_id, chunk),
                      [entries, entries[::-1], entries[5:], entries[:7]]))
    transparency.integrate(rt, collector.tenant_id, entries)  # and once more
    leaves = tenant_leaves(rt, collector.tenant_id)
    assert len(leaves) == 24
    assert sorted((l["case_id"], l["seq"]) for l in leaves) == sorted((e.case_id, e.seq) for e in entries)
    head = transparency._read_head(rt, collector.tenant_id)
    assert head.size == 24
    assert head.root == merkle.root([bytes.fromhex(l["hash"]) for l in leaves])


def test_crash_between_leaves_and_head_loses_nothing(rt, collector, monkeypatch):
    (case_id,) = fill(rt, collector, n_cases=1, events=3)
    recs = [json.loads(t) for t in rt.ledger.records(collector.tenant_id, case_id)]
    entries = [transparency.Entry(collector.tenant_id, r["case_id"], r["seq"], r["hash"]) for r in recs]
    real = transparency._advance

    def crash(*args, **kwargs):
        raise RuntimeError("Lambda timed out")

    monkeypatch.setattr(transparency, "_advance", crash)
    with pytest.raises(RuntimeError):
        transparency.integrate(rt, collector.tenant_id, entries)
    monkeypatch.setattr(transparency, "_advance", real)
    assert transparency._read_head(rt, collector.tenant_id).size == 0  # leaves written, head not
    result = transparency.integrate(rt, collector.tenant_id, entries)  # the retry rolls forward
    assert result["tree_size"] == 4 and result["added"] == 0
    assert len(tenant_leaves(rt, collector.tenant_id)) == 4


def test_poison_record_does_not_stop_integration(rt, collector):
    from chalicelib.adapters.ledger_stream import LedgerStreamReader

    case_ids = fill(rt, collector, n_cases=2, events=2)
    reader = LedgerStreamReader(rt.tables, rt.settings.dynamodb_endpoint, rt.settings.region)
    mine = [r for _, batch in reader.batches(lambda shard: None) for r in batch
            if r["dynamodb"].get("NewImage", {}).get("tenant_id", {}).get("S") == collector.tenant_id]
    poison = copy.deepcopy(mine[2])
    poison["dynamodb"]["NewImage"]["record"]["S"] = "{not json"
    poison["dynamodb"]["SequenceNumber"] = "poison-1"
    batch = mine[:2] + [poison] + mine[2:]
    result = transparency.integrate_stream_batch(rt, batch)
    assert result["batchItemFailures"] == [{"itemIdentifier": "poison-1"}]
    assert len(tenant_leaves(rt, collector.tenant_id)) == 6
    assert case_ids


def test_stream_handler_reports_partial_failures(client, rt, collector):
    fill(rt, collector, n_cases=1, events=1)
    from chalicelib.adapters.ledger_stream import LedgerStreamReader

    reader = LedgerStreamReader(rt.tables, rt.settings.dynamodb_endpoint, rt.settings.region)
    mine = [r for _, batch in reader.batches(lambda shard: None) for r in batch
            if r["dynamodb"].get("NewImage", {}).get("tenant_id", {}).get("S") == collector.tenant_id]
    bogus = {"eventName": "MODIFY", "dynamodb": {"SequenceNumber": "bad-2", "NewImage": {}}}
    records = [{**r, "eventSource": "aws:dynamodb", "awsRegion": "eu-west-3",
                "eventSourceARN": "arn:aws:dynamodb:eu-west-3:1:table/x/stream/y"} for r in mine]
    response = client.lambda_.invoke("integrate", {"Records": records + [bogus]})
    assert response.payload == {"batchItemFailures": [{"itemIdentifier": "bad-2"}]}
    assert len(tenant_leaves(rt, collector.tenant_id)) == 2


def test_proof_parameters_are_checked(client, keys, rt, collector):
    fill(rt, collector, n_cases=1, events=1)
    transparency.integrate_local_stream(rt)
    a = keys["auditor"]
    assert get(client, "/v1/audit/proofs/inclusion?case_id=x&seq=0&tree_size=1", a).status_code == 404
    assert get(client, "/v1/audit/proofs/consistency?first=1", a).status_code == 422
    assert get(client, "/v1/audit/proofs/consistency?first=3&second=999", a).status_code == 422
    assert get(client, "/v1/audit/checkpoints/latest", keys["collector"]).status_code == 403
