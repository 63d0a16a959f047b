"""schemathesis against schemas/openapi.json and `chalice local` on DynamoDB Local: generated
requests for every operation (bounded, derandomized) never get a 5xx, and every response
conforms to the spec (documented status, response schema)."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from schemathesis.specs.openapi import checks as oas_checks

from chalicelib.services import auth
from devtools.dynamodb_local import free_port
from tests.e2e.test_newcomer import BIN, ROOT, _wait_healthy
from tests.support import case_body

# Checked: no 5xx, documented status codes and content types, response bodies and headers
# matching the spec, and invalid requests refused. Not checked: "positive data acceptance" —
# JSON Schema counts 100.0 as an integer but the ledger refuses decimals for cents on purpose,
# and business rules (agreement totals, closed cases) rightly refuse some schema-valid bodies.
CHECKS = [schemathesis.checks.not_a_server_error, oas_checks.status_code_conformance,
          oas_checks.content_type_conformance, oas_checks.response_schema_conformance,
          oas_checks.response_headers_conformance, oas_checks.negative_data_rejection]
SCHEMA = schemathesis.openapi.from_path(str(Path(__file__).resolve().parents[2] / "schemas" / "openapi.json"))
pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def server(settings, runtime):
    env = {**os.environ, "AL_STAGE": "local", "AL_DYNAMODB_ENDPOINT": settings.dynamodb_endpoint,
           "AL_TABLE_PREFIX": settings.table_prefix, "AL_KEY_PROVIDER": "local",
           "AL_LOCAL_KEY_FILE": settings.local_key_file, "AL_CHECKPOINT_KEY_FILE": settings.checkpoint_key_file,
           "AL_LOG_NAME": settings.log_name,
           # many deliberate authentication failures from 127.0.0.1; the limit has its own test
           "AL_AUTH_FAILURES_PER_MINUTE": "1000000", "POWERTOOLS_LOG_LEVEL": "WARNING"}
    for _ in range(5):
        port = free_port()
        proc = subprocess.Popen([str(BIN / "chalice"), "local", "--host", "127.0.0.1", "--port", str(port),
                                 "--stage", "local", "--no-autoreload"], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        base = f"http://127.0.0.1:{port}"
        if _wait_healthy(base, proc):
            break
        os.killpg(proc.pid, signal.SIGKILL)
    keys = {role: auth.create_api_key(runtime, "fuzz", role)[1] for role in auth.ROLES}
    assert runtime.signer.public_key  # the local checkpoint key exists, as `make run` makes sure
    import requests

    requests.post(base + "/v1/cases", data=json.dumps(case_body()), timeout=30,
                  headers={"Authorization": f"Bearer {keys['collector']}", "Content-Type": "application/json"})
    yield base, keys
    os.killpg(proc.pid, signal.SIGTERM)
    proc.wait(timeout=10)


def _role_for(operation) -> str | None:
    match = re.search(r"Roles: ([a-z, ]+)\.", operation.definition.raw.get("description", ""))
    return match.group(1).split(",")[0].strip() if match else None


@SCHEMA.parametrize()
@settings(max_examples=25, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture])
def test_api_never_fails_and_conforms(case, server):
    base, keys = server
    if case.method.lower() != case.operation.method.lower():
        return  # undocumented methods (TRACE...) are answered by chalice local's http.server, not by the app
    role = _role_for(case.operation)
    headers = {"Authorization": f"Bearer {keys[role]}"} if role else {}
    response = case.call(base_url=base, headers=headers, timeout=30)
    assert response.status_code < 500, (case.method, case.path, response.status_code, response.text[:300])
    case.validate_response(response, checks=CHECKS)
