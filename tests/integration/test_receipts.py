"""Write receipts on DynamoDB Local: every append answers with one, replays give the same one,
the receipt route adds the inclusion proof once integrated, and the offline verifier checks
them and detects a receipted record missing from a journal."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ledger_verify.receipt import open_receipt
from chalicelib.services import transparency
from tests.support import case_body, event, get, post

VERIFY = str(Path(sys.executable).parent / "ledger-verify")


def _verify(*args) -> tuple[int, dict]:
    proc = subprocess.run([VERIFY, *map(str, args)], capture_output=True, text=True, timeout=120)
    return proc.returncode, json.loads(proc.stdout)


def test_every_append_answers_with_a_receipt_and_replays_get_the_same(client, rt, keys, tenant):
    opened = post(client, "/v1/cases", case_body(), keys["collector"]).json_body
    key = transparency.verifier_key(rt)
    receipt = open_receipt(opened["receipt"]["note"], key)
    assert (receipt.tenant_id, receipt.case_id, receipt.seq, receipt.hash) == (tenant, opened["case_id"], 0, opened["hash"])
    assert receipt.log == f"{rt.settings.log_name}/{tenant}"
    body = event("payment.received", {"amount_cents": 1000, "paid_on": "2026-11-20", "method": "card"})
    first = post(client, f"/v1/cases/{opened['case_id']}/events", body, keys["collector"], **{"Idempotency-Key": "r-1"})
    again = post(client, f"/v1/cases/{opened['case_id']}/events", body, keys["collector"], **{"Idempotency-Key": "r-1"})
    assert first.status_code == 201 and again.status_code == 200
    assert again.json_body["receipt"] == first.json_body["receipt"]
    receipt = open_receipt(first.json_body["receipt"]["note"], key)
    assert (receipt.seq, receipt.hash, receipt.recorded_at) == (1, first.json_body["hash"], first.json_body["recorded_at"])
    # the route signs it again from the stored record: the same note (Ed25519 is deterministic)
    got = get(client, f"/v1/cases/{opened['case_id']}/events/1/receipt", keys["collector"]).json_body
    assert got["receipt"] == first.json_body["receipt"]


def test_receipt_route_proves_inclusion_and_the_cli_verifies_offline(client, rt, keys, tmp_path):
    case_id = post(client, "/v1/cases", case_body(), keys["collector"]).json_body["case_id"]
    post(client, f"/v1/cases/{case_id}/events", event("note.added", {"text": "x"}), keys["collector"])
    before = get(client, f"/v1/cases/{case_id}/events/1/receipt", keys["collector"])
    assert before.status_code == 200 and set(before.json_body) == {"receipt"}  # not integrated yet
    transparency.integrate_local_stream(rt)
    after = get(client, f"/v1/cases/{case_id}/events/1/receipt", keys["auditor"]).json_body
    assert {"receipt", "leaf_index", "tree_size", "proof", "checkpoint"} <= set(after)
    pinned = tmp_path / "pinned.pub"
    pinned.write_text(transparency.verifier_key(rt))
    good = tmp_path / "receipt.json"
    good.write_text(json.dumps(after))
    code, report = _verify("receipt", good, "--public-key", pinned)
    assert code == 0 and report["inclusion"]["leaf_index"] == after["leaf_index"], report
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**after, "leaf_index": after["leaf_index"] + 1 if after["leaf_index"] == 0 else 0}))
    assert _verify("receipt", bad, "--public-key", pinned)[0] == 1
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps({"receipt": {"note": after["receipt"]["note"].replace("seq 1", "seq 2")}}))
    assert _verify("receipt", forged, "--public-key", pinned)[0] == 1
    assert get(client, f"/v1/cases/{case_id}/events/9/receipt", keys["collector"]).status_code == 404
    assert get(client, f"/v1/cases/{case_id}/events/x/receipt", keys["collector"]).status_code == 404


def test_a_receipted_record_missing_from_a_journal_is_detected(client, rt, keys, tmp_path):
    case_id = post(client, "/v1/cases", case_body(), keys["collector"]).json_body["case_id"]
    last = post(client, f"/v1/cases/{case_id}/events", event("note.added", {"text": "the newest record"}),
                keys["collector"]).json_body
    (tmp_path / "receipts").mkdir()
    (tmp_path / "receipts" / "last.json").write_text(json.dumps(last))
    pinned = tmp_path / "pinned.pub"
    pinned.write_text(transparency.verifier_key(rt))
    journal = get(client, f"/v1/audit/cases/{case_id}/journal", keys["auditor"]).body.decode()
    whole = tmp_path / "journal.ndjson"
    whole.write_text(journal)
    assert _verify(whole, "--receipts", tmp_path / "receipts", "--public-key", pinned)[0] == 0
    # the operator drops the newest record: every chain still holds, only the receipt shows it
    cut = tmp_path / "cut.ndjson"
    cut.write_text("".join(journal.splitlines(keepends=True)[:-1]))
    assert _verify(cut)[0] == 0
    code, report = _verify(cut, "--receipts", tmp_path / "receipts", "--public-key", pinned)
    assert code == 1 and report["fault"]["code"] == "receipt-missing", report
    assert (report["fault"]["case_id"], report["fault"]["seq"]) == (case_id, 1)
    # the same in a tenant journal (leaf lines), and a receipt that does not open is unusable input
    transparency.integrate_local_stream(rt)
    tenant_journal = get(client, "/v1/audit/journal", keys["auditor"]).body.decode().splitlines(keepends=True)
    leaves = tmp_path / "tenant.ndjson"
    leaves.write_text("".join(tenant_journal[:-1]))
    code, report = _verify(leaves, "--receipts", tmp_path / "receipts" / "last.json", "--public-key", pinned)
    assert code == 1 and report["fault"]["code"] == "receipt-missing"
    (tmp_path / "forged.json").write_text(json.dumps({"note": last["receipt"]["note"].replace("seq 1", "seq 0")}))
    assert _verify(whole, "--receipts", tmp_path / "forged.json", "--public-key", pinned)[0] == 2
    assert _verify(whole, "--receipts", tmp_path / "receipts")[0] == 2  # no pinned key


def test_blocked_attempts_and_gdpr_journals(client, keys):
    case_id = post(client, "/v1/cases", case_body(), keys["collector"]).json_body["case_id"]
    blocked = post(client, f"/v1/cases/{case_id}/events", event("contact.sent", {
        "channel": "email", "recipient": {"role": "debtor"},
        "text": "Sans paiement sous 48h, un huissier saisira vos meubles."}, "2026-11-17T10:00:00+01:00"),
        keys["collector"])
    assert blocked.status_code == 422
    seq = blocked.json_body["evidence"]["seq"]  # the guard.blocked record has its receipt too
    assert get(client, f"/v1/cases/{case_id}/events/{seq}/receipt", keys["collector"]).status_code == 200
    rid = post(client, "/v1/gdpr/requests", {"kind": "access", "subject": {"email": "x@example.org"},
                                             "received_at": "2026-11-20T09:00:00Z", "channel": "email",
                                             "identity_verified": True}, keys["dpo"]).json_body["request_id"]
    assert get(client, f"/v1/cases/{rid}/events/0/receipt", keys["collector"]).status_code == 404
