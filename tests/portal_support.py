"""Driving the debtor's portal through the Chalice test client like a browser: cookies kept,
forms read from the page (CSRF token included), redirects seen as they are."""
from __future__ import annotations

import html
import re
import uuid
from datetime import timedelta
from urllib.parse import urlencode, urlparse

from tests.support import case_body, get, post

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class ShiftedClock:
    def __init__(self, base, offset: timedelta = timedelta(0)):
        self.base, self.offset = base, offset

    def now(self):
        return self.base.now() + self.offset


class RecordingOrders:
    """A stand-in for the PSP's payment-orders service (a port, not a database)."""

    def __init__(self):
        self.started: list[dict] = []
        self.statuses: dict[str, str] = {}

    def start(self, *, tenant_id, case_id, amount_cents, purpose, return_url):
        order_id = "ord-" + uuid.uuid4().hex[:12]
        self.started.append({"tenant_id": tenant_id, "case_id": case_id, "amount_cents": amount_cents,
                             "purpose": purpose, "return_url": return_url, "order_id": order_id})
        self.statuses[order_id] = "pending"

        class Order:
            pass

        order = Order()
        order.order_id, order.payment_url = order_id, f"http://127.0.0.1:8002/pay/{order_id}"
        return order

    def status(self, *, tenant_id, order_id):
        return self.statuses.get(order_id, "unknown")


class Visitor:
    """One browser: a cookie jar and the last page."""

    def __init__(self, client, source_ip: str = "198.51.100.7"):
        self.client, self.cookies, self.source_ip = client, {}, source_ip
        self.last = None

    def _headers(self, extra=None) -> dict:
        headers = {"User-Agent": "Mozilla/5.0 (portal test)"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {**headers, **(extra or {})}

    def _keep(self, resp):
        cookie = resp.headers.get("Set-Cookie") or resp.headers.get("set-cookie")
        if cookie:
            name, _, value = cookie.split(";")[0].partition("=")
            self.cookies[name] = value
        self.last = resp
        return resp

    def get(self, path: str):
        return self._keep(self.client.http.get(path, headers=self._headers()))

    def post_form(self, path: str, fields: dict):
        return self._keep(self.client.http.post(path, headers=self._headers(
            {"Content-Type": "application/x-www-form-urlencoded"}), body=urlencode(fields)))

    def post_multipart(self, path: str, fields: dict, files: dict | None = None):
        boundary = "----portaltest" + uuid.uuid4().hex
        parts = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, content_type, content) in (files or {}).items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                         f"Content-Type: {content_type}\r\n\r\n".encode() + content + b"\r\n")
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self._keep(self.client.http.post(path, headers=self._headers(
            {"Content-Type": f"multipart/form-data; boundary={boundary}"}), body=body))

    @property
    def text(self) -> str:
        body = self.last.body
        return body.decode("utf-8") if isinstance(body, bytes) else body

    def field(self, name: str) -> str:
        match = re.search(rf'name="{name}" value="([^"]*)"', self.text)
        assert match, f"no field {name} on the page"
        return html.unescape(match.group(1))


def path_of(url: str) -> str:
    return urlparse(url).path


def open_case(client, keys, **overrides) -> str:
    resp = post(client, "/v1/cases", case_body(**overrides), keys["collector"])
    assert resp.status_code == 201, resp.body
    return resp.json_body["case_id"]


def issue_link(client, keys, case_id, days: int | None = None) -> dict:
    resp = post(client, f"/v1/cases/{case_id}/portal-links", {} if days is None else {"expires_in_days": days},
                keys["collector"])
    assert resp.status_code == 201, resp.body
    return resp.json_body


def verified(client, keys, case_id=None, invoice: str = "F-1001", **case) -> tuple[Visitor, str, str]:
    """(visitor with a session, link path, case id)."""
    case_id = case_id or open_case(client, keys, **case)
    link = issue_link(client, keys, case_id)
    path = path_of(link["url"])
    visitor = Visitor(client)
    assert visitor.get(path).status_code == 200
    resp = visitor.post_form(path + "/verify", {"csrf": visitor.field("csrf"), "invoice": invoice})
    assert resp.status_code == 303, visitor.text
    return visitor, path, case_id


def timeline(client, keys, case_id) -> list[dict]:
    return get(client, f"/v1/cases/{case_id}/events", keys["collector"]).json_body["events"]
