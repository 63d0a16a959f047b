"""`make bench`: cold start as Lambda runs it. The zip of `make package` is extracted and `app`
imported from it in a fresh interpreter with bytecode writing off (`/var/task` is read-only),
next to `import boto3` (which the runtime provides, compiled). The same zip without its
`__pycache__/` folders is measured in the same rounds: what a zip of sources alone costs."""
from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What a function's environment holds in AWS (KMS, no local files); nothing is called at import.
LAMBDA_ENV = {"AL_STAGE": "dev", "AL_TABLE_PREFIX": "amiable-dev-", "AL_KEY_PROVIDER": "kms",
              "AL_KMS_KEY_ID": "alias/amiable-dev-kek", "AWS_DEFAULT_REGION": "eu-west-3",
              "POWERTOOLS_SERVICE_NAME": "amiable-ledger", "PYTHONDONTWRITEBYTECODE": "1"}
# What an append imports on its first request beyond `import app`: the schema catalogue
# (jsonschema), the request validator and Powertools' logger.
FIRST_APPEND = ("from chalicelib.domain import events; events.catalogue(); events.api_validator('event_request'); "
                "from chalicelib.http import logger; logger()")


def _extract(zip_path: Path, into: Path, bytecode: bool) -> None:
    if into.exists():
        shutil.rmtree(into)
    with zipfile.ZipFile(zip_path) as zf:
        for info in zf.infolist():
            if bytecode or "__pycache__/" not in info.filename:
                zf.extract(info, into)


def _run(code: str) -> tuple[float, float]:
    """Wall and CPU (user + system) time of one fresh interpreter running `code`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AL_", "PYTHON"))}
    env.update(LAMBDA_ENV)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    # -I ignores PYTHON* variables, so bytecode writing is turned off by -B (PYTHONDONTWRITEBYTECODE's flag)
    subprocess.run([sys.executable, "-I", "-B", "-c", code], env=env, cwd="/", check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_cold_start(zip_path: Path, rounds: int = 25) -> dict:
    work = ROOT / ".cache" / "bench-cold-start"
    compiled, sources = work / "with-bytecode", work / "sources-only"
    _extract(zip_path, compiled, bytecode=True)
    _extract(zip_path, sources, bytecode=False)
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
    from devtools.bytecode import sources_without_pyc

    def app(folder: Path, extra: str = "") -> str:
        return f"import sys; sys.path.insert(0, {str(folder)!r}); import app; " + extra

    code = {
        "app": app(compiled),
        "app_sources": app(sources),
        "app_first_append": app(compiled, FIRST_APPEND),
        "boto3": "import boto3",
        "pass": "pass",
    }
    for c in code.values():  # once each: the page cache holds the files, as in a warm host
        _run(c)
    load_before = os.getloadavg()
    wall: dict[str, list[float]] = {k: [] for k in code}
    cpu: dict[str, list[float]] = {k: [] for k in code}
    for _ in range(rounds):  # interleaved, so load drifts hit every command alike
        for name, c in code.items():
            w, u = _run(c)
            wall[name].append(w)
            cpu[name].append(u)
    load_after = os.getloadavg()
    result = {"rounds": rounds, "load": (load_before[0], load_after[0]),
              "zip_mb": zip_path.stat().st_size / 1e6,
              "py": sum(n.endswith(".py") for n in names), "pyc": sum(n.endswith(".pyc") for n in names),
              "without_pyc": len(sources_without_pyc(names))}
    for name in code:
        result[f"{name}_wall"] = statistics.median(wall[name])
        result[f"{name}_cpu"] = statistics.median(cpu[name])
    shutil.rmtree(work)
    return result


def report(r: dict, note: str = "") -> list[str]:
    def row(label: str, name: str) -> str:
        return (f"| {label} | {r[name + '_wall'] * 1000:.0f} ms | {r[name + '_wall'] / r['boto3_wall']:.2f}x | "
                f"{r[name + '_cpu'] * 1000:.0f} ms | {r[name + '_cpu'] / r['boto3_cpu']:.2f}x |")

    return [
        "## Cold start as Lambda runs it (target <= 1.3x `import boto3`)",
        "",
        *([note, ""] if note else []),
        f"The zip of `make package` ({r['zip_mb']:.2f} MB; {r['py']} .py, {r['pyc']} .pyc, {r['without_pyc']} "
        "sources without bytecode) extracted, then fresh interpreters (`python -I -B`: no bytecode written, as in the read-only `/var/task`; "
        f"the functions' AL_* variables) interleaved, {r['rounds']} rounds, medians. CPU is user + system time of "
        f"the process: on this shared machine it is steadier than wall time. Load average (1 min) "
        f"{r['load'][0]:.1f} at the start, {r['load'][1]:.1f} at the end, on 2 cores.",
        "",
        "| command | wall | / boto3 | CPU | / boto3 |",
        "| --- | --- | --- | --- | --- |",
        row("`import app`, zip with bytecode (`make package`)", "app"),
        row("`import app`, same zip without its `__pycache__/` (sources only, as before)", "app_sources"),
        row("`import app` + what a first append imports (schemas, validator, logger)", "app_first_append"),
        row("`import boto3` (the runtime's, compiled)", "boto3"),
        row("`pass` (interpreter start)", "pass"),
        "",
        "Bytecode: unchecked-hash pycs (PEP 552) for Python 3.11 in `__pycache__/` next to every source "
        "(devtools/bytecode.py), compiled without column tables (`-X no_debug_ranges`); Powertools' event "
        "handler and unused utilities, and cffi's build-time Python side, are left out of the zip. "
        "`import app` loads the transparency log, case-heads map, GDPR, controller and contact-window "
        "services on first use, and the checkpoint signer no longer imports `cryptography`'s serialization "
        "package (its SSH module alone cost about 20 ms).",
        "",
    ]
