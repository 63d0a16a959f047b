"""Write receipts: the signed note's format, offline verification, and that a receipt and a
checkpoint can never be taken for each other."""
from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_verify import checkpoint as notes
from ledger_verify import merkle
from ledger_verify.receipt import (InclusionError, Receipt, ReceiptFormatError, check_inclusion, note_of,
                                   open_receipt, sign)
from ledger_verify.receipt_cli import run_receipt

KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
NAME = "amiable-ledger.test"
PUB = KEY.public_key().public_bytes_raw()
VKEY = notes.verifier_key(NAME, PUB)
RECEIPT = Receipt("amiable-ledger.test/acme", "acme", "ae55bd5e-7c37-4a4c-a6c0-287677eee92c", 3, "ab" * 32,
                  "2026-12-14T09:00:01.204512Z")


def signed(receipt=RECEIPT) -> str:
    return sign(receipt, NAME, notes.ed25519_key_hash(NAME, PUB), KEY.sign)


def test_body_is_the_documented_text():
    assert RECEIPT.body() == (
        "amiable-ledger/receipt/v1\nlog amiable-ledger.test/acme\ntenant acme\n"
        "case ae55bd5e-7c37-4a4c-a6c0-287677eee92c\nseq 3\nhash " + "ab" * 32 + "\n"
        "recorded_at 2026-12-14T09:00:01.204512Z\n")
    assert Receipt.parse(RECEIPT.body()) == RECEIPT


def test_opens_with_the_pinned_key_only():
    assert open_receipt(signed(), VKEY) == RECEIPT
    other = Ed25519PrivateKey.generate().public_key().public_bytes_raw()
    with pytest.raises(notes.NoteVerificationError):
        open_receipt(signed(), notes.verifier_key(NAME, other))
    with pytest.raises(notes.NoteVerificationError):
        open_receipt(signed().replace("seq 3", "seq 4"), VKEY)


def test_receipt_and_checkpoint_are_never_confused():
    with pytest.raises(notes.NoteVerificationError):
        notes.open_note(signed(), VKEY)  # a receipt is not a checkpoint
    checkpoint = notes.sign_note(notes.Checkpoint("amiable-ledger.test/acme", 4, b"\x00" * 32).body(), NAME, KEY)
    with pytest.raises(ReceiptFormatError):
        open_receipt(checkpoint, VKEY)  # nor a checkpoint a receipt


@pytest.mark.parametrize("bad", [
    "amiable-ledger/receipt/v1\nlog a/b\ntenant c\ncase x\nseq 1\nhash " + "ab" * 32 + "\nrecorded_at t\n",  # tenant
    "amiable-ledger/receipt/v1\nlog a/acme\ntenant acme\ncase x\nseq 01\nhash " + "ab" * 32 + "\nrecorded_at t\n",
    "amiable-ledger/receipt/v1\nlog a/acme\ntenant acme\ncase x\nseq 1\nhash " + "AB" * 32 + "\nrecorded_at t\n",
    "amiable-ledger/receipt/v2\nlog a/acme\ntenant acme\ncase x\nseq 1\nhash " + "ab" * 32 + "\nrecorded_at t\n",
    "amiable-ledger/receipt/v1\nlog a/acme\ntenant acme\ncase x\nseq 1\nhash " + "ab" * 32 + "\n",
])
def test_malformed_bodies(bad):
    with pytest.raises(ReceiptFormatError):
        Receipt.parse(bad)


def test_inclusion_against_a_signed_checkpoint():
    inputs = [bytes([i]) * 32 for i in range(5)]
    inputs[3] = bytes.fromhex(RECEIPT.hash)
    proof = merkle.inclusion_proof(3, 5, lambda level, index: merkle.root(inputs[index << level:(index + 1) << level]))
    note = notes.sign_note(notes.Checkpoint(RECEIPT.log, 5, merkle.root(inputs)).body(), NAME, KEY)
    check_inclusion(RECEIPT, 3, 5, [p.hex() for p in proof], note, VKEY)
    with pytest.raises(InclusionError):
        check_inclusion(RECEIPT, 2, 5, [p.hex() for p in proof], note, VKEY)
    with pytest.raises(InclusionError):
        check_inclusion(RECEIPT, 3, 4, [p.hex() for p in proof], note, VKEY)  # not the checkpoint's size
    other_log = notes.sign_note(notes.Checkpoint("amiable-ledger.test/other", 5, merkle.root(inputs)).body(), NAME, KEY)
    with pytest.raises(InclusionError):
        check_inclusion(RECEIPT, 3, 5, [p.hex() for p in proof], other_log, VKEY)


def test_cli(tmp_path, capsys):
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"seq": 3, "receipt": {"note": signed()}}))
    assert run_receipt([str(good), "--public-key", VKEY]) == 0
    forged = tmp_path / "forged.json"
    forged.write_text(json.dumps({"receipt": {"note": signed().replace("seq 3", "seq 2")}}))
    assert run_receipt([str(forged), "--public-key", VKEY]) == 1
    assert run_receipt([str(good)]) == 2  # no pinned key
    assert note_of({"note": "x"}) == "x"
