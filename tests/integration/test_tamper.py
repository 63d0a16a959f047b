"""Tamper suite: someone with write access edits the tables directly with boto3 (and, from
test_first_root_from_the_bundle_is_not_believed on, someone who also holds the checkpoint
signing key and writes the bundle). Each change is detected by the offline verifier, and the
report names the case and seq where it can. The same forgeries, as files, are the conformance
vectors of verifier/testdata."""
from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_verify import checkpoint as notes
from ledger_verify import merkle
from ledger_verify.canonical import canonical_bytes
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


def export_and_verify(rt, tenant, tmp_path, trusted_key, case_id=None, **options):
    transparency.integrate_local_stream(rt)
    out = tmp_path / ("case" if case_id else "tenant")
    transparency.export_bundle(rt, tenant, out, case_id)
    return verify_journal_file(out / "journal.ndjson", (out / "checkpoint.note").read_text(), trusted_key,
                               json.loads((out / "proofs.json").read_text()), **options)


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


def delete_position(rt, tenant, case_id, seq):
    """What the exporter reads to list a case's inclusion proofs; the leaf itself stays in the log."""
    rt.tables.client.delete_item(TableName=rt.tables.name("tlog"),
                                 Key={"pk": {"S": f"{tenant}#pos#{case_id}"}, "sk": {"S": f"{seq:015d}"}})


def test_deleted_newest_record_with_its_inclusion_proof(world, tmp_path):
    rt, tenant, case_ids, key = world
    delete_raw(rt, tenant, case_ids[2], 4)
    delete_position(rt, tenant, case_ids[2], 4)  # so the bundle has no inclusion proof for seq 4
    out = tmp_path / "case"
    transparency.integrate_local_stream(rt)
    transparency.export_bundle(rt, tenant, out, case_ids[2])
    proofs = json.loads((out / "proofs.json").read_text())
    assert [p["seq"] for p in proofs["inclusion"]] == [0, 1, 2, 3]  # the chain and every proof are intact
    note = (out / "checkpoint.note").read_text()
    # the signed case-heads map still says seq 4 is the case's head
    assert_tampered_at(verify_journal_file(out / "journal.ndjson", note, key, proofs), case_ids[2], 4)
    # and without the case-head proof too
    stripped = {k: v for k, v in proofs.items() if k != "case_heads"}
    assert_tampered_at(verify_journal_file(out / "journal.ndjson", note, key, stripped), case_ids[2], 4)


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
    rebuild_log(rt, tenant, case_ids)
    principal = authenticate_any(rt, tenant)
    for i in range(3):
        cases.append_event(rt, principal, case_ids[2], event("note.added", {"text": f"later {i}"}))
    transparency.integrate_local_stream(rt)
    second_size, second_note = rt.tlog.latest_checkpoint(tenant)
    assert second_size > first_size
    proof = transparency.consistency_proof(rt, tenant, first_size, second_size)
    out = tmp_path / "fork"
    transparency.export_bundle(rt, tenant, out)
    proofs = {"consistency": [{"first_checkpoint": first_note, "proof": proof["proof"]}]}
    result = verify_journal_file(out / "journal.ndjson", second_note, key, proofs)
    assert result.exit_code == 1 and result.fault.code == "consistency-proof", result.to_dict()


def authenticate_any(rt, tenant):
    from chalicelib.services.auth import create_api_key

    return authenticate(rt, "Bearer " + create_api_key(rt, tenant, "collector")[1])


def test_cli_exit_codes(world, tmp_path):
    rt, tenant, case_ids, key = world
    out = tmp_path / "bundle"
    transparency.export_bundle(rt, tenant, out)
    assert not (out / "checkpoint.pub").exists()  # the key is pinned out of band, never shipped with the evidence
    pinned = tmp_path / "pinned.pub"
    pinned.write_text(key + "\n")
    args = [str(LEDGER_BIN), "verify", str(out / "journal.ndjson"), "--checkpoint", str(out / "checkpoint.note"),
            "--public-key", str(pinned), "--proofs", str(out / "proofs.json")]
    env = {"PATH": "/usr/bin:/bin"}  # no AWS settings, no endpoint
    assert subprocess.run(args, capture_output=True, env=env).returncode == 0
    lines = (out / "journal.ndjson").read_text().splitlines()
    lines.pop(3)
    (out / "journal.ndjson").write_text("\n".join(lines) + "\n")
    bad = subprocess.run(args, capture_output=True, text=True, env=env)
    assert bad.returncode == 1 and "TAMPERED" in bad.stderr
    pinned.write_text("not a key")
    assert subprocess.run(args, capture_output=True, env=env).returncode == 2
    no_key = subprocess.run(args[:5] + args[7:], capture_output=True, text=True, env=env)
    assert no_key.returncode == 2 and "--public-key" in no_key.stderr and "checkpoint-key" in no_key.stderr


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
    lines[7] = '{"leaf_index":7,"record":%s}' % canonical_bytes(record).decode()  # an edit, canonical bytes
    (out / "journal.ndjson").write_text("\n".join(lines) + "\n")
    result = verify_journal_file(out / "journal.ndjson", note, key, parallel=parallel)
    assert result.exit_code == 1
    assert (result.first_bad["case_id"], result.first_bad["seq"]) == (record["case_id"], record["seq"])
    assert result.fault.code == "hash" and result.fault.line == 8


# --- Forgeries of issue 10: what an operator holding the signing key could hand an auditor ----

def rewrite_case(rt, tenant, case_id, seq, change):
    """Change a stored record and re-chain every later record of its case (hashes and MACs
    recomputed as the service would), as an operator with the keys can."""
    from chalicelib.services.tenant_keys import record_mac

    prev = None
    for s_ in range(seq, 10**6):
        try:
            it = item(rt, tenant, case_id, s_)
        except KeyError:
            break
        record = json.loads(it["record"]["S"])
        if s_ == seq:
            change(record)
        if prev is not None:
            record["prev_hash"] = prev
        record.pop("hash")
        sealed, text = seal_record(record)
        it["record"]["S"], it["hash"]["S"] = text, sealed["hash"]
        it["mac"]["S"] = record_mac(rt, tenant, sealed["hash"])
        put_raw(rt, it)
        prev = sealed["hash"]


def rebuild_log(rt, tenant, case_ids):
    """Wipe the tenant's log and integrate the ledger again, signing with the real key."""
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


def test_first_root_from_the_bundle_is_not_believed(world, tmp_path):
    """The auditor holds a genuine older checkpoint; the operator rewrites an old record,
    re-chains, rebuilds and re-signs the log, and supplies its own `first_root`."""
    rt, tenant, case_ids, key = world
    genuine_size, genuine_note = rt.tlog.latest_checkpoint(tenant)
    rewrite_case(rt, tenant, case_ids[0], 1, lambda r: r.update(occurred_at="2020-01-01T00:00:00Z"))
    rebuild_log(rt, tenant, case_ids)
    principal = authenticate_any(rt, tenant)
    cases.append_event(rt, principal, case_ids[1], event("note.added", {"text": "later"}))
    transparency.integrate_local_stream(rt)
    out = tmp_path / "rewritten"
    transparency.export_bundle(rt, tenant, out)
    size, note = rt.tlog.latest_checkpoint(tenant)
    proof = transparency.consistency_proof(rt, tenant, genuine_size, size)
    leaves = [bytes.fromhex(json.loads(line)["record"]["hash"])
              for line in (out / "journal.ndjson").read_text().splitlines()[:genuine_size]]
    forged_root = merkle.root(leaves).hex()
    claimed = {"consistency": [{**proof, "first_checkpoint": genuine_note, "first_root": forged_root}]}
    refused = verify_journal_file(out / "journal.ndjson", note, key, claimed)
    assert refused.exit_code == 2 and refused.fault.code == "proofs-format", refused.to_dict()
    honest = {"consistency": [{"first_checkpoint": genuine_note, "proof": proof["proof"]}]}
    caught = verify_journal_file(out / "journal.ndjson", note, key, honest)
    assert caught.exit_code == 1 and caught.fault.code == "consistency-proof", caught.to_dict()


def test_rewritten_history_without_leaf_wrappers_is_not_valid(world, tmp_path):
    rt, tenant, case_ids, key = world
    rewrite_case(rt, tenant, case_ids[1], 2, lambda r: r.update(occurred_at="2020-01-01T00:00:00Z"))
    out = tmp_path / "bare"
    transparency.export_bundle(rt, tenant, out)
    bare = [canonical_bytes(json.loads(line)["record"]).decode() if '"record":' in line else line
            for line in (out / "journal.ndjson").read_text().splitlines()]
    (out / "journal.ndjson").write_text("\n".join(bare) + "\n")
    note = (out / "checkpoint.note").read_text()
    result = verify_journal_file(out / "journal.ndjson", note, key)
    assert result.exit_code == 2 and result.fault.code == "no-proofs", result.to_dict()
    wrapped_from_one = tmp_path / "from-one.ndjson"  # a tenant journal that skips leaf 0
    transparency.export_bundle(rt, tenant, tmp_path / "again")
    wrapped_from_one.write_text("".join((tmp_path / "again" / "journal.ndjson").read_text().splitlines(True)[1:]))
    result = verify_journal_file(wrapped_from_one, note, key)
    assert result.exit_code == 1 and result.fault.code == "leaf-index", result.to_dict()


def test_records_past_the_signed_size_are_tampered_or_listed(world, tmp_path):
    rt, tenant, case_ids, key = world
    old = tmp_path / "old"
    transparency.export_bundle(rt, tenant, old)
    principal = authenticate_any(rt, tenant)
    cases.append_event(rt, principal, case_ids[2], event("note.added", {"text": "after the checkpoint"}))
    transparency.integrate_local_stream(rt)
    new = tmp_path / "new"
    transparency.export_bundle(rt, tenant, new)
    note = (old / "checkpoint.note").read_text()
    result = verify_journal_file(new / "journal.ndjson", note, key)
    assert result.exit_code == 1 and result.fault.code == "unsigned-tail"
    assert (result.fault.case_id, result.fault.seq) == (case_ids[2], 5)
    listed = verify_journal_file(new / "journal.ndjson", note, key, allow_unsigned_tail=True)
    assert listed.exit_code == 3 and listed.unsigned["cases"] == {case_ids[2]: {"from_seq": 5, "to_seq": 5}}


def test_a_checkpoint_that_covers_nothing_is_not_valid(world, tmp_path):
    rt, tenant, case_ids, key = world
    out = tmp_path / "case"
    transparency.export_bundle(rt, tenant, out, case_ids[0])
    note = (out / "checkpoint.note").read_text()
    no_proofs = verify_journal_file(out / "journal.ndjson", note, key)
    assert no_proofs.exit_code == 2 and no_proofs.fault.code == "no-proofs"
    claim = verify_journal_file(out / "journal.ndjson", note, key, {"complete": True})
    assert claim.exit_code == 2 and claim.fault.code == "proofs-format"
    other = authenticate_any(rt, "other-tenant")
    other_case = cases.open_case(rt, other, case_body())["case_id"]
    transparency.integrate_local_stream(rt)
    other_note = rt.tlog.latest_checkpoint("other-tenant")[1]
    foreign = verify_journal_file(out / "journal.ndjson", other_note, key)
    assert foreign.exit_code == 2 and foreign.fault.code == "origin", foreign.to_dict()
    assert other_case


@pytest.mark.parametrize("old, new", [
    ('"type_version":1', '"type_version":2,"type_version":1'),  # a first-key reader sees version 2
    ('"type_version":1', '"type_version":1.0'),
    ('"type_version":1', '"type_version":1e0'),
    ('"type":"note.added"', '"type":"note\\u002eadded"'),
    ('"type":"note.added"', '"type": "note.added"'),
])
def test_stored_text_must_be_its_canonical_form(world, tmp_path, old, new):
    """The stored text keeps its hash (same parsed value) but is not the RFC 8785 bytes."""
    rt, tenant, case_ids, key = world
    it = item(rt, tenant, case_ids[1], 3)
    assert old in it["record"]["S"]
    it["record"]["S"] = it["record"]["S"].replace(old, new, 1)
    put_raw(rt, it)
    for case_id in (None, case_ids[1]):
        result = export_and_verify(rt, tenant, tmp_path / str(case_id), key, case_id)
        assert result.exit_code == 1 and result.fault.code == "not-canonical", result.to_dict()
        assert (result.fault.case_id, result.fault.seq) == (case_ids[1], 3) and result.fault.line is not None
