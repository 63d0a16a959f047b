"""HTTP routes of Amiable Ledger. Each route: parse -> authorize -> one service call -> response."""
from __future__ import annotations

import os
import re

from chalice import Chalice, Rate, Response

from chalicelib.http import handled, header, int_param, json_response, logger, parse_form_body, parse_json_body
from chalicelib.domain.errors import NotFound
from chalicelib.services import auth, cases, guarding, idempotency
from chalicelib.services.runtime import get_runtime
from chalicelib.on_first_use import OnFirstUse
from chalicelib.portal_routes import portal as portal_pages


controller = OnFirstUse("chalicelib.services.controller")
gdpr = OnFirstUse("chalicelib.services.gdpr")
transparency = OnFirstUse("chalicelib.services.transparency")
contact_windows = OnFirstUse("chalicelib.services.contact_window")
receipts = OnFirstUse("chalicelib.services.receipts")
webhooks = OnFirstUse("chalicelib.services.webhooks")
webhook_delivery = OnFirstUse("chalicelib.services.webhook_delivery")
portal_links = OnFirstUse("chalicelib.services.portal.links")
portal_policy = OnFirstUse("chalicelib.services.portal.policy")

app = Chalice(app_name="amiable-ledger")
app.api.cors = False
# The portal's dispute form uploads a document: API Gateway must pass it as bytes.
app.api.binary_types.append("multipart/form-data")

ANY = ["*/*"]  # content type is checked by parse_json_body, which answers with a JSON error
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _principal(*roles: str):
    request = app.current_request
    source = ((request.context or {}).get("identity") or {}).get("sourceIp")
    principal = auth.authenticate(get_runtime(), header(request, "Authorization"), source)
    auth.require_role(principal, *roles)
    # The access trail: who used which route on which case or request, reads included (the
    # ledger records writes). Ids and the route template only: no body, query or source IP.
    logger().info("access", extra={"tenant_id": principal.tenant_id, "key_id": principal.key_id,
                                   "role": principal.role, "method": request.method,
                                   "route": (request.context or {}).get("resourcePath"),
                                   "ids": dict(request.uri_params or {})})
    return principal


def _body():
    request = app.current_request
    return parse_json_body(request.raw_body, header(request, "Content-Type"))


def _query(*allowed: str) -> dict:
    """The query parameters, refusing any this route does not define (422)."""
    params = app.current_request.query_params or {}
    unknown = sorted(set(params) - set(allowed))
    if unknown:
        from chalicelib.domain.errors import FieldError, ValidationFailed

        raise ValidationFailed([FieldError(f"query {name}", "unknown query parameter") for name in unknown])
    return params


def _uuid_or_404(value: str, what: str) -> str:
    """Ids are UUIDs: anything else cannot exist, so it is a 404 like an unknown id."""
    if not _UUID.fullmatch(value):
        raise NotFound(f"{what} not found")
    return value


def _case_id(case_id: str) -> str:
    return _uuid_or_404(case_id, "case")


@app.route("/v1/health", methods=["GET"])
@handled
def health():
    return json_response({"ok": True})


@app.route("/v1/cases", methods=["POST"], content_types=ANY)
@handled
def open_case():
    principal = _principal("collector")
    body = _body()
    rt = get_runtime()
    result, replayed = idempotency.run_once(
        rt, principal.tenant_id, header(app.current_request, idempotency.HEADER), "POST /v1/cases", body,
        lambda: cases.open_case(rt, principal, body), claim_in_write=True,
    )
    return json_response(result, 200 if replayed else 201, {"Idempotent-Replayed": "true"} if replayed else None)


@app.route("/v1/cases/{case_id}", methods=["GET"])
@handled
def get_case(case_id):
    principal = _principal("collector", "dpo")
    return json_response(cases.case_state(get_runtime(), principal, _case_id(case_id)))


@app.route("/v1/cases/{case_id}/events", methods=["POST"], content_types=ANY)
@handled
def post_event(case_id):
    principal = _principal("collector")
    case_id = _case_id(case_id)
    body = _body()
    rt = get_runtime()
    result, replayed = idempotency.run_once(
        rt, principal.tenant_id, header(app.current_request, idempotency.HEADER), f"POST {case_id}/events", body,
        lambda: cases.append_event(rt, principal, case_id, body), claim_in_write=True,
    )
    return json_response(result, 200 if replayed else 201, {"Idempotent-Replayed": "true"} if replayed else None)


@app.route("/v1/cases/{case_id}/events/{seq}/receipt", methods=["GET"])
@handled
def event_receipt(case_id, seq):
    principal = _principal("collector", "auditor")
    case_id = _case_id(case_id)
    if not re.fullmatch(r"0|[1-9][0-9]{0,15}", seq):
        raise NotFound("event not found")
    return json_response(receipts.receipt_of(get_runtime(), principal, case_id, int(seq)))


@app.route("/v1/cases/{case_id}/communications/check", methods=["POST"], content_types=ANY)
@handled
def check_communication(case_id):
    principal = _principal("collector")
    case_id = _case_id(case_id)
    return json_response(cases.check_communication(get_runtime(), principal, case_id, _body()))


@app.route("/v1/cases/{case_id}/contact-window", methods=["GET"])
@handled
def contact_window(case_id):
    principal = _principal("collector")
    case_id = _case_id(case_id)
    channel = _query("channel").get("channel")
    return json_response(contact_windows.contact_window(get_runtime(), principal, case_id, channel))


@app.route("/v1/cases/{case_id}/events", methods=["GET"])
@handled
def get_events(case_id):
    principal = _principal("collector", "dpo")
    params = _query("after_seq", "limit")
    after_seq = int_param(params, "after_seq", -1, -1, 2**53)
    limit = int_param(params, "limit", 50, 1, 500)
    return json_response(cases.timeline(get_runtime(), principal, _case_id(case_id), after_seq, limit))


@app.route("/v1/audit/cases/{case_id}/journal", methods=["GET"])
@handled
def get_journal(case_id):
    principal = _principal("auditor")
    params = _query("cursor", "limit")
    start = int_param(params, "cursor", 0, 0, 2**53)
    limit = int_param(params, "limit", 1000, 1, 1000)
    lines, next_cursor = cases.journal_page(get_runtime(), principal, _case_id(case_id), start, limit)
    headers = {"Content-Type": "application/x-ndjson"}
    if next_cursor is not None:
        headers["X-Next-Cursor"] = str(next_cursor)
    return Response(body="".join(line + "\n" for line in lines), status_code=200, headers=headers)


@app.route("/v1/audit/cases/{case_id}/verify", methods=["GET"])
@handled
def verify_case(case_id):
    principal = _principal("auditor")
    return json_response(cases.verify_case(get_runtime(), principal, _case_id(case_id)))


# --- the debtor's portal (issue 13): links and the tenant's auto-approval policy; the pages
# themselves are chalicelib/portal_routes.py (a blueprint) ---------------------------------

@app.route("/v1/cases/{case_id}/portal-links", methods=["POST"], content_types=ANY)
@handled
def issue_portal_link(case_id):
    principal = _principal("collector")
    case_id = _case_id(case_id)
    raw = app.current_request.raw_body
    body = _body() if raw and raw.strip() else None
    return json_response(portal_links.issue(get_runtime(), principal, case_id, body), 201)


@app.route("/v1/cases/{case_id}/portal-links/{link_id}/revoke", methods=["POST"], content_types=ANY)
@handled
def revoke_portal_link(case_id, link_id):
    principal = _principal("collector")
    return json_response(portal_links.revoke(get_runtime(), principal, _case_id(case_id), link_id))


@app.route("/v1/admin/portal-policy", methods=["GET"])
@handled
def get_portal_policy():
    principal = _principal("admin")
    return json_response(portal_policy.get_policy(get_runtime(), principal.tenant_id))


@app.route("/v1/admin/portal-policy", methods=["PUT"], content_types=ANY)
@handled
def put_portal_policy():
    principal = _principal("admin")
    return json_response(portal_policy.set_policy(get_runtime(), principal.tenant_id, _body()))


app.register_blueprint(portal_pages)


@app.route("/v1/admin/keys", methods=["POST"], content_types=ANY)
@handled
def create_key():
    principal = _principal("admin")
    body = _body()
    from chalicelib.domain import events as ev

    ev.validate(ev.api_validator("key_request"), body)
    key_id, key = auth.create_api_key(get_runtime(), principal.tenant_id, body["role"])
    return json_response({"key_id": key_id, "key": key, "role": body.get("role")}, 201)


@app.route("/v1/admin/guard-policy", methods=["GET"])
@handled
def get_guard_policy():
    principal = _principal("admin")
    return json_response(guarding.get_tenant_policy(get_runtime(), principal.tenant_id))


@app.route("/v1/admin/guard-policy", methods=["PUT"], content_types=ANY)
@handled
def put_guard_policy():
    principal = _principal("admin")
    return json_response(guarding.set_tenant_policy(get_runtime(), principal.tenant_id, _body()))


@app.route("/v1/admin/controller", methods=["GET"])
@handled
def get_controller():
    principal = _principal("admin", "dpo")
    return json_response(controller.get_controller(get_runtime(), principal))


@app.route("/v1/admin/controller", methods=["PUT"], content_types=ANY)
@handled
def put_controller():
    principal = _principal("admin")
    return json_response(controller.set_controller(get_runtime(), principal, _body()))


@app.route("/v1/admin/controller/versions", methods=["GET"])
@handled
def controller_versions():
    principal = _principal("admin", "dpo")
    return json_response(controller.history(get_runtime(), principal))


@app.route("/v1/admin/keys/{key_id}/revoke", methods=["POST"], content_types=ANY)
@handled
def revoke_key(key_id):
    principal = _principal("admin")
    auth.revoke_api_key(get_runtime(), key_id, principal.tenant_id)
    return json_response({"key_id": key_id, "revoked": True})


@app.route("/v1/audit/checkpoints/latest", methods=["GET"])
@handled
def latest_checkpoint():
    principal = _principal("auditor")
    return json_response(transparency.latest_checkpoint(get_runtime(), principal.tenant_id))


@app.route("/v1/audit/checkpoint-key", methods=["GET"])
@handled
def checkpoint_key():
    _principal("auditor")
    return json_response({"verifier_key": transparency.verifier_key(get_runtime())})


@app.route("/v1/audit/proofs/inclusion", methods=["GET"])
@handled
def inclusion_proof():
    principal = _principal("auditor")
    params = _query("case_id", "seq", "tree_size")
    case_id = _case_id(params.get("case_id") or "")
    seq = int_param(params, "seq", -1, 0, 2**53)
    tree_size = int_param(params, "tree_size", -1, 1, 2**53)
    if seq < 0 or tree_size < 0:
        raise_missing("seq" if seq < 0 else "tree_size")
    return json_response(transparency.inclusion_proof(get_runtime(), principal.tenant_id, case_id, seq, tree_size))


@app.route("/v1/audit/proofs/case-head", methods=["GET"])
@handled
def case_head_proof():
    principal = _principal("auditor")
    params = _query("case_id", "tree_size")
    case_id = _case_id(params.get("case_id") or "")
    tree_size = int_param(params, "tree_size", -1, 1, 2**53)
    if tree_size < 0:
        raise_missing("tree_size")
    return json_response(transparency.case_head_proof(get_runtime(), principal.tenant_id, case_id, tree_size))


@app.route("/v1/audit/proofs/consistency", methods=["GET"])
@handled
def consistency_proof():
    principal = _principal("auditor")
    params = _query("first", "second")
    first = int_param(params, "first", -1, 0, 2**53)
    second = int_param(params, "second", -1, 0, 2**53)
    if first < 0 or second < 0:
        raise_missing("first" if first < 0 else "second")
    return json_response(transparency.consistency_proof(get_runtime(), principal.tenant_id, first, second))


@app.route("/v1/audit/journal", methods=["GET"])
@handled
def tenant_journal():
    principal = _principal("auditor")
    params = _query("from", "to", "cursor", "limit")
    start = int_param(params, "cursor", int_param(params, "from", 0, 0, 2**53), 0, 2**53)
    end = int_param(params, "to", 2**53, 0, 2**53)
    limit = int_param(params, "limit", 500, 1, 1000)
    lines, next_cursor = transparency.journal_page(get_runtime(), principal.tenant_id, start, end, limit)
    headers = {"Content-Type": "application/x-ndjson"}
    if next_cursor is not None:
        headers["X-Next-Cursor"] = str(next_cursor)
    return Response(body="".join(line + "\n" for line in lines), status_code=200, headers=headers)


# Payment service providers' notifications: no API key, the PSP's signature authenticates
# (services/payment_orders.py says which status answers what, and why).
@app.route("/v1/psp/payzen/ipn", methods=["POST"], content_types=ANY)
@handled
def payzen_ipn():
    request = app.current_request
    fields = parse_form_body(request.raw_body, header(request, "Content-Type"))
    result = get_runtime().payment_orders.handle_notification(provider="payzen", fields=fields)
    logger().info("psp notification", extra={"provider": "payzen", "result": result["result"],
                                              "order_id": result["order_id"]})
    return json_response(result)


def raise_missing(name: str):
    from chalicelib.domain.errors import FieldError, ValidationFailed

    raise ValidationFailed([FieldError(f"query {name}", "is required")])


def _request_id(request_id: str) -> str:
    return _uuid_or_404(request_id, "request")


@app.route("/v1/gdpr/requests", methods=["POST"], content_types=ANY)
@handled
def register_gdpr_request():
    principal = _principal("dpo")
    return json_response(gdpr.register_request(get_runtime(), principal, _body()), 201)


@app.route("/v1/gdpr/requests", methods=["GET"])
@handled
def list_gdpr_requests():
    principal = _principal("dpo")
    params = _query("status", "overdue")
    overdue = params.get("overdue")
    if overdue not in (None, "true", "false"):
        raise_invalid("overdue", "must be true or false")
    status = params.get("status")
    if status not in (None, "open", "answered"):
        raise_invalid("status", "must be open or answered")
    flag = None if overdue is None else overdue == "true"
    return json_response(gdpr.list_requests(get_runtime(), principal, status, flag))


@app.route("/v1/gdpr/requests/{request_id}", methods=["GET"])
@handled
def get_gdpr_request(request_id):
    principal = _principal("dpo")
    return json_response(gdpr.request_detail(get_runtime(), principal, _request_id(request_id)))


@app.route("/v1/gdpr/requests/{request_id}/extend", methods=["POST"], content_types=ANY)
@handled
def extend_gdpr_request(request_id):
    principal = _principal("dpo")
    return json_response(gdpr.extend(get_runtime(), principal, _request_id(request_id), _body()))


@app.route("/v1/gdpr/requests/{request_id}/fulfil", methods=["POST"], content_types=ANY)
@handled
def fulfil_gdpr_request(request_id):
    principal = _principal("dpo")
    raw = app.current_request.raw_body
    body = _body() if raw and raw.strip() else {}
    params = _query("format")
    if params.get("format") not in (None, "json", "html"):
        raise_invalid("format", "must be json or html")
    result = gdpr.fulfil(get_runtime(), principal, _request_id(request_id), body)
    if params.get("format") == "html" and "document" in result:
        from chalicelib.rendering import PAGE_HEADERS, render_access_html

        return Response(body=render_access_html(result["document"]), status_code=200,
                        headers={**PAGE_HEADERS, "X-Document-SHA256": result["document_sha256"]})
    return json_response(result)


@app.route("/v1/gdpr/requests/{request_id}/assess", methods=["POST"], content_types=ANY)
@handled
def assess_gdpr_request(request_id):
    principal = _principal("dpo")
    return json_response(gdpr.assess(get_runtime(), principal, _request_id(request_id)))


@app.route("/v1/gdpr/requests/{request_id}/decide", methods=["POST"], content_types=ANY)
@handled
def decide_gdpr_request(request_id):
    principal = _principal("dpo")
    return json_response(gdpr.decide(get_runtime(), principal, _request_id(request_id), _body()))


@app.route("/v1/gdpr/requests/{request_id}/lift", methods=["POST"], content_types=ANY)
@handled
def lift_gdpr_restriction(request_id):
    principal = _principal("dpo")
    return json_response(gdpr.lift_restriction(get_runtime(), principal, _request_id(request_id)))


def _webhook_id(webhook_id: str) -> str:
    return _uuid_or_404(webhook_id, "webhook")


@app.route("/v1/admin/webhooks", methods=["POST"], content_types=ANY)
@handled
def create_webhook():
    from chalicelib.services import webhooks

    principal = _principal("admin")
    return json_response(webhooks.create(get_runtime(), principal, _body()), 201)


@app.route("/v1/admin/webhooks", methods=["GET"])
@handled
def list_webhooks():
    from chalicelib.services import webhooks

    principal = _principal("admin")
    return json_response(webhooks.list_all(get_runtime(), principal))


@app.route("/v1/admin/webhooks/{webhook_id}", methods=["GET"])
@handled
def get_webhook(webhook_id):
    from chalicelib.services import webhooks

    principal = _principal("admin")
    return json_response(webhooks.get(get_runtime(), principal, _webhook_id(webhook_id)))


@app.route("/v1/admin/webhooks/{webhook_id}", methods=["PATCH"], content_types=ANY)
@handled
def patch_webhook(webhook_id):
    from chalicelib.services import webhooks

    principal = _principal("admin")
    webhook_id = _webhook_id(webhook_id)
    return json_response(webhooks.patch(get_runtime(), principal, webhook_id, _body()))


@app.route("/v1/admin/webhooks/{webhook_id}", methods=["DELETE"])
@handled
def delete_webhook(webhook_id):
    from chalicelib.services import webhooks

    principal = _principal("admin")
    webhooks.delete(get_runtime(), principal, _webhook_id(webhook_id))
    return Response(body="", status_code=204, headers={"Content-Type": "text/plain"})


@app.route("/v1/admin/webhooks/{webhook_id}/rotate-secret", methods=["POST"], content_types=ANY)
@handled
def rotate_webhook_secret(webhook_id):
    from chalicelib.services import webhooks

    principal = _principal("admin")
    return json_response(webhooks.rotate_secret(get_runtime(), principal, _webhook_id(webhook_id)))


@app.route("/v1/admin/webhooks/{webhook_id}/deliveries", methods=["GET"])
@handled
def webhook_deliveries(webhook_id):
    from chalicelib.services import webhooks

    principal = _principal("admin")
    limit = int_param(_query("limit"), "limit", 100, 1, 1000)
    return json_response(webhooks.deliveries(get_runtime(), principal, _webhook_id(webhook_id), limit))


@app.route("/v1/admin/webhooks/{webhook_id}/deliveries/{delivery_id}/redeliver", methods=["POST"],
           content_types=ANY)
@handled
def redeliver_webhook(webhook_id, delivery_id):
    from chalicelib.services import webhooks

    principal = _principal("admin")
    webhook_id = _webhook_id(webhook_id)
    if not re.fullmatch(r"[0-9]{13}-[0-9a-f]{12}", delivery_id):
        raise NotFound("delivery not found")
    return json_response(webhooks.redeliver(get_runtime(), principal, webhook_id, delivery_id), 202)


def raise_invalid(name: str, message: str):
    from chalicelib.domain.errors import FieldError, ValidationFailed

    raise ValidationFailed([FieldError(f"query {name}", message)])


@app.schedule(Rate(1, unit=Rate.DAYS))
def retention(event):
    """Shred subjects whose cases all closed longer ago than the retention period (5 years)."""
    rt = get_runtime()
    for tenant_id in gdpr.all_tenants(rt):
        report = gdpr.retention(rt, tenant_id, apply=True)
        logger().info("retention run", extra={"tenant": tenant_id, "erased": len(report["subjects"])})


# DynamoDB Streams -> transparency log. Chalice cannot set partial-batch reporting, bisection,
# retry limits or a failure destination: infra/stream-overlay.json sets them on the mapping.
@app.on_dynamodb_record(stream_arn=os.environ.get(
    "AL_LEDGER_STREAM_ARN", "arn:aws:dynamodb:eu-west-3:000000000000:table/amiable-ledger/stream/placeholder"),
    batch_size=100)
def integrate(event):
    # raw dicts, not DynamoDBRecord objects: a malformed record must be reported, not crash the batch
    result = transparency.integrate_stream_batch(get_runtime(), event.to_dict().get("Records", []))
    for poison in result["poison"]:
        logger().error("poison ledger stream record", extra=poison)
    return {"batchItemFailures": result["batchItemFailures"]}


# Webhooks in AWS: the same stream feeds the fan-out (a second reader of each shard), which
# queues one message per subscribed endpoint on the SQS FIFO queue; the dispatcher reads it.
# infra/webhooks-overlay.json sets partial batch reporting on both mappings.
@app.on_dynamodb_record(stream_arn=os.environ.get(
    "AL_LEDGER_STREAM_ARN", "arn:aws:dynamodb:eu-west-3:000000000000:table/amiable-ledger/stream/placeholder"),
    batch_size=100, name="webhook_fanout")
def webhook_fanout(event):
    from chalicelib.services import webhook_delivery

    result = webhook_delivery.fan_out(get_runtime(), event.to_dict().get("Records", []))
    for poison in result["poison"]:
        logger().error("poison ledger stream record (webhooks)", extra=poison)
    return {"batchItemFailures": []}


@app.on_sqs_message(queue_arn=os.environ.get(
    "AL_WEBHOOK_QUEUE_ARN", "arn:aws:sqs:eu-west-3:000000000000:amiable-webhooks.fifo"), batch_size=10,
    name="webhook_dispatch")
def webhook_dispatch(event):
    from chalicelib.services import webhook_delivery

    rt = get_runtime()
    not_done = webhook_delivery.dispatch(rt, webhook_delivery.sqs_messages(event.to_dict().get("Records", [])))
    return {"batchItemFailures": [{"itemIdentifier": message_id} for message_id in not_done]}


@app.schedule(Rate(1, unit=Rate.HOURS), name="webhook_notices")
def webhook_notices(event):
    """gdpr.request.due_soon, once per request and deadline."""
    from chalicelib.services import webhook_delivery

    sent = webhook_delivery.gdpr_deadlines(get_runtime())
    logger().info("webhook notices", extra={"queued": sent})
