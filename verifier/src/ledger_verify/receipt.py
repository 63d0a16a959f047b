"""Write receipts: the service's signed promise that it recorded one record.

A receipt is a C2SP signed note, signed by the checkpoint key, whose text is::

    amiable-ledger/receipt/v1\\n
    log <origin of the tenant's log, "<log name>/<tenant_id>">\\n
    tenant <tenant_id>\\n
    case <case_id>\\n
    seq <decimal, no leading zeros>\\n
    hash <64 lowercase hex: the record's hash>\\n
    recorded_at <the record's recorded_at>\\n

The first line can never be a checkpoint's: a checkpoint's second line is a bare decimal,
a receipt's starts with ``log``, so ``Checkpoint.parse`` refuses a receipt and this module
refuses a checkpoint. With an inclusion proof and a checkpoint (both opened with the same
pinned key) a receipt also shows that its record is in the tenant's log.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import checkpoint as notes
from . import merkle

HEADER = "amiable-ledger/receipt/v1"
_FIELDS = ("log", "tenant", "case", "seq", "hash", "recorded_at")
_HEX64 = re.compile(r"[0-9a-f]{64}")
_DECIMAL = re.compile(r"0|[1-9][0-9]{0,15}")
_TOKEN = re.compile(r"[^\s]{1,256}")


class ReceiptFormatError(ValueError):
    """Not a receipt (or a malformed one)."""


@dataclass(frozen=True)
class Receipt:
    log: str
    tenant_id: str
    case_id: str
    seq: int
    hash: str
    recorded_at: str

    def __post_init__(self) -> None:
        for name in ("log", "tenant_id", "case_id", "recorded_at"):
            if not isinstance(getattr(self, name), str) or not _TOKEN.fullmatch(getattr(self, name)):
                raise ReceiptFormatError(f"{name} must be one token without spaces")
        if self.log.rsplit("/", 1)[-1] != self.tenant_id or "/" not in self.log:
            raise ReceiptFormatError("the log's origin must end with /<tenant_id>")
        if type(self.seq) is not int or not 0 <= self.seq < 2**53:
            raise ReceiptFormatError("seq must be an integer in [0, 2^53)")
        if not isinstance(self.hash, str) or not _HEX64.fullmatch(self.hash):
            raise ReceiptFormatError("hash must be 64 lowercase hex digits")

    def body(self) -> str:
        values = (self.log, self.tenant_id, self.case_id, str(self.seq), self.hash, self.recorded_at)
        return HEADER + "\n" + "".join(f"{name} {value}\n" for name, value in zip(_FIELDS, values))

    @classmethod
    def parse(cls, body: str) -> "Receipt":
        if not isinstance(body, str) or not body.endswith("\n"):
            raise ReceiptFormatError("receipt text must end with a newline")
        lines = body[:-1].split("\n")
        if len(lines) != 1 + len(_FIELDS) or lines[0] != HEADER:
            raise ReceiptFormatError(f"not a receipt: the first line must be {HEADER!r}, then {len(_FIELDS)} fields")
        values = []
        for name, line in zip(_FIELDS, lines[1:]):
            key, sep, value = line.partition(" ")
            if key != name or not sep:
                raise ReceiptFormatError(f"receipt line {name!r} expected, found {line[:40]!r}")
            values.append(value)
        if not _DECIMAL.fullmatch(values[3]):
            raise ReceiptFormatError("seq is not a canonical decimal")
        receipt = cls(values[0], values[1], values[2], int(values[3]), values[4], values[5])
        if receipt.body() != body:
            raise ReceiptFormatError("receipt text is not in its canonical form")
        return receipt

    def to_dict(self) -> dict:
        return {"log": self.log, "tenant_id": self.tenant_id, "case_id": self.case_id, "seq": self.seq,
                "hash": self.hash, "recorded_at": self.recorded_at}


def sign(receipt: Receipt, name: str, key_hash: bytes, sign_fn) -> str:
    """The signed note (the service signs with its checkpoint signer)."""
    return notes.sign_note_with(receipt.body(), name, key_hash, sign_fn)


def open_receipt(note_text: str, verifier_key: str) -> Receipt:
    """Verify the note with the pinned key and parse it. NoteVerificationError: the signature
    does not verify (forged or altered); ReceiptFormatError: a note that is not a receipt;
    ValueError: an unusable key."""
    text = notes.verify_note(note_text, verifier_key)
    return Receipt.parse(text)


class InclusionError(Exception):
    """The receipt's proof does not show its record in the signed log."""


def check_inclusion(receipt: Receipt, leaf_index: int, tree_size: int, proof_hex: list,
                    checkpoint_note: str, verifier_key: str) -> notes.Checkpoint:
    """The record the receipt names is leaf ``leaf_index`` of the log the checkpoint signs.
    The root comes only from the checkpoint opened with the pinned key; ``tree_size`` must be
    the checkpoint's own."""
    checkpoint = notes.open_note(checkpoint_note, verifier_key)
    if checkpoint.origin != receipt.log:
        raise InclusionError(f"checkpoint is for log {checkpoint.origin!r}, the receipt for {receipt.log!r}")
    if tree_size != checkpoint.tree_size:
        raise InclusionError(f"tree_size {tree_size} is not the checkpoint's ({checkpoint.tree_size})")
    if type(leaf_index) is not int or not 0 <= leaf_index < tree_size:
        raise InclusionError("leaf_index outside the signed tree")
    try:
        hashes = [bytes.fromhex(h) for h in proof_hex]
    except (TypeError, ValueError):
        raise InclusionError("proof hashes must be hex strings") from None
    if any(len(h) != 32 for h in hashes):
        raise InclusionError("proof hashes must be 32 bytes")
    leaf = merkle.leaf_hash(bytes.fromhex(receipt.hash))
    if not merkle.verify_inclusion(leaf, leaf_index, tree_size, hashes, checkpoint.root_hash):
        raise InclusionError("inclusion proof does not verify against the signed root")
    return checkpoint


def note_of(document) -> str:
    """The receipt note in the shapes the API gives: an append's answer or GET .../receipt
    (``{"receipt": {"note": ...}, ...}``), ``{"note": ...}``, or the note text itself."""
    if isinstance(document, str):
        return document
    if isinstance(document, dict):
        inner = document.get("receipt", document)
        if isinstance(inner, dict) and isinstance(inner.get("note"), str):
            return inner["note"]
    raise ReceiptFormatError('expected {"receipt": {"note": "<signed note>"}} or {"note": ...}')
