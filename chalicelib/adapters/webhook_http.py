"""Posting a webhook: resolve, check every address, connect to the checked one.

The connection goes to the very address that was checked (DNS rebinding cannot swap it after
the check); TLS still verifies the certificate against the hostname (SNI). No redirect is
followed (http.client never follows one: a 3xx is a failed delivery), every socket operation
times out after 10 s, and at most 4 KB of the answer is read.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
from dataclasses import dataclass

from ..domain.webhooks.address_policy import parse_url, refusal

TIMEOUT_S = 10.0
MAX_RESPONSE_BYTES = 4096


@dataclass(frozen=True)
class SendResult:
    status_code: int | None
    latency_ms: int
    error: str | None = None  # why nothing was sent or no status came back (never the body)

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


class SystemResolver:
    def resolve(self, host: str, port: int) -> list[str]:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        return list(dict.fromkeys(info[4][0] for info in infos))


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, address, port, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, address, port, timeout, context):
        super().__init__(host, port, timeout=timeout, context=context)
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class WebhookSender:
    """``allow_loopback`` is the development setting (http and 127.0.0.1 for a local receiver);
    in AWS it is always off, so only https to global addresses is ever reached."""

    def __init__(self, resolver=None, allow_loopback: bool = False, timeout_s: float = TIMEOUT_S,
                 clock=time.monotonic):
        self._resolver = resolver or SystemResolver()
        self._allow_loopback = allow_loopback
        self._timeout = timeout_s
        self._clock = clock

    def addresses(self, url: str) -> list[str]:
        """The addresses a delivery to ``url`` would use; ValueError naming why none may be."""
        target = parse_url(url, allow_http=self._allow_loopback)
        literal = target.literal
        try:
            found = [str(literal)] if literal is not None else self._resolver.resolve(target.host, target.port)
        except (OSError, UnicodeError) as exc:
            raise ValueError(f"host does not resolve: {exc.__class__.__name__}") from None
        if not found:
            raise ValueError("host does not resolve")
        for address in found:
            try:
                ip = ipaddress.ip_address(address)
            except ValueError:
                raise ValueError("resolves to an unusable address") from None
            reason = refusal(ip, self._allow_loopback)
            if reason:  # one bad address refuses the host: the resolver's order is the attacker's
                raise ValueError(f"resolves to a forbidden address ({reason})")
            if target.scheme == "http" and refusal(ip, allow_loopback=False) is None:
                raise ValueError("plain http only to a loopback receiver (development setting)")
        return found

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> SendResult:
        start = self._clock()

        def elapsed() -> int:
            return int((self._clock() - start) * 1000)

        try:
            addresses = self.addresses(url)
        except ValueError as exc:
            return SendResult(None, elapsed(), f"refused: {exc}")
        target = parse_url(url, allow_http=self._allow_loopback)
        if target.scheme == "https":
            conn = _PinnedHTTPSConnection(target.host, addresses[0], target.port, self._timeout,
                                          ssl.create_default_context())
        else:
            conn = _PinnedHTTPConnection(target.host, addresses[0], target.port, self._timeout)
        try:
            conn.request("POST", target.path, body=body, headers={**headers, "Content-Type": "application/json",
                                                                   "User-Agent": "amiable-ledger-webhooks/1"})
            response = conn.getresponse()
            response.read(MAX_RESPONSE_BYTES)  # drained up to the cap, then dropped: never stored
            return SendResult(response.status, elapsed())
        except (OSError, http.client.HTTPException) as exc:
            return SendResult(None, elapsed(), f"{exc.__class__.__name__}")
        finally:
            conn.close()
