"""The case-heads map on DynamoDB Local: every signed checkpoint carries the root of the map of
exactly its leaves, proofs at any signed size verify, crashes and old heads are handled."""
from __future__ import annotations

import hashlib
import secrets

import pytest

from ledger_verify import case_heads as ch
from ledger_verify import checkpoint as notes
from chalicelib.adapters.dynamo import ConditionFailed
from chalicelib.domain.errors import Unavailable
from chalicelib.services import case_heads, transparency
from chalicelib.services.auth import authenticate
from tests.support import get


def entries(cases_and_seqs):
    return [transparency.Entry("", c, s, hashlib.sha256(f"{c}/{s}".encode()).hexdigest()) for c, s in cases_and_seqs]


def integrate(rt, tenant, pairs):
    return transparency.integrate(rt, tenant, [transparency.Entry(tenant, e.case_id, e.seq, e.hash)
                                              for e in entries(pairs)])


def reference_root(rt, tenant, size):
    """The map the spec defines at `size`: each case's leaf of highest seq among leaves [0, size)."""
    heads = {}
    for leaf in rt.tlog.leaves(tenant, 0, size):
        if leaf["case_id"] not in heads or leaf["seq"] > heads[leaf["case_id"]][0]:
            heads[leaf["case_id"]] = (leaf["seq"], leaf["hash"])
    return ch.root({ch.MapKey.for_case(c): ch.CaseHead(s, bytes.fromhex(h)) for c, (s, h) in heads.items()})


def signed_map_root(rt, tenant, size, vkey):
    note = rt.tlog.checkpoint(tenant, size)
    return ch.root_from_extensions(notes.open_note(note, vkey).extensions)


@pytest.fixture
def tenant_id():
    return f"maptest{secrets.token_hex(4)}"


def test_every_checkpoint_signs_the_map_of_exactly_its_leaves(rt, tenant_id):
    vkey = transparency.verifier_key(rt)
    batches = [[("a", 0), ("b", 0), ("a", 1)], [("c", 0), ("a", 2), ("b", 1), ("b", 2)], [("d", 0)], [("a", 3)]]
    sizes = []
    for batch in batches:
        summary = integrate(rt, tenant_id, batch)
        sizes.append(summary["tree_size"])
        assert summary["case_heads"]["cases"] == len({c for c, _ in batch})
    assert sizes == [3, 7, 8, 9]
    for size in sizes:
        assert signed_map_root(rt, tenant_id, size, vkey) == reference_root(rt, tenant_id, size)
    # proofs at an old signed size still verify against that checkpoint's root
    old_root = signed_map_root(rt, tenant_id, 7, vkey)
    proof = ch.Proof.from_json(transparency.case_head_proof(rt, tenant_id, "a", 7)["proof"])
    a2 = hashlib.sha256(b"a/2").digest()
    assert ch.verify(old_root, ch.MapKey.for_case("a"), ch.CaseHead(2, a2), proof)
    assert not ch.verify(old_root, ch.MapKey.for_case("a"), ch.CaseHead(1, hashlib.sha256(b"a/1").digest()), proof)
    # a case not yet in the log at that size gets an absence proof
    absent = ch.Proof.from_json(transparency.case_head_proof(rt, tenant_id, "d", 7)["proof"])
    assert ch.verify(old_root, ch.MapKey.for_case("d"), None, absent)


def test_a_crash_before_the_head_moves_never_signs_a_stray_map(rt, tenant_id, monkeypatch):
    vkey = transparency.verifier_key(rt)
    integrate(rt, tenant_id, [("a", 0), ("b", 0)])
    real_put_state = type(rt.tlog).put_state

    def crash(*args, **kwargs):
        raise RuntimeError("killed after the leaves and map branches were written")

    monkeypatch.setattr(type(rt.tlog), "put_state", crash)
    with pytest.raises(RuntimeError):
        integrate(rt, tenant_id, [("a", 1), ("c", 0)])
    monkeypatch.setattr(type(rt.tlog), "put_state", real_put_state)
    assert rt.tlog.latest_checkpoint(tenant_id)[0] == 2
    # the next run adopts the orphan leaves (roll forward) and integrates more
    summary = integrate(rt, tenant_id, [("b", 1)])
    assert summary["tree_size"] == 5
    assert signed_map_root(rt, tenant_id, 5, vkey) == reference_root(rt, tenant_id, 5)


def test_the_head_and_its_map_root_commit_together(rt, tenant_id):
    integrate(rt, tenant_id, [("a", 0)])
    head = transparency._read_head(rt, tenant_id)
    with pytest.raises(ConditionFailed):  # a racer that lost: neither the head nor the map version moves
        rt.tlog.put_state(tenant_id, 0, 1, "", head.root.hex(), "", ch.empty_hash(0).hex())
    assert rt.tlog.map_root(tenant_id, 1)[1] == reference_root(rt, tenant_id, 1).hex()


def test_a_head_from_before_the_map_is_migrated_from_its_leaves(rt, tenant_id):
    vkey = transparency.verifier_key(rt)
    integrate(rt, tenant_id, [("a", 0), ("b", 0), ("a", 1)])
    state = rt.tlog.get_state(tenant_id)
    rt.tables.client.put_item(TableName=rt.tables.name("tlog"), Item={  # the head as the old code wrote it
        "pk": {"S": f"{tenant_id}#state"}, "sk": {"S": "head"}, "size": {"N": state["size"]},
        "frontier": {"S": state["frontier"]}, "root": {"S": state["root"]}})
    integrate(rt, tenant_id, [("c", 0)])
    assert signed_map_root(rt, tenant_id, 4, vkey) == reference_root(rt, tenant_id, 4)


def test_per_batch_map_cost_is_logarithmic_not_linear(rt, tenant_id):
    integrate(rt, tenant_id, [(f"case-{i}", 0) for i in range(400)])
    case_heads.BRANCHES.clear()  # a cold process: every branch on the paths comes from the table
    summary = integrate(rt, tenant_id, [(f"case-{i}", 1) for i in range(0, 400, 40)])  # 10 cases
    cost = summary["case_heads"]
    assert cost["cases"] == 10 and cost["branches_cached"] == 0
    # log2(400) is about 9: about 9 branches per path, shared near the root; nothing near 400
    assert 0 < cost["branches_read"] <= 10 * 14
    assert cost["branches_written"] <= 10 * 14
    assert cost["read_rounds"] <= 20
    # warm: the branches it read or wrote are named by their hashes, so they are reused as they are
    warm = integrate(rt, tenant_id, [(f"case-{i}", 2) for i in range(0, 400, 40)])["case_heads"]
    assert warm["branches_read"] == 0 and warm["branches_cached"] > 0


def test_a_corrupted_stored_branch_is_refused(rt, tenant_id):
    integrate(rt, tenant_id, [(f"case-{i}", 0) for i in range(20)])
    table = rt.tables.name("tlog")
    items = rt.tables.client.query(TableName=table, KeyConditionExpression="pk = :pk",
                                   ExpressionAttributeValues={":pk": {"S": f"{tenant_id}#casemap"}})["Items"]
    victim = max(items, key=lambda it: it["sk"]["S"])  # the deepest branch: its children are leaves
    left = victim["l"]["S"].split(":")
    left[2] = "0" * 64  # another leaf hash under the same key
    victim["l"]["S"] = ":".join(left)
    rt.tables.client.put_item(TableName=table, Item=victim)
    case_heads.BRANCHES.clear()
    with pytest.raises(Unavailable):
        integrate(rt, tenant_id, [(f"case-{i}", 1) for i in range(20)])


def test_case_head_route(client, rt, keys):
    principal = authenticate(rt, "Bearer " + keys["collector"])
    case_id = "3f0c0d5e-0000-4000-8000-000000000001"
    integrate(rt, principal.tenant_id, [(case_id, 0), (case_id, 1)])
    size = rt.tlog.latest_checkpoint(principal.tenant_id)[0]
    resp = get(client, f"/v1/audit/proofs/case-head?case_id={case_id}&tree_size={size}", keys["auditor"])
    assert resp.status_code == 200, resp.body
    body = resp.json_body
    assert set(body) == {"case_id", "tree_size", "proof"} and set(body["proof"]) == {"bitmap", "siblings"}
    latest = get(client, "/v1/audit/checkpoints/latest", keys["auditor"]).json_body
    root = ch.NodeHash.from_hex(latest["case_heads_root"])
    head = ch.CaseHead(1, hashlib.sha256(f"{case_id}/1".encode()).digest())
    assert ch.verify(root, ch.MapKey.for_case(case_id), head, ch.Proof.from_json(body["proof"]))
    assert get(client, f"/v1/audit/proofs/case-head?case_id={case_id}&tree_size={size}",
               keys["collector"]).status_code == 403
    assert get(client, f"/v1/audit/proofs/case-head?case_id={case_id}", keys["auditor"]).status_code == 422
    # size 1 is inside the batch that ended at 2: no map (and no checkpoint) was made there
    assert get(client, f"/v1/audit/proofs/case-head?case_id={case_id}&tree_size=1", keys["auditor"]).status_code == 404
    assert get(client, f"/v1/audit/proofs/case-head?case_id={case_id}&tree_size={size + 5}",
               keys["auditor"]).status_code == 422
