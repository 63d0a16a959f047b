"""What a bundle's ``proofs.json`` may carry: proof hashes, and signed notes, nothing believed.

A root, a tree size or a claim of completeness written in a bundle is exactly what a forger
who holds the signing key would write, so none is read: every root comes from a signed note
opened with the auditor's pinned key, every size from such a note, and completeness from
checking. The format is closed: a member this module does not know is refused, so a bundle
can never carry a claim an older verifier would silently skip.

    {"inclusion":   [{"case_id": str, "seq": int, "leaf_index": int, "proof": [hex, ...]}],
     "consistency": [{"first_checkpoint": "<older signed note>", "proof": [hex, ...]}],
     "case_heads":  [...]}      (see docs/journal-format.md, "Case heads (completeness)")

An inclusion proof is for the tree of the checkpoint given with ``--checkpoint``; a consistency
proof goes from its ``first_checkpoint`` to that checkpoint.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .merkle import HASH_SIZE

_HEX_HASH = re.compile(r"[0-9a-f]{%d}" % (2 * HASH_SIZE))
# Members that used to carry claims: named in the refusal so an old bundle's failure is clear.
_CLAIMS = {"tree_size": "a size", "complete": "completeness", "first_root": "a root", "second_root": "a root",
           "root": "a root", "root_hash": "a root", "first": "a size", "second": "a size"}


class ProofsFormatError(ValueError):
    """proofs.json is not in the closed format above (exit 2: nothing was verified)."""


@dataclass(frozen=True)
class InclusionProof:
    case_id: str
    seq: int
    leaf_index: int
    hashes: tuple[bytes, ...]


@dataclass(frozen=True)
class ConsistencyProof:
    first_checkpoint: str  # a signed note, opened with the pinned key before use
    hashes: tuple[bytes, ...]


@dataclass(frozen=True)
class BundleProofs:
    inclusion: tuple[InclusionProof, ...] = ()
    consistency: tuple[ConsistencyProof, ...] = ()
    # Parsed and checked by ledger_verify.case_heads; kept verbatim here.
    case_heads: Any = None
    members: frozenset[str] = field(default_factory=frozenset)


def _refuse_unknown(obj: dict, allowed: set[str], where: str) -> None:
    for key in obj:
        if key in allowed:
            continue
        if key in _CLAIMS:
            raise ProofsFormatError(f"{where}: member {key!r} claims {_CLAIMS[key]}; a verifier takes roots and "
                                    "sizes only from checkpoints signed by the pinned key, so a bundle may not carry it")
        raise ProofsFormatError(f"{where}: unknown member {key!r}")


def _hashes(value: Any, where: str) -> tuple[bytes, ...]:
    if not isinstance(value, list) or not all(isinstance(h, str) and _HEX_HASH.fullmatch(h) for h in value):
        raise ProofsFormatError(f"{where}: proof must be a list of 64-digit lowercase hex hashes")
    return tuple(bytes.fromhex(h) for h in value)


def _count(value: Any, where: str) -> int:
    if type(value) is not int or value < 0:
        raise ProofsFormatError(f"{where} must be a non-negative integer")
    return value


def parse_proofs(doc: Any) -> BundleProofs:
    """Check the shape of a proofs.json document; raise ProofsFormatError naming the member."""
    if not isinstance(doc, dict):
        raise ProofsFormatError("proofs.json must be a JSON object")
    _refuse_unknown(doc, {"inclusion", "consistency", "case_heads"}, "proofs.json")
    if not isinstance(doc.get("inclusion", []), list) or not isinstance(doc.get("consistency", []), list):
        raise ProofsFormatError("inclusion and consistency must be lists")
    inclusion = []
    for i, entry in enumerate(doc.get("inclusion", [])):
        where = f"inclusion[{i}]"
        if not isinstance(entry, dict):
            raise ProofsFormatError(f"{where} must be an object")
        _refuse_unknown(entry, {"case_id", "seq", "leaf_index", "proof"}, where)
        if not isinstance(entry.get("case_id"), str):
            raise ProofsFormatError(f"{where}.case_id must be a string")
        inclusion.append(InclusionProof(entry["case_id"], _count(entry.get("seq"), f"{where}.seq"),
                                        _count(entry.get("leaf_index"), f"{where}.leaf_index"),
                                        _hashes(entry.get("proof"), where)))
    consistency = []
    for i, entry in enumerate(doc.get("consistency", [])):
        where = f"consistency[{i}]"
        if not isinstance(entry, dict):
            raise ProofsFormatError(f"{where} must be an object")
        _refuse_unknown(entry, {"first_checkpoint", "proof"}, where)
        if not isinstance(entry.get("first_checkpoint"), str):
            raise ProofsFormatError(f"{where}.first_checkpoint must be a signed checkpoint note")
        consistency.append(ConsistencyProof(entry["first_checkpoint"], _hashes(entry.get("proof"), where)))
    keys = {(p.case_id, p.seq) for p in inclusion}
    if len(keys) != len(inclusion):
        raise ProofsFormatError("two inclusion proofs for the same record")
    return BundleProofs(tuple(inclusion), tuple(consistency), doc.get("case_heads"), frozenset(doc))
