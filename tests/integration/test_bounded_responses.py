"""No audit or timeline response may exceed what Lambda can return (6 MB): pages are bounded by
bytes as well as by count, and a cursor continues them. Real large records (notes of 20,000
astral characters, ~110 KB each once sealed), appended through the service."""
from __future__ import annotations

import json

import pytest

from chalicelib.services import cases, transparency
from chalicelib.services.auth import authenticate
from chalicelib.services.paging import LAMBDA_RESPONSE_LIMIT
from ledger_verify.journal import verify_journal_file
from tests.support import case_body, event

BIG_TEXT = "😀" * 20000  # the schema's maximum length, 4 UTF-8 bytes per character


@pytest.fixture
def big_case(rt, keys):
    principal = authenticate(rt, "Bearer " + keys["collector"])
    case_id = cases.open_case(rt, principal, case_body())["case_id"]
    for _ in range(80):  # 81 decrypted notes exceed 6 MB in one timeline page
        cases.append_event(rt, principal, case_id, event("note.added", {"text": BIG_TEXT}))
    transparency.integrate_local_stream(rt)
    return principal, case_id


def _pages(client, first_url, key, cursor_param="cursor"):
    url, pages = first_url, []
    while url:
        resp = client.http.get(url, headers={"Authorization": f"Bearer {key}"})
        assert resp.status_code == 200, resp.body[:300]
        assert len(resp.body) < LAMBDA_RESPONSE_LIMIT
        pages.append(resp)
        cursor = resp.headers.get("X-Next-Cursor")
        url = f"{first_url.split('?')[0]}?{cursor_param}={cursor}" if cursor else None
    return pages


def test_case_journal_pages_by_bytes_and_verifies_whole(client, keys, big_case, tmp_path):
    _, case_id = big_case
    pages = _pages(client, f"/v1/audit/cases/{case_id}/journal", keys["auditor"])
    assert len(pages) >= 2  # 81 records of ~110 KB do not fit in one response
    journal = tmp_path / "journal.ndjson"
    journal.write_bytes(b"".join(p.body for p in pages))
    assert [json.loads(line)["seq"] for line in journal.read_text().splitlines()] == list(range(81))
    assert verify_journal_file(journal).exit_code == 0


def test_tenant_journal_pages_by_bytes(client, keys, big_case):
    pages = _pages(client, "/v1/audit/journal?limit=1000", keys["auditor"])
    assert len(pages) >= 2
    indexes = [json.loads(line)["leaf_index"] for p in pages for line in p.body.decode().splitlines()]
    assert indexes == list(range(len(indexes))) and len(indexes) >= 81


def test_timeline_pages_by_bytes(client, keys, big_case):
    _, case_id = big_case
    seen, after = [], -1
    while after is not None:
        resp = client.http.get(f"/v1/cases/{case_id}/events?limit=500&after_seq={after}",
                               headers={"Authorization": f"Bearer {keys['collector']}"})
        assert resp.status_code == 200 and len(resp.body) < LAMBDA_RESPONSE_LIMIT
        body = json.loads(resp.body)
        seen += [e["seq"] for e in body["events"]]
        after = body["next_after_seq"]
    assert seen == list(range(81))
