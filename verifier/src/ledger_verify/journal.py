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

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import checkpoint as notes
from . import merkle
from .canonical import ZERO_HASH, lines_with_unsafe_numbers, parse_and_hash, record_hash
from .chain import check_record

VALID, TAMPERED, UNUSABLE = 0, 1, 2
_sha256 = hashlib.sha256


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
_CHUNK_BYTES = 4 * 1024 * 1024


def _scan(line_no: int, raw: bytes, numbers_checked: bool = False) -> tuple:
    """Everything about one line that needs no other line: parse, hash, leaf hash.

    Returns ("blank",) | ("unusable", line_no, message) | ("missing", line_no, leaf_index, missing)
    | ("record", line_no, leaf_index, record, computed_hash, leaf_hash).
    """
    line = raw.rstrip(b"\r\n")
    if not line or line.isspace():
        return ("blank",)
    try:
        obj, computed = _parse_line(line, numbers_checked)
    except (ValueError, TypeError):
        return ("unusable", line_no, f"line {line_no}: not JSON")
    if not isinstance(obj, dict):
        return ("unusable", line_no, f"line {line_no}: not a journal record")
    leaf_index = obj.get("leaf_index")
    if leaf_index is not None and (type(leaf_index) is not int or leaf_index < 0):
        return ("unusable", line_no, f"line {line_no}: leaf_index is not a non-negative integer")
    if leaf_index is not None and "missing" in obj:
        return ("missing", line_no, leaf_index, obj["missing"])
    record = obj.get("record") if leaf_index is not None else obj
    if not isinstance(record, dict) or not isinstance(record.get("case_id"), str):
        return ("unusable", line_no, f"line {line_no}: not a journal record")
    if computed is None:  # an envelope in another layout: hash the embedded record the reference way
        try:
            computed = record_hash(record)
        except (TypeError, ValueError):
            computed = ""  # not canonicalisable: check_record reports the hash mismatch
    leaf = None
    if leaf_index is not None and computed and computed == record.get("hash"):
        leaf = _sha256(b"\x00" + bytes.fromhex(computed)).digest()  # merkle.leaf_hash, inlined: hot path
    return ("record", line_no, leaf_index, record, computed, leaf)


def _read_lines(path: Path, start: int, end: int) -> tuple[list[bytes], set[int]]:
    """The lines of bytes [start, end) of the file, split on \\n as file iteration does, and
    the indexes of those whose numbers need the reference canonicaliser."""
    with path.open("rb") as handle:
        handle.seek(start)
        data = handle.read(end - start)
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines, lines_with_unsafe_numbers(data)


@dataclass
class _ChunkScan:
    """What a worker learnt from one chunk, when every rule it could check inside the chunk held.

    ``boundaries`` are each case's first record in the chunk (chain fields and computed hash):
    only they link to records outside the chunk, so only they are checked in file order by the
    main process. ``tails`` are each case's (next seq, last hash) at the end of the chunk.
    """
    lines: int
    clean: bool = True
    boundaries: list[tuple[str, dict, str]] = field(default_factory=list)
    tails: dict[str, tuple[int, str]] = field(default_factory=dict)
    first_leaf: int | None = None
    leaves: bytes = b""
    found: dict[tuple[str, int], str] = field(default_factory=dict)


def _scan_chunk(task: tuple[Path, int, int, frozenset]) -> _ChunkScan:
    """Parse, hash and link one chunk of lines. Any doubt (an unusable line, a broken link, an
    odd type) makes it unclean, and the main process replays it line by line."""
    path, start, end, needed = task
    lines, unsafe = _read_lines(path, start, end)
    scan = _ChunkScan(len(lines))
    heads: dict[str, tuple[int, str]] = {}
    leaves = bytearray()
    for i, raw in enumerate(lines):
        item = _scan(0, raw, i not in unsafe)
        if item[0] == "blank":
            continue
        if item[0] != "record":
            scan.clean = False
            return scan
        leaf_index, record, computed, leaf = item[2], item[3], item[4], item[5]
        if leaf_index is not None:
            if scan.first_leaf is None:
                scan.first_leaf = leaf_index
            elif leaf_index != scan.first_leaf + len(leaves) // 32 or leaf is None:
                scan.clean = False
                return scan
        case_id, seq, record_hash_ = record["case_id"], record.get("seq"), record.get("hash")
        head = heads.get(case_id)
        if head is None:  # sent to the main process: only the fields the chain rules read
            scan.boundaries.append((case_id, {k: record[k] for k in _CHAIN_FIELDS if k in record}, computed))
        elif check_record(record, head[0], head[1], case_id, computed):
            scan.clean = False
            return scan
        if type(seq) is not int or not isinstance(record_hash_, str) or (leaf_index is not None and leaf is None):
            scan.clean = False
            return scan
        heads[case_id] = (seq + 1, record_hash_)
        if (case_id, seq) in needed:
            scan.found[(case_id, seq)] = record_hash_
        if leaf_index is not None:
            leaves += leaf
    scan.tails, scan.leaves = heads, bytes(leaves)
    return scan


def _chunk_bounds(path: Path, size: int) -> Iterator[tuple[int, int]]:
    """Byte ranges of about _CHUNK_BYTES that end at a line end (or at the end of the file)."""
    with path.open("rb") as handle:
        start = 0
        while start < size:
            handle.seek(min(start + _CHUNK_BYTES, size))
            handle.readline()
            end = min(handle.tell(), size)
            yield start, end
            start = end


def _scans(path: Path, size: int, needed: frozenset, parallel: bool | None) -> Iterator[tuple[int, int, _ChunkScan]]:
    """(start, end, scan) of each chunk in file order; worker processes scan them for large files."""
    if parallel is None:
        parallel = size >= PARALLEL_FROM_BYTES and (os.cpu_count() or 1) > 1
    if not parallel:
        for start, end in _chunk_bounds(path, size):
            yield start, end, _scan_chunk((path, start, end, needed))
        return
    import multiprocessing

    bounds = list(_chunk_bounds(path, size))
    with multiprocessing.get_context("fork").Pool(max(1, (os.cpu_count() or 2))) as pool:
        scans = pool.imap(_scan_chunk, ((path, start, end, needed) for start, end in bounds), chunksize=1)
        for (start, end), scan in zip(bounds, scans):
            yield start, end, scan


@dataclass
class _Walk:
    """The verifier's state between lines: heads of every case, the log so far, the roots wanted."""
    wanted: set[int]
    needed: frozenset
    heads: dict[str, tuple[int, str]] = field(default_factory=dict)
    log: dict = field(default_factory=lambda: {"leaves": 0, "first_leaf": None})
    tree: merkle.LeafAccumulator = field(default_factory=merkle.LeafAccumulator)
    roots: dict[int, bytes] = field(default_factory=dict)
    found: dict[tuple[str, int], str] = field(default_factory=dict)

    def take_line(self, item: tuple) -> None:
        """The reference rules, one line at a time, in file order; raises _Stop at the first fault."""
        kind = item[0]
        if kind == "blank":
            return
        if kind == "unusable":
            raise _Stop(UNUSABLE, error=item[2])
        line_no, leaf_index = item[1], item[2]
        log = self.log
        if leaf_index is not None:
            if log["first_leaf"] is None:
                log["first_leaf"] = leaf_index
                if leaf_index != 0:
                    self.wanted = set()  # a partial export cannot rebuild roots
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
        seq, prev = self.heads.get(case_id, (0, ZERO_HASH))
        reason = check_record(fields, seq, prev, case_id, computed)
        if reason:
            raise _Stop(TAMPERED, {"case_id": case_id, "seq": seq, "line": line_no, "reason": reason})
        self.heads[case_id] = (seq + 1, fields["hash"])
        if (case_id, seq) in self.needed:
            self.found[(case_id, seq)] = fields["hash"]
        if leaf_index is not None:
            log["leaves"] += 1
            if self.wanted:
                self.tree.push(leaf)
                if self.tree.size in self.wanted:
                    self.roots[self.tree.size] = self.tree.root()

    def take_chunk(self, scan: _ChunkScan) -> bool:
        """Apply a clean chunk whose links to what came before hold; False (and nothing changed)
        when the chunk must be replayed line by line instead."""
        if not scan.clean:
            return False
        log, first_leaf, wanted = self.log, self.log["first_leaf"], self.wanted
        if scan.first_leaf is not None:
            if first_leaf is None:
                first_leaf = scan.first_leaf
                wanted = wanted if first_leaf == 0 else set()
            if scan.first_leaf != first_leaf + log["leaves"]:
                return False
        for case_id, fields, computed in scan.boundaries:
            seq, prev = self.heads.get(case_id, (0, ZERO_HASH))
            if check_record(fields, seq, prev, case_id, computed):
                return False
        log["first_leaf"], self.wanted = first_leaf, wanted
        self.heads.update(scan.tails)
        self.found.update(scan.found)
        count = len(scan.leaves) // 32
        log["leaves"] += count
        if wanted and count:
            self._push(scan.leaves, count)
        return True

    def _push(self, leaves: bytes, count: int) -> None:
        tree, base = self.tree, self.tree.size
        stops = sorted(s for s in self.wanted if base < s <= base + count)
        done = 0
        for stop in [*stops, base + count]:
            tree.extend(leaves[done * 32:(stop - base) * 32])
            done = stop - base
            if tree.size in self.wanted:
                self.roots[tree.size] = tree.root()


def verify_journal_file(path: Path, checkpoint_note: str | None = None, verifier_key: str | None = None,
                        proofs: dict | None = None, progress: Callable[[int], None] | None = None,
                        parallel: bool | None = None) -> JournalResult:
    """Chunks are parsed, hashed and linked internally by worker processes (large files); the
    links between chunks (each case's first record in a chunk, leaf order, Merkle root) are
    checked here in file order. A chunk with any fault is replayed here line by line by the
    reference rules (_Walk.take_line), so the fault reported is the first in the file."""
    walk = _Walk(set(), frozenset())
    checkpoint = None
    try:
        if checkpoint_note is not None:
            checkpoint = _open_checkpoint(checkpoint_note, verifier_key)
        walk = _Walk(_wanted_sizes(checkpoint, proofs), frozenset(_inclusion_targets(proofs)))
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise _Stop(UNUSABLE, error=str(exc)) from None
        line_base = 1
        for start, end, scan in _scans(path, size, walk.needed, parallel):
            if not walk.take_chunk(scan):
                lines, unsafe = _read_lines(path, start, end)
                for i, raw in enumerate(lines):
                    walk.take_line(_scan(line_base + i, raw, i not in unsafe))
            line_base += scan.lines
            if progress:
                progress(end - start)
        if not walk.heads:
            raise _Stop(UNUSABLE, error="no records")
        log_report = _check_log(checkpoint, walk.roots, walk.log)
        _check_proofs(proofs, checkpoint, walk.roots, walk.found, walk.heads, verifier_key)
        return JournalResult(VALID, _summary(walk.heads), log=log_report)
    except _Stop as stop:
        return JournalResult(stop.code, _summary(walk.heads), stop.bad, stop.error, walk.log)


_ENVELOPE = re.compile(rb'\{"leaf_index":(\d+),"record":')


def _parse_line(line: bytes, numbers_checked: bool = False) -> tuple[dict, str | None]:
    """(line object, hash of its record) parsing each record once: a bare stored record, or
    {"leaf_index": n, "record": <stored record verbatim>}; other lines are parsed plainly."""
    match = _ENVELOPE.match(line)
    if match and line.endswith(b"}"):
        record, computed = parse_and_hash(line[match.end():-1], numbers_checked)
        return {"leaf_index": int(match.group(1)), "record": record}, computed
    if line.startswith(b'{"leaf_index":'):
        return json.loads(line), None
    return parse_and_hash(line, numbers_checked)


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
