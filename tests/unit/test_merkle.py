"""Tests for ledger_verify.merkle (RFC 9162 §2.1)."""

import hashlib
import random

import pytest

from ledger_verify import merkle
from ledger_verify.merkle import (
    EMPTY_ROOT,
    append,
    consistency_proof,
    frontier_nodes,
    inclusion_proof,
    leaf_hash,
    node_hash,
    nodes_needed_for_consistency,
    nodes_needed_for_inclusion,
    root,
    root_from_frontier,
    root_of_empty,
    verify_consistency,
    verify_inclusion,
)

MAX = 64


def event_hashes(n, seed=0):
    rng = random.Random(seed)
    return [rng.randbytes(32) for _ in range(n)]


def build(leaf_inputs):
    """Append all leaves one by one; return (store, roots by size)."""
    store, frontier, roots = {}, [], [EMPTY_ROOT]
    for i, d in enumerate(leaf_inputs):
        res = append(i, frontier, [leaf_hash(d)])
        assert not set(res.new_nodes) & set(store), "perfect nodes are write-once"
        store.update(res.new_nodes)
        frontier = res.new_frontier
        roots.append(res.root)
    return store, roots


def getter(store):
    return lambda level, index: store[(level, index)]


# Reference RFC 9162 PATH / PROOF straight from the recursive definitions.
def ref_path(m, d):
    n = len(d)
    if n == 1:
        return []
    k = merkle._split(n)
    if m < k:
        return ref_path(m, d[:k]) + [root(d[k:])]
    return ref_path(m - k, d[k:]) + [root(d[:k])]


def ref_subproof(m, d, b):
    n = len(d)
    if m == n:
        return [] if b else [root(d)]
    k = merkle._split(n)
    if m <= k:
        return ref_subproof(m, d[:k], b) + [root(d[k:])]
    return ref_subproof(m - k, d[k:], False) + [root(d[:k])]


LEAVES = event_hashes(MAX, seed=1)
STORE, ROOTS = build(LEAVES)
GET = getter(STORE)


# --- Known answers ---------------------------------------------------------

# Certificate Transparency test tree, as in google/trillian merkle/log_verifier_test.go
# (and certificate-transparency merkle_test.py): leaf inputs are raw data, not hashes.
CT_LEAVES = [bytes.fromhex(h) for h in [
    "", "00", "10", "2021", "3031", "40414243", "5051525354555657",
    "606162636465666768696a6b6c6d6e6f",
]]
CT_ROOTS = [bytes.fromhex(h) for h in [
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
    "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
    "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
    "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
    "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
    "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
]]
# (index (0-based), tree size, path)
CT_INCLUSION = [
    (0, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (5, 8, ["bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 3, ["fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125"]),
    (1, 5, ["6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]
CT_CONSISTENCY = [
    (1, 8, ["96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
            "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"]),
    (6, 8, ["0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
            "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7"]),
    (2, 5, ["5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
            "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b"]),
]


def test_hash_primitives():
    assert root_of_empty() == EMPTY_ROOT == hashlib.sha256(b"").digest()
    assert leaf_hash(b"") == bytes.fromhex(
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")
    a, b = b"\x11" * 32, b"\x22" * 32
    assert node_hash(a, b) == hashlib.sha256(b"\x01" + a + b).digest()
    assert root([]) == EMPTY_ROOT


def test_ct_roots():
    for n, want in enumerate(CT_ROOTS):
        assert root(CT_LEAVES[:n]) == want
    _, roots = build(CT_LEAVES)
    assert roots == CT_ROOTS


@pytest.mark.parametrize("index,size,path", CT_INCLUSION)
def test_ct_inclusion(index, size, path):
    store, _ = build(CT_LEAVES)
    proof = inclusion_proof(index, size, getter(store))
    assert [p.hex() for p in proof] == path
    assert verify_inclusion(leaf_hash(CT_LEAVES[index]), index, size, proof, CT_ROOTS[size])


@pytest.mark.parametrize("size1,size2,path", CT_CONSISTENCY)
def test_ct_consistency(size1, size2, path):
    store, _ = build(CT_LEAVES)
    proof = consistency_proof(size1, size2, getter(store))
    assert [p.hex() for p in proof] == path
    assert verify_consistency(size1, size2, CT_ROOTS[size1], CT_ROOTS[size2], proof)


# --- Roots and incremental append -----------------------------------------------


def test_append_matches_reference_root_for_all_sizes():
    leaves = event_hashes(70, seed=2)
    _, roots = build(leaves)
    for n in range(71):
        assert roots[n] == root(leaves[:n])


@pytest.mark.parametrize("seed", range(5))
def test_append_in_random_batches(seed):
    rng = random.Random(seed)
    leaves = event_hashes(300, seed=seed)
    size, frontier, store = 0, [], {}
    while size < len(leaves):
        batch = leaves[size:size + rng.randint(0, 40)]
        res = append(size, frontier, [leaf_hash(d) for d in batch])
        assert res.new_size == size + len(batch)
        assert res.root == root(leaves[:res.new_size])
        assert res.root == root_from_frontier(res.new_size, res.new_frontier)
        # Each append stores exactly the nodes that became complete: the cost is
        # proportional to the batch, not the tree.
        assert len(res.new_nodes) == sum(
            1 for lvl in range(res.new_size.bit_length())
            for _ in range(size >> lvl, res.new_size >> lvl)
        )
        assert not set(res.new_nodes) & set(store)
        store.update(res.new_nodes)
        # The frontier is exactly the stored nodes at frontier_nodes(size).
        assert res.new_frontier == [store[a] for a in frontier_nodes(res.new_size)]
        size, frontier = res.new_size, res.new_frontier
    assert store == build(leaves)[0]


def test_stored_nodes_are_perfect_subtree_hashes():
    for (level, index), h in STORE.items():
        lo = index << level
        assert lo + (1 << level) <= MAX
        assert h == root(LEAVES[lo:lo + (1 << level)])


def test_append_does_not_mutate_input_and_rejects_bad_state():
    frontier = [leaf_hash(b"a")]
    append(1, frontier, [leaf_hash(b"b")])
    assert frontier == [leaf_hash(b"a")]
    with pytest.raises(ValueError):
        append(3, frontier, [])  # size 3 = 0b11 needs two frontier hashes
    with pytest.raises(ValueError):
        append(0, [], [b"short"])
    with pytest.raises(ValueError):
        root_from_frontier(-1, [])


def test_empty_append():
    res = append(0, [], [])
    assert res == (0, [], {}, EMPTY_ROOT)


# --- Proof generation and verification ------------------------------------------


def test_inclusion_all_indices_and_sizes():
    for size in range(1, MAX + 1):
        for index in range(size):
            proof = inclusion_proof(index, size, GET)
            assert proof == ref_path(index, LEAVES[:size])
            assert verify_inclusion(leaf_hash(LEAVES[index]), index, size, proof, ROOTS[size])


def test_consistency_all_pairs():
    for size2 in range(0, MAX + 1):
        for size1 in range(0, size2 + 1):
            proof = consistency_proof(size1, size2, GET)
            if 0 < size1 < size2:
                assert proof == ref_subproof(size1, LEAVES[:size2], True)
            else:
                assert proof == []
            assert verify_consistency(size1, size2, ROOTS[size1], ROOTS[size2], proof)


def test_nodes_needed_are_exactly_the_nodes_read():
    for size in range(1, MAX + 1):
        for index in range(size):
            read = []
            inclusion_proof(index, size, lambda l, i: read.append((l, i)) or STORE[(l, i)])
            assert read == nodes_needed_for_inclusion(index, size)
        for size1 in range(size + 1):
            read = []
            consistency_proof(size1, size, lambda l, i: read.append((l, i)) or STORE[(l, i)])
            assert read == nodes_needed_for_consistency(size1, size)
            # Only complete subtrees of the (smaller) tree are ever needed.
            assert all((i + 1) << l <= size for l, i in read)


def test_proof_from_batched_dict():
    needed = nodes_needed_for_inclusion(37, 61)
    batch = {a: STORE[a] for a in needed}  # e.g. one BatchGetItem
    proof = inclusion_proof(37, 61, lambda l, i: batch[(l, i)])
    assert verify_inclusion(leaf_hash(LEAVES[37]), 37, 61, proof, ROOTS[61])


def test_proofs_for_old_sizes_after_growth():
    # Stored nodes are immutable, so proofs against old checkpoints stay available.
    proof = inclusion_proof(3, 5, GET)
    assert verify_inclusion(leaf_hash(LEAVES[3]), 3, 5, proof, root(LEAVES[:5]))


def test_generation_rejects_bad_arguments():
    for index, size in [(0, 0), (5, 5), (-1, 3)]:
        with pytest.raises(ValueError):
            inclusion_proof(index, size, GET)
        with pytest.raises(ValueError):
            nodes_needed_for_inclusion(index, size)
    for s1, s2 in [(3, 2), (-1, 2)]:
        with pytest.raises(ValueError):
            consistency_proof(s1, s2, GET)


# --- Tampering ------------------------------------------------------------------

FLIP = bytes(31) + b"\x01"


def flipped(h):
    return bytes(a ^ b for a, b in zip(h, FLIP))


def test_tampered_inclusion_fails():
    for size in range(1, 33):
        r = ROOTS[size]
        for index in range(size):
            lh = leaf_hash(LEAVES[index])
            proof = inclusion_proof(index, size, GET)
            assert not verify_inclusion(flipped(lh), index, size, proof, r)
            assert not verify_inclusion(lh, index, size, proof, flipped(r))
            for i in range(len(proof)):
                bad = list(proof)
                bad[i] = flipped(bad[i])
                assert not verify_inclusion(lh, index, size, bad, r)
            for other in {index - 1, index + 1, index ^ 2, size}:
                if other != index:
                    assert not verify_inclusion(lh, other, size, proof, r)
            # Not size +- 1: a proof only fixes the tree's *shape* along the path, and
            # e.g. leaf 0 has the same path shape in trees of size 3 and 4.
            for other_size in {size * 2, size // 2}:
                if other_size != size:
                    assert not verify_inclusion(lh, index, other_size, proof, r)
            assert not verify_inclusion(lh, index, size, proof + [r], r)
            assert not verify_inclusion(lh, index, size, [r] + proof, r)
            if proof:
                assert not verify_inclusion(lh, index, size, proof[:-1], r)
            assert not verify_inclusion(lh, index, size, proof + [b""], r)


def test_tampered_consistency_fails():
    for size2 in range(2, 33):
        for size1 in range(1, size2):
            r1, r2 = ROOTS[size1], ROOTS[size2]
            proof = consistency_proof(size1, size2, GET)
            assert not verify_consistency(size1, size2, flipped(r1), r2, proof)
            assert not verify_consistency(size1, size2, r1, flipped(r2), proof)
            assert not verify_consistency(size1, size2, r2, r1, proof)
            assert not verify_consistency(size1, size2, r1, r2, [])
            for i in range(len(proof)):
                bad = list(proof)
                bad[i] = flipped(bad[i])
                assert not verify_consistency(size1, size2, r1, r2, bad)
            for s1 in {size1 - 1, size1 + 1, size1 ^ 2}:
                if s1 != size1 and 0 <= s1:
                    assert not verify_consistency(s1, size2, r1, r2, proof)
            for s2 in {size2 * 2, size2 // 2}:  # not +-1: see test_tampered_inclusion_fails
                if s2 != size2:
                    assert not verify_consistency(size1, s2, r1, r2, proof)
            assert not verify_consistency(size1, size2, r1, r2, proof + [r1])
            assert not verify_consistency(size1, size2, r1, r2, proof[:-1])
            assert not verify_consistency(size1, size2, r1, r2, [proof[0]] + proof)


def test_trivial_consistency_cases():
    r1 = ROOTS[1]
    assert verify_consistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [])
    assert verify_consistency(0, 5, EMPTY_ROOT, ROOTS[5], [])
    assert not verify_consistency(0, 5, r1, ROOTS[5], [])  # "empty" tree with a root
    assert not verify_consistency(0, 5, EMPTY_ROOT, ROOTS[5], [r1])
    assert verify_consistency(3, 3, ROOTS[3], ROOTS[3], [])
    assert not verify_consistency(3, 3, ROOTS[3], ROOTS[4], [])
    assert not verify_consistency(3, 3, ROOTS[3], ROOTS[3], [r1])
    assert not verify_consistency(4, 3, ROOTS[4], ROOTS[3], [r1])


def test_verifiers_reject_malformed_input_without_raising():
    r = ROOTS[4]
    assert not verify_inclusion(b"short", 0, 4, inclusion_proof(0, 4, GET), r)
    assert not verify_inclusion(leaf_hash(LEAVES[0]), 0, 4, inclusion_proof(0, 4, GET), b"")
    assert not verify_inclusion(leaf_hash(LEAVES[0]), -1, 4, [], r)
    assert not verify_inclusion(leaf_hash(LEAVES[0]), 0, 0, [], EMPTY_ROOT)
    assert not verify_consistency(2, 4, ROOTS[2], r, [b"x"])
    assert not verify_consistency(-1, 4, ROOTS[2], r, [])


def test_leaf_accumulator_matches_reference_roots():
    import os as _os

    from ledger_verify.merkle import LeafAccumulator, leaf_hash, root

    data = [_os.urandom(32) for _ in range(70)]
    acc = LeafAccumulator()
    for n, item in enumerate(data, 1):
        acc.push(leaf_hash(item))
        assert acc.root() == root(data[:n])
