"""RFC 9162 §2.1 Merkle tree: hashing, proofs, and an append-only storage model.

Hashing (RFC 9162 §2.1.1)
-------------------------
    MTH({})        = SHA-256("")
    leaf_hash(d)   = SHA-256(0x00 || d)
    node_hash(l,r) = SHA-256(0x01 || l || r)
    MTH(D[n])      = node_hash(MTH(D[0:k]), MTH(D[k:n])), k = largest power of 2 < n

In this ledger a leaf input d is the 32 raw bytes of an event hash, but any bytes work
(the Certificate Transparency test vectors hash raw data).

Storage model
-------------
Only *perfect* subtrees are stored. Node (level, index) is the hash of the 2**level
leaves [index * 2**level, (index + 1) * 2**level); level 0 holds the leaf hashes. Such a
node never changes once complete, so it is written once and read forever. The other
nodes of a tree of size n all lie on its right edge and are computed on demand from
perfect ones (a non-perfect range is the right-fold of the perfect subtrees covering it).

The *frontier* of a tree of size n (a "compact range" of [0, n)) is the list of roots of
the perfect subtrees covering [0, n), left to right, largest first: one per set bit of n.
`append` touches only the frontier, so k new leaves cost O(k) hashes and yield the
O(k) nodes that became complete; the tree is never rebuilt.

Proofs are generated from stored nodes: `nodes_needed_for_*` lists the addresses a proof
reads (so a caller can fetch them in one batch), and `*_proof(..., get_node)` builds it.
Verification follows RFC 9162 §2.1.3.2 and §2.1.4.2 step by step.
"""

from __future__ import annotations

import hashlib
from typing import Callable, NamedTuple, Sequence

HASH_SIZE = 32

Address = tuple[int, int]  # (level, index) of a perfect subtree
GetNode = Callable[[int, int], bytes]

EMPTY_ROOT = hashlib.sha256(b"").digest()


# --- Hashing -----------------------------------------------------------------


def leaf_hash(data: bytes) -> bytes:
    """SHA-256(0x00 || data). The prefix keeps leaves and interior nodes apart."""
    return hashlib.sha256(b"\x00" + bytes(data)).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 || left || right)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def root_of_empty() -> bytes:
    """MTH of the empty tree, SHA-256("")."""
    return EMPTY_ROOT


def _split(n: int) -> int:
    """RFC 9162's k: the largest power of two strictly less than n (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def root(leaves: Sequence[bytes]) -> bytes:
    """Reference MTH over leaf *inputs* (not leaf hashes). O(n); for tests and small inputs."""
    n = len(leaves)
    if n == 0:
        return EMPTY_ROOT
    if n == 1:
        return leaf_hash(leaves[0])
    k = _split(n)
    return node_hash(root(leaves[:k]), root(leaves[k:]))


def _is_hash(h: object) -> bool:
    return isinstance(h, (bytes, bytearray)) and len(h) == HASH_SIZE


def _check_hash(h: object, what: str) -> None:
    if not _is_hash(h):
        raise ValueError(f"{what} must be {HASH_SIZE} bytes")


# --- Incremental append ------------------------------------------------------


class AppendResult(NamedTuple):
    new_size: int
    new_frontier: list[bytes]
    new_nodes: dict[Address, bytes]  # every perfect node completed by this append
    root: bytes


def frontier_nodes(size: int) -> list[Address]:
    """Addresses of the frontier of a tree of `size` leaves (to rebuild it from storage)."""
    _check_size(size)
    return _perfect_nodes(0, size)


def _check_size(size: int) -> None:
    if not isinstance(size, int) or size < 0:
        raise ValueError("tree size must be a non-negative int")


def _check_frontier(size: int, frontier: Sequence[bytes]) -> None:
    _check_size(size)
    if len(frontier) != size.bit_count():
        raise ValueError(f"frontier of size {size} must have {size.bit_count()} hashes")
    for h in frontier:
        _check_hash(h, "frontier hash")


def root_from_frontier(size: int, frontier: Sequence[bytes]) -> bytes:
    """Root of a tree of `size` leaves from its frontier."""
    _check_frontier(size, frontier)
    if size == 0:
        return EMPTY_ROOT
    return _fold(list(frontier))


def append(size: int, frontier: Sequence[bytes], new_leaf_hashes: Sequence[bytes]) -> AppendResult:
    """Append leaf hashes to a tree of `size` leaves whose frontier is `frontier`.

    Pure: the caller's frontier is not mutated. The caller persists `new_nodes` (write-once,
    keyed by address) and keeps `new_frontier` / `new_size` as the new tree state.
    """
    _check_frontier(size, frontier)
    stack = list(frontier)
    new_nodes: dict[Address, bytes] = {}
    for h in new_leaf_hashes:
        _check_hash(h, "leaf hash")
        h = bytes(h)
        level, index = 0, size
        new_nodes[(level, index)] = h
        # An odd index means a left sibling of the same height is complete: it is the
        # last frontier entry. Merge upwards while that holds (binary carry).
        while index & 1:
            h = node_hash(stack.pop(), h)
            level, index = level + 1, index >> 1
            new_nodes[(level, index)] = h
        stack.append(h)
        size += 1
    return AppendResult(size, stack, new_nodes, root_from_frontier(size, stack))


# --- Proof generation from stored perfect nodes --------------------------------


def _perfect_nodes(lo: int, hi: int) -> list[Address]:
    """Perfect subtrees covering leaves [lo, hi), left to right, largest first.

    Every range a proof needs is a node of the RFC tree: [lo, hi) with lo aligned to a
    power of two >= hi - lo, so this is one node per set bit of hi - lo.
    """
    out = []
    while lo < hi:
        level = (hi - lo).bit_length() - 1
        if lo:
            level = min(level, (lo & -lo).bit_length() - 1)
        out.append((level, lo >> level))
        lo += 1 << level
    return out


def _fold(hashes: list[bytes]) -> bytes:
    """Right-fold perfect-subtree roots into the MTH of their union (MTH splits left-heavy)."""
    h = hashes[-1]
    for left in reversed(hashes[:-1]):
        h = node_hash(left, h)
    return h


def _inclusion_ranges(index: int, tree_size: int) -> list[tuple[int, int]]:
    """Leaf ranges of PATH(index, D[tree_size]) (RFC 9162 §2.1.3.1), leaf side first."""
    if not (isinstance(index, int) and isinstance(tree_size, int) and 0 <= index < tree_size):
        raise ValueError("need 0 <= index < tree_size")
    out = []
    lo, hi = 0, tree_size
    while hi - lo > 1:
        mid = lo + _split(hi - lo)
        if index < mid:
            out.append((mid, hi))
            hi = mid
        else:
            out.append((lo, mid))
            lo = mid
    out.reverse()
    return out


def _consistency_ranges(size1: int, size2: int) -> list[tuple[int, int]]:
    """Leaf ranges of PROOF(size1, D[size2]) (RFC 9162 §2.1.4.1), leaf side first.

    Empty when there is nothing to prove (size1 == 0 or size1 == size2).
    """
    if not (isinstance(size1, int) and isinstance(size2, int) and 0 <= size1 <= size2):
        raise ValueError("need 0 <= size1 <= size2")
    if size1 == 0 or size1 == size2:
        return []
    out = []
    lo, hi, whole = 0, size2, True  # `whole`: RFC's b, "this subtree is the old tree's root"
    while size1 != hi:
        mid = lo + _split(hi - lo)
        if size1 <= mid:
            out.append((mid, hi))
            hi = mid
        else:
            out.append((lo, mid))
            lo, whole = mid, False
    if not whole:
        out.append((lo, hi))  # the old tree's root is omitted when the verifier has it
    out.reverse()
    return out


def _nodes_for(ranges: list[tuple[int, int]]) -> list[Address]:
    return [addr for lo, hi in ranges for addr in _perfect_nodes(lo, hi)]


def _proof_for(ranges: list[tuple[int, int]], get_node: GetNode) -> list[bytes]:
    return [_fold([get_node(*addr) for addr in _perfect_nodes(lo, hi)]) for lo, hi in ranges]


def nodes_needed_for_inclusion(index: int, tree_size: int) -> list[Address]:
    """Perfect-node addresses read by inclusion_proof(index, tree_size, ...)."""
    return _nodes_for(_inclusion_ranges(index, tree_size))


def nodes_needed_for_consistency(size1: int, size2: int) -> list[Address]:
    """Perfect-node addresses read by consistency_proof(size1, size2, ...)."""
    return _nodes_for(_consistency_ranges(size1, size2))


def inclusion_proof(index: int, tree_size: int, get_node: GetNode) -> list[bytes]:
    """RFC 9162 inclusion path for leaf `index` in the tree of `tree_size` leaves."""
    return _proof_for(_inclusion_ranges(index, tree_size), get_node)


def consistency_proof(size1: int, size2: int, get_node: GetNode) -> list[bytes]:
    """RFC 9162 consistency path from tree size `size1` to `size2` ([] if nothing to prove)."""
    return _proof_for(_consistency_ranges(size1, size2), get_node)


# --- Verification (RFC 9162 §2.1.3.2, §2.1.4.2) -----------------------------------


def verify_inclusion(
    leaf_hash: bytes, index: int, tree_size: int, proof: Sequence[bytes], root: bytes
) -> bool:
    """True iff `proof` shows `leaf_hash` at `index` in the tree of `tree_size` with `root`."""
    if not (_is_hash(leaf_hash) and _is_hash(root) and all(_is_hash(p) for p in proof)):
        return False
    # 1. The leaf must be inside the tree.
    if not (isinstance(index, int) and isinstance(tree_size, int) and 0 <= index < tree_size):
        return False
    # 2., 3.
    fn, sn, r = index, tree_size - 1, bytes(leaf_hash)
    # 4.
    for p in proof:
        if sn == 0:  # a. proof longer than the path
            return False
        if fn & 1 or fn == sn:  # b. p is a left sibling
            r = node_hash(p, r)
            # Skip levels where the node on the right edge has no sibling.
            while not (fn & 1 or fn == 0):
                fn, sn = fn >> 1, sn >> 1
        else:  # p is a right sibling
            r = node_hash(r, p)
        fn, sn = fn >> 1, sn >> 1  # c.
    # 5.
    return sn == 0 and r == root


def verify_consistency(
    size1: int, size2: int, root1: bytes, root2: bytes, proof: Sequence[bytes]
) -> bool:
    """True iff `proof` shows the tree (size1, root1) is a prefix of the tree (size2, root2)."""
    if not (_is_hash(root1) and _is_hash(root2) and all(_is_hash(p) for p in proof)):
        return False
    if not (isinstance(size1, int) and isinstance(size2, int) and 0 <= size1 <= size2):
        return False
    # Trivial cases RFC 9162 leaves out of the algorithm: nothing to prove, so the proof
    # must be empty (as in transparency-dev/merkle).
    if size1 == size2:
        return not proof and root1 == root2
    if size1 == 0:
        return not proof and root1 == EMPTY_ROOT
    # 1.
    if not proof:
        return False
    path = [bytes(p) for p in proof]
    # 2. The old root is a node of the new tree and was left out of the proof.
    if size1 & (size1 - 1) == 0:
        path.insert(0, bytes(root1))
    # 3., 4.
    fn, sn = size1 - 1, size2 - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    # 5.
    fr = sr = path[0]
    # 6.
    for c in path[1:]:
        if sn == 0:  # a.
            return False
        if fn & 1 or fn == sn:  # b.
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not (fn & 1 or fn == 0):
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, c)
        fn, sn = fn >> 1, sn >> 1
    # 7.
    return fr == root1 and sr == root2 and sn == 0


class LeafAccumulator:
    """Streaming root computation for verifiers: push leaf hashes one by one, O(log n) memory.

    The same right-border arithmetic as `append`, without its argument checks and without
    folding a root after every leaf (a verifier of a million leaves needs roots only at a few
    checkpoint sizes).
    """

    __slots__ = ("size", "frontier")

    def __init__(self) -> None:
        self.size = 0
        self.frontier: list[bytes] = []

    def push(self, leaf: bytes) -> None:
        node, n = leaf, self.size
        while n & 1:
            node = hashlib.sha256(b"\x01" + self.frontier.pop() + node).digest()
            n >>= 1
        self.frontier.append(node)
        self.size += 1

    def extend(self, leaves: bytes) -> None:
        """Push consecutive 32-byte leaf hashes (one loop, for the verifier's hot path)."""
        frontier, n, sha256 = self.frontier, self.size, hashlib.sha256
        for offset in range(0, len(leaves), 32):
            node, m = leaves[offset:offset + 32], n
            while m & 1:
                node = sha256(b"\x01" + frontier.pop() + node).digest()
                m >>= 1
            frontier.append(node)
            n += 1
        self.size = n

    def root(self) -> bytes:
        return root_from_frontier(self.size, self.frontier)
