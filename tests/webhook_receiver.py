"""A webhook receiver as a collector would write one: it verifies each delivery with the
`standardwebhooks` package and dedupes on webhook-id (tests only)."""
from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks import Webhook, WebhookVerificationError


class Receiver:
    def __init__(self):
        self.secrets: dict[str, list[str]] = {}  # path -> secrets it accepts
        self.events: dict[str, list[dict]] = {}  # path -> verified events, in arrival order
        self.raw: list[tuple[str, bytes, dict]] = []
        self.rejected: list[str] = []
        self.failing = False  # answer 500 (an outage)
        self.delay_s = 0.0
        self.attempts = 0
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {k.lower(): v for k, v in self.headers.items()}
                status = receiver._take(self.path, body, headers)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def _take(self, path: str, body: bytes, headers: dict) -> int:
        with self._lock:
            self.attempts += 1
            self.raw.append((path, body, headers))
            failing = self.failing
        if self.delay_s:
            time.sleep(self.delay_s)
        if failing:
            return 500
        event = None
        for secret in self.secrets.get(path, []):
            try:
                event = Webhook(secret).verify(body, headers)
                break
            except WebhookVerificationError:
                continue
        if event is None:
            with self._lock:
                self.rejected.append(path)
            return 401
        with self._lock:
            self.events.setdefault(path, []).append({**event, "_webhook_id": headers["webhook-id"]})
        return 204

    def unique(self, path: str) -> list[dict]:
        """Events deduplicated on webhook-id, first arrival kept (what a receiver processes)."""
        seen, out = set(), []
        for event in list(self.events.get(path, [])):
            if event["_webhook_id"] not in seen:
                seen.add(event["_webhook_id"])
                out.append(event)
        return out


def in_order_per_case(events: list[dict]) -> bool:
    """First arrivals of each case's events come in seq order, without a gap."""
    last: dict[str, int] = {}
    for event in events:
        case_id = event.get("case_id")
        if case_id is None:
            continue
        if case_id in last and event["seq"] != last[case_id] + 1:
            return False
        last[case_id] = event["seq"]
    return True


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)
