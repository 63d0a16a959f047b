"""Serve the Chalice test client over real HTTP on 127.0.0.1, so an outside party (the PSP
simulator delivering an IPN) reaches the app's routes in-process, on the test's DynamoDB Local."""
from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 8 * 1024 * 1024


class Bridge:
    def __init__(self, server: ThreadingHTTPServer, thread: threading.Thread):
        self.server, self.thread = server, thread
        self.url = f"http://127.0.0.1:{server.server_address[1]}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def serve_client(client) -> Bridge:
    lock = threading.Lock()  # the test client is not meant for concurrent use

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format, *args):  # noqa: A002
            pass

        def _forward(self, method: str) -> None:
            length = min(int(self.headers.get("Content-Length") or 0), MAX_BODY)
            body = self.rfile.read(length) if length else b""
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "content-length")}
            with lock:
                reply = getattr(client.http, method)(self.path, headers=headers, body=body)
            self.send_response(reply.status_code)
            for name, value in reply.headers.items():
                if name.lower() not in ("content-length", "connection", "transfer-encoding"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        def do_GET(self):  # noqa: N802
            self._forward("get")

        def do_POST(self):  # noqa: N802
            self._forward("post")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="app-bridge", daemon=True)
    thread.start()
    return Bridge(server, thread)
