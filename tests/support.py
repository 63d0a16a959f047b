"""Request builders shared by integration and end-to-end tests."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta, timezone

DEBTOR = {
    "kind": "person",
    "name": "Josiane Testelin",
    "email": "josiane.testelin@example.org",
    "phone": "+33 6 12 34 56 78",
    "address": "12 rue des Lilas, 75011 Paris",
}


def case_body(**overrides) -> dict:
    """A valid case; each call has its own external_ref (unique per tenant) unless overridden."""
    body = {
        "external_ref": f"INV-{uuid.uuid4().hex[:12]}",
        "jurisdiction": "FR",
        "collector": {"kind": "creditor", "name": "Énergie Durand SA"},
        "debtor": dict(DEBTOR),
        "consumer": True,
        "claim": {
            "currency": "EUR",
            "invoices": [
                {"number": "F-1001", "issued_on": "2026-06-01", "due_on": "2026-07-01", "amount_cents": 45000},
                {"number": "F-1002", "issued_on": "2026-07-01", "due_on": "2026-08-01", "amount_cents": 30000},
            ],
        },
        "contract": {"late_interest_rate_pct": 3.5},
    }
    body.update(overrides)
    return body


def now_iso(delta_minutes: float = 0) -> str:
    return (datetime.now(timezone.utc) + timedelta(minutes=delta_minutes)).isoformat(timespec="seconds").replace("+00:00", "Z")


def event(kind: str, data: dict, occurred_at: str | None = None) -> dict:
    return {"type": kind, "occurred_at": occurred_at or now_iso(-1), "data": data}


def auth_headers(key: str, **extra) -> dict:
    return {"Authorization": f"Bearer {key}", "Content-Type": "application/json", **extra}


def post(client, path: str, body, key: str, **headers):
    raw = body if isinstance(body, (str, bytes)) else json.dumps(body)
    return client.http.post(path, headers=auth_headers(key, **headers), body=raw)


def get(client, path: str, key: str):
    return client.http.get(path, headers={"Authorization": f"Bearer {key}"})


TEN_EVENTS = [
    ("contact.sent", {"channel": "email", "recipient": {"role": "debtor", "email": DEBTOR["email"]},
                      "subject": "Facture F-1001 impayée",
                      "text": "Madame, sauf erreur de notre part, la facture F-1001 reste impayée. Merci de nous contacter."}),
    ("contact.received", {"channel": "call", "summary": "La débitrice conteste le montant de la facture F-1002."}),
    ("dispute.opened", {"reason": "montant contesté", "details": "Facture F-1002 jamais reçue selon elle."}),
    ("dispute.resolved", {"outcome": "Copie de la facture envoyée, la débitrice reconnaît la dette."}),
    ("promise.made", {"amount_cents": 20000, "due_on": "2026-12-15"}),
    ("payment.received", {"amount_cents": 15000, "paid_on": "2026-11-20", "method": "transfer"}),
    ("agreement.proposed", {"installments": [{"due_on": "2027-01-05", "amount_cents": 30000},
                                             {"due_on": "2027-02-05", "amount_cents": 30000}]}),
    ("agreement.signed", {"installments": [{"due_on": "2027-01-05", "amount_cents": 30000},
                                           {"due_on": "2027-02-05", "amount_cents": 30000}],
                          "signed_by": "Josiane Testelin", "signature_ref": "YS-2026-77"}),
    ("note.added", {"text": "Échéancier signé électroniquement, suivi mensuel."}),
    ("payment.received", {"amount_cents": 30000, "paid_on": "2026-11-22", "method": "card"}),
]


def journal(client, keys, case_id: str) -> list[dict]:
    """The case's journal as the auditor downloads it, one record per line."""
    body = client.http.get(f"/v1/audit/cases/{case_id}/journal",
                           headers={"Authorization": f"Bearer {keys['auditor']}"}).body.decode()
    return [json.loads(line) for line in body.splitlines()]


def scan_items(rt, logical: str) -> list[dict]:
    """Every raw item of a table (paginated: a single Scan stops at 1 MB)."""
    items = []
    for page in rt.tables.client.get_paginator("scan").paginate(TableName=rt.tables.name(logical)):
        items.extend(page["Items"])
    return items
