"""The auditor's package alone: `pip install ./verifier` in a fresh venv (no orjson, nothing of
this project) gives `ledger-verify`, which meets every conformance vector with the exit codes
and first faults of `ledger verify`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.test_conformance_vectors import MANIFEST, TESTDATA, check_outcome

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ledger_verify_alone(tmp_path_factory) -> Path:
    venv = tmp_path_factory.mktemp("auditor") / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    subprocess.run([str(bindir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                    str(ROOT / "verifier")], check=True, env=env, capture_output=True)
    return bindir


@pytest.mark.slow
def test_fresh_venv_holds_only_the_verifier_and_its_two_dependencies(ledger_verify_alone):
    listed = subprocess.run([str(ledger_verify_alone / "python"), "-m", "pip", "list", "--format=json"],
                            capture_output=True, text=True, check=True).stdout
    names = {p["name"].lower() for p in json.loads(listed)}
    assert {"amiable-ledger-verifier", "cryptography", "rfc8785"} <= names
    assert not names & {"orjson", "chalice", "boto3", "click", "amiable-ledger"}


@pytest.mark.slow
def test_installed_ledger_verify_meets_every_vector(ledger_verify_alone):
    exe = str(ledger_verify_alone / "ledger-verify")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin")}  # no AWS settings, no project on the path
    for vector in MANIFEST["vectors"]:
        done = subprocess.run([exe, *vector["args"]], cwd=TESTDATA / vector["name"], capture_output=True,
                              text=True, env=env)
        if vector.get("pending"):
            continue  # checked (as an expected failure) by tests/unit/test_conformance_vectors.py
        check_outcome(vector, done.returncode, done.stdout)


@pytest.mark.slow
def test_same_options_as_ledger_verify(ledger_verify_alone):
    alone = subprocess.run([str(ledger_verify_alone / "ledger-verify"), "--help"], capture_output=True, text=True)
    options = {w.strip("[],") for w in alone.stdout.split() if w.startswith(("--", "[--"))}
    assert {"--checkpoint", "--public-key", "--proofs", "--allow-unsigned-tail"} <= options


def test_the_verifier_never_forks():
    """fork is unavailable on Windows and unsafe on macOS: worker processes are spawned."""
    source = "\n".join(p.read_text() for p in (ROOT / "verifier" / "src" / "ledger_verify").glob("*.py"))
    assert '"fork"' not in source and "os.fork" not in source and '"spawn"' in source
