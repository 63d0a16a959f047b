"""``ledger-verify``: check a journal offline (docs/journal-format.md).

Exit 0 valid, 1 tampered, 2 unusable input. Needs no AWS access, no network and no keys
beyond the checkpoint verifier key the auditor pinned. Standard library only (argparse), so
the package installs with ``cryptography`` and ``rfc8785`` alone.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .journal import UNUSABLE, JournalResult, verify_journal_file


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ledger-verify",
        description="Check an Amiable Ledger journal offline: every case's chain, the Merkle root "
                    "against a signed checkpoint, the checkpoint's signature with the pinned key, and "
                    "inclusion/consistency proofs. Exit 0 valid, 1 tampered, 2 unusable input.")
    parser.add_argument("journal", type=Path, help="journal NDJSON (a case journal or a tenant journal)")
    parser.add_argument("--checkpoint", type=Path, help="signed checkpoint note (C2SP) to check the journal against")
    parser.add_argument("--public-key", help="pinned verifier key (name+hash+base64) or a file holding it")
    parser.add_argument("--proofs", type=Path, help="proofs.json with inclusion and/or consistency proofs")
    return parser


def _emit(report: dict) -> None:
    if len(report.get("cases") or {}) > 50:  # a tenant journal: summarise rather than print every case
        cases = report["cases"]
        report["cases"] = {"count": len(cases), "events": sum(c["events"] for c in cases.values())}
    print(json.dumps(report, indent=2))


def run(argv: list[str] | None = None, progress=None) -> int:
    """Parse ``argv``, verify, print the JSON report; return the exit code."""
    args = _parser().parse_args(argv)

    def unusable(message: str) -> int:
        _emit(JournalResult(UNUSABLE, error=message).to_dict())
        return UNUSABLE

    public_key = args.public_key
    try:
        note = args.checkpoint.read_text(encoding="utf-8") if args.checkpoint else None
        if public_key and Path(public_key).is_file():
            public_key = Path(public_key).read_text(encoding="utf-8").strip()
        proofs = json.loads(args.proofs.read_text(encoding="utf-8")) if args.proofs else None
    except (OSError, ValueError) as exc:
        return unusable(f"cannot read input: {exc}")
    if not args.journal.is_file():
        return unusable(f"{args.journal}: no such file")
    result = verify_journal_file(args.journal, note, public_key, proofs, progress)
    _emit(result.to_dict())
    if result.first_bad:
        bad = result.first_bad
        where = f"case {bad.get('case_id')} seq {bad.get('seq')}" if bad.get("case_id") else "log"
        print(f"TAMPERED at {where}: {bad.get('reason')}", file=sys.stderr)
    return result.exit_code


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
