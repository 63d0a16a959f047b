"""Authentication, roles and tenant isolation."""
from __future__ import annotations

import pytest

from chalicelib.services import auth
from tests.support import case_body, event, get, post


@pytest.fixture
def case_id(client, keys):
    return post(client, "/v1/cases", case_body(), keys["collector"]).json_body["case_id"]


def test_no_key_is_401(client, case_id):
    resp = client.http.get(f"/v1/cases/{case_id}")
    assert resp.status_code == 401 and resp.json_body["error"] == "unauthenticated"
    assert resp.headers["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("value", ["Bearer nope", "Basic abc", "Bearer alk.k0000000000000000." + "A" * 43])
def test_bad_keys_are_401(client, case_id, value):
    assert client.http.get(f"/v1/cases/{case_id}", headers={"Authorization": value}).status_code == 401


def test_wrong_role_is_403(client, keys, case_id):
    assert get(client, f"/v1/cases/{case_id}", keys["auditor"]).status_code == 403
    assert post(client, f"/v1/cases/{case_id}/events", event("note.added", {"text": "x"}), keys["dpo"]).status_code == 403
    assert get(client, f"/v1/audit/cases/{case_id}/journal", keys["collector"]).status_code == 403
    assert post(client, "/v1/cases", case_body(), keys["admin"]).status_code == 403


def test_other_tenant_gets_404(client, rt, keys, case_id):
    other = {role: auth.create_api_key(rt, "other-tenant", role)[1] for role in auth.ROLES}
    assert get(client, f"/v1/cases/{case_id}", other["collector"]).status_code == 404
    assert get(client, f"/v1/cases/{case_id}/events", other["dpo"]).status_code == 404
    assert get(client, f"/v1/cases/{case_id}/events?after_seq=3", other["dpo"]).status_code == 404
    assert get(client, f"/v1/audit/cases/{case_id}/journal", other["auditor"]).status_code == 404
    assert get(client, f"/v1/audit/cases/{case_id}/verify", other["auditor"]).status_code == 404
    resp = post(client, f"/v1/cases/{case_id}/events", event("note.added", {"text": "x"}), other["collector"])
    assert resp.status_code == 404
    assert get(client, f"/v1/cases/{case_id}", keys["collector"]).json_body["head"]["seq"] == 0


def test_revoked_key_stops_at_once(client, rt, tenant, case_id):
    key_id, key = auth.create_api_key(rt, tenant, "collector")
    assert get(client, f"/v1/cases/{case_id}", key).status_code == 200
    auth.revoke_api_key(rt, key_id)
    assert get(client, f"/v1/cases/{case_id}", key).status_code == 401


def test_admin_creates_and_revokes_keys_in_own_tenant(client, keys, case_id):
    resp = post(client, "/v1/admin/keys", {"role": "auditor"}, keys["admin"])
    assert resp.status_code == 201
    new_key, key_id = resp.json_body["key"], resp.json_body["key_id"]
    assert get(client, f"/v1/audit/cases/{case_id}/verify", new_key).status_code == 200
    assert post(client, f"/v1/admin/keys/{key_id}/revoke", {}, keys["admin"]).status_code == 200
    assert get(client, f"/v1/audit/cases/{case_id}/verify", new_key).status_code == 401
    assert post(client, "/v1/admin/keys", {"role": "root"}, keys["admin"]).status_code == 422


def test_records_carry_key_id_never_the_key(client, keys, case_id):
    journal = client.http.get(f"/v1/audit/cases/{case_id}/journal",
                              headers={"Authorization": f"Bearer {keys['auditor']}"}).body.decode()
    collector_key = keys["collector"]
    assert collector_key.split(".")[1] in journal
    assert collector_key.split(".")[2] not in journal


def test_failed_authentications_are_rate_limited_per_source(rt, settings):
    from dataclasses import replace

    from chalicelib.domain.errors import TooManyFailures, Unauthenticated
    from chalicelib.services.runtime import build_runtime

    limited = build_runtime(replace(settings, auth_failures_per_minute=20), key_provider=rt.key_provider)
    bad = "Bearer alk.k0000000000000000." + "B" * 43
    statuses = []
    for _ in range(23):
        try:
            auth.authenticate(limited, bad, source="203.0.113.9")
        except (Unauthenticated, TooManyFailures) as exc:
            statuses.append(type(exc).__name__)
    assert statuses.count("Unauthenticated") == 20
    assert statuses[-1] == "TooManyFailures"
    with pytest.raises(Unauthenticated):  # another source is not affected
        auth.authenticate(limited, bad, source="198.51.100.7")


def test_no_key_or_secret_in_error_bodies(client, keys, case_id):
    secret = keys["collector"].split(".")[2]
    wrong = keys["collector"][:-4] + "AAAA"
    resp = client.http.get(f"/v1/cases/{case_id}", headers={"Authorization": f"Bearer {wrong}"})
    assert resp.status_code == 401 and secret[:20] not in resp.body.decode()


def test_every_authorized_request_leaves_an_access_line(client, keys, case_id, caplog):
    """Reads leave a trail too (the ledger records writes): tenant, key id, role, route template
    and ids, and never the secret, the body or the query."""
    import logging

    caplog.set_level(logging.INFO)
    caplog.clear()
    resp = client.http.get(f"/v1/cases/{case_id}/events?limit=5", headers={"Authorization": f"Bearer {keys['dpo']}"})
    assert resp.status_code == 200
    access = [r for r in caplog.records if r.getMessage() == "access"]
    assert len(access) == 1
    entry = access[0]
    assert entry.key_id == keys["dpo"].split(".")[1] and entry.role == "dpo"
    assert entry.method == "GET" and entry.route == "/v1/cases/{case_id}/events"
    assert entry.ids == {"case_id": case_id}
    fields = repr(vars(entry))
    assert keys["dpo"].split(".")[2] not in fields and "limit" not in fields
