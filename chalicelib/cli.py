"""`ledger`: the operator's command line. It calls services, never boto3 directly.

Run from the repository with no flags it talks to the stack that `make run` started
(settings written to .data/stack.env); environment variables (AL_*) override.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from .config import REPO_ROOT, Settings

STACK_ENV = REPO_ROOT / ".data" / "stack.env"


def _load_stack_env() -> None:
    if STACK_ENV.exists():
        for line in STACK_ENV.read_text().splitlines():
            name, _, value = line.partition("=")
            if name and name.startswith("AL_"):
                os.environ.setdefault(name.strip(), value.strip())


def _runtime():
    from .services.runtime import build_runtime

    _load_stack_env()
    return build_runtime(Settings.from_env(), create_key_file=True)


@click.group()
def main() -> None:
    """Amiable Ledger operator commands."""


@main.group()
def keys() -> None:
    """API keys (each bound to one tenant and one role)."""


@keys.command("create")
@click.option("--tenant", required=True, help="tenant id (lowercase letters, digits, '-')")
@click.option("--role", required=True, type=click.Choice(["collector", "auditor", "dpo", "admin"]))
def keys_create(tenant: str, role: str) -> None:
    """Create an API key; the key itself is the last line of output (shown once)."""
    from .services.auth import create_api_key

    key_id, key = create_api_key(_runtime(), tenant, role)
    click.echo(f"created key {key_id} for tenant {tenant}, role {role}", err=True)
    click.echo(key)


@keys.command("revoke")
@click.argument("key_id")
def keys_revoke(key_id: str) -> None:
    """Revoke an API key at once."""
    from .services.auth import revoke_api_key

    revoke_api_key(_runtime(), key_id)
    click.echo(f"revoked {key_id}")


@main.group()
def tables() -> None:
    """DynamoDB tables."""


@tables.command("create")
def tables_create() -> None:
    """Create the ledger's tables if missing (idempotent)."""
    from .adapters.dynamo import create_tables

    rt = _runtime()
    created = create_tables(rt.tables.client, rt.settings.table_prefix)
    click.echo(f"created: {', '.join(created) or 'nothing (all tables exist)'}")


@main.command("verify")
@click.argument("journal", type=click.Path(dir_okay=False, path_type=Path))
def verify(journal: Path) -> None:
    """Check a journal (NDJSON) offline: hashes, links and seq contiguity of every case.

    Exit 0 valid, 1 tampered, 2 unusable input. Needs no AWS access and no keys.
    """
    from .services.offline_verify import verify_journal_file

    result = verify_journal_file(journal)
    click.echo(json.dumps(result.to_dict(), indent=2))
    sys.exit(result.exit_code)


if __name__ == "__main__":
    main()
