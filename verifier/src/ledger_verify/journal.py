"""The streaming verifier of an exported journal: no AWS, no keys but the pinned one.

Journal format 1.1 (docs/journal-format.md). A file is either a *case journal* (every line a
stored record) or a *tenant journal* (every line a leaf of the tenant's log,
``{"leaf_index":i,"record":<stored record>}``, from leaf 0, contiguous): the first line decides
and a line of the other layout is tampering. Every line must be byte-identical to its RFC 8785
form. With a checkpoint (opened with the pinned key, origin = the journal's tenant), a tenant
journal's Merkle root is always compared at the checkpoint's size, and a case journal must come
with an inclusion proof for every record. Roots and sizes come only from signed notes
(proofs.py). Memory grows with the number of cases and proofs, not with the number of records.

Exit codes: 0 valid, 1 tampered, 2 unusable input, 3 valid up to the signed size with records
after it (only with ``allow_unsigned_tail``; they are named).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import case_heads
from . import checkpoint as notes
from . import completeness
from . import merkle
from . import receipt as receipt_notes
from .canonical import NotCanonical, NotJSON, ZERO_HASH, lines_with_unsafe_numbers, read_record_line
from .chain import record_fault
from .proofs import BundleProofs, ProofsFormatError, parse_proofs

VALID, TAMPERED, UNUSABLE, UNSIGNED_TAIL = 0, 1, 2, 3
RESULTS = {VALID: "valid", TAMPERED: "tampered", UNUSABLE: "unusable", UNSIGNED_TAIL: "unsigned-tail"}
_sha256 = hashlib.sha256
_BOM = b"\xef\xbb\xbf"
# The canonical leaf wrapper: keys in JCS order, the index a canonical decimal, then the record
# verbatim. A line that starts otherwise is read as a whole and must be canonical on its own.
_WRAPPER = re.compile(rb'\{"leaf_index":(0|[1-9][0-9]{0,18}),"record":')
TENANT, CASE = "tenant", "case"
KEY_HELP = ("pin the verifier key you obtained out of band (`ledger checkpoint-key` or "
            "GET /v1/audit/checkpoint-key), never a copy shipped with the bundle")


@dataclass(frozen=True)
class Fault:
    """The first thing wrong, in the order of docs/journal-format.md ("Order of checks")."""
    code: str
    reason: str
    line: int | None = None
    case_id: str | None = None
    seq: int | None = None
    leaf_index: int | None = None

    def to_dict(self) -> dict:
        return {"code": self.code, "reason": self.reason, "line": self.line, "case_id": self.case_id,
                "seq": self.seq, "leaf_index": self.leaf_index}


@dataclass
class JournalResult:
    exit_code: int
    cases: dict[str, dict] = field(default_factory=dict)
    fault: Fault | None = None
    log: dict | None = None
    unsigned: dict | None = None
    layout: str | None = None

    @property
    def first_bad(self) -> dict | None:
        return self.fault.to_dict() if self.fault and self.exit_code == TAMPERED else None

    @property
    def error(self) -> str | None:
        return self.fault.reason if self.fault and self.exit_code == UNUSABLE else None

    def to_dict(self) -> dict:
        return {"valid": self.exit_code == VALID, "result": RESULTS[self.exit_code], "exit_code": self.exit_code,
                "layout": self.layout, "anchored": bool(self.log and self.log.get("checkpoint")),
                "fault": self.fault.to_dict() if self.fault else None, "first_bad": self.first_bad,
                "error": self.error, "unsigned": self.unsigned, "log": self.log, "cases": self.cases}


class _Stop(Exception):
    def __init__(self, code: int, fault: Fault):
        super().__init__(fault.reason)
        self.code, self.fault = code, fault


def _unusable(code: str, reason: str, line: int | None = None) -> _Stop:
    return _Stop(UNUSABLE, Fault(code, reason, line))


# --- One line ------------------------------------------------------------------------------

def _read_line(line_no: int, raw: bytes, numbers_checked: bool = False) -> tuple:
    """Everything about one line that needs no other line.

    ("record", leaf_index | None, record, computed hash) | ("missing", leaf_index, missing)
    | ("stop", exit code, Fault).
    """
    if raw.endswith(b"\r"):
        return ("stop", UNUSABLE, Fault("crlf", f"line {line_no} ends with CR LF; journals use LF only", line_no))
    if not raw or raw.isspace():
        return ("stop", UNUSABLE, Fault("blank-line", f"line {line_no} is blank; a journal has no blank lines", line_no))
    if raw.startswith(_BOM):
        return ("stop", UNUSABLE, Fault("bom", f"line {line_no} starts with a byte order mark", line_no))
    try:
        match = _WRAPPER.match(raw)
        if match and raw.endswith(b"}"):
            record, computed = read_record_line(raw[match.end():-1], numbers_checked)
            leaf_index = int(match.group(1))
        else:
            obj, computed = read_record_line(raw, numbers_checked)
            if "leaf_index" in obj:
                leaf_index = obj["leaf_index"]
                if set(obj) != {"leaf_index", "missing"} or type(leaf_index) is not int or leaf_index < 0:
                    return ("stop", TAMPERED, Fault("not-a-record", f"line {line_no} is neither a leaf nor a "
                                                    "missing leaf", line_no))
                return ("missing", leaf_index, obj["missing"])
            record, leaf_index = obj, None
    except NotJSON as exc:
        return ("stop", UNUSABLE, Fault("not-json", f"line {line_no} is not JSON: {exc}", line_no))
    except NotCanonical as exc:
        return ("stop", TAMPERED, Fault("not-canonical", f"line {line_no}: {exc}", line_no, _loose_case_id(raw)))
    if not isinstance(record.get("case_id"), str) or not isinstance(record.get("tenant_id"), str):
        return ("stop", TAMPERED, Fault("not-a-record", f"line {line_no} has no case_id and tenant_id", line_no,
                                        leaf_index=leaf_index))
    return ("record", leaf_index, record, computed)


def _loose_case_id(raw: bytes) -> str | None:
    """The case a non-canonical line claims to belong to, to name it in the report."""
    try:
        obj = json.loads(raw)
        record = obj.get("record", obj) if isinstance(obj, dict) else None
        case_id = record.get("case_id") if isinstance(record, dict) else None
        return case_id if isinstance(case_id, str) else None
    except (ValueError, UnicodeDecodeError):
        return None


# --- Chunks (parsed, hashed and linked inside by worker processes for large files) ----------

# Fields of a record the chain rules read (chain.record_fault); workers send back only these.
_CHAIN_FIELDS = ("schema", "seq", "case_id", "type", "prev_hash", "hash")
PARALLEL_FROM_BYTES = 64 * 1024 * 1024  # below this, starting worker processes costs more than it saves
_CHUNK_BYTES = 4 * 1024 * 1024


def _read_lines(path: Path, start: int, end: int) -> tuple[list[bytes], set[int]]:
    """The lines of bytes [start, end) of the file split on \\n, and the indexes of those whose
    numbers need the reference canonicaliser."""
    with path.open("rb") as handle:
        handle.seek(start)
        data = handle.read(end - start)
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines, lines_with_unsafe_numbers(data)


@dataclass
class _ChunkScan:
    """What a worker learnt from one chunk when every rule it could check inside it held.

    ``boundaries``: each case's first record in the chunk (chain fields and computed hash), the
    only records that link outside the chunk, checked by the main process in file order.
    ``tails``: each case's (next seq, last hash) at the end of the chunk.
    """
    lines: int
    clean: bool = True
    layout: str | None = None
    tenant: str | None = None
    boundaries: list[tuple[str, dict, str]] = field(default_factory=list)
    tails: dict[str, tuple[int, str]] = field(default_factory=dict)
    first_leaf: int | None = None
    leaves: bytes = b""
    found: dict[tuple[str, int], str] = field(default_factory=dict)
    unsigned: dict[str, int] = field(default_factory=dict)


def _scan_chunk(task: tuple[Path, int, int, frozenset, int | None]) -> _ChunkScan:
    """Parse, hash and link one chunk. Any doubt makes it unclean: the main process then replays
    it line by line with the reference rules, which name the fault."""
    path, start, end, needed, signed_size = task
    lines, unsafe = _read_lines(path, start, end)
    scan = _ChunkScan(len(lines))
    heads: dict[str, tuple[int, str]] = {}
    leaves = bytearray()
    for i, raw in enumerate(lines):
        item = _read_line(0, raw, i not in unsafe)
        if item[0] != "record":
            scan.clean = False
            return scan
        leaf_index, record, computed = item[1], item[2], item[3]
        layout = CASE if leaf_index is None else TENANT
        if scan.layout is None:
            scan.layout, scan.tenant, scan.first_leaf = layout, record["tenant_id"], leaf_index
        elif layout != scan.layout or record["tenant_id"] != scan.tenant or (
                leaf_index is not None and leaf_index != scan.first_leaf + len(leaves) // 32):
            scan.clean = False
            return scan
        case_id, seq = record["case_id"], record.get("seq")
        if type(seq) is not int:
            scan.clean = False
            return scan
        head = heads.get(case_id)
        if head is None:
            scan.boundaries.append((case_id, {k: record[k] for k in _CHAIN_FIELDS if k in record}, computed))
        elif record_fault(record, head[0], head[1], case_id, computed):
            scan.clean = False
            return scan
        heads[case_id] = (seq + 1, computed)
        if (case_id, seq) in needed:
            scan.found[(case_id, seq)] = computed
        if leaf_index is not None:
            if signed_size is not None and leaf_index >= signed_size and case_id not in scan.unsigned:
                scan.unsigned[case_id] = seq
            leaves += _sha256(b"\x00" + bytes.fromhex(computed)).digest()  # merkle.leaf_hash, inlined: hot path
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


def _scans(path: Path, size: int, needed: frozenset, signed_size: int | None,
           parallel: bool | None) -> Iterator[tuple[int, int, _ChunkScan]]:
    """(start, end, scan) of each chunk in file order. Large files are scanned by worker
    processes started with "spawn" (no fork: the same on Linux, macOS and Windows), with a
    bounded window of chunks in flight so memory does not grow with the file."""
    if parallel is None:
        parallel = size >= PARALLEL_FROM_BYTES and (os.cpu_count() or 1) > 1
    if not parallel:
        for start, end in _chunk_bounds(path, size):
            yield start, end, _scan_chunk((path, start, end, needed, signed_size))
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    workers = max(1, os.cpu_count() or 2)
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        window: deque = deque()
        for start, end in _chunk_bounds(path, size):
            window.append((start, end, pool.submit(_scan_chunk, (path, start, end, needed, signed_size))))
            if len(window) > 2 * workers:
                start_, end_, future = window.popleft()
                yield start_, end_, future.result()
        while window:
            start_, end_, future = window.popleft()
            yield start_, end_, future.result()


# --- The walk in file order -------------------------------------------------------------------

@dataclass
class _Walk:
    """State between lines: every case's head, the layout, the log so far, what proofs need."""
    needed: frozenset
    signed_size: int | None  # the checkpoint's tree size, when one is given
    heads: dict[str, tuple[int, str]] = field(default_factory=dict)
    layout: str | None = None
    tenant: str | None = None
    leaves: int = 0
    tree: merkle.LeafAccumulator = field(default_factory=merkle.LeafAccumulator)
    signed_root: bytes | None = None
    found: dict[tuple[str, int], str] = field(default_factory=dict)
    unsigned: dict[str, int] = field(default_factory=dict)  # case -> first seq after the signed size
    unsigned_leaves: int = 0

    def take_line(self, line_no: int, item: tuple) -> None:
        """The reference rules, one line at a time, in file order; raises _Stop at the first fault."""
        if item[0] == "stop":
            fault = item[2]
            if fault.case_id is not None and fault.seq is None:  # name the position it was read at
                fault = Fault(fault.code, fault.reason, fault.line, fault.case_id,
                              self.heads.get(fault.case_id, (0, ""))[0], fault.leaf_index)
            raise _Stop(item[1], fault)
        leaf_index = item[1]
        layout = CASE if leaf_index is None else TENANT
        if self.layout is None:
            self.layout = layout
        elif layout != self.layout:
            raise _Stop(TAMPERED, Fault("mixed-layout", f"line {line_no} is a {layout} journal line in a "
                                        f"{self.layout} journal", line_no, leaf_index=leaf_index))
        if leaf_index is not None and leaf_index != self.leaves:
            raise _Stop(TAMPERED, Fault("leaf-index", f"leaf {self.leaves} expected, found {leaf_index} (a tenant "
                                        "journal holds every leaf from 0, in order)", line_no, leaf_index=self.leaves))
        if item[0] == "missing":
            m = item[2] if isinstance(item[2], dict) else {}
            raise _Stop(TAMPERED, Fault("missing-record", f"record missing from the ledger; log leaf {leaf_index} "
                                        "commits to it", line_no, m.get("case_id"), m.get("seq"), leaf_index))
        record, computed = item[2], item[3]
        case_id = record["case_id"]
        seq, prev = self.heads.get(case_id, (0, ZERO_HASH))
        if self.tenant is None:
            self.tenant = record["tenant_id"]
        elif record["tenant_id"] != self.tenant:
            raise _Stop(TAMPERED, Fault("tenant", f"record of tenant {record['tenant_id']!r} in a journal of "
                                        f"{self.tenant!r}", line_no, case_id, seq, leaf_index))
        fault = record_fault(record, seq, prev, case_id, computed)
        if fault:
            raise _Stop(TAMPERED, Fault(fault[0], fault[1], line_no, case_id, seq, leaf_index))
        self.heads[case_id] = (seq + 1, computed)
        if (case_id, seq) in self.needed:
            self.found[(case_id, seq)] = computed
        if leaf_index is not None:
            if self.signed_size is not None and leaf_index >= self.signed_size:
                self.unsigned.setdefault(case_id, seq)
            self._push(_sha256(b"\x00" + bytes.fromhex(computed)).digest())

    def take_chunk(self, scan: _ChunkScan) -> bool:
        """Apply a clean chunk whose links to what came before hold; False (nothing changed)
        when it must be replayed line by line instead."""
        if not scan.clean or scan.layout is None:
            return False
        if self.layout not in (None, scan.layout) or self.tenant not in (None, scan.tenant):
            return False
        if scan.first_leaf is not None and scan.first_leaf != self.leaves:
            return False
        for case_id, fields, computed in scan.boundaries:
            seq, prev = self.heads.get(case_id, (0, ZERO_HASH))
            if record_fault(fields, seq, prev, case_id, computed):
                return False
        self.layout, self.tenant = scan.layout, scan.tenant
        self.heads.update(scan.tails)
        self.found.update(scan.found)
        for case_id, seq in scan.unsigned.items():
            self.unsigned.setdefault(case_id, seq)
        self._push(scan.leaves)
        return True

    def _push(self, leaves: bytes) -> None:
        count = len(leaves) // 32
        if not count:
            return
        signed = self.signed_size
        if signed is not None and self.leaves < signed:
            take = min(count, signed - self.leaves) * 32
            self.tree.extend(leaves[:take])
            if self.tree.size == signed:
                self.signed_root = self.tree.root()
        if signed is not None:
            self.unsigned_leaves += max(0, self.leaves + count - max(signed, self.leaves))
        self.leaves += count


# --- Checks against the signed log (each its own function; docs/journal-format.md) ----------

def _open_checkpoint(note: str, key: str, what: str = "checkpoint") -> notes.Checkpoint:
    try:
        return notes.open_note(note, key)
    except notes.NoteVerificationError as exc:
        if "not a checkpoint" in str(exc) or "malformed" in str(exc):
            raise _unusable("checkpoint-format", f"{what} is not a signed checkpoint: {exc}") from None
        raise _Stop(TAMPERED, Fault("signature", f"{what} signature does not verify with the pinned key: {exc}")) from None
    except ValueError as exc:
        raise _unusable("checkpoint-format", f"malformed {what}: {exc}") from None


def tenant_of_origin(origin: str) -> str:
    """A checkpoint's origin is `<log name>/<tenant_id>`; tenant ids contain no '/'."""
    return origin.rsplit("/", 1)[-1] if "/" in origin else ""


def check_consistency(checkpoint: notes.Checkpoint, proofs: BundleProofs, key: str) -> list[int]:
    """Each consistency proof goes from an older checkpoint, signed by the pinned key for the
    same log, to the given one. Returns the older sizes proven."""
    proven = []
    for i, proof in enumerate(proofs.consistency):
        older = _open_checkpoint(proof.first_checkpoint, key, f"consistency[{i}].first_checkpoint")
        if older.origin != checkpoint.origin:
            raise _unusable("origin", f"consistency[{i}].first_checkpoint is for log {older.origin!r}, "
                                      f"not {checkpoint.origin!r}")
        if older.tree_size > checkpoint.tree_size:
            raise _unusable("proofs-format", f"consistency[{i}].first_checkpoint is larger than the checkpoint")
        if not merkle.verify_consistency(older.tree_size, checkpoint.tree_size, older.root_hash,
                                         checkpoint.root_hash, proof.hashes):
            raise _Stop(TAMPERED, Fault("consistency-proof", f"log between tree sizes {older.tree_size} and "
                                        f"{checkpoint.tree_size} is not append-only (consistency proof fails: "
                                        "fork or rewrite)"))
        proven.append(older.tree_size)
    return proven


def check_tenant_log(checkpoint: notes.Checkpoint, walk: _Walk, allow_unsigned_tail: bool) -> dict:
    """A tenant journal: the root of its first `tree_size` leaves is the signed root, always."""
    size = checkpoint.tree_size
    if walk.leaves < size:
        raise _Stop(TAMPERED, Fault("log-truncated", f"journal ends at leaf {walk.leaves} but the signed checkpoint "
                                    f"covers {size} leaves (records removed at the tail)", leaf_index=walk.leaves))
    root = walk.signed_root if size else merkle.root_of_empty()
    if root != checkpoint.root_hash:
        raise _Stop(TAMPERED, Fault("root-mismatch", "Merkle root of the journal's first "
                                    f"{size} leaves differs from the signed checkpoint"))
    if walk.leaves > size and not allow_unsigned_tail:
        first = next(iter(walk.unsigned.items()))  # in leaf order
        raise _Stop(TAMPERED, Fault("unsigned-tail", f"{walk.leaves - size} leaves after the signed tree size "
                                    f"{size} (pass --allow-unsigned-tail to list them as unverified)",
                                    leaf_index=size, case_id=first[0], seq=first[1]))
    return {"root_matches": True}


def check_inclusion(checkpoint: notes.Checkpoint, proofs: BundleProofs, walk: _Walk) -> None:
    """Every inclusion proof is for a record of the journal and verifies against the signed root."""
    for proof in proofs.inclusion:
        record_hash = walk.found.get((proof.case_id, proof.seq))
        if record_hash is None:
            raise _Stop(TAMPERED, Fault("deleted-record", "the log holds this record but the journal does not "
                                        "(deleted record)", None, proof.case_id, proof.seq, proof.leaf_index))
        leaf = merkle.leaf_hash(bytes.fromhex(record_hash))
        if not merkle.verify_inclusion(leaf, proof.leaf_index, checkpoint.tree_size, proof.hashes,
                                       checkpoint.root_hash):
            raise _Stop(TAMPERED, Fault("inclusion-proof", "inclusion proof does not verify against the signed root",
                                        None, proof.case_id, proof.seq, proof.leaf_index))


def check_case_coverage(proofs: BundleProofs, walk: _Walk, allow_unsigned_tail: bool) -> dict[str, int]:
    """A case journal with a checkpoint: every record needs an inclusion proof. Records without
    one may only be a case's newest ones (not yet integrated), and only when the auditor allows
    an unsigned tail; returns {case: first unproven seq}."""
    proven = {(p.case_id, p.seq) for p in proofs.inclusion}
    unproven: dict[str, int] = {}
    for case_id, (next_seq, _) in walk.heads.items():
        for seq in range(next_seq):
            if (case_id, seq) in proven:
                if case_id in unproven:  # a proven record after an unproven one: not a tail
                    first = unproven[case_id]
                    raise _Stop(TAMPERED, Fault("not-in-log", "record is not in the transparency log (forged, or "
                                                "its inclusion proof was removed)", None, case_id, first))
                continue
            unproven.setdefault(case_id, seq)
    if unproven and not allow_unsigned_tail:
        case_id, seq = min(unproven.items())
        raise _Stop(TAMPERED, Fault("not-in-log", "record is not in the transparency log at the checkpoint's size "
                                    "(forged, or not yet integrated: --allow-unsigned-tail lists such newest "
                                    "records as unverified)", None, case_id, seq))
    return unproven


def check_case_heads(checkpoint: notes.Checkpoint, proofs: BundleProofs, walk: _Walk, tail: dict[str, int]) -> None:
    """A case journal: each case's last signed record (before its unsigned tail) is the head the
    checkpoint's case-heads map commits (docs/journal-format.md, "Case heads"), so deleting a
    case's newest records with their proofs shows. Nothing here is taken from the bundle but
    proof hashes (ledger_verify.completeness)."""
    try:
        map_root = case_heads.root_from_extensions(checkpoint.extensions)
    except ValueError as exc:
        raise _unusable("checkpoint", f"checkpoint case-heads line: {exc}") from None
    try:
        entries = completeness.parse_case_heads(proofs.case_heads)
    except completeness.CaseHeadsFormatError as exc:
        raise _unusable("proofs-format", str(exc)) from None
    if map_root is None:
        raise _unusable("no-case-heads", "the checkpoint signs no case-heads map, so nothing shows whether the "
                                         "newest records of a case were removed: verify against a newer checkpoint")
    last: dict[str, tuple[int, str] | None] = {}
    for case_id, (next_seq, last_hash) in walk.heads.items():
        end = tail.get(case_id, next_seq)  # the first record after the signed size
        last[case_id] = None if end == 0 else (end - 1, last_hash if end == next_seq else walk.found[(case_id, end - 1)])
    fault = completeness.first_fault(map_root, last, entries)
    if fault:
        raise _Stop(TAMPERED, Fault("case-head", fault["reason"], None, fault["case_id"], fault["seq"]))


# --- Entry point --------------------------------------------------------------------------------

def open_receipts(receipts: list[tuple[str, str]] | None, verifier_key: str | None) -> list:
    """Each receipt opened with the pinned key. A receipt that does not open is no evidence of
    anything (unusable input), whoever made it."""
    if not receipts:
        return []
    if not verifier_key:
        raise _unusable("no-key", f"--receipts needs --public-key: {KEY_HELP}")
    opened = []
    for name, note in receipts:
        try:
            opened.append((name, receipt_notes.open_receipt(note, verifier_key.strip())))
        except (notes.NoteVerificationError, ValueError) as exc:
            raise _unusable("receipt", f"receipt {name} does not verify with the pinned key: {exc}") from None
    return opened


def check_receipts(receipts: list, walk: "_Walk", checkpoint: notes.Checkpoint | None) -> None:
    """Every receipted record is in the journal with the receipted hash: the service signed that
    it recorded it, so its absence (or another record in its place) is tampering."""
    for name, receipt in receipts:
        if receipt.tenant_id != walk.tenant:
            raise _unusable("receipt", f"receipt {name} is for tenant {receipt.tenant_id!r}, the journal is "
                                       f"{walk.tenant!r}'s")
        if checkpoint is not None and receipt.log != checkpoint.origin:
            raise _unusable("receipt", f"receipt {name} is for log {receipt.log!r}, the checkpoint for "
                                       f"{checkpoint.origin!r}")
        found = walk.found.get((receipt.case_id, receipt.seq))
        if found != receipt.hash:
            what = "is missing from the journal" if found is None else "was replaced by another record"
            raise _Stop(TAMPERED, Fault("receipt-missing", f"the record receipted in {name} (recorded at "
                                        f"{receipt.recorded_at}) {what}", None, receipt.case_id, receipt.seq))


def _prepare(checkpoint_note: str | None, verifier_key: str | None, proofs_doc, receipts=None) -> tuple:
    """Inputs first: a checkpoint needs the pinned key, proofs need a checkpoint."""
    if checkpoint_note is None:
        if proofs_doc is not None:
            raise _unusable("usage", "proofs are checked against a signed checkpoint: give --checkpoint too")
        if verifier_key and not receipts:
            raise _unusable("usage", "--public-key without --checkpoint checks nothing")
        return None, BundleProofs()
    if not verifier_key:
        raise _unusable("no-key", f"--checkpoint needs --public-key: {KEY_HELP}")
    try:
        notes.parse_verifier_key(verifier_key.strip())
    except ValueError as exc:
        raise _unusable("key", f"unusable public key: {exc}") from None
    try:
        proofs = parse_proofs(proofs_doc) if proofs_doc is not None else BundleProofs()
    except ProofsFormatError as exc:
        raise _unusable("proofs-format", str(exc)) from None
    return _open_checkpoint(checkpoint_note, verifier_key.strip()), proofs


def verify_journal_file(path: Path, checkpoint_note: str | None = None, verifier_key: str | None = None,
                        proofs: dict | None = None, progress: Callable[[int], None] | None = None,
                        parallel: bool | None = None, allow_unsigned_tail: bool = False,
                        receipts: list[tuple[str, str]] | None = None) -> JournalResult:
    """Verify a journal file; the order of checks is the spec's, so the first fault is defined.

    Chunks are parsed, hashed and linked internally by worker processes (large files); the
    links between chunks are checked here in file order, and a chunk with any fault is replayed
    here line by line (_Walk.take_line), so the fault reported is the first in the file.
    """
    walk = _Walk(frozenset(), None)
    log: dict | None = None
    try:
        checkpoint, bundle = _prepare(checkpoint_note, verifier_key, proofs, receipts)
        receipted = open_receipts(receipts, verifier_key)
        if checkpoint is not None:
            log = {"checkpoint": True, "origin": checkpoint.origin, "tree_size": checkpoint.tree_size,
                   "root_hash": checkpoint.root_hash.hex(), "extensions": list(checkpoint.extensions)}
            log["consistent_from"] = check_consistency(checkpoint, bundle, verifier_key.strip())
        walk = _Walk(frozenset((p.case_id, p.seq) for p in bundle.inclusion)
                     | frozenset((r.case_id, r.seq) for _, r in receipted),
                     checkpoint.tree_size if checkpoint else None)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise _unusable("unreadable", str(exc)) from None
        line_base = 1
        for start, end, scan in _scans(path, size, walk.needed, walk.signed_size, parallel):
            if not walk.take_chunk(scan):
                lines, unsafe = _read_lines(path, start, end)
                for i, raw in enumerate(lines):
                    walk.take_line(line_base + i, _read_line(line_base + i, raw, i not in unsafe))
            line_base += scan.lines
            if progress:
                progress(end - start)
        if not walk.heads:
            raise _unusable("empty", "the journal holds no records")
        exit_code, unsigned = VALID, None
        if checkpoint is not None:
            if tenant_of_origin(checkpoint.origin) != walk.tenant:
                raise _unusable("origin", f"the checkpoint is for log {checkpoint.origin!r}, not for tenant "
                                          f"{walk.tenant!r}: it verifies nothing about this journal")
            log["leaves"] = walk.leaves
            if walk.layout == TENANT:
                log.update(check_tenant_log(checkpoint, walk, allow_unsigned_tail))
                check_inclusion(checkpoint, bundle, walk)
                if walk.unsigned_leaves:
                    exit_code = UNSIGNED_TAIL
                    unsigned = {"from_leaf": checkpoint.tree_size, "leaves": walk.unsigned_leaves,
                                "cases": _ranges(walk.unsigned, walk.heads)}
            else:
                if not bundle.inclusion:
                    raise _unusable("no-proofs", "a case journal is tied to the signed log by inclusion proofs "
                                                 "(--proofs): none were given, so the checkpoint covers nothing")
                check_inclusion(checkpoint, bundle, walk)
                tail = check_case_coverage(bundle, walk, allow_unsigned_tail)
                check_case_heads(checkpoint, bundle, walk, tail)
                if tail:
                    exit_code = UNSIGNED_TAIL
                    unsigned = {"records": sum(walk.heads[c][0] - s for c, s in tail.items()),
                                "cases": _ranges(tail, walk.heads)}
        elif walk.layout == TENANT:
            log = {"checkpoint": False, "leaves": walk.leaves}
        check_receipts(receipted, walk, checkpoint)
        return JournalResult(exit_code, _summary(walk.heads), None, log, unsigned, walk.layout)
    except _Stop as stop:
        return JournalResult(stop.code, _summary(walk.heads), stop.fault, log, None, walk.layout)


def _ranges(first_seq: dict[str, int], heads: dict[str, tuple[int, str]]) -> dict[str, dict]:
    return {case_id: {"from_seq": seq, "to_seq": heads[case_id][0] - 1} for case_id, seq in sorted(first_seq.items())}


def _summary(heads: dict[str, tuple[int, str]]) -> dict[str, dict]:
    return {case: {"events": seq, "head": {"seq": seq - 1, "hash": h}} for case, (seq, h) in heads.items()}
