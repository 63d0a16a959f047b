"""``ledger-verify receipt RECEIPT.json --public-key KEY``: check a write receipt offline.

Exit 0: the receipt is signed by the pinned key (and, when it carries an inclusion proof and a
checkpoint, its record is in the signed log); 1: forged or altered receipt, or a proof that does
not verify; 2: unusable input (unreadable file, no or malformed key, not a receipt).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import checkpoint as notes
from .journal import KEY_HELP
from .receipt import InclusionError, ReceiptFormatError, check_inclusion, note_of, open_receipt

VALID, TAMPERED, UNUSABLE = 0, 1, 2


def _report(exit_code: int, fault: dict | None = None, receipt=None, inclusion=None) -> int:
    print(json.dumps({"valid": exit_code == VALID, "exit_code": exit_code,
                      "result": {VALID: "valid", TAMPERED: "tampered", UNUSABLE: "unusable"}[exit_code],
                      "receipt": receipt.to_dict() if receipt else None, "inclusion": inclusion,
                      "fault": fault}, indent=2))
    if fault:
        print(f"{'TAMPERED' if exit_code == TAMPERED else 'UNUSABLE'}: [{fault['code']}] {fault['reason']}",
              file=sys.stderr)
    return exit_code


def run_receipt(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="ledger-verify receipt",
                                     description="Check a write receipt offline against the pinned checkpoint key.")
    parser.add_argument("receipt", type=Path, help="an append's answer, GET .../receipt's answer, or {\"note\": ...}")
    parser.add_argument("--public-key", help=f"verifier key or a file holding it: {KEY_HELP}")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not args.public_key:
        return _report(UNUSABLE, {"code": "no-key", "reason": f"--public-key is required: {KEY_HELP}"})
    key = args.public_key
    try:
        if Path(key).is_file():
            key = Path(key).read_text(encoding="utf-8")
        key = key.strip()
        notes.parse_verifier_key(key)
        document = json.loads(args.receipt.read_text(encoding="utf-8"))
        note = note_of(document)
    except (OSError, ValueError) as exc:
        return _report(UNUSABLE, {"code": "unreadable", "reason": str(exc)})
    try:
        receipt = open_receipt(note, key)
    except notes.NoteVerificationError as exc:
        if "malformed" in str(exc):
            return _report(UNUSABLE, {"code": "receipt-format", "reason": str(exc)})
        return _report(TAMPERED, {"code": "signature", "reason": f"receipt not signed by the pinned key: {exc}"})
    except ReceiptFormatError as exc:
        return _report(UNUSABLE, {"code": "receipt-format", "reason": str(exc)})
    inclusion = None
    if isinstance(document, dict) and "proof" in document:
        try:
            leaf_index, tree_size = document["leaf_index"], document["tree_size"]
            checkpoint = check_inclusion(receipt, leaf_index, tree_size, document["proof"], document["checkpoint"], key)
        except KeyError as exc:
            return _report(UNUSABLE, {"code": "receipt-format", "reason": f"a proof needs {exc} too"}, receipt)
        except notes.NoteVerificationError as exc:
            return _report(TAMPERED, {"code": "checkpoint", "reason": f"checkpoint does not verify: {exc}"}, receipt)
        except InclusionError as exc:
            return _report(TAMPERED, {"code": "inclusion-proof", "reason": str(exc)}, receipt)
        inclusion = {"leaf_index": leaf_index, "tree_size": checkpoint.tree_size, "origin": checkpoint.origin}
    return _report(VALID, None, receipt, inclusion)
