"""verifier/testdata: every conformance vector gives its expected exit code and first fault,
through `ledger verify` (the project CLI, delegating to ledger_verify). The same vectors run
through `ledger-verify` installed alone in a fresh venv in tests/integration/test_verifier_package.py."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from chalicelib.cli import main as ledger

TESTDATA = Path(__file__).resolve().parents[2] / "verifier" / "testdata"
MANIFEST = json.loads((TESTDATA / "manifest.json").read_text())


def check_outcome(vector: dict, exit_code: int, stdout: str) -> None:
    """The manifest's contract: exit code, fault code, and every location the vector names."""
    expect = vector["expect"]
    report = json.loads(stdout)
    assert exit_code == expect["exit"], (vector["name"], report)
    fault = report["fault"]
    if expect["fault"] is None:
        assert fault is None, (vector["name"], fault)
        return
    assert fault and fault["code"] == expect["fault"], (vector["name"], report)
    for key in ("line", "case_id", "seq", "leaf_index"):
        if key in expect:
            assert fault[key] == expect[key], (vector["name"], key, fault)


def vector_params():
    for v in MANIFEST["vectors"]:
        marks = [pytest.mark.xfail(strict=True, reason=v["pending"])] if v.get("pending") else []
        yield pytest.param(v, id=v["name"], marks=marks)


@pytest.mark.parametrize("vector", list(vector_params()))
def test_ledger_verify_meets_the_vector(vector, monkeypatch):
    monkeypatch.chdir(TESTDATA / vector["name"])
    result = CliRunner().invoke(ledger, ["verify", *vector["args"]])
    check_outcome(vector, result.exit_code, result.stdout)


def test_vectors_cover_every_kind():
    names = {v["name"] for v in MANIFEST["vectors"]}
    assert sum(n.startswith("tamper-") for n in names) == 9  # the nine of tests/integration/test_tamper.py
    assert {"forged-first-root", "unwrapped-tenant-journal", "first-leaf-not-zero", "unsigned-tail",
            "case-without-proofs", "other-tenant-checkpoint", "forged-complete-claim",
            "case-newest-deleted-with-its-proof", "non-canonical-duplicate-key", "non-canonical-exponent-number",
            "non-canonical-fraction-number", "non-canonical-escaped-character", "non-canonical-whitespace",
            "no-pinned-key", "valid-tenant-two-checkpoints", "valid-case"} <= names


def test_vectors_are_reproducible():
    """The checked-in files are what devtools/conformance_vectors.py writes (deterministic)."""
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-m", "devtools.conformance_vectors", "--check"], cwd=root,
                          capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(root)})
    assert done.returncode == 0, done.stderr
