"""Build schemas/openapi.json from the event schemas and the route table below.

    python -m devtools.openapi          # rewrite schemas/openapi.json
A test checks that the committed document equals this output and matches app.py's routes.
"""
from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT / "schemas"
OUT = SCHEMAS / "openapi.json"

ERROR = {
    "type": "object", "required": ["error", "message", "details"],
    "properties": {
        "error": {"type": "string"}, "message": {"type": "string"},
        "details": {"type": "array", "items": {"type": "object", "required": ["pointer", "message"], "properties": {
            "pointer": {"type": "string"}, "message": {"type": "string"}}}},
    },
}
HEAD = {"type": "object", "required": ["seq", "hash"], "properties": {
    "seq": {"type": "integer"}, "hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}}
APPENDED = {"type": "object", "required": ["seq", "hash", "prev_hash", "recorded_at"], "properties": {
    "seq": {"type": "integer"}, "hash": {"type": "string"}, "prev_hash": {"type": "string"},
    "recorded_at": {"type": "string", "format": "date-time"}}}
CASE_CREATED = {"type": "object", "required": ["case_id", "seq", "hash"], "properties": {
    "case_id": {"type": "string", "format": "uuid"}, "seq": {"const": 0}, "hash": {"type": "string"}}}
CASE_STATE = {"type": "object", "required": [
    "case_id", "status", "principal_cents", "paid_cents", "outstanding_cents", "stage", "flags", "active_agreement",
    "head"], "properties": {
    "case_id": {"type": "string"}, "status": {"enum": ["open", "closed"]},
    "principal_cents": {"type": "integer"}, "paid_cents": {"type": "integer"}, "outstanding_cents": {"type": "integer"},
    "overpaid_cents": {"type": "integer"}, "stage": {"type": "integer"},
    "flags": {"type": "object", "required": ["open_dispute", "has_enforceable_title", "insolvency",
                                             "formal_notice_sent", "restricted"],
              "additionalProperties": {"type": ["boolean", "string", "null"]}},
    "active_agreement": {"type": ["object", "null"], "required": ["status", "installments"], "properties": {
        "status": {"enum": ["proposed", "in_good_standing", "late", "defaulted", "completed"]},
        "stage": {"enum": ["proposed", "signed"]},
        "installments": {"type": "array", "items": {"type": "object", "required": ["due_on", "amount_cents"],
                                                    "properties": {"status": {"enum": ["paid", "due", "late"]},
                                                                   "paid_cents": {"type": "integer"}}}}}},
    "promises": {"type": "array", "items": {"type": "object", "required": ["due_on", "amount_cents", "status"],
                                            "properties": {"status": {"enum": ["kept", "broken", "pending"]}}}},
    "head": HEAD}}
TIMELINE = {"type": "object", "required": ["events", "next_after_seq"], "properties": {
    "events": {"type": "array", "items": {"type": "object", "required": [
        "seq", "type", "occurred_at", "recorded_at", "actor", "hash", "data"]}},
    "next_after_seq": {"type": ["integer", "null"]}}}
VERIFY = {"type": "object", "required": ["ok", "events", "head", "first_bad_seq", "reason"], "properties": {
    "ok": {"type": "boolean"}, "events": {"type": "integer"}, "head": {"oneOf": [HEAD, {"type": "null"}]},
    "first_bad_seq": {"type": ["integer", "null"]}, "reason": {"type": ["string", "null"]}}}
KEY_CREATED = {"type": "object", "required": ["key_id", "key", "role"], "properties": {
    "key_id": {"type": "string"}, "key": {"type": "string"}, "role": {"type": "string"}}}
CONTACT_WINDOW = {"type": "object", "required": ["allowed_now", "next_allowed_at", "reasons"], "properties": {
    "allowed_now": {"type": "boolean"},
    "next_allowed_at": {"type": ["string", "null"], "format": "date-time",
                        "description": "Earliest instant a contact on this channel is not blocked for timing or the "
                                       "case's situation; null when no time will do (closed case, erased subject, "
                                       "open dispute, insolvency, restriction, ...)."},
    "reasons": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}}
CHANNEL = {"name": "channel", "in": "query", "required": True,
           "schema": {"enum": ["call", "sms", "email", "letter", "visit"]}}
# Error codes worth naming per route (the body's `error`), beside the generic Error schema.
CASE_ID = {"name": "case_id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
REQUEST_ID = {"name": "request_id", "in": "path", "required": True, "schema": {"type": "string", "format": "uuid"}}
IDEMPOTENCY = {"name": "Idempotency-Key", "in": "header", "required": False,
               "schema": {"type": "string", "minLength": 1, "maxLength": 128}}

PORTAL_LINK = {"type": "object", "required": ["link_id", "url", "expires_at"], "properties": {
    "link_id": {"type": "string", "pattern": "^pl_[0-9a-f]{32}$"}, "url": {"type": "string", "format": "uri"},
    "expires_at": {"type": "string", "format": "date-time"}}}
TOKEN = {"name": "token", "in": "path", "required": True, "schema": {"type": "string"},
         "description": "The link's secret (43 base64url characters)"}
LANG = {"name": "lang", "in": "query", "required": False, "schema": {"enum": ["fr", "en"]}}
# The debtor's portal: HTML pages for a browser, no API key (the link and a session cookie).
# (path, method, summary, request media type or None, statuses)
PORTAL_PAGES = [
    ("/portal-assets/portal.css", "get", "The portal's stylesheet", None, ["200"]),
    ("/portal/{token}", "get", "Open a link: the verification page (or the summary with a session)", None,
     ["200", "303", "404", "410", "429"]),
    ("/portal/{token}/verify", "post", "Answer with an invoice number of the case; a session cookie on success "
     "(5 wrong answers lock the link 15 minutes)", "application/x-www-form-urlencoded",
     ["303", "403", "404", "410", "429"]),
    ("/portal/{token}/summary", "get", "The claim, payments, plan and actions", None, ["200", "401", "404", "410", "429"]),
    ("/portal/{token}/contest", "get", "The dispute form", None, ["200", "401", "404", "409", "410", "429"]),
    ("/portal/{token}/contest", "post", "Open a dispute (records dispute.opened), optional PDF/JPEG/PNG up to 10 MB",
     "multipart/form-data", ["201", "401", "403", "404", "409", "410", "413", "415", "422", "429"]),
    ("/portal/{token}/plan", "get", "The plan form", None, ["200", "401", "404", "409", "410", "429"]),
    ("/portal/{token}/plan", "post", "Propose a plan: offered back within the tenant's policy, else recorded as "
     "agreement.proposed", "application/x-www-form-urlencoded",
     ["200", "201", "401", "403", "404", "409", "410", "422", "429"]),
    ("/portal/{token}/plan/accept", "get", "The exact terms of the plan on offer", None,
     ["200", "401", "404", "409", "410", "429"]),
    ("/portal/{token}/plan/accept", "post", "Accept the plan on offer (records agreement.signed with acceptance "
     "evidence)", "application/x-www-form-urlencoded", ["201", "401", "403", "404", "409", "410", "422", "429"]),
    ("/portal/{token}/pay", "post", "Start a payment order with the PSP and go to its payment page",
     "application/x-www-form-urlencoded", ["303", "401", "403", "404", "409", "410", "422", "429", "503"]),
    ("/portal/{token}/payment-return", "get", "The way back from the PSP: the order's status", None,
     ["200", "404", "410", "429"]),
    ("/portal/{token}/payment-return", "post", "The way back from the PSP (form return)", None,
     ["200", "404", "410", "429"]),
]

# (path, method, roles, summary, request schema ref or None, success status, success schema, params, extra errors)
ROUTES = [
    ("/v1/health", "get", [], "Liveness", None, "200", {"type": "object"}, [], []),
    ("/v1/cases", "post", ["collector"], "Open a case (records case.opened, seq 0)", "CaseOpened", "201",
     CASE_CREATED, [IDEMPOTENCY], ["400", "409", "413", "415", "422"]),
    ("/v1/cases/{case_id}", "get", ["collector", "dpo"], "State projected from the chain", None, "200",
     CASE_STATE, [CASE_ID], ["404"]),
    ("/v1/cases/{case_id}/events", "post", ["collector"], "Append an event", "EventRequest", "201", APPENDED,
     [CASE_ID, IDEMPOTENCY], ["400", "404", "409", "413", "415", "422"]),
    ("/v1/cases/{case_id}/contact-window", "get", ["collector"],
     "When a contact on a channel is allowed: same pack, facts, contact history and policy as the guards; "
     "records nothing", None, "200", CONTACT_WINDOW, [CASE_ID, CHANNEL], ["404", "422"]),
    ("/v1/cases/{case_id}/events", "get", ["collector", "dpo"], "Decrypted timeline, paged", None, "200", TIMELINE,
     [CASE_ID,
      {"name": "after_seq", "in": "query", "required": False, "schema": {"type": "integer", "minimum": -1}},
      {"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 500}}],
     ["404", "422"]),
    ("/v1/audit/cases/{case_id}/journal", "get", ["auditor"],
     "The case's journal as stored (NDJSON, ciphertext only), from seq `cursor`, at most `limit` records and 5 MB; "
     "next page's cursor in X-Next-Cursor",
     None, "200", None,
     [CASE_ID,
      {"name": "cursor", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 0}},
      {"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}],
     ["404", "422"]),
    ("/v1/audit/cases/{case_id}/verify", "get", ["auditor"], "Server-side chain verification", None, "200", VERIFY,
     [CASE_ID], ["404"]),
    ("/v1/cases/{case_id}/communications/check", "post", ["collector"],
     "Judge a planned contact.sent or formal_notice.sent with the legality guards; records nothing",
     "CheckRequest", "200", {"$ref": "#/components/schemas/Judgement"}, [CASE_ID], ["400", "404", "413", "415", "422"]),
    ("/v1/admin/guard-policy", "get", ["admin"], "The tenant's guard policy (tighten-only settings)", None, "200",
     {"type": "object", "required": ["policy"]}, [], []),
    ("/v1/admin/guard-policy", "put", ["admin"], "Replace the tenant's guard policy; loosening the legal floor is refused",
     "GuardPolicy", "200", {"type": "object", "required": ["policy"]}, [], ["400", "413", "415", "422"]),
    ("/v1/audit/checkpoints/latest", "get", ["auditor"], "Latest signed checkpoint of the tenant's transparency log",
     None, "200", {"type": "object", "required": ["note", "origin", "tree_size", "root_hash"], "properties": {
         "note": {"type": "string"}, "origin": {"type": "string"}, "tree_size": {"type": "integer"},
         "root_hash": {"type": "string"}, "case_heads_root": {"type": "string"}}}, [], ["404"]),
    ("/v1/audit/checkpoint-key", "get", ["auditor"], "Verifier key of checkpoint signatures (C2SP signed-note form)",
     None, "200", {"type": "object", "required": ["verifier_key"]}, [], []),
    ("/v1/audit/proofs/inclusion", "get", ["auditor"], "RFC 9162 inclusion proof of an event in a tree size", None,
     "200", {"type": "object", "required": ["leaf_index", "tree_size", "proof"], "properties": {
         "leaf_index": {"type": "integer"}, "tree_size": {"type": "integer"},
         "proof": {"type": "array", "items": {"type": "string"}}}},
     [{"name": "case_id", "in": "query", "required": True, "schema": {"type": "string", "format": "uuid"}},
      {"name": "seq", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 0}},
      {"name": "tree_size", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 1}}],
     ["404", "409", "422"]),
    ("/v1/audit/proofs/case-head", "get", ["auditor"],
     "Case-heads map proof: the case's head (seq, hash) at a checkpoint's tree size (docs/journal-format.md)", None,
     "200", {"type": "object", "required": ["case_id", "tree_size", "proof"], "properties": {
         "case_id": {"type": "string"}, "tree_size": {"type": "integer"},
         "proof": {"type": "object", "required": ["bitmap", "siblings"], "properties": {
             "bitmap": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
             "siblings": {"type": "array", "items": {"type": "string", "pattern": "^[0-9a-f]{64}$"}}}}}},
     [{"name": "case_id", "in": "query", "required": True, "schema": {"type": "string", "format": "uuid"}},
      {"name": "tree_size", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 1}}],
     ["404", "422"]),
    ("/v1/audit/proofs/consistency", "get", ["auditor"], "RFC 9162 consistency proof between two tree sizes", None,
     "200", {"type": "object", "required": ["first", "second", "proof"]},
     [{"name": "first", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 0}},
      {"name": "second", "in": "query", "required": True, "schema": {"type": "integer", "minimum": 0}}],
     ["422"]),
    ("/v1/audit/journal", "get", ["auditor"],
     "Tenant-wide journal in integration order, NDJSON lines {leaf_index, record}, leaves [from or cursor, to), "
     "at most `limit` lines and 5 MB; next page in X-Next-Cursor",
     None, "200", None,
     [{"name": "from", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 0}},
      {"name": "to", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 0}},
      {"name": "cursor", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 0}},
      {"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}],
     ["422"]),
    ("/v1/gdpr/requests", "post", ["dpo"], "Register a GDPR request (due_by = received_at + 1 month, Art. 12(3))",
     "GdprRequest", "201", {"type": "object", "required": ["request_id", "due_by", "subject_found"]}, [],
     ["400", "413", "415", "422"]),
    ("/v1/gdpr/requests", "get", ["dpo"], "The register of GDPR requests", None, "200",
     {"type": "object", "required": ["requests"]},
     [{"name": "status", "in": "query", "required": False, "schema": {"enum": ["open", "answered"]}},
      {"name": "overdue", "in": "query", "required": False, "schema": {"enum": ["true", "false"]}}], ["422"]),
    ("/v1/gdpr/requests/{request_id}", "get", ["dpo"], "A request's state and its chained history", None, "200",
     {"type": "object", "required": ["request", "history"]}, [REQUEST_ID], ["404"]),
    ("/v1/gdpr/requests/{request_id}/extend", "post", ["dpo"],
     "Extend the deadline once by 1 or 2 months (body: reason complexity|number_of_requests, months)", "Object",
     "200", {"type": "object"}, [REQUEST_ID], ["400", "404", "409", "413", "415", "422"]),
    ("/v1/gdpr/requests/{request_id}/fulfil", "post", ["dpo"],
     "Answer: access/portability document (?format=html for the readable page), rectification "
     "(body: case_id, corrects_seq, changes), restriction/objection flag", "Object", "200", {"type": "object"},
     [REQUEST_ID, {"name": "format", "in": "query", "required": False, "schema": {"enum": ["json", "html"]}}],
     ["400", "404", "409", "413", "415", "422"]),
    ("/v1/gdpr/requests/{request_id}/assess", "post", ["dpo"], "Assess an erasure request: erase, refuse or defer, "
     "with its legal basis (recorded)", "Object", "200", {"type": "object", "required": ["proposal", "basis"]},
     [REQUEST_ID], ["404", "409"]),
    ("/v1/gdpr/requests/{request_id}/decide", "post", ["dpo"], "Decide an assessed erasure request (body: decision, "
     "basis, defer_until, and override {reason} when the decision departs from the assessment's proposal); "
     "erase executes crypto-shredding", "Object", "200", {"type": "object"}, [REQUEST_ID],
     ["400", "404", "409", "413", "415", "422"]),
    ("/v1/gdpr/requests/{request_id}/lift", "post", ["dpo"], "Lift a restriction or objection", None, "200",
     {"type": "object"}, [REQUEST_ID], ["404", "409"]),
    ("/v1/admin/keys", "post", ["admin"], "Create an API key in the caller's tenant", "KeyRequest", "201", KEY_CREATED,
     [], ["400", "413", "415", "422"]),
    ("/v1/admin/controller", "get", ["admin", "dpo"], "The data controller named in GDPR answers (current version)",
     None, "200", {"$ref": "#/components/schemas/ControllerVersion"}, [], ["404"]),
    ("/v1/admin/controller", "put", ["admin"], "Name the data controller: each PUT records a new version (history kept)",
     "Controller", "200", {"$ref": "#/components/schemas/ControllerVersion"}, [], ["400", "413", "415", "422"]),
    ("/v1/admin/controller/versions", "get", ["admin", "dpo"], "Every version of the controller, oldest first", None,
     "200", {"type": "object", "required": ["versions"], "properties": {
         "versions": {"type": "array", "items": {"$ref": "#/components/schemas/ControllerVersion"}}}}, [], []),
    ("/v1/psp/payzen/ipn", "post", [], "PayZen (Lyra) Instant Payment Notification: no API key, authenticated by "
     "kr-hash (HMAC-SHA-256 of kr-answer with the shop password). A paid order records payment.received (actor "
     "role psp) once per transaction uuid; a replay answers 200 already_recorded", "form:PayZenNotification", "200",
     {"type": "object", "required": ["result", "order_id"], "properties": {
         "result": {"enum": ["recorded", "already_recorded", "not_paid"]}, "order_id": {"type": "string"},
         "seq": {"type": "integer"}, "hash": {"type": "string"},
         "status": {"enum": ["pending", "refused"]}}}, [], ["400", "401", "404", "409", "413", "415", "422"]),
    ("/v1/cases/{case_id}/portal-links", "post", ["collector"],
     "Issue a link to the debtor's portal (records portal.link.issued). The URL carries a random 256-bit token "
     "shown once; only its SHA-256 is stored. Body optional", "PortalLinkRequest", "201", PORTAL_LINK, [CASE_ID],
     ["400", "404", "409", "413", "415", "422"]),
    ("/v1/cases/{case_id}/portal-links/{link_id}/revoke", "post", ["collector"],
     "Revoke a portal link at once (records portal.link.revoked once; sessions opened with it end)", None, "200",
     {"type": "object", "required": ["link_id", "revoked"], "properties": {
         "link_id": {"type": "string"}, "revoked": {"const": True}, "revoked_at": {"type": ["string", "null"]}}},
     [CASE_ID, {"name": "link_id", "in": "path", "required": True, "schema": {"type": "string"}}], ["404", "409"]),
    ("/v1/admin/portal-policy", "get", ["admin"], "The tenant's auto-approval policy for plans proposed in the portal",
     None, "200", {"type": "object", "required": ["policy"], "properties": {
         "policy": {"$ref": "#/components/schemas/PortalPolicy"}}}, [], []),
    ("/v1/admin/portal-policy", "put", ["admin"], "Set the tenant's auto-approval policy (omitted settings: defaults)",
     "PortalPolicy", "200", {"type": "object", "required": ["policy"], "properties": {
         "policy": {"$ref": "#/components/schemas/PortalPolicy"}}}, [], ["400", "413", "415", "422"]),
    ("/v1/admin/keys/{key_id}/revoke", "post", ["admin"], "Revoke an API key at once", None, "200",
     {"type": "object", "required": ["key_id", "revoked"]},
     [{"name": "key_id", "in": "path", "required": True, "schema": {"type": "string"}}], ["404"]),
]


# Error codes a route may answer beside the generic ones, by status: listed in the response's
# description so that clients can branch on `error` without reading the code.
ERROR_CODES: dict[tuple[str, str], dict[str, list[str]]] = {
    ("/v1/cases", "post"): {
        "409": ["duplicate_external_ref (member case_id names the existing case; nothing is written)",
                "subject_erased (members erased_on, request_id: the debtor matches an erased data subject; "
                "state new_legal_basis to open a new, separate claim)", "idempotency_key_reused",
                "idempotency_in_progress"],
        "422": ["validation_failed (a past-fact date such as issued_on after the opening date; numbers beyond "
                "+-(2^53-1) or not finite are named by their JSON Pointer)"]},
    ("/v1/cases/{case_id}/events", "post"): {
        "409": ["case_closed", "subject_erased", "no_open_dispute", "... (the case's state refuses the event)",
                "idempotency_key_reused"],
        "422": ["validation_failed (a past-fact date such as paid_on, signed_on, obtained_on, opened_on after the "
                "date of occurred_at in the case's time zone)", "blocked_by_guard", "business rules"]},
    ("/v1/cases/{case_id}/contact-window", "get"): {"422": ["validation_failed (channel missing or unknown)"]},
    ("/v1/gdpr/requests/{request_id}/decide", "post"): {
        "409": ["contrary_to_assessment (member proposal: the decision departs from the assessment without "
                "override.reason)", "not_assessed", "not_an_erasure", "request_answered", "legal_hold"],
        "422": ["validation_failed (/override/reason: at least 20 characters)"]},
    ("/v1/gdpr/requests/{request_id}/fulfil", "post"): {
        "409": ["controller_not_configured (access, portability: PUT /v1/admin/controller first)", "use_decide"]},
    ("/v1/admin/controller", "get"): {"404": ["not_found (no controller configured)"]},
    ("/v1/psp/payzen/ipn", "post"): {
        "400": ["malformed_request (details name the form field or kr-answer member)"],
        "401": ["unauthenticated (kr-hash does not verify with the shop password, or kr-hash-key is not password)"],
        "404": ["not_found (a signed notification for an order this ledger never started: answered non-2xx so "
                "the PSP retries and alerts the merchant)"],
        "409": ["case_closed (the case was closed after the order started: a person must refund or reopen)",
                "order_already_paid (a second paid transaction on one order: a person must look at it)"],
        "422": ["amount_exceeds_order", "currency_mismatch", "shop_mismatch", "mode_mismatch"]},
}


def _load(path: Path) -> dict:
    return json.loads(path.read_text())


def _inline(schema: dict, common: dict) -> dict:
    """Replace references to common.json by local component refs, drop $id/$schema."""
    text = json.dumps(schema).replace("urn:amiable-ledger:schema:common#/$defs/", "#/components/schemas/")
    out = json.loads(text)
    out.pop("$schema", None)
    out.pop("$id", None)
    return out


def build() -> dict:
    common = _load(SCHEMAS / "common.json")
    components: dict = {name: copy.deepcopy(d) for name, d in common["$defs"].items()}
    components["installments"] = json.loads(json.dumps(common["$defs"]["installments"]).replace(
        "#/$defs/", "#/components/schemas/"))
    event_refs = []
    for path in sorted((SCHEMAS / "events").glob("*.json")):
        name = path.name[:-5]
        comp = "Event_" + name.replace(".", "_")
        components[comp] = _inline(_load(path), common)
        if name != "case.opened":
            event_refs.append((name, comp))
    components["CaseOpened"] = {"$ref": "#/components/schemas/Event_case_opened"}
    # Discriminated unions (one branch per type, `type` a const) rather than if/then, so that
    # generators such as schemathesis can build valid requests.
    request = _inline(_load(SCHEMAS / "api" / "event_request.json"), common)
    components["EventRequest"] = {"description": "`data` must match the schema of `type`.", "oneOf": [
        {**request, "title": n, "properties": {**request["properties"], "type": {"const": n},
                                               "data": {"$ref": f"#/components/schemas/{c}"}}}
        for n, c in event_refs]}
    components["GdprRequest"] = _inline(_load(SCHEMAS / "api" / "gdpr_request.json"), common)
    components["Object"] = {"type": "object"}
    components["KeyRequest"] = _inline(_load(SCHEMAS / "api" / "key_request.json"), common)
    components["Controller"] = _inline(_load(SCHEMAS / "api" / "controller.json"), common)
    components["ControllerVersion"] = {
        "type": "object", "required": ["version", "name", "address", "contact_email", "dpo_contact", "recorded_at",
                                       "recorded_by"],
        "properties": {"version": {"type": "integer", "minimum": 1}, "name": {"type": "string"},
                       "address": {"type": "string"}, "contact_email": {"type": "string"},
                       "dpo_contact": {"type": "string"}, "recorded_at": {"type": "string", "format": "date-time"},
                       "recorded_by": {"type": "object", "required": ["key_id", "role"]}}}
    components["Error"] = ERROR
    components["PortalLinkRequest"] = {"type": "object", "additionalProperties": False, "properties": {
        "expires_in_days": {"type": "integer", "minimum": 1, "maximum": 30, "default": 14}}}
    components["PortalPolicy"] = {"type": "object", "additionalProperties": False, "properties": {
        "max_instalments": {"type": "integer", "minimum": 1, "maximum": 36, "default": 6},
        "min_instalment_cents": {"type": "integer", "minimum": 1, "maximum": 10000000, "default": 3000},
        "first_due_within_days": {"type": "integer", "minimum": 1, "maximum": 90, "default": 30}}}
    components["PayZenNotification"] = {
        "type": "object", "required": ["kr-answer", "kr-hash", "kr-hash-algorithm", "kr-hash-key"],
        "description": "Lyra's IPN form (at most 64 KB, each field once).",
        "properties": {"kr-answer": {"type": "string", "description": "V4/Payment answer, JSON text"},
                       "kr-hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                       "kr-hash-algorithm": {"const": "sha256_hmac"}, "kr-hash-key": {"const": "password"},
                       "kr-answer-type": {"type": "string"}}}
    check = _inline(_load(SCHEMAS / "api" / "check_request.json"), common)
    check = {"oneOf": [
        {**check, "title": n, "properties": {**check["properties"], "type": {"const": n},
                                             "data": {"$ref": f"#/components/schemas/Event_{n.replace('.', '_')}"}}}
        for n in ("contact.sent", "formal_notice.sent")]}
    components["CheckRequest"] = check
    components["GuardPolicy"] = {"type": "object", "description": "See chalicelib/domain/guards/README.md: quiet "
                                 "hours, caps, rules promoted to block, forbidden phrases. Only tightening is accepted."}
    components["Finding"] = {"type": "object", "required": ["rule_id", "severity", "legal_basis", "explanation"],
                             "properties": {"rule_id": {"type": "string"}, "severity": {"enum": ["block", "warn"]},
                                            "legal_basis": {"type": "object"},
                                            "explanation": {"type": "object", "required": ["fr", "en"]},
                                            "spans": {"type": "array"}}}
    components["Judgement"] = {"type": "object", "required": ["verdict", "findings", "rule_pack"], "properties": {
        "verdict": {"enum": ["allow", "warn", "block"]},
        "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
        "rule_pack": {"type": "object", "required": ["id", "version", "digest"]}}}
    components["Error"] = {**ERROR, "properties": {**ERROR["properties"],
                                                   "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
                                                   "evidence": {"type": "object", "required": ["seq", "hash"]},
                                                   "case_id": {"type": "string", "format": "uuid",
                                                               "description": "duplicate_external_ref: the existing case"},
                                                   "erased_on": {"type": "string", "format": "date"},
                                                   "request_id": {"type": ["string", "null"]},
                                                   "erased_by": {"enum": ["request", "retention"]},
                                                   "proposal": {"enum": ["erase", "refuse", "defer"]}}}
    paths: dict = {}
    for path, method, roles, summary, req, status, schema, params, errors in ROUTES:
        op: dict = {"summary": summary, "operationId": f"{method}_{path.strip('/').replace('/', '_').replace('{', '').replace('}', '')}"}
        if roles:
            op["description"] = "Roles: " + ", ".join(roles) + "."
            op["security"] = [{"apiKey": []}]
        else:
            op["security"] = []
        if params:
            op["parameters"] = params
        if req and req.startswith("form:"):
            op["requestBody"] = {"required": True, "content": {"application/x-www-form-urlencoded": {
                "schema": {"$ref": f"#/components/schemas/{req[5:]}"}}}}
        elif req:
            op["requestBody"] = {"required": True, "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{req}"}}}}
        content = ({"application/x-ndjson": {"schema": {"type": "string"}}} if schema is None
                   else {"application/json": {"schema": schema}})
        responses = {status: {"description": "Success", "content": content}}
        if status == "201" and any(p is IDEMPOTENCY for p in params):
            responses["200"] = {"description": "Replay of an earlier request with the same Idempotency-Key",
                                "content": content}
        codes = (["401", "403", "429"] if roles else []) + errors + ["503"]
        named = ERROR_CODES.get((path, method), {})
        for code in codes:
            description = "Error" + (": " + "; ".join(named[code]) if code in named else "")
            responses[code] = {"description": description, "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Error"}}}}
        paths.setdefault(path, {})[method] = op
        op["responses"] = responses
    for path, method, summary, media, statuses in PORTAL_PAGES:
        op = {"summary": summary, "operationId": f"portal_{method}_{path.strip('/').replace('/', '_')}".replace(
            "{", "").replace("}", "").replace("-", "_").replace(".", "_"), "security": [], "tags": ["debtor portal"],
            "parameters": ([TOKEN] if "{token}" in path else []) + ([LANG] if path.startswith("/portal/") else [])}
        if media:
            op["requestBody"] = {"required": True, "content": {media: {"schema": {"type": "object"}}}}
        kind = "text/css" if path.endswith(".css") else "text/html"
        op["responses"] = {code: {"description": "A page" if code[0] in "23" else "A page that reveals nothing",
                                  "content": {kind: {"schema": {"type": "string"}}}} for code in statuses}
        paths.setdefault(path, {})[method] = op
    return {
        "openapi": "3.1.0",
        "info": {"title": "Amiable Ledger API", "version": "1.0.0",
                 "description": "Append-only, hash-chained, encrypted case ledger for amicable debt collection."},
        "servers": [{"url": "http://127.0.0.1:8000"}],
        "components": {"schemas": components,
                       "securitySchemes": {"apiKey": {"type": "http", "scheme": "bearer"}}},
        "paths": paths,
    }


def render() -> str:
    return json.dumps(build(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    OUT.write_text(render())
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)
