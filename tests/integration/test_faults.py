"""Faults: DynamoDB Local killed in the middle of a write burst, and a failing key provider.
The API answers 503 with Retry-After (never 500), writes nothing half-way, and after a restart
every acknowledged event is present and the chain verifies."""
from __future__ import annotations

import json
import os
import signal
import threading
import time
from dataclasses import replace

from chalice.test import Client

import app as app_module
from chalicelib.adapters.dynamo import create_tables
from ledger_verify.chain import verify_chain
from chalicelib.domain.errors import Unavailable
from chalicelib.services import auth
from chalicelib.services.runtime import build_runtime, set_runtime
from devtools import dynamodb_local
from tests.support import case_body, event, post, scan_items


def test_dynamodb_killed_mid_burst(settings, runtime, tmp_path):
    port = dynamodb_local.free_port()
    db_dir = tmp_path / "ddb"
    proc = dynamodb_local.start(port, str(db_dir))
    fault_settings = replace(settings, dynamodb_endpoint=f"http://127.0.0.1:{port}", table_prefix="fault-")
    rt = build_runtime(fault_settings, key_provider=runtime.key_provider)
    create_tables(rt.tables.client, fault_settings.table_prefix)
    key = auth.create_api_key(rt, "fault", "collector")[1]
    set_runtime(rt)
    results, durations = [], []
    try:
        with Client(app_module.app) as client:
            case_id = post(client, "/v1/cases", case_body(), key).json_body["case_id"]

            def burst():
                for i in range(150):
                    started = time.monotonic()
                    resp = post(client, f"/v1/cases/{case_id}/events", event("note.added", {"text": f"note {i}"}), key)
                    results.append((resp.status_code, resp.json_body, resp.headers))
                    durations.append(time.monotonic() - started)

            writer = threading.Thread(target=burst)
            writer.start()
            while len(results) < 20:
                time.sleep(0.01)
            os.killpg(proc.pid, signal.SIGKILL)  # the database dies mid-burst
            proc.wait()
            writer.join(timeout=300)
        statuses = [status for status, _, _ in results]
        assert set(statuses) <= {201, 503}, statuses
        assert statuses.count(201) >= 20 and 503 in statuses
        assert all(headers.get("Retry-After") for status, _, headers in results if status == 503)
        # bounded: timeouts and a few jittered retries (CLIENT_CONFIG), not API Gateway's 29 s
        assert max(durations) < 15, max(durations)
        acknowledged = {body["seq"]: body["hash"] for status, body, _ in results if status == 201}
    finally:
        set_runtime(runtime)
        if proc.poll() is None:
            dynamodb_local.stop(proc)

    proc = dynamodb_local.start(port, str(db_dir))  # restart on the same data
    try:
        fresh = build_runtime(fault_settings, key_provider=runtime.key_provider)
        records = [json.loads(t) for t in fresh.ledger.records("fault", case_id)]
        assert verify_chain(records).ok
        stored = {r["seq"]: r["hash"] for r in records}
        assert all(stored.get(seq) == h for seq, h in acknowledged.items())
    finally:
        dynamodb_local.stop(proc)


class FailingKeyProvider:
    kek_id = "kms:broken"

    def wrap(self, plaintext, context):
        raise Unavailable("KMS encrypt failed")

    def unwrap(self, blob, context):
        raise Unavailable("KMS decrypt failed")


def test_key_provider_failure_is_503_and_writes_nothing(settings, runtime):
    broken = build_runtime(settings, key_provider=FailingKeyProvider())
    key = auth.create_api_key(runtime, "broken-kms", "collector")[1]
    set_runtime(broken)
    try:
        with Client(app_module.app) as client:
            resp = post(client, "/v1/cases", case_body(debtor={"kind": "person", "name": "Kim Nouveau",
                                                               "email": "kim.nouveau@example.org"}), key)
    finally:
        set_runtime(runtime)
    assert resp.status_code == 503 and resp.headers.get("Retry-After")
    items = scan_items(runtime, "ledger")
    assert not [i for i in items if i["tenant_id"]["S"] == "broken-kms"]
    everything = json.dumps([scan_items(runtime, t)
                             for t in ("ledger", "keys", "lookup")])
    assert "Kim Nouveau" not in everything and "kim.nouveau" not in everything


def test_client_config_bounds_every_call():
    from chalicelib.adapters.dynamo import CLIENT_CONFIG

    assert CLIENT_CONFIG.connect_timeout <= 2 and CLIENT_CONFIG.read_timeout <= 5
    retries = CLIENT_CONFIG.retries  # botocore rewrites max_attempts as total_max_attempts once used
    assert retries["mode"] == "standard"  # standard mode = exponential back-off with jitter
    assert retries.get("max_attempts", 3) == 3 and retries.get("total_max_attempts", 4) == 4
