"""Idempotency-Key on appends and case creation."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from chalicelib.services import cases, idempotency
from chalicelib.services.auth import authenticate
from tests.support import case_body, event, get, post


def test_retry_returns_first_response_and_records_nothing(client, keys):
    case_id = post(client, "/v1/cases", case_body(), keys["collector"]).json_body["case_id"]
    body = event("note.added", {"text": "appel manqué"})
    first = post(client, f"/v1/cases/{case_id}/events", body, keys["collector"], **{"Idempotency-Key": "abc-1"})
    again = post(client, f"/v1/cases/{case_id}/events", body, keys["collector"], **{"Idempotency-Key": "abc-1"})
    assert first.status_code == 201 and again.status_code == 200
    assert again.json_body == first.json_body
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]["seq"] == 1


def test_same_key_other_body_is_409(client, keys):
    case_id = post(client, "/v1/cases", case_body(), keys["collector"]).json_body["case_id"]
    post(client, f"/v1/cases/{case_id}/events", event("note.added", {"text": "a"}), keys["collector"],
         **{"Idempotency-Key": "k-2"})
    resp = post(client, f"/v1/cases/{case_id}/events", event("note.added", {"text": "b"}), keys["collector"],
                **{"Idempotency-Key": "k-2"})
    assert resp.status_code == 409 and resp.json_body["error"] == "idempotency_key_reused"
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]["seq"] == 1


def test_failed_request_releases_the_key(client, keys):
    case_id = post(client, "/v1/cases", case_body(), keys["collector"]).json_body["case_id"]
    bad = event("promise.made", {"amount_cents": 10**9, "due_on": "2027-01-01"})
    assert post(client, f"/v1/cases/{case_id}/events", bad, keys["collector"], **{"Idempotency-Key": "k-3"}).status_code == 422
    good = event("promise.made", {"amount_cents": 100, "due_on": "2027-01-01"})
    assert post(client, f"/v1/cases/{case_id}/events", good, keys["collector"], **{"Idempotency-Key": "k-3"}).status_code == 201


@pytest.mark.parametrize("claim_in_write", [True, False], ids=["claim-in-the-append", "claim-first"])
def test_concurrent_retries_record_one_event(rt, keys, claim_in_write):
    principal = authenticate(rt, "Bearer " + keys["collector"])
    case_id = cases.open_case(rt, principal, case_body())["case_id"]
    body = event("note.added", {"text": "même requête"})

    def attempt(_):
        try:
            return idempotency.run_once(rt, principal.tenant_id, "same-key", "scope", body,
                                        lambda: cases.append_event(rt, principal, case_id, body),
                                        claim_in_write=claim_in_write)[0]
        except Exception as exc:  # 409 in progress is acceptable; a second event is not
            return type(exc).__name__

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(attempt, range(8)))
    seqs = {r["seq"] for r in results if isinstance(r, dict)}
    assert seqs == {1}
    assert cases.load_state(rt, principal.tenant_id, case_id).head.seq == 1
    if claim_in_write:  # the losers find the key taken in their transaction and replay its answer
        assert all(isinstance(r, dict) for r in results), results


def test_same_key_other_invalid_body_is_409_not_422(client, keys):
    """The key's stored answer decides before the body's own faults, as when the key was
    claimed before the work."""
    case_id = post(client, "/v1/cases", case_body(), keys["collector"]).json_body["case_id"]
    assert post(client, f"/v1/cases/{case_id}/events", event("note.added", {"text": "a"}), keys["collector"],
                **{"Idempotency-Key": "k-5"}).status_code == 201
    bad = event("promise.made", {"amount_cents": 10**9, "due_on": "2027-01-01"})
    resp = post(client, f"/v1/cases/{case_id}/events", bad, keys["collector"], **{"Idempotency-Key": "k-5"})
    assert resp.status_code == 409 and resp.json_body["error"] == "idempotency_key_reused"
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]["seq"] == 1


def test_concurrent_openings_with_one_key_open_one_case(rt, keys, tenant):
    principal = authenticate(rt, "Bearer " + keys["collector"])
    body = case_body(external_ref="SAME-KEY-1")

    def attempt(_):
        return idempotency.run_once(rt, principal.tenant_id, "open-same", "POST /v1/cases", body,
                                    lambda: cases.open_case(rt, principal, dict(body)), claim_in_write=True)[0]

    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(attempt, range(6)))
    assert len({r["case_id"] for r in results}) == 1
    debtor = cases.load_state(rt, tenant, results[0]["case_id"]).debtor_subject_id
    linked = rt.lookup.query(f"{tenant}#cases-of#{debtor}", limit=100)
    assert [row["sk"] for row in linked] == [results[0]["case_id"]], linked  # no link to an unopened case


def _break_once(monkeypatch, obj, name, error):
    real = getattr(type(obj), name)
    state = {"left": 1}

    def flaky(self, *args, **kwargs):
        if state["left"]:
            state["left"] -= 1
            raise error
        return real(self, *args, **kwargs)

    monkeypatch.setattr(type(obj), name, flaky)


def _contact_rows(rt, tenant_id, case_id):
    subject = cases.load_state(rt, tenant_id, case_id).debtor_subject_id
    return rt.lookup.query(f"{tenant_id}#contacts#{subject}", limit=100)


def test_nothing_can_fail_after_an_acknowledged_contact(client, rt, keys, tenant, monkeypatch):
    """The contact index is written before the ledger append: if the append then fails, the
    retry (same Idempotency-Key) records the contact once and indexes it once; if the index
    write fails, nothing is appended."""
    from chalicelib.domain.errors import Unavailable

    case_id = post(client, "/v1/cases", case_body(), keys["collector"]).json_body["case_id"]
    body = event("contact.sent", {"channel": "call", "recipient": {"role": "debtor"},
                                  "text": "Bonjour, je vous appelle au sujet de la facture F-1001."},
                 "2026-11-10T10:00:00+01:00")
    _break_once(monkeypatch, rt.ledger, "put_new", Unavailable("injected: the ledger write failed"))
    first = post(client, f"/v1/cases/{case_id}/events", body, keys["collector"], **{"Idempotency-Key": "c-1"})
    assert first.status_code == 503
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]["seq"] == 0
    assert len(_contact_rows(rt, tenant, case_id)) == 1  # the attempt counts, on the debtor's side
    again = post(client, f"/v1/cases/{case_id}/events", body, keys["collector"], **{"Idempotency-Key": "c-1"})
    assert again.status_code == 201, again.body
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]["seq"] == 1
    assert len(_contact_rows(rt, tenant, case_id)) == 1

    monkeypatch.setattr(type(rt.lookup), "put", lambda self, *a, **k: (_ for _ in ()).throw(Unavailable("injected")))
    other = event("contact.sent", {"channel": "email", "recipient": {"role": "debtor"},
                                   "text": "Bonjour, voici le récapitulatif de notre appel au sujet de la facture F-1001."},
                  "2026-11-10T11:00:00+01:00")
    failed = post(client, f"/v1/cases/{case_id}/events", other, keys["collector"], **{"Idempotency-Key": "c-2"})
    assert failed.status_code == 503
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]["seq"] == 1


def test_append_and_its_idempotent_response_commit_together(client, rt, keys, monkeypatch):
    """The claim is completed in the ledger put's transaction: a lost completion or a failure
    after the append can no longer make a retry record the event twice."""
    from chalicelib.domain.errors import Unavailable

    case_id = post(client, "/v1/cases", case_body(), keys["collector"]).json_body["case_id"]
    # the separate completion is never needed: breaking it changes nothing
    monkeypatch.setattr(type(rt.idempotency), "complete",
                        lambda self, *a, **k: (_ for _ in ()).throw(Unavailable("injected")))
    body = event("note.added", {"text": "premier appel"})
    first = post(client, f"/v1/cases/{case_id}/events", body, keys["collector"], **{"Idempotency-Key": "t-1"})
    assert first.status_code == 201, first.body
    again = post(client, f"/v1/cases/{case_id}/events", body, keys["collector"], **{"Idempotency-Key": "t-1"})
    assert again.status_code == 200 and again.json_body == first.json_body
    # a failure after the append committed: the client sees 503, its retry the stored answer
    _break_once(monkeypatch, rt.heads, "put", Unavailable("injected after the append"))
    body = event("note.added", {"text": "second appel"})
    failed = post(client, f"/v1/cases/{case_id}/events", body, keys["collector"], **{"Idempotency-Key": "t-2"})
    assert failed.status_code == 503
    retried = post(client, f"/v1/cases/{case_id}/events", body, keys["collector"], **{"Idempotency-Key": "t-2"})
    assert retried.status_code == 200 and retried.json_body["seq"] == 2
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]["seq"] == 2


def test_case_opening_commits_with_its_response(client, rt, keys, monkeypatch):
    from chalicelib.domain.errors import Unavailable

    real = cases.initial_state
    state = {"left": 1}

    def flaky(record):  # runs right after the genesis record is written
        if state["left"]:
            state["left"] -= 1
            raise Unavailable("injected after the genesis record")
        return real(record)

    monkeypatch.setattr(cases, "initial_state", flaky)
    body = case_body()
    failed = post(client, "/v1/cases", body, keys["collector"], **{"Idempotency-Key": "o-1"})
    assert failed.status_code == 503
    retried = post(client, "/v1/cases", body, keys["collector"], **{"Idempotency-Key": "o-1"})
    assert retried.status_code == 200, retried.body
    case_id = retried.json_body["case_id"]
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]["seq"] == 0


def test_blocked_answer_commits_with_its_evidence_and_keeps_no_text(client, rt, keys, tenant, monkeypatch):
    from chalicelib.domain.errors import Unavailable

    case_id = post(client, "/v1/cases", case_body(), keys["collector"]).json_body["case_id"]
    monkeypatch.setattr(type(rt.idempotency), "complete",
                        lambda self, *a, **k: (_ for _ in ()).throw(Unavailable("injected")))
    text = "Sans paiement sous 48 h, un huissier procédera à la saisie de vos meubles."
    body = event("contact.sent", {"channel": "email", "recipient": {"role": "debtor"}, "text": text},
                 "2026-11-17T10:00:00+01:00")
    first = post(client, f"/v1/cases/{case_id}/events", body, keys["collector"], **{"Idempotency-Key": "b-9"})
    again = post(client, f"/v1/cases/{case_id}/events", body, keys["collector"], **{"Idempotency-Key": "b-9"})
    assert first.status_code == again.status_code == 422
    assert again.json_body["evidence"] == first.json_body["evidence"]
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]["seq"] == 1
    stored = rt.idempotency.get(f"{tenant}#b-9")["response"]
    for fragment in ("procédera à la saisie", "48 h, un huissier", "de vos meubles"):
        assert fragment not in stored  # span offsets only, never the matched words
