"""The tenant-wide transparency log: integrate event hashes as Merkle leaves, sign checkpoints,
serve proofs and the tenant journal in integration order.

Integration is idempotent and crash-safe. The leaf items are the truth; the head state
(size, frontier) is a cache of them:
1. roll forward: leaves written past the head by a crashed or concurrent run are adopted;
2. skip events that already have a position (integrated before);
3. write new leaves with their position markers in transactions conditioned on the index and
   the event being free; any conflict restarts from 1;
4. store the perfect-subtree nodes that became complete and the case-heads branches of the
   new leaves (services/case_heads.py), advance the head with the map's root in one
   transaction (conditional on its old size), sign and store a checkpoint whose extension line
   carries that map root: the map a checkpoint signs is always the map of its own leaves.
Cost grows with the number of new leaves (the frontier is O(log n), the map O(k log n) for k
cases), never with the log's size.
"""
from __future__ import annotations

import hmac
import json
from dataclasses import dataclass
from typing import Iterable

from ..adapters.dynamo import ConditionFailed
from ledger_verify import case_heads as ch
from ledger_verify import case_heads_tree
from ledger_verify import checkpoint as notes
from ledger_verify import merkle
from ledger_verify.canonical import canonical_bytes
from . import case_heads
from ..domain.errors import Conflict, FieldError, NotFound, Unavailable, ValidationFailed
from .paging import RESPONSE_BUDGET_BYTES
from .runtime import Runtime
from .tenant_keys import record_mac

MAX_ROUNDS = 10
LEAVES_PER_TRANSACTION = 50  # 2 items each; DynamoDB allows 100 per transaction


@dataclass(frozen=True)
class Entry:
    tenant_id: str
    case_id: str
    seq: int
    hash: str  # the record's hash, lowercase hex


@dataclass
class Head:
    size: int
    frontier: list[bytes]
    map_root: case_heads_tree.Ref | None = None
    map_known: bool = True  # False: a head written before the case-heads map existed

    @property
    def root(self) -> bytes:
        return merkle.root_from_frontier(self.size, self.frontier)

    @property
    def map_hash(self) -> ch.NodeHash:
        return case_heads_tree.root_hash(self.map_root)


def origin(rt: Runtime, tenant_id: str) -> str:
    return f"{rt.settings.log_name}/{tenant_id}"


def verifier_key(rt: Runtime) -> str:
    return notes.verifier_key(rt.signer.name, rt.signer.public_key)


def _read_head(rt: Runtime, tenant_id: str) -> Head:
    state = rt.tlog.get_state(tenant_id)
    if not state:
        return Head(0, [])
    frontier = [bytes.fromhex(h) for h in state["frontier"].split(",") if h]
    size = int(state["size"])
    if "map_root" not in state:
        return Head(size, frontier, None, map_known=False)
    return Head(size, frontier, case_heads.decode_root(state["map_root"]))


def _map_of_leaves(rt: Runtime, tenant_id: str, size: int) -> case_heads_tree.Ref | None:
    root, start = None, 0
    while start < size:
        leaves = rt.tlog.leaves(tenant_id, start, size, limit=1000)
        if not leaves:
            raise Unavailable(f"transparency log of {tenant_id} has a gap at leaf {start}")
        root = case_heads.advance(rt.tlog, tenant_id, root, leaves).root
        start = leaves[-1]["index"] + 1
    return root


def _advance(rt: Runtime, tenant_id: str, head: Head, leaves: list[dict], costs: list | None = None) -> tuple[Head, bool]:
    """The head after these leaves, and whether this call's conditional write made it so."""
    result = merkle.append(head.size, head.frontier, [bytes.fromhex(leaf["leaf"]) for leaf in leaves])
    rt.tlog.put_nodes(tenant_id, {addr: h.hex() for addr, h in result.new_nodes.items()})
    # a head from before the map: its map is built once from its leaves, then carried forward
    map_root = head.map_root if head.map_known else _map_of_leaves(rt, tenant_id, head.size)
    update = case_heads.advance(rt.tlog, tenant_id, map_root, leaves)
    if costs is not None:
        costs.append(update)
    try:
        rt.tlog.put_state(tenant_id, head.size, result.new_size, ",".join(h.hex() for h in result.new_frontier),
                          result.root.hex(), case_heads.encode_root(update.root),
                          case_heads_tree.root_hash(update.root).hex())
    except ConditionFailed:
        return _read_head(rt, tenant_id), False  # someone else advanced it; their head is authoritative
    return Head(result.new_size, list(result.new_frontier), update.root), True


def _roll_forward(rt: Runtime, tenant_id: str, head: Head) -> Head:
    while True:
        orphans = rt.tlog.leaves(tenant_id, head.size, limit=1000)
        if not orphans:
            return head
        if orphans[0]["index"] != head.size:
            raise Unavailable(f"transparency log of {tenant_id} has a gap at leaf {head.size}")
        contiguous = [o for i, o in enumerate(orphans) if o["index"] == head.size + i]
        head, _ = _advance(rt, tenant_id, head, contiguous)


def integrate(rt: Runtime, tenant_id: str, entries: Iterable[Entry]) -> dict:
    """Integrate these events of one tenant (in order), at most once each. Returns a summary."""
    pending = list(dict.fromkeys((e.case_id, e.seq, e.hash) for e in entries))
    added, ours = 0, False
    costs: list[case_heads.MapUpdate] = []
    for _ in range(MAX_ROUNDS):
        head = _roll_forward(rt, tenant_id, _read_head(rt, tenant_id))
        known = rt.tlog.positions(tenant_id, [(c, s) for c, s, _ in pending]) if pending else {}
        fresh = [(c, s, h) for c, s, h in pending if (c, s) not in known]
        if not fresh:
            break
        leaves = [{"index": head.size + i, "case_id": c, "seq": s, "hash": h,
                   "leaf": merkle.leaf_hash(bytes.fromhex(h)).hex()} for i, (c, s, h) in enumerate(fresh)]
        try:
            for i in range(0, len(leaves), LEAVES_PER_TRANSACTION):
                rt.tlog.put_leaves(tenant_id, leaves[i:i + LEAVES_PER_TRANSACTION])
                added += len(leaves[i:i + LEAVES_PER_TRANSACTION])
        except ConditionFailed:
            continue  # a concurrent run took an index or integrated an event: roll forward, retry
        head, ours = _advance(rt, tenant_id, head, leaves, costs)
        if ours:
            break
        pending = []  # another run advanced the head over our leaves: read it again
    else:
        raise Unavailable("transparency log contention; retry")
    if not ours:  # a head this run did not write: read what the log holds now
        head = _roll_forward(rt, tenant_id, _read_head(rt, tenant_id))
    note = sign_checkpoint(rt, tenant_id, head, fresh=ours)
    return {"tenant_id": tenant_id, "added": added, "tree_size": head.size, "checkpoint": note is not None,
            "case_heads": {"cases": sum(c.cases for c in costs), "branches_read": sum(c.branches_read for c in costs),
                           "read_rounds": sum(c.read_rounds for c in costs),
                           "branches_written": sum(c.branches_written for c in costs),
                           "branches_cached": sum(c.branches_cached for c in costs)}}


def sign_checkpoint(rt: Runtime, tenant_id: str, head: Head, fresh: bool = False) -> str | None:
    """Sign the head unless a checkpoint as large exists. ``fresh``: this run just wrote the head,
    so a checkpoint of its size can only be this very note (Ed25519 is deterministic; the put is
    conditional) and the look-up is skipped; one larger, signed meanwhile by another run, does
    no harm: this note then signs a prefix of the same log."""
    if head.size == 0:
        return None
    latest = None if fresh else rt.tlog.latest_checkpoint(tenant_id)
    if latest and latest[0] >= head.size:
        return latest[1]
    # a head from before the map (nothing integrated since) is signed as it was: without the line
    extensions = (ch.extension_line(head.map_hash),) if head.map_known else ()
    body = notes.Checkpoint(origin(rt, tenant_id), head.size, head.root, extensions).body()
    signer = rt.signer
    note = notes.sign_note_with(body, signer.name, notes.ed25519_key_hash(signer.name, signer.public_key), signer.sign)
    rt.tlog.put_checkpoint(tenant_id, head.size, note)
    return note


# --- auditors' reads ------------------------------------------------------------------------

def latest_checkpoint(rt: Runtime, tenant_id: str) -> dict:
    latest = rt.tlog.latest_checkpoint(tenant_id)
    if latest is None:
        raise NotFound("no checkpoint yet: nothing integrated for this tenant")
    size, note = latest
    checkpoint = notes.Checkpoint.parse(note.split("\n\n", 1)[0] + "\n")
    out = {"note": note, "origin": checkpoint.origin, "tree_size": size, "root_hash": checkpoint.root_hash.hex()}
    map_root = ch.root_from_extensions(checkpoint.extensions)
    if map_root is not None:
        out["case_heads_root"] = map_root.hex()
    return out


def _size_at_most_head(rt: Runtime, tenant_id: str, size: int, name: str) -> None:
    head = _read_head(rt, tenant_id)
    if size < 0 or size > head.size:
        raise ValidationFailed([FieldError(f"query {name}", f"must be between 0 and {head.size} (the log's size)")])


def _get_node_fn(rt: Runtime, tenant_id: str, addresses: list[tuple[int, int]]):
    nodes = rt.tlog.get_nodes(tenant_id, addresses)
    missing = [a for a in addresses if a not in nodes]
    if missing:
        raise Unavailable(f"transparency log nodes missing: {missing[:3]}")
    return lambda level, index: bytes.fromhex(nodes[(level, index)])


def inclusion_proof(rt: Runtime, tenant_id: str, case_id: str, seq: int, tree_size: int) -> dict:
    positions = rt.tlog.positions(tenant_id, [(case_id, seq)])
    if (case_id, seq) not in positions:
        raise NotFound("this event is not (yet) integrated in the log")
    index = positions[(case_id, seq)]
    _size_at_most_head(rt, tenant_id, tree_size, "tree_size")
    if index >= tree_size:
        raise Conflict("not_in_tree", f"leaf {index} is not in a tree of size {tree_size}",
                       [FieldError("query tree_size", "too small for this event")])
    addresses = merkle.nodes_needed_for_inclusion(index, tree_size)
    proof = merkle.inclusion_proof(index, tree_size, _get_node_fn(rt, tenant_id, addresses))
    return {"leaf_index": index, "tree_size": tree_size, "proof": [p.hex() for p in proof]}


def case_head_proof(rt: Runtime, tenant_id: str, case_id: str, tree_size: int) -> dict:
    """The case-heads map proof for a case at a signed tree size (an absence proof if the case
    has no leaf below it). The auditor takes the head from the journal, the root from the
    checkpoint: the answer carries proof hashes only."""
    _size_at_most_head(rt, tenant_id, tree_size, "tree_size")
    version = rt.tlog.map_root(tenant_id, tree_size)
    if version is None:
        raise NotFound("no case-heads map at this tree size: ask at the size of a checkpoint")
    proof = case_heads.prove(rt.tlog, tenant_id, case_heads.decode_root(version[0]), case_id)
    return {"case_id": case_id, "tree_size": tree_size, "proof": proof.to_json()}


def consistency_proof(rt: Runtime, tenant_id: str, first: int, second: int) -> dict:
    _size_at_most_head(rt, tenant_id, second, "second")
    if not 0 <= first <= second:
        raise ValidationFailed([FieldError("query first", "must be between 0 and second")])
    addresses = merkle.nodes_needed_for_consistency(first, second)
    proof = merkle.consistency_proof(first, second, _get_node_fn(rt, tenant_id, addresses))
    return {"first": first, "second": second, "proof": [p.hex() for p in proof]}


def journal_page(rt: Runtime, tenant_id: str, start: int, end: int | None, limit: int) -> tuple[list[str], int | None]:
    """NDJSON lines {"leaf_index": i, "record": <record as stored>} for leaves [start, end), in
    integration order: at most ``limit`` lines and at most the response budget in bytes (records
    are fetched 100 at a time, so memory stays bounded too). Returns the lines and the leaf index
    the next page starts at (None when [start, min(end, log size)) is done)."""
    head = _read_head(rt, tenant_id)
    stop = head.size if end is None else min(end, head.size)
    if start >= stop:
        return [], None
    leaves = rt.tlog.leaves(tenant_id, start, stop, limit=limit)
    lines: list[str] = []
    used = 0
    for offset in range(0, len(leaves), 100):
        batch = leaves[offset:offset + 100]
        texts = rt.ledger.get_many([(tenant_id, l["case_id"], l["seq"]) for l in batch])
        for leaf in batch:
            text = texts.get((tenant_id, leaf["case_id"], leaf["seq"]))
            if text is None:  # the leaf commits to a record the table no longer has: show it
                line = canonical_bytes({"leaf_index": leaf["index"], "missing": {
                    "case_id": leaf["case_id"], "seq": leaf["seq"], "hash": leaf["hash"]}}).decode()
            else:
                # the record's text is embedded verbatim, so its hashed bytes are unchanged
                line = '{"leaf_index":%d,"record":%s}' % (leaf["index"], text)
            used += len(line.encode()) + 1
            if used > RESPONSE_BUDGET_BYTES and lines:  # the page ends before this leaf
                return lines, start + len(lines)
            lines.append(line)
    following = start + len(lines)
    return lines, (following if following < stop else None)


# --- stream input ---------------------------------------------------------------------------

def parse_stream_record(record: dict) -> tuple[Entry, str]:
    """A DynamoDB stream record of the ledger table as an Entry; ValueError if it is poison.

    The hash integrated is recomputed from the stored record text, so an item whose `hash`
    attribute disagrees with its content is refused rather than committed to.
    """
    from ledger_verify.canonical import record_hash

    if record.get("eventName") != "INSERT":
        raise ValueError(f"ledger item {record.get('eventName')}: the ledger is append-only")
    image = record.get("dynamodb", {}).get("NewImage") or {}
    try:
        tenant_id = image["tenant_id"]["S"]
        pk, seq = image["pk"]["S"], int(image["seq"]["N"])
        stored = json.loads(image["record"]["S"])
        declared = image["hash"]["S"]
        mac = image["mac"]["S"]
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"malformed ledger item: {exc!r}") from None
    if pk != f"{tenant_id}#{stored.get('case_id')}" or stored.get("seq") != seq:
        raise ValueError("ledger item key does not match its record")
    if record_hash(stored) != declared or stored.get("hash") != declared:
        raise ValueError("ledger item hash does not match its record")
    return Entry(tenant_id, stored["case_id"], seq, declared), mac


def integrate_stream_batch(rt: Runtime, records: list[dict]) -> dict:
    """Integrate a batch of stream records; poison ones are reported, never block the others.

    Returns {"batchItemFailures": [{"itemIdentifier": sequence number}], "poison": [...]}, the
    shape Lambda's ReportBatchItemFailures expects (plus details for logs).
    """
    failures, poison = [], []
    by_tenant: dict[str, list[tuple[str, Entry]]] = {}
    for record in records:
        sequence = record.get("dynamodb", {}).get("SequenceNumber", "")
        try:
            entry, mac = parse_stream_record(record)
            if not hmac.compare_digest(mac, record_mac(rt, entry.tenant_id, entry.hash)):
                raise ValueError("record not written by the ledger service (bad MAC)")
        except ValueError as exc:
            poison.append({"sequence_number": sequence, "reason": str(exc)})
            failures.append({"itemIdentifier": sequence})
            continue
        by_tenant.setdefault(entry.tenant_id, []).append((sequence, entry))
    summaries = []
    for tenant_id, items in by_tenant.items():
        try:
            summaries.append(integrate(rt, tenant_id, [e for _, e in items]))
        except Unavailable:
            failures.extend({"itemIdentifier": s} for s, _ in items)  # retried by Lambda
    if summaries:
        from .webhook_delivery import checkpoints_signed

        try:
            checkpoints_signed(rt, summaries)
        except Unavailable:  # the retried batch integrates nothing new and announces again
            failures.extend({"itemIdentifier": s} for items in by_tenant.values() for s, _ in items)
    return {"batchItemFailures": failures, "poison": poison, "integrated": summaries}


def integrate_local_stream(rt: Runtime) -> dict:
    """Read the ledger stream (DynamoDB Local) from the saved cursors and integrate it.

    Locally there is no dead-letter queue: a poison record is reported and skipped.
    """
    from ..adapters.ledger_stream import LedgerStreamReader

    reader = LedgerStreamReader(rt.tables, rt.settings.dynamodb_endpoint, rt.settings.region)
    totals = {"records": 0, "poison": [], "tenants": {}}
    for shard_id, records in reader.batches(rt.tlog.get_cursor):
        result = integrate_stream_batch(rt, records)
        failed = {f["itemIdentifier"] for f in result["batchItemFailures"]}
        poisoned = {p["sequence_number"] for p in result["poison"]}
        if failed - poisoned:
            raise Unavailable("integration failed; the cursor stays put and the next run retries")
        totals["records"] += len(records)
        totals["poison"].extend(result["poison"])
        for summary in result["integrated"]:
            totals["tenants"][summary["tenant_id"]] = summary["tree_size"]
        rt.tlog.put_cursor(shard_id, records[-1]["dynamodb"]["SequenceNumber"])
    return totals


# --- export bundles -------------------------------------------------------------------------

def export_bundle(rt: Runtime, tenant_id: str, out_dir, case_id: str | None = None) -> dict:
    """Write journal.ndjson, checkpoint.note and proofs.json for `ledger verify`.

    Tenant bundle: the journal in integration order up to the latest checkpoint, and a
    consistency proof from the oldest stored checkpoint to it. Case bundle: the case's records
    as stored, an inclusion proof for every one the log holds at the checkpoint's size, and the
    case-heads proof that its last signed record is the case's head at that size (so deleting
    the newest records shows). The verifier key is not in the bundle: the auditor pins it out
    of band (`ledger checkpoint-key`, GET /v1/audit/checkpoint-key). proofs.json carries proof
    hashes and signed notes only, never a root, a size or a completeness claim.
    """
    from pathlib import Path

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    latest = rt.tlog.latest_checkpoint(tenant_id)
    if latest is None:
        raise NotFound("no checkpoint yet: run integration first")
    size, note = latest
    proofs: dict = {}
    count = 0
    with (out / "journal.ndjson").open("w", encoding="utf-8", newline="\n") as journal:
        if case_id is None:
            cursor: int | None = 0
            while cursor is not None:
                lines, cursor = journal_page(rt, tenant_id, cursor, size, 1000)
                journal.writelines(line + "\n" for line in lines)
                count += len(lines)
            oldest = rt.tlog.checkpoints(tenant_id, limit=1)
            if oldest and oldest[0][0] < size:
                first, first_note = oldest[0]
                proofs["consistency"] = [{"first_checkpoint": first_note,
                                          "proof": consistency_proof(rt, tenant_id, first, size)["proof"]}]
        else:
            for text in rt.ledger.records(tenant_id, case_id):
                journal.write(text + "\n")
                count += 1
            if count == 0:
                raise NotFound("case not found")
            proofs["inclusion"] = [
                {"case_id": case_id, "seq": seq, "leaf_index": index,
                 "proof": inclusion_proof(rt, tenant_id, case_id, seq, size)["proof"]}
                for seq, index in sorted(rt.tlog.case_positions(tenant_id, case_id)) if index < size
            ]
            if rt.tlog.map_root(tenant_id, size) is not None:  # checkpoints from before the map have none
                proofs["case_heads"] = [{"case_id": case_id,
                                         "proof": case_head_proof(rt, tenant_id, case_id, size)["proof"]}]
    (out / "checkpoint.note").write_text(note, encoding="utf-8", newline="\n")
    (out / "proofs.json").write_text(json.dumps(proofs, indent=1), encoding="utf-8")
    return {"records": count, "tree_size": size, "dir": str(out)}
