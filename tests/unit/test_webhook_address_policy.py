"""SSRF: which addresses and URLs a webhook may reach, with a resolver port (no DNS)."""
from __future__ import annotations

import ipaddress
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from chalicelib.adapters.webhook_http import MAX_RESPONSE_BYTES, WebhookSender
from chalicelib.domain.webhooks.address_policy import parse_url, refusal

NEVER = ["169.254.169.254", "169.254.170.2", "fd00:ec2::254", "fe80::1", "169.254.1.1", "0.0.0.0", "::",
         "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1", "100.100.100.200", "::ffff:0.0.0.0"]
PRIVATE = ["10.0.0.1", "172.16.5.4", "192.168.1.1", "100.64.0.1", "fc00::1", "fd12:3456::1", "::ffff:10.1.2.3",
           "224.0.0.1", "ff02::1", "240.0.0.1", "198.18.0.1", "192.0.2.10", "2001:db8::1"]
LOOPBACK = ["127.0.0.1", "127.9.9.9", "::1", "::ffff:127.0.0.1"]
PUBLIC = ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946", "8.8.8.8"]


@pytest.mark.parametrize("address", NEVER + PRIVATE)
def test_refused_even_in_development(address):
    assert refusal(ipaddress.ip_address(address), allow_loopback=True)
    assert refusal(ipaddress.ip_address(address), allow_loopback=False)


@pytest.mark.parametrize("address", LOOPBACK)
def test_loopback_only_under_the_development_setting(address):
    assert refusal(ipaddress.ip_address(address), allow_loopback=False)
    assert refusal(ipaddress.ip_address(address), allow_loopback=True) is None


@pytest.mark.parametrize("address", PUBLIC)
def test_global_addresses_allowed(address):
    assert refusal(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize("url", ["http://hooks.example.org/x", "ftp://hooks.example.org/x", "https://u:p@h.example/x",
                                 "https://h.example/x#frag", "https:///x", "https://h.example:99999/x",
                                 "https://h.example/ x", "https://héllo.example/x", "//h.example/x", ""])
def test_bad_urls(url):
    with pytest.raises(ValueError):
        parse_url(url)


def test_url_parts():
    target = parse_url("https://Hooks.Example.org:8443/in?x=1")
    assert (target.scheme, target.host, target.port, target.path) == ("https", "hooks.example.org", 8443, "/in?x=1")
    assert parse_url("http://127.0.0.1/x", allow_http=True).port == 80


class FakeResolver:
    """The resolver port: answers, and counts the questions (a second lookup would let DNS
    rebinding swap the address after the check)."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.calls = 0

    def resolve(self, host, port):
        self.calls += 1
        return self.answers[min(self.calls - 1, len(self.answers) - 1)]


@pytest.mark.parametrize("answer", [["10.0.0.1"], ["169.254.169.254"], ["93.184.216.34", "10.0.0.1"],
                                    ["::ffff:169.254.169.254"], ["fd00:ec2::254"], ["127.0.0.1"]])
def test_a_name_resolving_to_a_forbidden_address_is_refused(answer):
    sender = WebhookSender(FakeResolver(answer), allow_loopback=False)
    result = sender.post("https://hooks.example.org/x", b"{}", {})
    assert result.status_code is None and result.error.startswith("refused")


def test_development_setting_never_opens_metadata_or_link_local():
    for answer in (["169.254.169.254"], ["fe80::1"], ["::ffff:169.254.169.254"]):
        result = WebhookSender(FakeResolver(answer), allow_loopback=True).post("http://hooks.test/x", b"{}", {})
        assert result.error.startswith("refused")


def test_plain_http_only_to_loopback():
    sender = WebhookSender(FakeResolver(["93.184.216.34"]), allow_loopback=True)
    assert "loopback" in sender.post("http://hooks.example.org/x", b"{}", {}).error
    assert WebhookSender(FakeResolver(["127.0.0.1"])).post("http://hooks.test/x", b"{}", {}).error.startswith("refused")


class _Server:
    def __init__(self, handler):
        self.requests = []
        outer = self

        class H(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                outer.requests.append((self.path, self.headers.get("Host")))
                handler(self)

            def log_message(self, *a):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.port = self.httpd.server_address[1]

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_connects_to_the_checked_address_once_resolved():
    """The name is resolved once and the connection goes to that address (a name that does not
    resolve in real DNS reaches the server only through the checked answer)."""
    def answer(h):
        h.send_response(204)
        h.end_headers()

    server = _Server(answer)
    try:
        resolver = FakeResolver(["127.0.0.1"], ["169.254.169.254"])  # a rebinding resolver
        result = WebhookSender(resolver, allow_loopback=True).post(
            f"http://receiver.invalid:{server.port}/hook?x=1", b"{}", {"webhook-id": "evt_1"})
        assert result.status_code == 204 and resolver.calls == 1
        assert server.requests == [("/hook?x=1", f"receiver.invalid:{server.port}")]
    finally:
        server.close()


def test_redirects_are_not_followed_and_bodies_are_capped():
    def redirect(h):
        h.send_response(302)
        h.send_header("Location", "http://169.254.169.254/latest/meta-data/")
        h.send_header("Content-Length", str(10 * MAX_RESPONSE_BYTES))
        h.end_headers()
        try:
            h.wfile.write(b"x" * (10 * MAX_RESPONSE_BYTES))
        except OSError:
            pass

    server = _Server(redirect)
    try:
        result = WebhookSender(FakeResolver(["127.0.0.1"]), allow_loopback=True).post(
            f"http://receiver.invalid:{server.port}/", b"{}", {})
        assert result.status_code == 302 and not result.ok
        assert len(server.requests) == 1  # the redirect was not followed
    finally:
        server.close()


def test_timeout():
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection and never answers
    try:
        result = WebhookSender(FakeResolver(["127.0.0.1"]), allow_loopback=True, timeout_s=0.3).post(
            f"http://receiver.invalid:{listener.getsockname()[1]}/", b"{}", {})
        assert result.status_code is None and "Timeout" in result.error
    finally:
        listener.close()
