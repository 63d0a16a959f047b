"""Chain rules: hashing, linkage, contiguity; each tampering is caught at the right seq."""
from __future__ import annotations

import copy
import json

import pytest
import rfc8785

from ledger_verify.canonical import ZERO_HASH, record_hash, sha256_hex
from ledger_verify.chain import Head, next_link, seal_record, verify_chain


def make_chain(n: int, case_id: str = "c1") -> list[dict]:
    records, head = [], None
    for i in range(n):
        seq, prev = next_link(head)
        record, _ = seal_record({"tenant_id": "t", "case_id": case_id, "seq": seq, "prev_hash": prev,
                                 "type": "case.opened" if seq == 0 else "note.added",
                                 "occurred_at": "2026-11-23T10:00:00Z", "recorded_at": "2026-11-23T10:00:01Z",
                                 "actor": {"key_id": "k1", "role": "collector"}, "data": {"i": i},
                                 "sealed": [{"ct": f"AAA{i}"}]})
        head = Head(record["seq"], record["hash"])
        records.append(record)
    return records


def test_hash_is_sha256_of_jcs_without_hash():
    record = make_chain(1)[0]
    body = {k: v for k, v in record.items() if k != "hash"}
    assert record["hash"] == sha256_hex(rfc8785.dumps(body))
    assert record["prev_hash"] == ZERO_HASH


def test_stored_text_reads_back_byte_identical():
    record, text = seal_record(make_chain(1)[0])
    assert rfc8785.dumps(json.loads(text)).decode() == text
    assert record_hash(json.loads(text)) == record["hash"]


def test_valid_chain():
    report = verify_chain(make_chain(5))
    assert report.ok and report.events == 5 and report.head.seq == 4


@pytest.mark.parametrize("tamper, bad_seq", [
    (lambda rs: rs[2]["data"].update(i=99), 2),
    (lambda rs: rs[3]["sealed"][0].update(ct="AAB3"), 3),
    (lambda rs: rs.pop(2), 2),
    (lambda rs: rs.__setitem__(slice(1, 3), [rs[2], rs[1]]), 1),
    (lambda rs: rs[0].update(type="note.added"), 0),
    (lambda rs: rs[4].update(seq=7), 4),
])
def test_tampering_is_located(tamper, bad_seq):
    records = copy.deepcopy(make_chain(5))
    tamper(records)
    report = verify_chain(records)
    assert not report.ok and report.first_bad_seq == bad_seq


def test_recomputed_forgery_in_middle_breaks_the_next_link():
    records = make_chain(4)
    forged, _ = seal_record({**records[1], "data": {"i": "forged"}})
    records[1] = forged
    report = verify_chain(records)
    assert not report.ok and report.first_bad_seq == 2


def test_record_of_another_case_is_refused():
    records = make_chain(3)
    other = make_chain(3, case_id="c2")
    assert verify_chain([records[0], records[1], other[2]]).first_bad_seq == 2


def test_empty_journal_is_not_valid():
    assert not verify_chain([]).ok


def test_fast_hash_path_equals_rfc8785():
    """read_record_line's shortcuts must give exactly the RFC 8785 hash."""
    import random
    import string

    from ledger_verify.canonical import canonical_bytes, read_record_line

    rng = random.Random(7)

    def value(depth=0):
        roll = rng.random()
        if depth > 3 or roll < 0.3:
            return rng.choice([rng.randint(-2**53 + 1, 2**53 - 1), rng.random() * 1e6, True, False, None,
                               "".join(rng.choice(string.printable + "é\u2028\x01\x7f😀") for _ in range(rng.randint(0, 8)))])
        if roll < 0.6:
            return [value(depth + 1) for _ in range(rng.randint(0, 3))]
        return {"".join(rng.choice(string.ascii_letters + "_é") for _ in range(rng.randint(1, 5))): value(depth + 1)
                for _ in range(rng.randint(0, 4))}

    for _ in range(2000):
        doc = {"a": value(), "hash": "x", "z": value()}
        record, computed = read_record_line(canonical_bytes(doc))
        assert computed == record_hash(record)
