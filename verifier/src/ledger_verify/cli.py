"""``ledger-verify``: check a journal offline (docs/journal-format.md, "Exit codes").

Exit 0 valid, 1 tampered, 2 unusable input, 3 valid up to the signed tree size with newer
records listed as unverified (only with --allow-unsigned-tail). Needs no AWS access, no network
and no keys beyond the checkpoint verifier key the auditor pinned. Standard library only
(argparse), so the package installs with ``cryptography`` and ``rfc8785`` alone.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .journal import KEY_HELP, TAMPERED, UNSIGNED_TAIL, UNUSABLE, Fault, JournalResult, verify_journal_file


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ledger-verify",
        description="Check an Amiable Ledger journal offline: byte-exact canonical records, every case's chain, "
                    "the Merkle root or inclusion proofs against a checkpoint signed by the key you pinned, and "
                    "consistency proofs. Exit 0 valid, 1 tampered, 2 unusable input, 3 valid up to the signed "
                    "size with newer records listed (--allow-unsigned-tail).")
    parser.add_argument("journal", type=Path, help="journal NDJSON (a case journal or a tenant journal)")
    parser.add_argument("--checkpoint", type=Path, help="signed checkpoint note (C2SP) to check the journal against")
    parser.add_argument("--public-key", help=f"verifier key (name+hash+base64) or a file holding it: {KEY_HELP}")
    parser.add_argument("--proofs", type=Path, help="proofs.json: inclusion and consistency proofs (hashes and "
                                                    "signed notes only)")
    parser.add_argument("--receipts", type=Path,
                        help="a write receipt (JSON) or a folder of them: each receipted record must be in the "
                             "journal with the receipted hash (needs --public-key)")
    parser.add_argument("--allow-unsigned-tail", action="store_true",
                        help="records after the checkpoint's tree size are listed as unverified (exit 3) "
                             "instead of making the journal tampered (exit 1)")
    return parser


def _emit(report: dict) -> None:
    if len(report.get("cases") or {}) > 50:  # a tenant journal: summarise rather than print every case
        cases = report["cases"]
        report["cases"] = {"count": len(cases), "events": sum(c["events"] for c in cases.values())}
    print(json.dumps(report, indent=2))


def run(argv: list[str] | None = None, progress=None) -> int:
    """Parse ``argv``, verify, print the JSON report; return the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["receipt"]:
        from .receipt_cli import run_receipt

        return run_receipt(argv[1:])
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse's own usage errors already exit 2
        return int(exc.code or 0)

    def unusable(code: str, message: str) -> int:
        _emit(JournalResult(UNUSABLE, fault=Fault(code, message)).to_dict())
        print(f"UNUSABLE: {message}", file=sys.stderr)
        return UNUSABLE

    public_key = args.public_key
    try:
        note = args.checkpoint.read_text(encoding="utf-8") if args.checkpoint else None
        if public_key and Path(public_key).is_file():
            public_key = Path(public_key).read_text(encoding="utf-8").strip()
        proofs = json.loads(args.proofs.read_text(encoding="utf-8")) if args.proofs else None
        receipts = _read_receipts(args.receipts) if args.receipts else None
    except (OSError, ValueError) as exc:
        return unusable("unreadable", f"cannot read input: {exc}")
    if not args.journal.is_file():
        return unusable("unreadable", f"{args.journal}: no such file")
    result = verify_journal_file(args.journal, note, public_key, proofs, progress,
                                 allow_unsigned_tail=args.allow_unsigned_tail, receipts=receipts)
    _emit(result.to_dict())
    fault = result.fault
    if result.exit_code == TAMPERED:
        where = f"case {fault.case_id} seq {fault.seq}" if fault.case_id else (
            f"line {fault.line}" if fault.line else "log")
        print(f"TAMPERED at {where}: [{fault.code}] {fault.reason}", file=sys.stderr)
    elif result.exit_code == UNUSABLE:
        print(f"UNUSABLE: [{fault.code}] {fault.reason}", file=sys.stderr)
    elif result.exit_code == UNSIGNED_TAIL:
        print("VALID up to the signed tree size; records after it are NOT verified: "
              + json.dumps(result.unsigned), file=sys.stderr)
    elif not result.to_dict()["anchored"]:
        print("VALID chains only: no checkpoint given, nothing ties this journal to the signed log", file=sys.stderr)
    return result.exit_code


def _read_receipts(path: Path) -> list[tuple[str, str]]:
    """(file name, note) of every receipt: one JSON file, or every *.json in a folder."""
    from .receipt import note_of

    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    return [(str(f), note_of(json.loads(f.read_text(encoding="utf-8")))) for f in files]


def main() -> None:
    sys.exit(run())


if __name__ == "__main__":
    main()
