"""Case heads: a sparse Merkle tree (a verifiable map) from case id to the case's newest record.

A checkpoint signs this map's root next to the log's root, so a case bundle can prove that its
last record *is* the case's head at that tree size: deleting the newest records of a case, with
their inclusion proofs, no longer goes unnoticed. Specified in docs/journal-format.md, section
"Case heads (completeness)"; this module is the auditor's side (hashing, proofs, verification).

    key(case_id)      = SHA-256(UTF-8 case_id), a 256-bit path read MSB first (bit 0 at the root)
    leaf(key, head)   = SHA-256("amiable-ledger/case-heads/v1/leaf" 0x00 || key || u64be(seq) || hash)
    node(left, right) = SHA-256("amiable-ledger/case-heads/v1/node" 0x00 || left || right)
    empty(256)        = SHA-256("amiable-ledger/case-heads/v1/empty" 0x00)
    empty(d)          = node(empty(d + 1), empty(d + 1))            for d < 256

A subtree is named by its depth d (0 = the root, 256 = a leaf) and its d-bit prefix. The ASCII
tags keep every map hash apart from RFC 9162 leaves (0x00) and nodes (0x01).

A proof for a key lists the siblings of its path, one per depth 1..256 (the sibling at depth d
shares the key's first d - 1 bits and differs in bit d - 1). Almost all are empty defaults, so
the encoding is a 256-bit bitmap (bit d - 1, MSB first, set iff the sibling at depth d is not
empty(d)) and the non-empty siblings in increasing depth: O(log n) hashes for n cases, in
expectation. The encoding is canonical: a listed sibling equal to its empty default is refused.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping, Sequence

DEPTH = 256
HASH_SIZE = 32
_LEAF_TAG = b"amiable-ledger/case-heads/v1/leaf\x00"
_NODE_TAG = b"amiable-ledger/case-heads/v1/node\x00"
_EMPTY_TAG = b"amiable-ledger/case-heads/v1/empty\x00"
_MAX_SEQ = 2**64 - 1


class ProofFormatError(ValueError):
    """A case-head proof is not well formed (as opposed to well formed but not verifying)."""


def _check_bytes32(value: object, what: str) -> None:
    if not isinstance(value, bytes) or len(value) != HASH_SIZE:
        raise ValueError(f"{what} must be {HASH_SIZE} bytes")


@dataclass(frozen=True, slots=True)
class MapKey:
    """A case's position in the map: SHA-256 of its UTF-8 id."""

    value: bytes

    def __post_init__(self) -> None:
        _check_bytes32(self.value, "a map key")

    @classmethod
    def for_case(cls, case_id: str) -> MapKey:
        return cls(hashlib.sha256(case_id.encode("utf-8")).digest())

    def as_int(self) -> int:
        return int.from_bytes(self.value, "big")

    def bit(self, index: int) -> int:
        """Bit `index` of the path, 0 being the most significant (the root's choice)."""
        return (self.value[index >> 3] >> (7 - (index & 7))) & 1


@dataclass(frozen=True, slots=True)
class CaseHead:
    """A leaf value: the case's newest integrated record."""

    seq: int
    record_hash: bytes

    def __post_init__(self) -> None:
        if type(self.seq) is not int or not 0 <= self.seq <= _MAX_SEQ:
            raise ValueError("a head seq is an int in [0, 2**64)")
        _check_bytes32(self.record_hash, "a head record hash")


@dataclass(frozen=True, slots=True)
class NodeHash:
    """The hash of a map subtree (a leaf, an interior node or an empty default)."""

    value: bytes

    def __post_init__(self) -> None:
        _check_bytes32(self.value, "a map node hash")

    def hex(self) -> str:
        return self.value.hex()

    @classmethod
    def from_hex(cls, text: str) -> NodeHash:
        if not isinstance(text, str) or len(text) != 2 * HASH_SIZE or text != text.lower():
            raise ValueError("a map node hash is 64 lowercase hex digits")
        return cls(bytes.fromhex(text))


def leaf_hash(key: MapKey, head: CaseHead) -> NodeHash:
    return NodeHash(hashlib.sha256(_LEAF_TAG + key.value + head.seq.to_bytes(8, "big") + head.record_hash).digest())


def node_hash(left: NodeHash, right: NodeHash) -> NodeHash:
    return NodeHash(hashlib.sha256(_NODE_TAG + left.value + right.value).digest())


def _empty_table() -> tuple[NodeHash, ...]:
    table = [NodeHash(hashlib.sha256(_EMPTY_TAG).digest())]
    for _ in range(DEPTH):
        table.append(node_hash(table[-1], table[-1]))
    return tuple(reversed(table))  # index = depth


_EMPTY = _empty_table()
_EMPTY_BYTES = tuple(e.value for e in _EMPTY)


def empty_hash(depth: int) -> NodeHash:
    """The hash of an empty subtree whose root is at `depth` (0..256)."""
    return _EMPTY[depth]


def lift(key: MapKey, subtree: NodeHash, from_depth: int, to_depth: int) -> NodeHash:
    """Hash at `to_depth` of a subtree at `from_depth` on key's path whose siblings are all empty."""
    if from_depth == to_depth:
        return subtree
    return NodeHash(_lift(key.as_int(), subtree.value, from_depth, to_depth))


@lru_cache(maxsize=1 << 16)
def _lift(n: int, h: bytes, from_depth: int, to_depth: int) -> bytes:
    # The hot loop of map updates (up to 256 hashes per leaf, again each time a neighbour
    # moves): raw bytes, no per-step objects, and remembered.
    sha256, tag, empty = hashlib.sha256, _NODE_TAG, _EMPTY_BYTES
    for depth in range(from_depth, to_depth, -1):
        if (n >> (DEPTH - depth)) & 1:
            h = sha256(tag + empty[depth] + h).digest()
        else:
            h = sha256(tag + h + empty[depth]).digest()
    return h


def root(entries: Mapping[MapKey, CaseHead]) -> NodeHash:
    """The map's root over all entries (O(n) hashes plus one lift per key)."""
    keyed = sorted((k.as_int(), k, leaf_hash(k, v)) for k, v in entries.items())
    return _subtree(keyed, 0)


def _subtree(keyed: list, depth: int) -> NodeHash:
    if not keyed:
        return _EMPTY[depth]
    if len(keyed) == 1:
        _, key, leaf = keyed[0]
        return lift(key, leaf, DEPTH, depth)
    shift = DEPTH - 1 - depth
    split = next((i for i, (n, _, _) in enumerate(keyed) if (n >> shift) & 1), len(keyed))
    return node_hash(_subtree(keyed[:split], depth + 1), _subtree(keyed[split:], depth + 1))


# --- Proofs -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Proof:
    """A compressed map proof: `bitmap` bit d - 1 set iff the sibling at depth d is listed."""

    bitmap: bytes
    siblings: tuple[NodeHash, ...]

    def __post_init__(self) -> None:
        if not isinstance(self.bitmap, bytes) or len(self.bitmap) != DEPTH // 8:
            raise ProofFormatError("a proof bitmap is 32 bytes")
        if sum(bin(b).count("1") for b in self.bitmap) != len(self.siblings):
            raise ProofFormatError("a proof lists one sibling per set bit of its bitmap")
        if not all(isinstance(s, NodeHash) for s in self.siblings):
            raise ProofFormatError("proof siblings are node hashes")
        for depth, sibling in zip(self._listed_depths(), self.siblings):
            if sibling == _EMPTY[depth]:
                raise ProofFormatError(f"sibling at depth {depth} is the empty default: its bit must be 0")

    def _listed_depths(self) -> list[int]:
        return [i + 1 for i in range(DEPTH) if (self.bitmap[i >> 3] >> (7 - (i & 7))) & 1]

    @classmethod
    def compress(cls, siblings: Sequence[NodeHash]) -> Proof:
        """From the 256 siblings of a path, depth 1 first."""
        if len(siblings) != DEPTH:
            raise ProofFormatError(f"a path has {DEPTH} siblings")
        bitmap = bytearray(DEPTH // 8)
        listed = []
        for i, sibling in enumerate(siblings):
            if sibling != _EMPTY[i + 1]:
                bitmap[i >> 3] |= 0x80 >> (i & 7)
                listed.append(sibling)
        return cls(bytes(bitmap), tuple(listed))

    def expand(self) -> list[NodeHash]:
        """The 256 siblings, depth 1 first."""
        full = [_EMPTY[d] for d in range(1, DEPTH + 1)]
        for depth, sibling in zip(self._listed_depths(), self.siblings):
            full[depth - 1] = sibling
        return full

    def to_json(self) -> dict:
        return {"bitmap": self.bitmap.hex(), "siblings": [s.hex() for s in self.siblings]}

    @classmethod
    def from_json(cls, obj: object) -> Proof:
        if not isinstance(obj, dict) or set(obj) != {"bitmap", "siblings"}:
            raise ProofFormatError('a case-head proof is {"bitmap": hex, "siblings": [hex]}')
        bitmap, siblings = obj["bitmap"], obj["siblings"]
        if not isinstance(bitmap, str) or len(bitmap) != DEPTH // 4 or bitmap != bitmap.lower():
            raise ProofFormatError("bitmap must be 64 lowercase hex digits")
        if not isinstance(siblings, list) or len(siblings) > DEPTH:
            raise ProofFormatError("siblings must be a list of at most 256 hashes")
        try:
            return cls(bytes.fromhex(bitmap), tuple(NodeHash.from_hex(s) for s in siblings))
        except ValueError as exc:
            if isinstance(exc, ProofFormatError):
                raise
            raise ProofFormatError(f"malformed proof: {exc}") from None


def root_from_proof(key: MapKey, head: CaseHead | None, proof: Proof) -> NodeHash:
    """The root a proof implies for `key` holding `head` (None: the key is absent)."""
    h = leaf_hash(key, head) if head is not None else _EMPTY[DEPTH]
    siblings = proof.expand()
    for depth in range(DEPTH, 0, -1):
        sibling = siblings[depth - 1]
        h = node_hash(h, sibling) if key.bit(depth - 1) == 0 else node_hash(sibling, h)
    return h


def verify(root_hash: NodeHash, key: MapKey, head: CaseHead | None, proof: Proof) -> bool:
    """True iff the map with this root holds `head` at `key` (None: holds nothing there)."""
    return root_from_proof(key, head, proof) == root_hash


def prove(entries: Mapping[MapKey, CaseHead], key: MapKey) -> Proof:
    """A proof straight from all entries (tests, small maps); the service proves from stored nodes."""
    keyed = sorted((k.as_int(), k, leaf_hash(k, v)) for k, v in entries.items())
    siblings = []
    for depth in range(DEPTH):
        shift = DEPTH - 1 - depth
        mine = key.bit(depth)
        ours = [e for e in keyed if ((e[0] >> shift) & 1) == mine]
        siblings.append(_subtree([e for e in keyed if ((e[0] >> shift) & 1) != mine], depth + 1))
        keyed = ours
    return Proof.compress(siblings)


# --- Checkpoint extension line ------------------------------------------------------------

EXTENSION_PREFIX = "amiable-ledger/case-heads/v1 "


def extension_line(root_hash: NodeHash) -> str:
    """The checkpoint extension line that signs the map root (standard base64, like the log root)."""
    return EXTENSION_PREFIX + base64.b64encode(root_hash.value).decode("ascii")


def root_from_extensions(extensions: Sequence[str]) -> NodeHash | None:
    """The map root signed by a checkpoint, None if it carries no case-heads line.

    ValueError if the line is there but malformed, or there twice."""
    lines = [e for e in extensions if e.startswith(EXTENSION_PREFIX)]
    if not lines:
        return None
    if len(lines) > 1:
        raise ValueError("two case-heads extension lines")
    text = lines[0][len(EXTENSION_PREFIX):]
    try:
        raw = base64.b64decode(text, validate=True)
    except binascii.Error:
        raise ValueError("case-heads root is not base64") from None
    if len(raw) != HASH_SIZE or base64.b64encode(raw).decode("ascii") != text:
        raise ValueError("case-heads root is not 32 bytes in canonical base64")
    return NodeHash(raw)
