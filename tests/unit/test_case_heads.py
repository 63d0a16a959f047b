"""The case-heads map (ledger_verify.case_heads, .case_heads_tree) against a naive reference.

The reference below rebuilds the full 256-level tree level by level from the hashing rules of
docs/journal-format.md ("Case heads"), with hashlib only, so it shares no code with the module.
"""

import base64
import hashlib

import pytest
from hypothesis import given, settings, strategies as st

from ledger_verify import case_heads as ch
from ledger_verify import case_heads_tree as tree

LEAF = b"amiable-ledger/case-heads/v1/leaf\x00"
NODE = b"amiable-ledger/case-heads/v1/node\x00"
EMPTY = b"amiable-ledger/case-heads/v1/empty\x00"


def ref_node(left, right):
    return hashlib.sha256(NODE + left + right).digest()


REF_EMPTY = {256: hashlib.sha256(EMPTY).digest()}
for _d in range(255, -1, -1):
    REF_EMPTY[_d] = ref_node(REF_EMPTY[_d + 1], REF_EMPTY[_d + 1])


def ref_levels(entries):
    """{depth: {prefix int: hash}} of every non-empty node of the full tree."""
    level = {int.from_bytes(k, "big"): hashlib.sha256(LEAF + k + s.to_bytes(8, "big") + h).digest()
             for k, (s, h) in entries.items()}
    levels = {256: level}
    for depth in range(256, 0, -1):
        up = {}
        for prefix in level:
            parent = prefix >> 1
            if parent in up:
                continue
            left = level.get(parent << 1, REF_EMPTY[depth])
            right = level.get((parent << 1) | 1, REF_EMPTY[depth])
            up[parent] = ref_node(left, right)
        level = up
        levels[depth - 1] = level
    return levels


def ref_root(entries):
    return ref_levels(entries)[0].get(0, REF_EMPTY[0])


def ref_siblings(levels, key):
    n = int.from_bytes(key, "big")
    return [levels[d].get((n >> (256 - d)) ^ 1, REF_EMPTY[d]) for d in range(1, 257)]


# Keys with long shared prefixes (few distinct bytes) as well as random ones: deep branches matter.
clustered_key = st.lists(st.sampled_from([0, 1, 0x80, 0xFF]), min_size=32, max_size=32).map(bytes)
any_key = st.one_of(clustered_key, st.binary(min_size=32, max_size=32))
head = st.tuples(st.integers(0, 2**64 - 1), st.binary(min_size=32, max_size=32))
maps = st.dictionaries(any_key, head, max_size=12)


def typed(entries):
    return {ch.MapKey(k): ch.CaseHead(s, h) for k, (s, h) in entries.items()}


def stored(entries):
    """The map built as the integrator does (batches into a node pool), with its root ref."""
    pool, root = {}, None
    items = list(typed(entries).items())
    for i in range(0, len(items), 3):  # several batches, so later ones walk stored branches
        batch = dict(items[i:i + 3])
        loaded = tree.load_paths(root, batch, lambda refs: {r: pool[r] for r in refs if r in pool})
        root, created = tree.update(root, batch, loaded)
        for b in created:
            pool[b.ref()] = b
    return pool, root


def proof_from_pool(pool, root, key):
    loaded = tree.load_paths(root, [key], lambda refs: {r: pool[r] for r in refs if r in pool})
    return tree.prove(root, key, loaded)


def test_empty_defaults_follow_the_spec():
    assert ch.empty_hash(256).value == hashlib.sha256(EMPTY).digest()
    for d in (0, 1, 200, 255):
        assert ch.empty_hash(d).value == REF_EMPTY[d]
    assert ch.root({}).value == REF_EMPTY[0]
    assert tree.root_hash(None) == ch.empty_hash(0)


def test_key_is_sha256_of_the_utf8_case_id_msb_first():
    key = ch.MapKey.for_case("dossier-é")
    assert key.value == hashlib.sha256("dossier-é".encode()).digest()
    n = int.from_bytes(key.value, "big")
    assert [key.bit(i) for i in range(256)] == [(n >> (255 - i)) & 1 for i in range(256)]


def test_map_hashes_are_apart_from_rfc9162_hashes():
    from ledger_verify import merkle

    k, h = bytes(32), bytes(32)
    assert ch.leaf_hash(ch.MapKey(k), ch.CaseHead(0, h)).value != merkle.leaf_hash(k + bytes(8) + h)
    assert ch.node_hash(ch.NodeHash(k), ch.NodeHash(h)).value != merkle.node_hash(k, h)


def test_types_are_not_interchangeable():
    with pytest.raises(ValueError):
        ch.MapKey(b"short")
    with pytest.raises(ValueError):
        ch.CaseHead(-1, bytes(32))
    with pytest.raises(ValueError):
        ch.CaseHead(True, bytes(32))
    assert ch.MapKey(bytes(32)) != ch.NodeHash(bytes(32))


@settings(max_examples=25, deadline=None)
@given(maps)
def test_root_matches_reference(entries):
    expected = ref_root(entries)
    assert ch.root(typed(entries)).value == expected
    pool, root = stored(entries)
    assert tree.root_hash(root).value == expected


@settings(max_examples=25, deadline=None)
@given(maps, any_key)
def test_proofs_for_present_and_absent_keys(entries, extra):
    levels = ref_levels(entries)
    root = ch.NodeHash(levels[0].get(0, REF_EMPTY[0]))
    pool, root_ref = stored(entries)
    for k in list(entries)[:4] + [extra]:
        key = ch.MapKey(k)
        value = ch.CaseHead(*entries[k]) if k in entries else None
        expected = ch.Proof.compress([ch.NodeHash(s) for s in ref_siblings(levels, k)])
        assert ch.prove(typed(entries), key) == expected
        assert proof_from_pool(pool, root_ref, key) == expected
        assert ch.verify(root, key, value, expected)
        # the same proof does not show another value, nor absence of a present key
        other = ch.CaseHead(0 if value is None else value.seq + 1 if value.seq < 2**64 - 1 else 0, bytes(32))
        assert not ch.verify(root, key, other, expected)
        if value is not None:
            assert not ch.verify(root, key, None, expected)
        # compression keeps exactly the non-empty siblings
        assert len(expected.siblings) == sum(s != REF_EMPTY[d] for d, s in enumerate(ref_siblings(levels, k), 1))
        assert ch.Proof.from_json(expected.to_json()) == expected


@settings(max_examples=25, deadline=None)
@given(maps, st.dictionaries(any_key, head, min_size=1, max_size=6))
def test_updates_match_a_rebuild(entries, changes):
    pool, root = stored(entries)
    batch = typed(changes)
    loaded = tree.load_paths(root, batch, lambda refs: {r: pool[r] for r in refs if r in pool})
    new_root, created = tree.update(root, batch, loaded)
    for b in created:
        pool[b.ref()] = b
    merged = {**entries, **changes}
    assert tree.root_hash(new_root).value == ref_root(merged)
    for k in changes:
        proof = proof_from_pool(pool, new_root, ch.MapKey(k))
        assert ch.verify(tree.root_hash(new_root), ch.MapKey(k), ch.CaseHead(*merged[k]), proof)
    # the old version is untouched: its proofs still verify against the old root
    for k in list(entries)[:3]:
        proof = proof_from_pool(pool, root, ch.MapKey(k))
        assert ch.verify(tree.root_hash(root), ch.MapKey(k), ch.CaseHead(*entries[k]), proof)


@settings(max_examples=25, deadline=None)
@given(maps.filter(bool), st.data())
def test_tampered_proofs_fail(entries, data):
    root = ch.NodeHash(ref_root(entries))
    k = data.draw(st.sampled_from(sorted(entries)))
    key, value = ch.MapKey(k), ch.CaseHead(*entries[k])
    proof = ch.prove(typed(entries), key)
    assert ch.verify(root, key, value, proof)
    candidates = []
    if proof.siblings:
        i = data.draw(st.integers(0, len(proof.siblings) - 1))
        bad = bytearray(proof.siblings[i].value)
        bad[data.draw(st.integers(0, 31))] ^= 1 << data.draw(st.integers(0, 7))
        candidates.append(ch.Proof(proof.bitmap, proof.siblings[:i] + (ch.NodeHash(bytes(bad)),) + proof.siblings[i + 1:]))
    # one sibling at any depth swapped: empty <-> non-empty (the bitmap moves with it)
    full = proof.expand()
    depth = data.draw(st.integers(1, 256))
    full[depth - 1] = ch.empty_hash(depth) if full[depth - 1] != ch.empty_hash(depth) else ch.NodeHash(bytes(32))
    candidates.append(ch.Proof.compress(full))
    for forged in candidates:
        assert not ch.verify(root, key, value, forged)


def test_proof_encoding_is_strict_and_canonical():
    entries = {bytes([i]) * 32: (i, bytes([i]) * 32) for i in range(5)}
    key = ch.MapKey(bytes(32))
    proof = ch.prove(typed(entries), key)
    good = proof.to_json()
    assert ch.Proof.from_json(good) == proof
    for bad in ({**good, "extra": 1}, {"bitmap": good["bitmap"]}, {**good, "bitmap": "AB" + good["bitmap"][2:]}, {**good, "bitmap": good["bitmap"][:-1] + "g"},
                {**good, "siblings": good["siblings"] + [bytes(32).hex()]},
                {**good, "bitmap": good["bitmap"][:-2]}, {**good, "siblings": "00"}, [], None):
        with pytest.raises(ch.ProofFormatError):
            ch.Proof.from_json(bad)
    # listing an empty default is not canonical
    with pytest.raises(ch.ProofFormatError):
        ch.Proof(b"\x00" * 31 + b"\x01", (ch.empty_hash(256),))


def test_extension_line_round_trip_and_strictness():
    root = ch.NodeHash(hashlib.sha256(b"x").digest())
    line = ch.extension_line(root)
    assert line == "amiable-ledger/case-heads/v1 " + base64.b64encode(root.value).decode()
    assert ch.root_from_extensions(["other/ext 1", line]) == root
    assert ch.root_from_extensions(["other/ext 1"]) is None
    for bad in ([line, line], [line + "="], ["amiable-ledger/case-heads/v1 AAAA"]):
        with pytest.raises(ValueError):
            ch.root_from_extensions(bad)


def test_a_batch_touches_a_logarithmic_number_of_branches():
    entries = {hashlib.sha256(str(i).encode()).digest(): (i, bytes(32)) for i in range(500)}
    pool, root = stored(entries)
    fetched = []

    def fetch(refs):
        fetched.extend(refs)
        return {r: pool[r] for r in refs}

    batch = {ch.MapKey.for_case(f"new-{i}"): ch.CaseHead(0, bytes(32)) for i in range(10)}
    loaded = tree.load_paths(root, batch, fetch)
    _, created = tree.update(root, batch, loaded)
    # log2(500) is 9: each key meets about that many branches, shared near the root
    assert len(fetched) <= 10 * 14
    assert len(created) <= 10 * 15
    proof = proof_from_pool(pool, root, ch.MapKey(next(iter(entries))))
    assert len(proof.siblings) <= 18
