"""`make run`'s stack: serves the API on DynamoDB Local with data on disk, prints one key per
role, stops everything on Ctrl-C (SIGINT), and keeps the data across a restart."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from devtools.dynamodb_local import free_port
from tests.support import case_body
from tests.webhook_receiver import Receiver

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def start(env):
    proc = subprocess.Popen([sys.executable, "-m", "devtools.stack"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines, deadline = [], time.monotonic() + 90
    for line in proc.stdout:
        lines.append(line)
        if line.startswith("API on"):
            break
        assert time.monotonic() < deadline, "".join(lines)
    base = f"http://127.0.0.1:{env['API_PORT']}"
    while True:
        try:
            requests.get(base + "/v1/health", timeout=5)
            return proc, base, "".join(lines)
        except requests.ConnectionError:
            assert time.monotonic() < deadline
            time.sleep(0.3)


def stop(proc):
    proc.send_signal(signal.SIGINT)
    proc.wait(timeout=30)


def children_alive(data_dir: Path) -> bool:
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return str(data_dir) in out


def test_stack_serves_stops_and_keeps_data(tmp_path):
    env = {**os.environ, "AL_DATA_DIR": str(tmp_path / "data"), "DDB_PORT": str(free_port()),
           "API_PORT": str(free_port()), "PSP_PORT": str(free_port()), "AL_TABLE_PREFIX": "stacktest-",
           "AL_AUTH_FAILURES_PER_MINUTE": "1000000"}
    env.pop("AL_DYNAMODB_ENDPOINT", None)
    proc, base, out = start(env)
    try:
        keys = dict(re.findall(r"^\s+(collector|auditor|dpo|admin)\s+(alk\.\S+)$", out, re.M))
        assert set(keys) == {"collector", "auditor", "dpo", "admin"}
        # the background webhook dispatcher delivers to a receiver on 127.0.0.1 (development setting)
        receiver = Receiver().__enter__()
        admin = {"Authorization": f"Bearer {keys['admin']}", "Content-Type": "application/json"}
        hook = requests.post(base + "/v1/admin/webhooks", headers=admin, timeout=30, data=json.dumps({
            "url": receiver.url("/hook"), "event_types": ["case.opened", "checkpoint.signed"]}))
        assert hook.status_code == 201, hook.text
        receiver.secrets = {"/hook": [hook.json()["secret"]]}
        h = {"Authorization": f"Bearer {keys['collector']}", "Content-Type": "application/json"}
        case_id = requests.post(base + "/v1/cases", headers=h, data=json.dumps(case_body()), timeout=30).json()["case_id"]
        deadline = time.monotonic() + 30
        while {e["type"] for e in receiver.unique("/hook")} != {"case.opened", "checkpoint.signed"}:
            assert time.monotonic() < deadline, f"webhooks not delivered by make run's dispatcher: {receiver.raw}"
            time.sleep(0.3)
        # order is promised per case, not across: the checkpoint may arrive before the case's event
        opened = [e for e in receiver.unique("/hook") if e["type"] == "case.opened"]
        assert [e["case_id"] for e in opened] == [case_id]
        receiver.__exit__(None, None, None)
        # the background integrator takes the event into the transparency log and signs a checkpoint
        auditor = {"Authorization": f"Bearer {keys['auditor']}"}
        deadline = time.monotonic() + 30
        while requests.get(base + "/v1/audit/checkpoints/latest", headers=auditor, timeout=30).status_code != 200:
            assert time.monotonic() < deadline, "no checkpoint from the background integrator"
            time.sleep(0.5)
        latest = requests.get(base + "/v1/audit/checkpoints/latest", headers=auditor, timeout=30).json()
        assert latest["tree_size"] == 1
        # the README's DPO walk-through: the demo tenant names a controller, so access answers work
        dpo = {"Authorization": f"Bearer {keys['dpo']}", "Content-Type": "application/json"}
        assert requests.get(base + "/v1/admin/controller", headers=dpo, timeout=30).json()["version"] == 1
        rid = requests.post(base + "/v1/gdpr/requests", headers=dpo, timeout=30, data=json.dumps({
            "kind": "access", "subject": {"email": case_body()["debtor"]["email"]},
            "received_at": "2026-11-20T09:00:00Z", "channel": "email", "identity_verified": True})).json()["request_id"]
        page = requests.post(f"{base}/v1/gdpr/requests/{rid}/fulfil?format=html", headers=dpo, timeout=30)
        assert page.status_code == 200 and "Énergie Durand SA (démo)" in page.text
        assert page.headers["X-Content-Type-Options"] == "nosniff" and page.headers["Cache-Control"] == "no-store"
        _pay_on_the_simulator(tmp_path / "data", env, out, base, h, case_id)
    finally:
        stop(proc)
    time.sleep(1)
    assert not children_alive(tmp_path / "data"), "DynamoDB Local still running after Ctrl-C"
    with pytest.raises(requests.ConnectionError):
        requests.get(base + "/v1/health", timeout=5)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"http://127.0.0.1:{env['PSP_PORT']}/_simulator/health", timeout=5)

    proc, base, out2 = start(env)
    try:
        assert keys["collector"] in out2  # same demo keys after a restart
        assert "demo controller (GDPR answers): Énergie Durand SA (démo), version 1" in out2  # not a new version
        state = requests.get(f"{base}/v1/cases/{case_id}", headers=h, timeout=30)
        assert state.status_code == 200 and state.json()["head"]["seq"] == 1  # case.opened + the card payment
    finally:
        stop(proc)


def _pay_on_the_simulator(data_dir: Path, env: dict, out: str, base: str, headers: dict, case_id: str) -> None:
    """The stack's own PayZen simulator, end to end over HTTP: an order started with the
    stack's settings (as the portal does), paid on the simulator's page, whose IPN reaches
    `chalice local` and records payment.received with the PSP as actor."""
    from chalicelib.config import Settings
    from chalicelib.services.runtime import build_runtime

    psp = f"http://127.0.0.1:{env['PSP_PORT']}"
    assert f"PayZen simulator on {psp}" in out
    stack_env = dict(line.split("=", 1) for line in (data_dir / "stack.env").read_text().splitlines())
    assert stack_env["AL_PAYZEN_API_URL"] == psp
    rt = build_runtime(Settings.from_env(stack_env))
    order = rt.payment_orders.start(tenant_id="demo", case_id=case_id, amount_cents=12300, purpose="outstanding",
                                    return_url=base + "/v1/health")
    page = requests.get(order.payment_url, timeout=30)
    assert page.status_code == 200 and 'data-testid="psp-pay"' in page.text
    back = requests.post(order.payment_url + "/pay", timeout=60, allow_redirects=False)
    assert back.status_code == 303 and back.headers["Location"].startswith(base + "/v1/health?kr-answer=")
    assert rt.payment_orders.status(tenant_id="demo", order_id=order.order_id) == "paid"
    events = requests.get(f"{base}/v1/cases/{case_id}/events", headers=headers, timeout=30).json()["events"]
    [paid] = [e for e in events if e["type"] == "payment.received"]
    assert paid["actor"] == {"role": "psp", "provider": "payzen"} and paid["data"]["amount_cents"] == 12300

