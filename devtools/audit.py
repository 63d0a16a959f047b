"""pip-audit over every pinned dependency set of the project.

    .venv/bin/python -m devtools.audit                       # PyPI's vulnerability API
    .venv/bin/python -m devtools.audit --osv-url URL         # an OSV-compatible service
    AL_AUDIT_OSV_URL=URL make audit                          # the same, through make

Each set is audited exactly as pinned (``--no-deps --disable-pip``; the sets are whole closures,
which a test checks against the installed venvs). ``--strict`` makes a package that could not
be looked up an error: "not found" is never read as "no known vulnerability".

Known vulnerabilities that we cannot fix yet are accepted only through
``devtools/audit_exceptions.json``, each with the package, a written reason and an expiry date;
an expired or unreasoned exception fails the audit.

Exit status: 0 no known vulnerability; 1 findings (or a bad exception); 2 the vulnerability
source could not be used, so nothing is known either way.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXCEPTIONS_FILE = ROOT / "devtools" / "audit_exceptions.json"

# (name, pin file, what it is): every venv the project builds, by its pin file.
PINNED_SETS = (
    ("lambda", "requirements.txt", "the Lambda deployment package"),
    ("dev", "constraints.txt", "the development and test venv (.venv)"),
    ("checkov", "constraints-checkov.txt", "checkov's venv (.venv-checkov)"),
)

OK, FINDINGS, UNAUDITED = 0, 1, 2


@dataclass(frozen=True)
class AcceptedRisk:
    id: str
    package: str
    reason: str
    expires: dt.date


@dataclass(frozen=True)
class Finding:
    pinned_set: str
    package: str
    version: str
    ids: tuple[str, ...]
    fix_versions: tuple[str, ...]
    description: str


@dataclass
class SetResult:
    name: str
    pin_file: str
    audited: int = 0
    findings: list[Finding] = field(default_factory=list)
    accepted: list[tuple[Finding, AcceptedRisk]] = field(default_factory=list)
    error: str | None = None


def load_exceptions(path: Path, today: dt.date) -> list[AcceptedRisk]:
    """The accepted risks; raises ValueError naming the entry that is incomplete or expired."""
    entries = json.loads(path.read_text(encoding="utf-8"))["exceptions"]
    accepted = []
    for n, entry in enumerate(entries):
        missing = [k for k in ("id", "package", "reason", "expires") if not str(entry.get(k, "")).strip()]
        if missing:
            raise ValueError(f"exceptions[{n}]: missing {', '.join(missing)}")
        if len(entry["reason"].strip()) < 20:
            raise ValueError(f"exceptions[{n}] ({entry['id']}): the reason must say why the risk is accepted")
        expires = dt.date.fromisoformat(entry["expires"])
        if expires < today:
            raise ValueError(f"exceptions[{n}] ({entry['id']}): expired on {expires}; fix it or re-decide")
        accepted.append(AcceptedRisk(entry["id"], entry["package"].lower(), entry["reason"].strip(), expires))
    return accepted


def _pip_audit(pin_file: Path, osv_url: str | None, cache_dir: str, output: Path) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).parent / "pip-audit"), "-r", str(pin_file), "--no-deps",
               "--disable-pip", "--strict", "--progress-spinner", "off", "--timeout", "20",
               "--cache-dir", cache_dir, "--format", "json", "--desc", "on", "--aliases", "on",
               "--output", str(output)]
    command += ["-s", "osv", "--osv-url", osv_url] if osv_url else ["-s", "pypi"]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


def _last_error_line(proc: subprocess.CompletedProcess) -> str:
    lines = [line.strip() for line in (proc.stderr + proc.stdout).splitlines() if line.strip()]
    if not lines:
        return f"pip-audit exited {proc.returncode} without a message"
    return lines[-1].removeprefix("ERROR:pip_audit._cli:").strip()


def audit_set(name: str, pin_file: str, osv_url: str | None, accepted: list[AcceptedRisk]) -> SetResult:
    result = SetResult(name, pin_file)
    with tempfile.TemporaryDirectory(prefix="al-audit-") as tmp:
        output = Path(tmp) / "report.json"
        proc = _pip_audit(ROOT / pin_file, osv_url, str(Path(tmp) / "cache"), output)
        if not output.exists():
            # --strict stops before writing the report when any package could not be looked up,
            # and an unreachable service stops it too: nothing is known about this set.
            result.error = _last_error_line(proc)
            return result
        report = json.loads(output.read_text(encoding="utf-8"))
    for dep in report["dependencies"]:
        if "skip_reason" in dep:
            result.error = f"{dep['name']}: {dep['skip_reason']}"
            return result
        result.audited += 1
        for vuln in dep.get("vulns", []):
            finding = Finding(name, dep["name"], dep["version"], (vuln["id"], *vuln.get("aliases", [])),
                              tuple(vuln.get("fix_versions", [])), vuln.get("description", ""))
            risk = next((r for r in accepted if r.id in finding.ids and r.package == finding.package.lower()), None)
            if risk:
                result.accepted.append((finding, risk))
            else:
                result.findings.append(finding)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.audit", description=__doc__.split("\n\n")[0])
    parser.add_argument("--osv-url", default=os.environ.get("AL_AUDIT_OSV_URL") or None,
                        help="an OSV-compatible /v1/query endpoint (default: PyPI's vulnerability API)")
    parser.add_argument("--exceptions", type=Path, default=EXCEPTIONS_FILE)
    args = parser.parse_args(argv)

    source = args.osv_url or "PyPI's vulnerability API"
    try:
        accepted = load_exceptions(args.exceptions, dt.date.today())
    except (ValueError, KeyError) as exc:
        print(f"audit exceptions ({args.exceptions}): {exc}")
        return FINDINGS

    results = [audit_set(name, pin_file, args.osv_url, accepted) for name, pin_file, _ in PINNED_SETS]
    print(f"pip-audit against {source}")
    for (name, pin_file, what), result in zip(PINNED_SETS, results):
        if result.error:
            print(f"  {name:8} {pin_file:26} NOT AUDITED ({what}): {result.error}")
            continue
        print(f"  {name:8} {pin_file:26} {result.audited} packages; known vulnerabilities: "
              f"{len(result.findings)}, accepted: {len(result.accepted)} ({what})")
        for f in result.findings:
            fix = f"fixed in {', '.join(f.fix_versions)}" if f.fix_versions else "no fixed release"
            print(f"    {f.package}=={f.version}: {' / '.join(f.ids)} ({fix}) {f.description[:160]}")
        for f, risk in result.accepted:
            print(f"    accepted until {risk.expires}: {f.package}=={f.version} {' / '.join(f.ids)}: {risk.reason}")
    if any(r.findings for r in results):
        return FINDINGS
    if any(r.error for r in results):
        print("Nothing is known about the sets not audited: give this machine a vulnerability source "
              "(--osv-url, or `python -m devtools.osv_mirror` over OSV's PyPI export).")
        return UNAUDITED
    return OK


if __name__ == "__main__":
    sys.exit(main())
