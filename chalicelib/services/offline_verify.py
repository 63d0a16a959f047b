"""Offline verification of an exported journal: no AWS, no keys, streaming.

Accepts a case journal (one stored record per line) or a tenant journal in integration order
(lines {"leaf_index": i, "record": {...}}). Checks every case's chain (chain.check_record);
for a tenant journal also recomputes the Merkle root (RFC 9162) leaf by leaf with an O(log n)
frontier. With a signed checkpoint it checks the signature and the root at the checkpoint's
size; with a proofs file it checks inclusion and consistency proofs. Memory grows with the
number of cases and proofs, not with the number of records.

Exit codes: 0 valid, 1 tampered, 2 unusable input.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..domain import checkpoint as notes
from ..domain import merkle
from ..domain.canonical import ZERO_HASH, parse_and_hash, record_hash
from ..domain.chain import check_record

VALID, TAMPERED, UNUSABLE = 0, 1, 2


@dataclass
class JournalResult:
    exit_code: int
    cases: dict[str, dict] = field(default_factory=dict)
    first_bad: dict | None = None
    error: str | None = None
    log: dict | None = None

    def to_dict(self) -> dict:
        return {"valid": self.exit_code == VALID, "cases": self.cases, "first_bad": self.first_bad,
                "error": self.error, "log": self.log}


class _Stop(Exception):
    def __init__(self, code: int, bad: dict | None = None, error: str | None = None):
        self.code, self.bad, self.error = code, bad, error


# Fields of a record the chain rules read (chain.check_record); workers send back only these.
_CHAIN_FIELDS = ("schema", "seq", "case_id", "type", "prev_hash", "hash")
PARALLEL_FROM_BYTES = 64 * 1024 * 1024  # below this, starting worker processes costs more than it saves
_CHUNK_LINES = 4000


def _scan(line_no: int, raw: bytes) -> tuple:
    """Everything about one line that needs no other line: parse, hash, leaf hash.

    Returns ("blank",) | ("unusable", line_no, message) | ("missing", line_no, leaf_index, missing)
    | ("record", line_no, leaf_index, chain_fields, computed_hash, leaf_hash).
    """
    line = raw.rstrip(b"\r\n")
    if not line.strip():
        return ("blank",)
    try:
        obj, computed = _parse_line(line)
    except (ValueError, TypeError):
        return ("unusable", line_no, f"line {line_no}: not JSON")
    if not isinstance(obj, dict):
        return ("unusable", line_no, f"line {line_no}: not a journal record")
    leaf_index = obj.get("leaf_index")
    if leaf_index is not None and "missing" in obj:
        return ("missing", line_no, leaf_index, obj["missing"])
    record = obj.get("record") if leaf_index is not None else obj
    if not isinstance(record, dict) or "case_id" not in record:
        return ("unusable", line_no, f"line {line_no}: not a journal record")
    if computed is None:  # an envelope in another layout: hash the embedded record the reference way
        try:
            computed = record_hash(record)
        except (TypeError, ValueError):
            computed = ""  # not canonicalisable: check_record reports the hash mismatch
    fields = {k: record[k] for k in _CHAIN_FIELDS if k in record}
    leaf = None
    if leaf_index is not None and computed is not None and computed == record.get("hash"):
        leaf = merkle.leaf_hash(bytes.fromhex(computed))
    return ("record", line_no, leaf_index, fields, computed, leaf)


def _scan_chunk(chunk: tuple[int, list[bytes]]) -> list[tuple]:
    first, lines = chunk
    return [_scan(first + i, raw) for i, raw in enumerate(lines)]


def _chunks(handle, progress):
    lines, first = [], 1
    for line_no, raw in enumerate(handle, 1):
        if progress:
            progress(len(raw))
        lines.append(raw)
        if len(lines) == _CHUNK_LINES:
            yield first, lines
            lines, first = [], line_no + 1
    if lines:
        yield first, lines


def _scanned(handle, size: int, progress, parallel: bool | None) -> Iterator[tuple]:
    """Scanned lines in file order; parsed and hashed by worker processes for large files."""
    if parallel is None:
        parallel = size >= PARALLEL_FROM_BYTES and (os.cpu_count() or 1) > 1
    if not parallel:
        for first, lines in _chunks(handle, progress):
            yield from _scan_chunk((first, lines))
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(max(1, (os.cpu_count() or 2))) as pool:
        for results in pool.imap(_scan_chunk, _chunks(handle, progress), chunksize=1):
            yield from results


def verify_journal_file(path: Path, checkpoint_note: str | None = None, verifier_key: str | None = None,
                        proofs: dict | None = None, progress: Callable[[int], None] | None = None,
                        parallel: bool | None = None) -> JournalResult:
    """Parsing and hashing may run in worker processes (large files); every rule that links one
    record to another (seq, prev_hash, case, leaf order, Merkle root) runs here, in file order."""
    heads: dict[str, tuple[int, str]] = {}  # case -> (next seq, hash of last record)
    log = {"leaves": 0, "first_leaf": None}
    checkpoint = None
    try:
        if checkpoint_note is not None:
            checkpoint = _open_checkpoint(checkpoint_note, verifier_key)
        wanted = _wanted_sizes(checkpoint, proofs)
        roots: dict[int, bytes] = {}
        needed = _inclusion_targets(proofs)
        found_hashes: dict[tuple[str, int], str] = {}
        tree = merkle.LeafAccumulator()
        try:
            handle = path.open("rb")
            size = path.stat().st_size
        except OSError as exc:
            raise _Stop(UNUSABLE, error=str(exc)) from None
        with handle:
            for item in _scanned(handle, size, progress, parallel):
                kind = item[0]
                if kind == "blank":
                    continue
                if kind == "unusable":
                    raise _Stop(UNUSABLE, error=item[2])
                line_no, leaf_index = item[1], item[2]
                if leaf_index is not None:
                    if log["first_leaf"] is None:
                        log["first_leaf"] = leaf_index
                        if leaf_index != 0:
                            wanted = set()  # a partial export cannot rebuild roots
                    expected_leaf = log["first_leaf"] + log["leaves"]
                    if leaf_index != expected_leaf:
                        raise _Stop(TAMPERED, {"leaf_index": expected_leaf, "line": line_no,
                                               "reason": f"leaf {expected_leaf} expected, found {leaf_index}"})
                if kind == "missing":
                    m = item[3] if isinstance(item[3], dict) else {}
                    raise _Stop(TAMPERED, {"case_id": m.get("case_id"), "seq": m.get("seq"), "line": line_no,
                                           "reason": f"record missing from the ledger; log leaf {leaf_index} commits to it"})
                fields, computed, leaf = item[3], item[4], item[5]
                case_id = fields["case_id"]
                seq, prev = heads.get(case_id, (0, ZERO_HASH))
                reason = check_record(fields, seq, prev, case_id, computed)
                if reason:
                    raise _Stop(TAMPERED, {"case_id": case_id, "seq": seq, "line": line_no, "reason": reason})
                heads[case_id] = (seq + 1, fields["hash"])
                if (case_id, seq) in needed:
                    found_hashes[(case_id, seq)] = fields["hash"]
                if leaf_index is not None:
                    log["leaves"] += 1
                    if wanted:
                        tree.push(leaf)
                        if tree.size in wanted:
                            roots[tree.size] = tree.root()
        if not heads:
            raise _Stop(UNUSABLE, error="no records")
        log_report = _check_log(checkpoint, roots, log)
        _check_proofs(proofs, checkpoint, roots, found_hashes, heads, verifier_key)
        return JournalResult(VALID, _summary(heads), log=log_report)
    except _Stop as stop:
        return JournalResult(stop.code, _summary(heads), stop.bad, stop.error, log)


_ENVELOPE = re.compile(rb'\{"leaf_index":(\d+),"record":')


def _parse_line(line: bytes) -> tuple[dict, str | None]:
    """(line object, hash of its record) parsing each record once: a bare stored record, or
    {"leaf_index": n, "record": <stored record verbatim>}; other lines are parsed plainly."""
    match = _ENVELOPE.match(line)
    if match and line.endswith(b"}"):
        record, computed = parse_and_hash(line[match.end():-1])
        return {"leaf_index": int(match.group(1)), "record": record}, computed
    if line.startswith(b'{"leaf_index":'):
        return json.loads(line), None
    return parse_and_hash(line)


def _open_checkpoint(note: str, key: str | None):
    if not key:
        raise _Stop(UNUSABLE, error="a checkpoint needs --public-key to be checked")
    try:
        notes.parse_verifier_key(key.strip())
    except ValueError as exc:
        raise _Stop(UNUSABLE, error=f"unusable public key: {exc}") from None
    try:
        return notes.open_note(note, key.strip())
    except notes.NoteVerificationError as exc:
        raise _Stop(TAMPERED, {"reason": f"checkpoint signature does not verify with the given key: {exc}"}) from None
    except ValueError as exc:
        raise _Stop(UNUSABLE, error=f"malformed checkpoint: {exc}") from None


def _wanted_sizes(checkpoint, proofs) -> set[int]:
    sizes = {checkpoint.tree_size} if checkpoint else set()
    for p in (proofs or {}).get("inclusion", []):
        sizes.add(int(p["tree_size"]))
    for p in (proofs or {}).get("consistency", []):
        sizes.update({int(p["first"]), int(p["second"])})
    sizes.discard(0)
    return sizes


def _inclusion_targets(proofs) -> set[tuple[str, int]]:
    return {(p["case_id"], int(p["seq"])) for p in (proofs or {}).get("inclusion", [])}


def _check_log(checkpoint, roots, log) -> dict | None:
    if checkpoint is None:
        return {"leaves": log["leaves"]} if log["leaves"] else None
    report = {"origin": checkpoint.origin, "tree_size": checkpoint.tree_size, "root_hash": checkpoint.root_hash.hex(),
              "leaves": log["leaves"]}
    if log["leaves"] == 0:
        return report  # a case journal: the checkpoint is used by the inclusion proofs
    if log["first_leaf"] == 0:
        if log["leaves"] < checkpoint.tree_size:
            raise _Stop(TAMPERED, {"leaf_index": log["leaves"], "reason":
                                   f"journal ends at leaf {log['leaves']} but the signed checkpoint covers "
                                   f"{checkpoint.tree_size} leaves (records removed at the tail)"})
        if roots.get(checkpoint.tree_size) != checkpoint.root_hash:
            raise _Stop(TAMPERED, {"reason": "Merkle root of the journal differs from the signed checkpoint"})
        report["root_matches"] = True
    return report


def _check_proofs(proofs, checkpoint, roots, found_hashes, heads, verifier_key) -> None:
    if not proofs:
        return
    root_at = dict(roots)
    if checkpoint:
        root_at[checkpoint.tree_size] = checkpoint.root_hash
    for p in proofs.get("inclusion", []):
        case_id, seq, size = p["case_id"], int(p["seq"]), int(p["tree_size"])
        record_hash = found_hashes.get((case_id, seq))
        if record_hash is None:
            raise _Stop(TAMPERED, {"case_id": case_id, "seq": seq,
                                   "reason": "the log holds this record but the journal does not (deleted record)"})
        root = root_at.get(size)
        if root is None:
            raise _Stop(UNUSABLE, error=f"no root known for tree size {size} (give the matching checkpoint)")
        leaf = merkle.leaf_hash(bytes.fromhex(record_hash))
        if not merkle.verify_inclusion(leaf, int(p["leaf_index"]), size, [bytes.fromhex(h) for h in p["proof"]], root):
            raise _Stop(TAMPERED, {"case_id": case_id, "seq": seq, "reason": "inclusion proof does not verify"})
    covered = {(c, s) for c, s in found_hashes}
    if proofs.get("inclusion") is not None and proofs.get("complete", False):
        for case_id, (next_seq, _) in heads.items():
            for seq in range(next_seq):
                if (case_id, seq) not in covered:
                    raise _Stop(TAMPERED, {"case_id": case_id, "seq": seq,
                                           "reason": "record is not in the transparency log (forged or not integrated)"})
    for p in proofs.get("consistency", []):
        first, second = int(p["first"]), int(p["second"])
        if p.get("first_checkpoint"):  # an older signed checkpoint: its root is authenticated too
            older = _open_checkpoint(p["first_checkpoint"], verifier_key)
            if older.tree_size != first:
                raise _Stop(UNUSABLE, error="first_checkpoint does not match the proof's first size")
            root_at[first] = older.root_hash
        first_root = bytes.fromhex(p["first_root"]) if p.get("first_root") else root_at.get(first)
        second_root = bytes.fromhex(p["second_root"]) if p.get("second_root") else root_at.get(second)
        if first_root is None or second_root is None:
            raise _Stop(UNUSABLE, error=f"no roots known for consistency {first}->{second}")
        if not merkle.verify_consistency(first, second, first_root, second_root, [bytes.fromhex(h) for h in p["proof"]]):
            raise _Stop(TAMPERED, {"reason": f"log between tree sizes {first} and {second} is not append-only "
                                             "(consistency proof fails: fork or rewrite)"})


def _summary(heads: dict[str, tuple[int, str]]) -> dict[str, dict]:
    return {case: {"events": seq, "head": {"seq": seq - 1, "hash": h}} for case, (seq, h) in heads.items()}
