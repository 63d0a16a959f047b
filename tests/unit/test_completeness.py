"""A case bundle's last records against the signed case-heads map (ledger_verify.completeness),
and the spec's test vector (docs/journal-format.md, "Case heads")."""
import hashlib

import pytest

from ledger_verify import case_heads as ch
from ledger_verify.completeness import CaseHeadsFormatError, first_fault as _first_fault, parse_case_heads


def first_fault(root, last_records, entries):
    return _first_fault(root, last_records, parse_case_heads(entries))

H = {s: hashlib.sha256(f"rec{s}".encode()).hexdigest() for s in range(10)}
OTHER = hashlib.sha256(b"other").hexdigest()


def signed_map():
    """The log holds case A up to seq 5 and case B up to seq 2."""
    entries = {ch.MapKey.for_case("A"): ch.CaseHead(5, bytes.fromhex(H[5])),
               ch.MapKey.for_case("B"): ch.CaseHead(2, bytes.fromhex(OTHER))}
    for i in range(20):
        entries[ch.MapKey.for_case(f"filler-{i}")] = ch.CaseHead(i, bytes(32))
    return ch.root(entries), entries


def proof_for(entries, case_id):
    return {"case_id": case_id, "proof": ch.prove(entries, ch.MapKey.for_case(case_id)).to_json()}


def test_a_complete_bundle_passes():
    root, entries = signed_map()
    assert first_fault(root, {"A": (5, H[5]), "B": (2, OTHER)}, [proof_for(entries, "A"), proof_for(entries, "B")]) is None


def test_newest_record_deleted_with_its_proof_is_named():
    root, entries = signed_map()
    # the forger drops seq 5 and its inclusion proof; the genuine map proof no longer fits seq 4
    fault = first_fault(root, {"A": (4, H[4])}, [proof_for(entries, "A")])
    assert (fault["case_id"], fault["seq"]) == ("A", 5)
    assert "newest records deleted" in fault["reason"]


def test_a_forger_cannot_make_a_proof_for_an_older_head():
    root, entries = signed_map()
    forged_map = {**entries, ch.MapKey.for_case("A"): ch.CaseHead(4, bytes.fromhex(H[4]))}
    fault = first_fault(root, {"A": (4, H[4])}, [proof_for(forged_map, "A")])
    assert (fault["case_id"], fault["seq"]) == ("A", 5)


def test_a_missing_proof_is_a_fault():
    root, entries = signed_map()
    for entries_field in (None, [], [proof_for(entries, "B")]):
        fault = first_fault(root, {"A": (5, H[5])}, entries_field)
        assert fault is not None and (fault["case_id"], fault["seq"]) == ("A", 6), entries_field


def test_a_case_outside_the_signed_tree_needs_an_absence_proof():
    root, entries = signed_map()
    assert first_fault(root, {"C": None}, [proof_for(entries, "C")]) is None
    assert first_fault(root, {"A": None}, [proof_for(entries, "A")])["seq"] == 0  # A has records in the log


def test_the_format_is_closed_and_claims_are_refused():
    root, entries = signed_map()
    good = proof_for(entries, "A")
    for bad in ("x", [good, good], [{**good, "seq": 4}], [{**good, "root": "00" * 32}], [{"case_id": "A"}],
                [{"case_id": "A", "proof": {"bitmap": "00"}}], [{"case_id": 1, "proof": good["proof"]}], ["A"]):
        with pytest.raises(CaseHeadsFormatError):
            parse_case_heads(bad)


def test_spec_vector():
    assert ch.empty_hash(256).hex() == "05cad017c8d132852b647e418549d9adeb3085a08ac9c90af9b9ebf92d5a6264"
    assert ch.empty_hash(0).hex() == "8ca82fd32fc0fdababcba6a217616d33d8146687ecd2ed059640e9044e17428c"
    one = ch.MapKey.for_case("case-1")
    entries = {one: ch.CaseHead(3, hashlib.sha256(b"record").digest()),
               ch.MapKey.for_case("case-2"): ch.CaseHead(0, bytes(32))}
    assert ch.leaf_hash(one, entries[one]).hex() == "69a4f89108b00c2f4fc47f1049547e37ca15f0d0d8fcd102ca78f0e752850bfa"
    root = ch.root(entries)
    assert root.hex() == "f41b4f3dc13b7f69e5a98bd3c888208a2db80cb7c74a5bda9b1d54ed90e180d0"
    assert ch.extension_line(root) == "amiable-ledger/case-heads/v1 9BtPPcE7f2nlqYvTyIggii24DLfHSlvamx1U7ZDhgNA="
    assert ch.prove(entries, one).to_json() == {
        "bitmap": "80" + "0" * 62, "siblings": ["e7b4a85ae78370f3c05f2c24f8951460be47fd4d536bae8ea5f0dcb4aa8a131c"]}
