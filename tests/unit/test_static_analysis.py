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


def _imports(path: Path) -> set[str]:
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names.add(base)
    return names


def _crosses_out_of_domain(name: str) -> bool:
    top = name.lstrip(".").split(".")[0]
    return (name.split(".")[0] in ("boto3", "botocore", "chalice", "app")
            or name.startswith(("chalicelib.adapters", "chalicelib.services"))
            or (name.startswith("..") and top in ("adapters", "services")))


def test_layers_are_respected():
    """domain/ is pure; app.py and cli.py never reach boto3 themselves."""
    for path in sorted((ROOT / "chalicelib" / "domain").rglob("*.py")):
        bad = sorted(name for name in _imports(path) if _crosses_out_of_domain(name))
        assert not bad, f"{path.relative_to(ROOT)} imports {bad}"
    for path in (ROOT / "app.py", ROOT / "chalicelib" / "cli.py"):
        assert not [n for n in _imports(path) if n.split(".")[0] in ("boto3", "botocore")], path
    # the check itself catches what it should
    assert any(_crosses_out_of_domain(n) for n in _imports(ROOT / "chalicelib" / "services" / "cases.py"))
    assert _crosses_out_of_domain("..adapters.dynamo") and _crosses_out_of_domain("boto3")
