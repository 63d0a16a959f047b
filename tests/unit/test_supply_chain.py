"""Dependency audit: pip-audit over every pin file, through devtools.audit.

The wiring is proven against a local OSV-compatible endpoint serving records written here (a
pinned package made "vulnerable" on purpose); the real audit asks PyPI's vulnerability API, or
the service in AL_AUDIT_OSV_URL, and is skipped with its reason when none can be reached, since
an unreachable source proves nothing either way.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.utils import canonicalize_name

from devtools import audit
from devtools.osv_mirror import AdvisoryIndex, MirrorServer, affects

ROOT = Path(__file__).resolve().parents[2]


def _record(vid: str, name: str, events: list[dict], **extra) -> dict:
    return {"schema_version": "1.6.0", "id": vid, "summary": f"fixture advisory {vid}",
            "affected": [{"package": {"ecosystem": "PyPI", "name": name},
                          "ranges": [{"type": "ECOSYSTEM", "events": events}]}], **extra}


def _pins(pin_file: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / pin_file).read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)(\[[^\]]*\])?==([^\s#;]+)", line.strip())
        if match:
            pins[canonicalize_name(match.group(1))] = match.group(3)
    return pins


# --- OSV range semantics -------------------------------------------------------------------------

@pytest.mark.parametrize("version,expected", [
    ("0.9", False), ("1.0", True), ("1.4.2", True), ("1.5", False), ("2.0", True), ("2.1", True), ("2.1.1", False),
])
def test_ranges_follow_osv_semantics(version, expected):
    record = _record("T-1", "Demo_Pkg", [{"introduced": "1.0"}, {"fixed": "1.5"},
                                         {"introduced": "2.0"}, {"last_affected": "2.1"}])
    assert affects(record, "demo-pkg", version) is expected


def test_zero_introduced_explicit_versions_and_withdrawn():
    since_ever = _record("T-2", "demo", [{"introduced": "0"}, {"fixed": "3.0"}])
    assert affects(since_ever, "demo", "0.0.1") and not affects(since_ever, "demo", "3.0")
    listed = {"id": "T-3", "affected": [{"package": {"ecosystem": "PyPI", "name": "demo"}, "versions": ["weird-1"]}]}
    assert affects(listed, "demo", "weird-1") and not affects(listed, "demo", "1.0")
    assert not affects({**since_ever, "withdrawn": "2026-01-01T00:00:00Z"}, "demo", "1.0")
    assert not affects(since_ever, "other", "1.0")
    npm = {"id": "T-4", "affected": [{"package": {"ecosystem": "npm", "name": "demo"},
                                      "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}]}]}]}
    assert not affects(npm, "demo", "1.0")


def test_index_answers_by_canonical_name(tmp_path):
    (tmp_path / "a.json").write_text(json.dumps(_record("T-5", "Typing_Extensions", [{"introduced": "0"}])))
    index = AdvisoryIndex.load([tmp_path])
    assert [r["id"] for r in index.query("typing-extensions", "4.0")] == ["T-5"]
    assert index.query("typing-extensions-other", "4.0") == []


def test_index_reads_osv_ecosystem_export_zip(tmp_path):
    """osv.dev publishes each ecosystem as a zip of one JSON file per record (PyPI/all.zip)."""
    import zipfile

    export = tmp_path / "all.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("PYSEC-0-1.json", json.dumps(_record("PYSEC-0-1", "demo", [{"introduced": "0"}, {"fixed": "2"}])))
        archive.writestr("GHSA-x.json", json.dumps(_record("GHSA-x", "demo", [{"introduced": "1.5"}])))
    index = AdvisoryIndex.load([export])
    assert index.count == 2
    assert sorted(r["id"] for r in index.query("demo", "1.7")) == ["GHSA-x", "PYSEC-0-1"]
    assert [r["id"] for r in index.query("demo", "2.0")] == ["GHSA-x"]


# --- pip-audit wiring ------------------------------------------------------------------------------

@pytest.fixture
def vulnerable_rfc8785(tmp_path):
    """A mirror that holds one advisory affecting the pinned rfc8785 (Lambda set) and one that
    affects no pinned version, so the audit must match versions, not names."""
    pinned = _pins("requirements.txt")["rfc8785"]
    records = tmp_path / "records"
    records.mkdir()
    (records / "hit.json").write_text(json.dumps(
        _record("AL-FIXTURE-1", "rfc8785", [{"introduced": "0"}, {"last_affected": pinned}], aliases=["CVE-0000-1"])))
    (records / "miss.json").write_text(json.dumps(
        _record("AL-FIXTURE-2", "cryptography", [{"introduced": "0"}, {"fixed": "1.0"}])))
    with MirrorServer(AdvisoryIndex.load([records])) as url:
        yield url, pinned


def _run_audit(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "devtools.audit", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)


def _exceptions(tmp_path: Path, *entries: dict) -> str:
    path = tmp_path / "exceptions.json"
    path.write_text(json.dumps({"exceptions": list(entries)}))
    return str(path)


def test_audit_fails_on_a_vulnerable_pin_and_names_it(vulnerable_rfc8785, tmp_path):
    url, pinned = vulnerable_rfc8785
    proc = _run_audit("--osv-url", url, "--exceptions", _exceptions(tmp_path))
    assert proc.returncode == audit.FINDINGS, proc.stdout + proc.stderr
    hits = [line for line in proc.stdout.splitlines() if line.strip().startswith(f"rfc8785=={pinned}:")]
    assert len(hits) == 2 and all("AL-FIXTURE-1" in h and "CVE-0000-1" in h and "(no fixed release)" in h
                                  for h in hits), proc.stdout
    assert "AL-FIXTURE-2" not in proc.stdout
    # Every set was really looked up: rfc8785 is pinned in the Lambda and dev sets, not checkov's.
    assert re.search(r"lambda\s+requirements.txt\s+\d+ packages; known vulnerabilities: 1,", proc.stdout)
    assert re.search(r"dev\s+constraints.txt\s+\d+ packages; known vulnerabilities: 1,", proc.stdout)
    assert re.search(r"checkov\s+constraints-checkov.txt\s+\d+ packages; known vulnerabilities: 0,", proc.stdout)


def test_an_accepted_risk_needs_a_reason_and_an_expiry(vulnerable_rfc8785, tmp_path):
    url, pinned = vulnerable_rfc8785
    entry = {"id": "CVE-0000-1", "package": "rfc8785", "expires": str(dt.date.today() + dt.timedelta(days=30)),
             "reason": "fixture: the vulnerable function is never called by the ledger"}
    proc = _run_audit("--osv-url", url, "--exceptions", _exceptions(tmp_path, entry))
    assert proc.returncode == audit.OK, proc.stdout + proc.stderr
    assert "accepted until" in proc.stdout and "AL-FIXTURE-1" in proc.stdout

    expired = {**entry, "expires": str(dt.date.today() - dt.timedelta(days=1))}
    proc = _run_audit("--osv-url", url, "--exceptions", _exceptions(tmp_path, expired))
    assert proc.returncode == audit.FINDINGS and "expired" in proc.stdout
    proc = _run_audit("--osv-url", url, "--exceptions", _exceptions(tmp_path, {**entry, "reason": " "}))
    assert proc.returncode == audit.FINDINGS and "missing reason" in proc.stdout


def test_an_unreachable_source_is_never_a_pass(tmp_path):
    with MirrorServer(AdvisoryIndex([])) as url:
        pass  # the port is closed again: nothing answers there
    proc = _run_audit("--osv-url", url, "--exceptions", _exceptions(tmp_path))
    assert proc.returncode == audit.UNAUDITED, proc.stdout + proc.stderr
    unaudited = [line for line in proc.stdout.splitlines() if re.match(r"\s+\w+\s+\S+\s+NOT AUDITED", line)]
    assert len(unaudited) == len(audit.PINNED_SETS), proc.stdout


def test_the_checked_in_exceptions_are_valid():
    audit.load_exceptions(audit.EXCEPTIONS_FILE, dt.date.today())


# --- the pin files are what gets installed ---------------------------------------------------------

def test_every_installed_package_is_pinned():
    """Auditing the pin files audits the venvs only if nothing is installed beyond them."""
    pins = _pins("constraints.txt")
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in metadata.distributions()}
    ours = {canonicalize_name("amiable-ledger"), canonicalize_name("amiable-ledger-verifier")}  # the repo's own
    unpinned = {n: v for n, v in installed.items()
                if n not in ours and n not in ("pip", "setuptools", "wheel") and pins.get(n) != v}
    assert not unpinned, f"installed in .venv but not pinned in constraints.txt: {unpinned}"
    lambda_pins = _pins("requirements.txt")
    assert all(pins.get(n) == v for n, v in lambda_pins.items()), "requirements.txt and constraints.txt disagree"


def test_every_checkov_package_is_pinned():
    python = ROOT / ".venv-checkov" / "bin" / "python"
    if not python.exists():
        pytest.skip(".venv-checkov is built by `make test`")
    frozen = subprocess.run([str(python), "-m", "pip", "freeze", "--all"], capture_output=True, text=True, check=True)
    pins = _pins("constraints-checkov.txt")
    unpinned = [line for line in frozen.stdout.splitlines()
                if (m := re.match(r"([^=\s]+)==(\S+)", line))
                and canonicalize_name(m.group(1)) not in ("pip", "setuptools", "wheel")
                and pins.get(canonicalize_name(m.group(1))) != m.group(2)]
    assert not unpinned, f"installed in .venv-checkov but not pinned: {unpinned}"


# --- the real audit ---------------------------------------------------------------------------------

def test_pinned_dependencies_have_no_known_vulnerability(tmp_path):
    proc = _run_audit()  # PyPI's vulnerability API, or AL_AUDIT_OSV_URL
    if proc.returncode == audit.UNAUDITED:
        first = next(line.split("):", 1)[-1].strip() for line in proc.stdout.splitlines() if "NOT AUDITED" in line)
        source = os.environ.get("AL_AUDIT_OSV_URL") or "PyPI's vulnerability API"
        pytest.skip(f"dependency audit could not run: {source} gave no answer ({first[:120]}); "
                    "set AL_AUDIT_OSV_URL to an OSV service or to devtools.osv_mirror over OSV's PyPI export")
    assert proc.returncode == audit.OK, proc.stdout + proc.stderr
