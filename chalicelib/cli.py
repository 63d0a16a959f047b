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


class _Group(click.Group):
    """Domain errors become one-line messages (exit 1), never tracebacks."""

    def invoke(self, ctx):
        from .domain.errors import LedgerError

        try:
            return super().invoke(ctx)
        except LedgerError as exc:
            details = "; ".join(f"{d.pointer}: {d.message}" for d in exc.details)
            raise click.ClickException(exc.message + (f" ({details})" if details else "")) from None


@click.group(cls=_Group)
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


@main.command("verify", context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def verify(args: tuple[str, ...]) -> None:
    """Check a journal offline (the auditor's `ledger-verify`, same options and exit codes):
    JOURNAL [--checkpoint NOTE --public-key PINNED_KEY] [--proofs PROOFS] [--allow-unsigned-tail].
    Exit 0 valid, 1 tampered, 2 unusable input, 3 unsigned tail listed. Needs no AWS access, no
    network and no keys but the pinned verifier key."""
    from ledger_verify.cli import run

    progress = None
    journal = next((a for a in args if not a.startswith("-")), None)
    if journal and Path(journal).is_file() and Path(journal).stat().st_size > 20_000_000 and sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("verifying", total=Path(journal).stat().st_size)
            sys.exit(run(list(args), lambda n: bar.advance(task, n)))
    sys.exit(run(list(args), progress))


@main.command("integrate")
@click.option("--follow", is_flag=True, help="keep integrating new events every --interval seconds")
@click.option("--interval", default=1.0, show_default=True)
def integrate(follow: bool, interval: float) -> None:
    """Integrate new ledger events into the tenants' transparency logs and sign checkpoints
    (reads the table's stream on DynamoDB Local; in AWS the stream handler does this)."""
    import time

    from .services.transparency import integrate_local_stream

    from .domain.errors import LedgerError

    rt = _runtime()
    while True:
        try:
            result = integrate_local_stream(rt)
        except LedgerError as exc:
            if not follow:
                raise click.ClickException(exc.message) from None
            click.echo(f"integration failed, retrying: {exc.message}", err=True)
            result = None
        if result and (result["records"] or not follow):
            click.echo(json.dumps(result), nl=True)
        if not follow:
            return
        time.sleep(interval)


@main.command("checkpoint-key")
def checkpoint_key() -> None:
    """Print the checkpoint verifier key (C2SP signed-note form: name+keyhash+base64)."""
    from .services.transparency import verifier_key

    click.echo(verifier_key(_runtime()))


@main.command("retention")
@click.option("--dry-run", "mode", flag_value="dry-run", default=True, help="report only (default)")
@click.option("--apply", "mode", flag_value="apply", help="shred the subjects found")
@click.option("--tenant", default=None, help="one tenant (default: all)")
@click.option("--today", default=None, help="run as of this date (YYYY-MM-DD)")
@click.option("--years", default=5, show_default=True, help="retention period after closure")
def retention(mode: str, tenant: str | None, today: str | None, years: int) -> None:
    """Crypto-shred subjects whose cases all closed more than --years ago (GDPR storage limitation)."""
    from datetime import date

    from .services.gdpr import all_tenants
    from .services.gdpr import retention as run

    rt = _runtime()
    day = date.fromisoformat(today) if today else None
    reports = [run(rt, t, apply=mode == "apply", today=day, retention_years=years)
               for t in ([tenant] if tenant else all_tenants(rt))]
    click.echo(json.dumps(reports, indent=2))


@main.command("export")
@click.option("--tenant", required=True)
@click.option("--case", "case_id", default=None, help="export one case (with inclusion proofs)")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path))
def export(tenant: str, case_id: str | None, out_dir: Path) -> None:
    """Write a verification bundle: journal.ndjson, checkpoint.note, proofs.json (no verifier key:
    the auditor pins it out of band)."""
    from .services.transparency import export_bundle, integrate_local_stream

    rt = _runtime()
    if rt.settings.dynamodb_endpoint:
        integrate_local_stream(rt)
    result = export_bundle(rt, tenant, out_dir, case_id)
    click.echo(json.dumps(result))
    click.echo("The bundle carries no verifier key: a key shipped with the evidence proves nothing. The auditor\n"
               "obtains it out of band, once (`ledger checkpoint-key`, or GET /v1/audit/checkpoint-key with an\n"
               "auditor API key), compares it with the one the operator published, keeps it as pinned.pub, then:\n"
               f"  ledger-verify {out_dir}/journal.ndjson --checkpoint {out_dir}/checkpoint.note "
               f"--public-key pinned.pub --proofs {out_dir}/proofs.json", err=True)


@main.group()
def payments() -> None:
    """Card payment orders (the portal's Pay button does the same): locally, on the PayZen
    simulator `make run` starts."""


@payments.command("start")
@click.option("--tenant", required=True)
@click.option("--case", "case_id", required=True)
@click.option("--amount-cents", required=True, type=click.IntRange(min=1))
@click.option("--purpose", default="outstanding", show_default=True, type=click.Choice(["outstanding", "instalment"]))
@click.option("--return-url", default="http://127.0.0.1:8000/v1/health", show_default=True,
              help="where the PSP sends the debtor's browser back")
def payments_start(tenant: str, case_id: str, amount_cents: int, purpose: str, return_url: str) -> None:
    """Start an order and print its id and the payment page's URL."""
    order = _runtime().payment_orders.start(tenant_id=tenant, case_id=case_id, amount_cents=amount_cents,
                                             purpose=purpose, return_url=return_url)
    click.echo(json.dumps({"order_id": order.order_id, "payment_url": order.payment_url, "provider": order.provider}))


@payments.command("status")
@click.option("--tenant", required=True)
@click.option("--order", "order_id", required=True)
def payments_status(tenant: str, order_id: str) -> None:
    """pending, paid, refused (from the PSP's notifications) or unknown."""
    click.echo(_runtime().payment_orders.status(tenant_id=tenant, order_id=order_id))


if __name__ == "__main__":
    main()
