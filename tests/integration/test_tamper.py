"""Tamper suite: someone with write access edits the tables directly with boto3. Each change is
detected by the offline verifier, and the report names the case and seq where it can."""
from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_verify import checkpoint as notes
from ledger_verify.chain import seal_record
from chalicelib.services import cases, transparency
from chalicelib.services.auth import authenticate
from ledger_verify.journal import verify_journal_file
from tests.support import case_body, event

LEDGER_BIN = Path(sys.executable).parent / "ledger"


@pytest.fixture
def world(rt, keys):
    principal = authenticate(rt, "Bearer " + keys["collector"])
    case_ids = []
    for _ in range(3):
        case_id = cases.open_case(rt, principal, case_body())["case_id"]
        for i in range(4):
            cases.append_event(rt, principal, case_id, event("note.added", {"text": f"note {i}"}))
        case_ids.append(case_id)
    transparency.integrate_local_stream(rt)
    trusted_key = transparency.verifier_key(rt)  # what the auditor pinned beforehand
    return rt, principal.tenant_id, case_ids, trusted_key


def item(rt, tenant, case_id, seq):
    return rt.tables.client.get_item(TableName=rt.tables.name("ledger"),
                                     Key={"pk": {"S": f"{tenant}#{case_id}"}, "seq": {"N": str(seq)}})["Item"]


def put_raw(rt, it):
    rt.tables.client.put_item(TableName=rt.tables.name("ledger"), Item=it)


def delete_raw(rt, tenant, case_id, seq):
    rt.tables.client.delete_item(TableName=rt.tables.name("ledger"),
                                 Key={"pk": {"S": f"{tenant}#{case_id}"}, "seq": {"N": str(seq)}})


def edit_record(rt, tenant, case_id, seq, change):
    it = item(rt, tenant, case_id, seq)
    record = json.loads(it["record"]["S"])
    change(record)
    it["record"]["S"] = json.dumps(record, separators=(",", ":"), ensure_ascii=False)
    put_raw(rt, it)


def export_and_verify(rt, tenant, tmp_path, trusted_key, case_id=None):
    transparency.integrate_local_stream(rt)
    out = tmp_path / ("case" if case_id else "tenant")
    transparency.export_bundle(rt, tenant, out, case_id)
    return verify_journal_file(out / "journal.ndjson", (out / "checkpoint.note").read_text(), trusted_key,
                               json.loads((out / "proofs.json").read_text()))


def assert_tampered_at(result, case_id, seq):
    assert result.exit_code == 1, result.to_dict()
    assert (result.first_bad["case_id"], result.first_bad["seq"]) == (case_id, seq), result.first_bad


def test_untouched_bundles_verify(world, tmp_path):
    rt, tenant, case_ids, key = world
    assert export_and_verify(rt, tenant, tmp_path, key).exit_code == 0
    assert export_and_verify(rt, tenant, tmp_path, key, case_ids[0]).exit_code == 0


def test_changed_field(world, tmp_path):
    rt, tenant, case_ids, key = world
    edit_record(rt, tenant, case_ids[1], 2, lambda r: r.update(occurred_at="2020-01-01T00:00:00Z"))
    assert_tampered_at(export_and_verify(rt, tenant, tmp_path, key), case_ids[1], 2)


def test_changed_ciphertext_byte(world, tmp_path):
    rt, tenant, case_ids, key = world

    def flip(record):
        ct = bytearray(base64.b64decode(record["sealed"][0]["ct"]))
        ct[5] ^= 0x01
        record["sealed"][0]["ct"] = base64.b64encode(bytes(ct)).decode()

    edit_record(rt, tenant, case_ids[0], 3, flip)
    assert_tampered_at(export_and_verify(rt, tenant, tmp_path, key), case_ids[0], 3)


def test_deleted_middle_record(world, tmp_path):
    rt, tenant, case_ids, key = world
    delete_raw(rt, tenant, case_ids[2], 2)
    assert_tampered_at(export_and_verify(rt, tenant, tmp_path, key), case_ids[2], 2)


def test_deleted_newest_record(world, tmp_path):
    rt, tenant, case_ids, key = world
    delete_raw(rt, tenant, case_ids[2], 4)
    assert_tampered_at(export_and_verify(rt, tenant, tmp_path, key), case_ids[2], 4)
    assert_tampered_at(export_and_verify(rt, tenant, tmp_path, key, case_ids[2]), case_ids[2], 4)


def test_deleted_whole_case(world, tmp_path):
    rt, tenant, case_ids, key = world
    for seq in range(5):
        delete_raw(rt, tenant, case_ids[0], seq)
    assert_tampered_at(export_and_verify(rt, tenant, tmp_path, key), case_ids[0], 0)


def test_swapped_records(world, tmp_path):
    rt, tenant, case_ids, key = world
    a, b = item(rt, tenant, case_ids[1], 1), item(rt, tenant, case_ids[1], 2)
    a["record"], b["record"] = b["record"], a["record"]
    put_raw(rt, a)
    put_raw(rt, b)
    assert_tampered_at(export_and_verify(rt, tenant, tmp_path, key), case_ids[1], 1)


def test_forged_record_appended_with_recomputed_hashes(world, tmp_path):
    rt, tenant, case_ids, key = world
    last = item(rt, tenant, case_ids[0], 4)
    prev = json.loads(last["record"]["S"])
    forged, text = seal_record({**prev, "seq": 5, "prev_hash": prev["hash"], "type": "payment.received",
                                "data": {"amount_cents": 75000, "paid_on": "2026-11-01", "method": "cash"},
                                "sealed": []})
    put_raw(rt, {"pk": last["pk"], "seq": {"N": "5"}, "tenant_id": last["tenant_id"], "hash": {"S": forged["hash"]},
                 "mac": {"S": "0" * 64}, "record": {"S": text}})
    result = transparency.integrate_local_stream(rt)
    assert any("bad MAC" in p["reason"] for p in result["poison"])
    # its chain is perfect, but the log never took it in
    assert_tampered_at(export_and_verify(rt, tenant, tmp_path, key, case_ids[0]), case_ids[0], 5)


def test_checkpoint_replaced_by_one_signed_with_another_key(world, tmp_path):
    rt, tenant, case_ids, key = world
    size, note = rt.tlog.latest_checkpoint(tenant)
    body = note.split("\n\n", 1)[0] + "\n"
    fake = notes.sign_note(body, rt.signer.name, Ed25519PrivateKey.generate())
    rt.tables.client.put_item(TableName=rt.tables.name("tlog"), Item={
        "pk": {"S": f"{tenant}#checkpoints"}, "sk": {"S": f"{size:015d}"}, "note": {"S": fake}})
    result = export_and_verify(rt, tenant, tmp_path, key)
    assert result.exit_code == 1 and "signature" in result.first_bad["reason"]


def test_log_forked_between_two_checkpoints(world, tmp_path):
    rt, tenant, case_ids, key = world
    first_size, first_note = rt.tlog.latest_checkpoint(tenant)
    # The operator rewrites history: drops a record, wipes the tenant's log and rebuilds it
    # (with the real signing key), then more events arrive.
    delete_raw(rt, tenant, case_ids[1], 4)
    client, table = rt.tables.client, rt.tables.name("tlog")
    for page in client.get_paginator("scan").paginate(TableName=table):
        for it in page["Items"]:
            if it["pk"]["S"].startswith(f"{tenant}#"):
                client.delete_item(TableName=table, Key={"pk": it["pk"], "sk": it["sk"]})
    entries = []
    for case_id in case_ids:
        for text in rt.ledger.records(tenant, case_id):
            r = json.loads(text)
            entries.append(transparency.Entry(tenant, r["case_id"], r["seq"], r["hash"]))
    transparency.integrate(rt, tenant, entries)
    principal = authenticate_any(rt, tenant)
    for i in range(3):
        cases.append_event(rt, principal, case_ids[2], event("note.added", {"text": f"later {i}"}))
    transparency.integrate_local_stream(rt)
    second_size, second_note = rt.tlog.latest_checkpoint(tenant)
    assert second_size > first_size
    proof = transparency.consistency_proof(rt, tenant, first_size, second_size)
    out = tmp_path / "fork"
    transparency.export_bundle(rt, tenant, out)
    proofs = {"consistency": [{**proof, "first_checkpoint": first_note}]}
    result = verify_journal_file(out / "journal.ndjson", second_note, key, proofs)
    assert result.exit_code == 1 and "consistency" in result.first_bad["reason"]


def authenticate_any(rt, tenant):
    from chalicelib.services.auth import create_api_key

    return authenticate(rt, "Bearer " + create_api_key(rt, tenant, "collector")[1])


def test_cli_exit_codes(world, tmp_path):
    rt, tenant, case_ids, key = world
    out = tmp_path / "bundle"
    transparency.export_bundle(rt, tenant, out)
    args = [str(LEDGER_BIN), "verify", str(out / "journal.ndjson"), "--checkpoint", str(out / "checkpoint.note"),
            "--public-key", str(out / "checkpoint.pub"), "--proofs", str(out / "proofs.json")]
    env = {"PATH": "/usr/bin:/bin"}  # no AWS settings, no endpoint
    assert subprocess.run(args, capture_output=True, env=env).returncode == 0
    lines = (out / "journal.ndjson").read_text().splitlines()
    lines.pop(3)
    (out / "journal.ndjson").write_text("\n".join(lines) + "\n")
    bad = subprocess.run(args, capture_output=True, text=True, env=env)
    assert bad.returncode == 1 and "TAMPERED" in bad.stderr
    (out / "checkpoint.pub").write_text("not a key")
    assert subprocess.run(args, capture_output=True, env=env).returncode == 2


@pytest.mark.parametrize("parallel", [False, True])
def test_parallel_and_sequential_verification_agree(world, tmp_path, parallel):
    rt, tenant, case_ids, key = world
    out = tmp_path / "bundle"
    transparency.export_bundle(rt, tenant, out)
    note = (out / "checkpoint.note").read_text()
    assert verify_journal_file(out / "journal.ndjson", note, key, parallel=parallel).exit_code == 0
    lines = (out / "journal.ndjson").read_text().splitlines()
    record = json.loads(lines[7])["record"]
    record["occurred_at"] = "2020-01-01T00:00:00Z"
    lines[7] = json.dumps({"leaf_index": 7, "record": record})  # another layout, and an edit
    (out / "journal.ndjson").write_text("\n".join(lines) + "\n")
    result = verify_journal_file(out / "journal.ndjson", note, key, parallel=parallel)
    assert result.exit_code == 1
    assert (result.first_bad["case_id"], result.first_bad["seq"]) == (record["case_id"], record["seq"])
    assert result.first_bad["reason"] == "hash does not match the record's content"
