"""Shared fixtures: a real DynamoDB Local (never a mock), fresh tables per session, and API keys.

`make test` starts DynamoDB Local in memory and passes AL_DYNAMODB_ENDPOINT; running pytest
directly starts one here instead.
"""
from __future__ import annotations

import os
import secrets

import pytest

from chalicelib.adapters.dynamo import create_tables
from chalicelib.config import Settings
from chalicelib.services import auth
from chalicelib.services.runtime import build_runtime, set_runtime


@pytest.fixture(scope="session")
def ddb_endpoint():
    endpoint = os.environ.get("AL_DYNAMODB_ENDPOINT")
    if endpoint:
        yield endpoint
        return
    from devtools import dynamodb_local

    port = dynamodb_local.free_port()
    proc = dynamodb_local.start(port)
    os.environ["AL_DYNAMODB_ENDPOINT"] = f"http://127.0.0.1:{port}"
    try:
        yield os.environ["AL_DYNAMODB_ENDPOINT"]
    finally:
        dynamodb_local.stop(proc)


@pytest.fixture(scope="session")
def settings(ddb_endpoint, tmp_path_factory):
    key_dir = tmp_path_factory.mktemp("keys")
    key_file = key_dir / "kek.key"
    return Settings(
        stage="local",
        table_prefix=f"t{secrets.token_hex(4)}-",
        dynamodb_endpoint=ddb_endpoint,
        region="eu-west-3",
        key_provider="local",
        local_key_file=str(key_file),
        kms_key_id=None,
        log_name="amiable-ledger.test",
        checkpoint_key_file=str(key_dir / "checkpoint.ed25519"),
        # tests send many bad keys from one source on purpose; test_auth checks the limit itself
        auth_failures_per_minute=1_000_000,
        # the development setting `make run` turns on: webhook receivers on 127.0.0.1 (the tests'
        # receivers); fast in-flight expiry and back-off so outages and crashes resolve in seconds
        webhook_allow_loopback=True,
        webhook_visibility_s=2.0,
        webhook_retry_base_s=0.2,
    )


@pytest.fixture(scope="session")
def runtime(settings):
    rt = build_runtime(settings, create_key_file=True)
    create_tables(rt.tables.client, settings.table_prefix)
    set_runtime(rt)
    yield rt
    set_runtime(None)


@pytest.fixture
def rt(runtime):
    set_runtime(runtime)
    return runtime


@pytest.fixture
def tenant():
    return "t-" + secrets.token_hex(4)


@pytest.fixture
def keys(rt, tenant):
    """One API key per role for a fresh tenant: {role: key}."""
    return {role: auth.create_api_key(rt, tenant, role)[1] for role in auth.ROLES}


@pytest.fixture
def client(rt):
    from chalice.test import Client

    import app as app_module

    with Client(app_module.app) as c:
        yield c


# --- card payments (issue 13): the project's PayZen simulator, never a mock of the PSP --------

@pytest.fixture(scope="session")
def payzen_simulator():
    """devtools/payzen_simulator.py on a free port, for the whole session."""
    from devtools import payzen_simulator as simulator

    running = simulator.serve(port=0)
    yield running
    running.stop()


@pytest.fixture
def app_http(client):
    """The app's routes over real HTTP on a free port (the simulator POSTs its IPNs there)."""
    from tests.http_bridge import serve_client

    bridge = serve_client(client)
    yield bridge.url
    bridge.stop()


@pytest.fixture
def payments(rt, payzen_simulator, app_http):
    """rt.payment_orders speaking to the simulator, whose IPNs reach the app over HTTP."""
    from dataclasses import replace

    from chalicelib.services.payment_orders import build_payment_orders

    settings = replace(rt.settings, payzen_api_url=payzen_simulator.url,
                       psp_ipn_url=f"{app_http}/v1/psp/payzen/ipn")
    rt.payment_orders = build_payment_orders(rt, settings)
    yield rt.payment_orders
    rt.payment_orders = None
