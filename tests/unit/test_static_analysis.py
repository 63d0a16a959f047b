"""bandit over the code that ships in the Lambda: no finding; each suppression (# nosec BXXX)
carries its reason on the same line."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bandit_finds_nothing():
    proc = subprocess.run([str(Path(sys.executable).parent / "bandit"), "-q", "-r", "app.py", "chalicelib",
                           "-f", "custom", "--msg-template", "{relpath}:{line} {test_id} {msg}"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_suppression_says_why():
    for path in [ROOT / "app.py", *sorted((ROOT / "chalicelib").rglob("*.py"))]:
        for no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if "# nosec" in line:
                assert re.search(r"# nosec B\d{3} - \S", line), f"{path.relative_to(ROOT)}:{no} nosec without a reason"


def test_ruff_finds_no_errors():
    """Pyflakes-level errors (unused or undefined names, syntax) anywhere in the repository."""
    proc = subprocess.run([str(Path(sys.executable).parent / "ruff"), "check", "--select", "F,E9",
                           "--output-format", "concise", "app.py", "chalicelib", "devtools", "bench", "tests", "infra"],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
