"""`make run`: DynamoDB Local on disk, tables, a local key file, a demo tenant with one API key
per role, then `chalice local`. Ctrl-C stops everything; data survives a restart (.data/).
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from devtools import dynamodb_local

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("AL_DATA_DIR", ROOT / ".data"))
DEMO_TENANT = "demo"
ROLES = ("collector", "auditor", "dpo", "admin")


def _interrupt(_signum, _frame):
    raise KeyboardInterrupt


def main() -> int:
    # Ctrl-C (SIGINT) and SIGTERM both stop the API and DynamoDB Local, even when started from
    # a shell that ignores SIGINT for background jobs.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    ddb_port = int(os.environ.get("DDB_PORT", "8001"))
    api_port = int(os.environ.get("API_PORT", "8000"))
    psp_port = int(os.environ.get("PSP_PORT", "8002"))
    env = {
        **os.environ,
        "AL_STAGE": "local",
        "AL_DYNAMODB_ENDPOINT": f"http://127.0.0.1:{ddb_port}",
        "AL_TABLE_PREFIX": os.environ.get("AL_TABLE_PREFIX", "amiable-local-"),
        "AL_KEY_PROVIDER": "local",
        "AL_LOCAL_KEY_FILE": str(DATA / "keys" / "kek.key"),
        "AL_CHECKPOINT_KEY_FILE": str(DATA / "keys" / "checkpoint.ed25519"),
        # card payments go to the project's PayZen simulator (its test credentials are the defaults)
        "AL_PSP": "payzen",
        "AL_PAYZEN_API_URL": f"http://127.0.0.1:{psp_port}",
        "AL_PSP_IPN_URL": f"http://127.0.0.1:{api_port}/v1/psp/payzen/ipn",
        # the debtor's portal: links under the API's own origin, documents sealed under .data/
        "AL_PORTAL_BASE_URL": f"http://127.0.0.1:{api_port}",
        "AL_PORTAL_PAYMENT_ORIGINS": f"http://127.0.0.1:{psp_port}",
        "AL_DOCUMENTS_DIR": str(DATA / "documents"),
        # a receiver on 127.0.0.1 (plain http) may get webhooks locally; never in AWS
        "AL_WEBHOOK_ALLOW_LOOPBACK": os.environ.get("AL_WEBHOOK_ALLOW_LOOPBACK", "1"),
    }
    DATA.mkdir(exist_ok=True)
    (DATA / "stack.env").write_text("".join(f"{k}={env[k]}\n" for k in sorted(env) if k.startswith("AL_")))
    os.environ.update({k: v for k, v in env.items() if k.startswith("AL_")})

    ddb = dynamodb_local.start(ddb_port, str(DATA / "dynamodb"))
    print(f"DynamoDB Local on 127.0.0.1:{ddb_port} (data in .data/dynamodb)")
    api = integrator = psp = dispatcher = None
    try:
        from chalicelib.adapters.dynamo import create_tables
        from chalicelib.config import Settings
        from chalicelib.services.runtime import build_runtime

        rt = build_runtime(Settings.from_env(), create_key_file=True)
        created = create_tables(rt.tables.client, rt.settings.table_prefix)
        if created:
            print(f"created tables: {', '.join(created)}")
        _print_demo_keys(rt)
        _demo_controller(rt)
        print(f"checkpoint verifier key: {_verifier_key(rt)}")
        api = subprocess.Popen(
            [str(Path(sys.executable).parent / "chalice"), "local", "--host", "127.0.0.1", "--port", str(api_port),
             "--stage", "local", "--no-autoreload"],  # .data/ changes must not restart it
            cwd=ROOT, env=env, start_new_session=True,
        )
        # The transparency-log integrator runs beside the API, as the stream handler does in AWS.
        integrator = subprocess.Popen([str(Path(sys.executable).parent / "ledger"), "integrate", "--follow"],
                                      cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL)
        psp = _payzen_simulator(psp_port, env)
        # The webhook dispatcher likewise: the fan-out and dispatcher Lambdas' work, in one loop.
        dispatcher = subprocess.Popen([str(Path(sys.executable).parent / "ledger"), "webhooks", "dispatch", "--follow"],
                                      cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL)
        print(f"API on http://127.0.0.1:{api_port}  (Ctrl-C stops everything)", flush=True)
        return api.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for proc in (api, integrator, psp, dispatcher):
            if proc is not None and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=10)
        dynamodb_local.stop(ddb)
        print("stopped")


def _payzen_simulator(port: int, env: dict):
    """The PayZen simulator (devtools/payzen_simulator.py): started like DynamoDB Local; if its
    port is taken the API still runs, without card payments, and says so."""
    proc = subprocess.Popen([sys.executable, "-m", "devtools.payzen_simulator", "--port", str(port)],
                            cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    first = proc.stdout.readline() if proc.stdout else ""
    if proc.poll() is not None or not first.startswith("PayZen simulator on"):
        print(f"PayZen simulator did not start on 127.0.0.1:{port} (port taken? PSP_PORT=...): "
              "card payments answer 503", flush=True)
        return proc
    print(f"{first.strip()} (test shop {env.get('AL_PAYZEN_SHOP_ID', '69876357')}; no real card, no money)",
          flush=True)
    return proc


def _verifier_key(rt) -> str:
    """Creates the local checkpoint signing key on first run (the API only reads it)."""
    from chalicelib.services.transparency import verifier_key

    return verifier_key(rt)


DEMO_CONTROLLER = {
    "name": "Énergie Durand SA (démo)",
    "address": "1 place de la Démo, 75001 Paris",
    "contact_email": "contact@example.org",
    "dpo_contact": "dpo@example.org",
}


def _demo_controller(rt) -> None:
    """GDPR answers name the controller (409 while none is set): the demo tenant gets one, once."""
    from chalicelib.services import controller
    from chalicelib.services.auth import Principal

    named = controller.current(rt, DEMO_TENANT)
    if named is None:
        named = controller.set_controller(rt, Principal(DEMO_TENANT, "admin", "make-run"), dict(DEMO_CONTROLLER))
    print(f"demo controller (GDPR answers): {named['name']}, version {named['version']}")


def _print_demo_keys(rt) -> None:
    """Keys are stored hashed, so the demo keys are kept in .data (local only) to show again."""
    from chalicelib.services.auth import create_api_key

    path = DATA / "demo-keys.json"
    keys = json.loads(path.read_text()) if path.exists() else {}
    for role in ROLES:
        if role not in keys or rt.auth.get(keys[role].split(".")[1]) is None:
            keys[role] = create_api_key(rt, DEMO_TENANT, role)[1]
    path.write_text(json.dumps(keys, indent=2))
    path.chmod(0o600)
    print(f"demo tenant {DEMO_TENANT!r} API keys:")
    for role in ROLES:
        print(f"  {role:<10} {keys[role]}")


if __name__ == "__main__":
    sys.exit(main())
