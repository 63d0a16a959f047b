"""The README's newcomer session over real HTTP: `chalice local` on DynamoDB Local, the `ledger`
CLI for keys, ten events, the journal downloaded and verified offline."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from devtools.dynamodb_local import free_port
from tests.support import TEN_EVENTS, case_body, event

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stack(settings, runtime, tmp_path_factory):
    env = {**os.environ, "AL_STAGE": "local", "AL_DYNAMODB_ENDPOINT": settings.dynamodb_endpoint,
           "AL_TABLE_PREFIX": settings.table_prefix, "AL_KEY_PROVIDER": "local",
           "AL_LOCAL_KEY_FILE": settings.local_key_file, "AL_CHECKPOINT_KEY_FILE": settings.checkpoint_key_file,
           "AL_LOG_NAME": settings.log_name,
           # many deliberate authentication failures from 127.0.0.1; the limit has its own test
           "AL_AUTH_FAILURES_PER_MINUTE": "1000000"}
    assert runtime.signer.public_key  # the checkpoint key signs receipts: it exists, as `make run` makes sure
    for _attempt in range(5):  # a port picked free may be taken by another process before we bind it
        port = free_port()
        proc = subprocess.Popen([str(BIN / "chalice"), "local", "--host", "127.0.0.1", "--port", str(port),
                                 "--stage", "local", "--no-autoreload"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        if _wait_healthy(base, proc):
            break
        os.killpg(proc.pid, signal.SIGKILL)
    else:
        raise RuntimeError("chalice local did not start")
    yield base, env
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=30)


def _wait_healthy(base: str, proc) -> bool:
    """True once our own server answers (it exits at once if the port was taken)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            requests.get(base + "/v1/health", timeout=5)
            time.sleep(0.2)
            return proc.poll() is None
        except requests.ConnectionError:
            time.sleep(0.3)
    return False


def ledger(env, *args, check=True):
    return subprocess.run([str(BIN / "ledger"), *args], env=env, capture_output=True, text=True, check=check,
                          cwd=ROOT)


def test_newcomer_session(stack, tmp_path):
    base, env = stack
    collector = ledger(env, "keys", "create", "--tenant", "newcomer", "--role", "collector").stdout.splitlines()[-1]
    auditor = ledger(env, "keys", "create", "--tenant", "newcomer", "--role", "auditor").stdout.splitlines()[-1]
    h = {"Authorization": f"Bearer {collector}", "Content-Type": "application/json"}

    resp = requests.post(f"{base}/v1/cases", headers=h, data=json.dumps(case_body()), timeout=30)
    assert resp.status_code == 201, resp.text
    case_id = resp.json()["case_id"]
    for kind, data in TEN_EVENTS:
        r = requests.post(f"{base}/v1/cases/{case_id}/events", headers=h, data=json.dumps(event(kind, data)), timeout=30)
        assert r.status_code == 201, r.text

    journal = requests.get(f"{base}/v1/audit/cases/{case_id}/journal",
                           headers={"Authorization": f"Bearer {auditor}"}, timeout=30)
    assert journal.status_code == 200 and journal.headers["Content-Type"].startswith("application/x-ndjson")
    path = tmp_path / "journal.ndjson"
    path.write_bytes(journal.content)

    ok = ledger({"PATH": env["PATH"]}, "verify", str(path), check=False)  # no AWS settings at all
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert json.loads(ok.stdout)["cases"][case_id]["events"] == 11

    lines = path.read_text().splitlines()
    record = json.loads(lines[5])
    record["data"]["amount_cents"] = 1
    lines[5] = json.dumps(record)
    path.write_text("\n".join(lines) + "\n")
    bad = ledger({"PATH": env["PATH"]}, "verify", str(path), check=False)
    assert bad.returncode == 1
    assert json.loads(bad.stdout)["first_bad"]["seq"] == 5

    (tmp_path / "junk.ndjson").write_text("not json\n")
    assert ledger({"PATH": env["PATH"]}, "verify", str(tmp_path / "junk.ndjson"), check=False).returncode == 2


def test_http_errors_are_json(stack):
    base, _ = stack
    r = requests.post(f"{base}/v1/cases", data="{}", headers={"Content-Type": "application/json"}, timeout=30)
    assert r.status_code == 401 and r.json()["error"] == "unauthenticated"
    r = requests.get(f"{base}/v1/nowhere", timeout=30)
    assert r.status_code in (403, 404)
