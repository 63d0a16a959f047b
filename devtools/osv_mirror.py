"""An OSV-compatible ``POST /v1/query`` endpoint over a local copy of OSV records.

pip-audit asks one vulnerability service per dependency (``-s osv --osv-url URL``). Where the
public services cannot be reached (closed CI networks, these machines), this serves the same
answers from records on disk: a directory of OSV JSON files, or the ``PyPI/all.zip`` export
that osv.dev publishes for the whole ecosystem (download it where the network allows).

    python -m devtools.osv_mirror --records PyPI-all.zip --port 8765
    .venv/bin/python -m devtools.audit --osv-url http://127.0.0.1:8765/v1/query

Only the PyPI ecosystem is answered; versions are compared with PEP 440 ordering, as OSV does
for PyPI. The answers are only as fresh as the records given to it.
"""
from __future__ import annotations

import argparse
import json
import threading
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

ECOSYSTEM = "PyPI"
MAX_QUERY_BYTES = 64 * 1024


def _version(text: str) -> Version | None:
    try:
        return Version(text)
    except InvalidVersion:
        return None


def _in_range(version: Version, events: list[dict]) -> bool:
    """OSV's evaluation of one ECOSYSTEM range: walk the events in version order, entering at
    ``introduced`` and leaving at ``fixed`` (exclusive) or after ``last_affected``."""
    ordered = []
    for event in events:
        kind, value = next(iter(event.items()))
        at = Version("0") if (kind == "introduced" and value == "0") else _version(value)
        if at is not None and kind in ("introduced", "fixed", "last_affected"):
            ordered.append((at, kind))
    ordered.sort(key=lambda pair: pair[0])
    affected = False
    for at, kind in ordered:
        if kind == "introduced" and version >= at:
            affected = True
        elif kind == "fixed" and version >= at:
            affected = False
        elif kind == "last_affected" and version > at:
            affected = False
    return affected


def affects(record: dict, name: str, version: str) -> bool:
    """Whether an OSV record says ``name==version`` (PyPI) is affected."""
    if record.get("withdrawn"):
        return False
    wanted = canonicalize_name(name)
    parsed = _version(version)
    for affected in record.get("affected", []):
        package = affected.get("package", {})
        if package.get("ecosystem") != ECOSYSTEM or canonicalize_name(package.get("name", "")) != wanted:
            continue
        if version in affected.get("versions", []):
            return True
        if parsed is None:
            continue
        for span in affected.get("ranges", []):
            if span.get("type") == "ECOSYSTEM" and _in_range(parsed, span.get("events", [])):
                return True
    return False


def _json_documents(source: Path) -> Iterator[bytes]:
    if source.is_dir():
        for path in sorted(source.rglob("*.json")):
            yield path.read_bytes()
    elif zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            for member in archive.namelist():
                if member.endswith(".json"):
                    yield archive.read(member)
    else:
        yield source.read_bytes()


class AdvisoryIndex:
    """OSV records indexed by the canonical names of the PyPI packages they concern."""

    def __init__(self, records: Iterable[dict]):
        self._by_package: dict[str, list[dict]] = defaultdict(list)
        self.count = 0
        for record in records:
            self.count += 1
            names = {canonicalize_name(a["package"]["name"]) for a in record.get("affected", [])
                     if a.get("package", {}).get("ecosystem") == ECOSYSTEM}
            for name in names:
                self._by_package[name].append(record)

    @classmethod
    def load(cls, sources: Iterable[Path]) -> AdvisoryIndex:
        return cls(json.loads(doc) for source in sources for doc in _json_documents(source))

    def query(self, name: str, version: str) -> list[dict]:
        return [r for r in self._by_package.get(canonicalize_name(name), []) if affects(r, name, version)]


def _handler(index: AdvisoryIndex) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _reply(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:  # noqa: N802 - http.server's naming
            if self.path != "/v1/query":
                return self._reply(404, {"message": "only /v1/query is served"})
            length = int(self.headers.get("Content-Length") or 0)
            if not 0 < length <= MAX_QUERY_BYTES:
                return self._reply(400, {"message": "a JSON query body is required"})
            try:
                query = json.loads(self.rfile.read(length))
                package, version = query["package"], query["version"]
                name, ecosystem = package["name"], package.get("ecosystem", ECOSYSTEM)
            except (ValueError, KeyError, TypeError):
                return self._reply(400, {"message": "expected {package: {name, ecosystem}, version}"})
            vulns = index.query(name, version) if ecosystem == ECOSYSTEM else []
            # osv.dev answers {} when nothing is known, and pip-audit relies on that shape.
            return self._reply(200, {"vulns": vulns} if vulns else {})

        def log_message(self, format: str, *args) -> None:  # quiet: callers report results
            pass

    return Handler


class MirrorServer:
    """The endpoint on loopback, in a background thread (``with MirrorServer(index) as url:``)."""

    def __init__(self, index: AdvisoryIndex, port: int = 0):
        self._server = ThreadingHTTPServer(("127.0.0.1", port), _handler(index))
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1/query"

    def __enter__(self) -> str:
        self._thread.start()
        return self.url

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    def serve_forever(self) -> None:
        """In the calling thread, until Ctrl-C."""
        try:
            self._server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            self._server.server_close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m devtools.osv_mirror", description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=Path, action="append", required=True,
                        help="a directory of OSV JSON files, OSV's PyPI all.zip, or one JSON file (repeatable)")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    index = AdvisoryIndex.load(args.records)
    server = MirrorServer(index, args.port)
    print(f"{index.count} OSV records; serving {server.url} (Ctrl-C stops)", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
