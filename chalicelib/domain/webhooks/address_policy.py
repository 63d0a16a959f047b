"""Which addresses a webhook may reach (SSRF), and which URLs may be registered.

Only global unicast addresses. Loopback only under an explicit development setting; link-local
(where the cloud metadata services live), metadata addresses, the unspecified address (which
Linux connects to loopback), private, shared, multicast and reserved ranges never. An IPv6
address that embeds an IPv4 one (mapped, compatible, 6to4, NAT64) is judged by the IPv4 address
too, so `::ffff:169.254.169.254` is the metadata address it is.
"""
from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

METADATA = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254",  # AWS, GCP, Azure, OpenStack instance metadata
    "169.254.170.2",  # ECS task metadata and credentials
    "169.254.169.123",  # Amazon Time Sync
    "fd00:ec2::254",  # AWS instance metadata over IPv6
    "fd00:ec2::23",
    "100.100.100.200",  # Alibaba Cloud
    "192.0.0.192",  # Oracle Cloud
))
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
MAX_URL = 2048


def _embedded_v4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if int(ip) >> 32 == 0 and int(ip) > 1:  # IPv4-compatible (deprecated, still routable by some stacks)
        return ipaddress.IPv4Address(int(ip))
    return None


def refusal(ip: IPAddress, allow_loopback: bool = False) -> str | None:
    """Why ``ip`` may not be reached (None: it may)."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.scope_id:
            return "scoped IPv6 address"
        inner = _embedded_v4(ip)
        if inner is not None:
            reason = refusal(inner, allow_loopback)
            return f"{reason} (embedded in IPv6)" if reason else None
    if ip in METADATA:
        return "cloud metadata address"
    if ip.is_unspecified:
        return "unspecified address"
    if ip.is_link_local:
        return "link-local address"
    if ip.is_loopback:
        return None if allow_loopback else "loopback address"
    if ip.is_multicast or ip.is_reserved:
        return "multicast or reserved address"
    if not ip.is_global:
        return "private or non-global address"
    return None


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str  # hostname as written (lowercase) or an IP literal without brackets
    port: int
    path: str  # path and query, as sent in the request line

    @property
    def literal(self) -> IPAddress | None:
        try:
            return ipaddress.ip_address(self.host)
        except ValueError:
            return None


def parse_url(url: object, allow_http: bool = False) -> Target:
    """A webhook URL, or ValueError saying what is wrong with it."""
    if not isinstance(url, str) or not url or len(url) > MAX_URL:
        raise ValueError(f"must be an absolute URL of at most {MAX_URL} characters")
    if any(c.isspace() or ord(c) < 0x20 or ord(c) == 0x7F for c in url) or not url.isascii():
        raise ValueError("must not contain spaces, control or non-ASCII characters (use punycode)")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme != "https" and not (allow_http and scheme == "http"):
        raise ValueError("must use https")
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise ValueError("must not carry credentials")
    if parts.fragment:
        raise ValueError("must not have a fragment")
    host = (parts.hostname or "").lower()
    if not host:
        raise ValueError("must name a host")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise ValueError("has an invalid port") from None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(scheme, host, port, path)
