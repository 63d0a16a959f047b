"""The case-heads map as it is stored: only leaves and branch nodes, updated by batches.

Hashes are those of the full 256-level sparse tree (case_heads.py); what is stored is its
compact shape. A *branch* is a node whose two children are both non-empty; every other interior
node has one empty child, so its hash follows from the one non-empty subtree below it by
`case_heads.lift`. A path of n cases holds about log2(n) branches, so a batch touching k cases
reads and writes O(k log n) branches, and a proof lists the branch siblings and nothing else.

A `Ref` names a non-empty subtree by its topmost leaf or branch: its depth (256 for a leaf), a
key under it (the leaf's own key; for a branch, any key below, whose first `depth` bits are the
branch's prefix) and its hash at that depth. A `Branch` is the content of a stored branch; it is
content-addressed by its ref, so it is written once and never changes: every version of the
map (one per integrated batch) is a root ref into the same pool of immutable nodes, and a proof
at any past tree size reads that version's root and walks down.

I/O stays outside: `load_paths` takes a batched `fetch(refs) -> {ref: Branch}` and calls it once
per level of the tree; `update` and `prove` are pure over what was loaded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping

from .case_heads import DEPTH, CaseHead, MapKey, NodeHash, Proof, empty_hash, leaf_hash, lift, node_hash


class MissingNode(LookupError):
    """A branch the map refers to is not in the store."""


@dataclass(frozen=True, slots=True)
class Ref:
    depth: int
    key: MapKey
    hash: NodeHash

    @property
    def is_leaf(self) -> bool:
        return self.depth == DEPTH

    def at(self, depth: int) -> NodeHash:
        """This subtree's hash seen from `depth` (<= self.depth): the nodes between are one-sided."""
        return lift(self.key, self.hash, self.depth, depth)

    def holds_prefix_of(self, key: MapKey) -> bool:
        """True iff `key` lies under this subtree (shares its first `depth` bits)."""
        return _common_prefix(self.key.as_int(), key.as_int()) >= self.depth

    def encode(self) -> str:
        return f"{self.depth}:{self.key.value.hex()}:{self.hash.hex()}"

    @classmethod
    def decode(cls, text: str) -> Ref:
        depth, key, h = text.split(":")
        return cls(int(depth), MapKey(bytes.fromhex(key)), NodeHash.from_hex(h))


@dataclass(frozen=True, slots=True)
class Branch:
    depth: int
    left: Ref
    right: Ref
    _hash: NodeHash | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not (self.left.depth > self.depth and self.right.depth > self.depth):
            raise ValueError("a branch's children lie below it")
        if self.left.key.bit(self.depth) != 0 or self.right.key.bit(self.depth) != 1:
            raise ValueError("a branch's left child takes bit 0, its right child bit 1")
        if _common_prefix(self.left.key.as_int(), self.right.key.as_int()) != self.depth:
            raise ValueError("a branch's children share exactly its prefix")
        # computed once: lifting a leaf child costs up to 256 hashes
        object.__setattr__(self, "_hash", node_hash(self.left.at(self.depth + 1), self.right.at(self.depth + 1)))

    def hash(self) -> NodeHash:
        assert self._hash is not None
        return self._hash

    def ref(self) -> Ref:
        return Ref(self.depth, self.left.key, self.hash())

    def child(self, key: MapKey) -> tuple[Ref, Ref]:
        """(the child on key's side, the other one)."""
        return (self.right, self.left) if key.bit(self.depth) else (self.left, self.right)


Fetch = Callable[[list[Ref]], Mapping[Ref, Branch]]


def _common_prefix(a: int, b: int) -> int:
    return DEPTH - (a ^ b).bit_length()


def root_hash(root: Ref | None) -> NodeHash:
    return root.at(0) if root is not None else empty_hash(0)


def load_paths(root: Ref | None, keys: Iterable[MapKey], fetch: Fetch) -> dict[Ref, Branch]:
    """Every branch on the paths of `keys`, one `fetch` per level (only branches a key enters)."""
    loaded: dict[Ref, Branch] = {}
    frontier = [(root, list(keys))] if root is not None else []
    while frontier:
        needed = list(dict.fromkeys(ref for ref, ks in frontier
                                    if not ref.is_leaf and ref not in loaded and any(ref.holds_prefix_of(k) for k in ks)))
        if needed:
            got = fetch(needed)
            missing = [r for r in needed if r not in got]
            if missing:
                raise MissingNode(f"case-heads branch {missing[0].encode()} is missing")
            loaded.update((r, got[r]) for r in needed)
        nxt = []
        for ref, ks in frontier:
            if ref.is_leaf or ref not in loaded:
                continue
            branch = loaded[ref]
            inside = [k for k in ks if ref.holds_prefix_of(k)]
            left = [k for k in inside if k.bit(branch.depth) == 0]
            right = [k for k in inside if k.bit(branch.depth) == 1]
            nxt += [(child, ks_) for child, ks_ in ((branch.left, left), (branch.right, right)) if ks_]
        frontier = nxt
    return loaded


def update(root: Ref | None, heads: Mapping[MapKey, CaseHead], loaded: Mapping[Ref, Branch]
           ) -> tuple[Ref | None, list[Branch]]:
    """The new root after setting these keys, and the branches created (to store)."""
    created: list[Branch] = []
    leaves = sorted((k.as_int(), Ref(DEPTH, k, leaf_hash(k, v))) for k, v in heads.items())
    new_root = _merge(root, leaves, loaded, created)
    return new_root, created


def _merge(ref: Ref | None, leaves: list[tuple[int, Ref]], loaded: Mapping[Ref, Branch],
           created: list[Branch]) -> Ref | None:
    """The subtree holding `ref`'s keys and `leaves` (sorted; all under one prefix with ref)."""
    if not leaves:
        return ref
    if ref is None and len(leaves) == 1:
        return leaves[0][1]
    split = _common_prefix(leaves[0][0], leaves[-1][0])
    if ref is not None:
        split = min(split, _common_prefix(leaves[0][0], ref.key.as_int()), ref.depth)
        if split == DEPTH:  # the one key already there: its new value replaces it
            return leaves[-1][1]
    shift = DEPTH - 1 - split
    cut = next((i for i, (n, _) in enumerate(leaves) if (n >> shift) & 1), len(leaves))
    if ref is not None and split == ref.depth:  # the keys go inside an existing branch
        if ref not in loaded:
            raise MissingNode(f"case-heads branch {ref.encode()} was not loaded")
        old = loaded[ref]
        left = _merge(old.left, leaves[:cut], loaded, created)
        right = _merge(old.right, leaves[cut:], loaded, created)
    else:  # a new branch where the keys part from each other or from ref
        ref_left = ref if ref is not None and ref.key.bit(split) == 0 else None
        ref_right = ref if ref is not None and ref.key.bit(split) == 1 else None
        left = _merge(ref_left, leaves[:cut], loaded, created)
        right = _merge(ref_right, leaves[cut:], loaded, created)
    assert left is not None and right is not None  # split is where the keys differ
    branch = Branch(split, left, right)
    created.append(branch)
    return branch.ref()


def prove(root: Ref | None, key: MapKey, loaded: Mapping[Ref, Branch]) -> Proof:
    """The compressed proof for `key` (present or absent) from the loaded branches of its path."""
    siblings = [empty_hash(d) for d in range(1, DEPTH + 1)]
    ref = root
    while ref is not None and not ref.is_leaf and ref.holds_prefix_of(key):
        if ref not in loaded:
            raise MissingNode(f"case-heads branch {ref.encode()} was not loaded")
        branch = loaded[ref]
        ref, other = branch.child(key)
        siblings[branch.depth] = other.at(branch.depth + 1)
    if ref is not None and ref.key != key:  # key absent: the path leaves ref's prefix at `part`
        part = _common_prefix(ref.key.as_int(), key.as_int())
        siblings[part] = ref.at(part + 1)
    return Proof.compress(siblings)
