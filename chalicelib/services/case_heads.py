"""The case-heads map of a tenant's log: updated with each integrated batch, proved to auditors.

The map at tree size N holds, for every case with a leaf in [0, N), the (seq, hash) of its
leaf of highest seq. The integrator calls `advance` with the leaves of a batch before it
commits the head: the branches it writes are content-addressed and immutable, so a crash
before the commit leaves only unreferenced items, and the head names the map root in the same
transaction as its size (TlogStore.put_state). Cost per batch: one batched read per level of
the touched paths and one batched write of the new branches, O(k log n) items for k cases.
"""
from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Iterable, Protocol

from ledger_verify import case_heads as ch
from ledger_verify import case_heads_tree as tree

from ..domain.errors import Unavailable


class CaseHeadsStore(Protocol):
    def get_map_branches(self, tenant_id: str, addresses: list[str]) -> dict[str, tuple[str, str]]: ...

    def put_map_branches(self, tenant_id: str, branches: dict[str, tuple[str, str]]) -> None: ...

    def map_root(self, tenant_id: str, size: int) -> tuple[str, str] | None: ...


@dataclass(frozen=True)
class MapUpdate:
    root: tree.Ref | None
    cases: int            # cases whose head changed
    branches_read: int    # items read from the store (cache misses)
    read_rounds: int      # batched reads (at most one per level of the touched paths)
    branches_written: int
    branches_cached: int = 0  # branches found in this process's cache instead


def encode_root(root: tree.Ref | None) -> str:
    return root.encode() if root is not None else ""


def decode_root(text: str) -> tree.Ref | None:
    return tree.Ref.decode(text) if text else None


def _address(ref: tree.Ref) -> str:
    return f"{ref.depth:03d}:{ref.hash.hex()}"


class BranchCache:
    """Branches this process has read or written, per tenant. A branch is named by its own hash,
    so an entry can never be stale: a warm integrator reads only the branches it never saw
    (the upper levels, shared by every path, stay here). Bounded, least recently used out."""

    def __init__(self, capacity: int = 50_000):
        self._items: OrderedDict[tuple[str, tree.Ref], tree.Branch] = OrderedDict()
        self.capacity = capacity

    def get(self, tenant_id: str, ref: tree.Ref) -> tree.Branch | None:
        branch = self._items.get((tenant_id, ref))
        if branch is not None:
            self._items.move_to_end((tenant_id, ref))
        return branch

    def put(self, tenant_id: str, branch: tree.Branch) -> None:
        self._items[(tenant_id, branch.ref())] = branch
        self._items.move_to_end((tenant_id, branch.ref()))
        while len(self._items) > self.capacity:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()


BRANCHES = BranchCache()


class _Fetcher:
    """Batched branch reads for tree.load_paths (cache first), counted for the cost report."""

    def __init__(self, store: CaseHeadsStore, tenant_id: str):
        self._store, self._tenant_id = store, tenant_id
        self.items = self.rounds = self.cached = 0

    def __call__(self, refs: list[tree.Ref]) -> dict[tree.Ref, tree.Branch]:
        out: dict[tree.Ref, tree.Branch] = {}
        for ref in refs:
            branch = BRANCHES.get(self._tenant_id, ref)
            if branch is not None:
                out[ref] = branch
        self.cached += len(out)
        refs = [r for r in refs if r not in out]
        if not refs:
            return out
        self.rounds += 1
        rows = self._store.get_map_branches(self._tenant_id, [_address(r) for r in refs])
        self.items += len(rows)
        for ref in refs:
            row = rows.get(_address(ref))
            if row is None:
                continue
            branch = tree.Branch(ref.depth, tree.Ref.decode(row[0]), tree.Ref.decode(row[1]))
            if branch.hash() != ref.hash:  # a stored branch is checked against the ref naming it
                raise Unavailable(f"case-heads branch {_address(ref)} does not match its hash")
            out[ref] = branch
            BRANCHES.put(self._tenant_id, branch)
        return out


def heads_of(leaves: Iterable[dict]) -> dict[ch.MapKey, ch.CaseHead]:
    """The head each case reaches with these leaves ({case_id, seq, hash} in log order): its
    highest seq (a case's records enter the log in seq order, as its stream delivers them)."""
    best: dict[str, tuple[int, str]] = {}
    for leaf in leaves:
        case_id, seq = leaf["case_id"], int(leaf["seq"])
        if case_id not in best or seq > best[case_id][0]:
            best[case_id] = (seq, leaf["hash"])
    return {ch.MapKey.for_case(c): ch.CaseHead(s, bytes.fromhex(h)) for c, (s, h) in best.items()}


def advance(store: CaseHeadsStore, tenant_id: str, root: tree.Ref | None, leaves: Iterable[dict]) -> MapUpdate:
    """Store the branches of the map after `leaves`; the caller commits the returned root."""
    heads = heads_of(leaves)
    if not heads:
        return MapUpdate(root, 0, 0, 0, 0)
    fetch = _Fetcher(store, tenant_id)
    try:
        loaded = tree.load_paths(root, heads, fetch)
        new_root, created = tree.update(root, heads, loaded)
    except tree.MissingNode as exc:
        raise Unavailable(str(exc)) from None
    store.put_map_branches(tenant_id, {_address(b.ref()): (b.left.encode(), b.right.encode()) for b in created})
    for branch in created:  # after the write: the cache only holds what the store holds
        BRANCHES.put(tenant_id, branch)
    return MapUpdate(new_root, len(heads), fetch.items, fetch.rounds, len(created), fetch.cached)


def prove(store: CaseHeadsStore, tenant_id: str, root: tree.Ref | None, case_id: str) -> ch.Proof:
    key = ch.MapKey.for_case(case_id)
    try:
        loaded = tree.load_paths(root, [key], _Fetcher(store, tenant_id))
        return tree.prove(root, key, loaded)
    except tree.MissingNode as exc:
        raise Unavailable(str(exc)) from None
