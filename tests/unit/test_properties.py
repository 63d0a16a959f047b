"""Property tests (hypothesis, fixed seed via the profile below): hashing, chain, envelopes,
projection."""
from __future__ import annotations

import copy
import os

from hypothesis import given, settings, strategies as st

from ledger_verify.canonical import (_UNSAFE_NUMBERS, canonical_bytes, lines_with_unsafe_numbers, read_record_line,
                                         record_hash)
from ledger_verify.chain import Head, next_link, seal_record, verify_chain
from chalicelib.domain.crypto import b64e, subject_keypair
from chalicelib.domain.personal import open_record, seal_fields
from chalicelib.domain.projection import apply, initial_state

settings.register_profile("ledger", max_examples=150, derandomize=True, deadline=None)
settings.load_profile("ledger")

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**53 + 1, 2**53 - 1),
                         st.text(max_size=12))
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)), max_leaves=12)


numbers = st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False))
json_with_floats = st.recursive(st.one_of(json_scalars, numbers), lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)), max_leaves=10)


@given(st.lists(json_with_floats, max_size=8))
def test_chunk_number_scan_flags_the_lines_a_line_scan_flags(values):
    """The verifier scans a whole chunk once for unsafe numbers; it must flag exactly the lines
    that the per-line check in read_record_line would send to the reference canonicaliser."""
    import json

    lines = [json.dumps(v, separators=(",", ":")).encode() for v in values]
    per_line = {i for i, line in enumerate(lines) if any(p.search(line) for p in _UNSAFE_NUMBERS)}
    assert lines_with_unsafe_numbers(b"\n".join(lines)) == per_line
    assert lines_with_unsafe_numbers(b"\n".join(lines) + b"\n") == per_line


@given(st.dictionaries(st.text(max_size=8).filter(lambda k: k != "hash"), json_values, max_size=6))
def test_fast_hash_equals_reference(doc):
    doc["hash"] = "x"
    record, computed = read_record_line(canonical_bytes(doc))
    assert computed == record_hash(record)


def _chain(payloads):
    records, head = [], None
    for i, payload in enumerate(payloads):
        seq, prev = next_link(head)
        record, _ = seal_record({"tenant_id": "t", "case_id": "c", "seq": seq, "prev_hash": prev,
                                 "type": "case.opened" if seq == 0 else "note.added", "data": payload})
        head = Head(seq, record["hash"])
        records.append(record)
    return records


@given(st.lists(st.dictionaries(st.text(max_size=5), json_scalars, max_size=3), min_size=2, max_size=8),
       st.data())
def test_any_edit_is_caught_at_its_seq(payloads, data):
    records = _chain(payloads)
    assert verify_chain(records).ok
    victim = data.draw(st.integers(0, len(records) - 1))
    tampered = copy.deepcopy(records)
    tampered[victim]["data"] = {"tampered": data.draw(st.integers())}  # keys of 5 chars at most: always a change
    report = verify_chain(tampered)
    assert not report.ok and report.first_bad_seq == victim


@given(st.dictionaries(st.sampled_from(["/text", "/subject", "/debtor/name", "/debtor/email"]),
                       st.text(min_size=1, max_size=40), min_size=1))
def test_envelope_roundtrip_and_binding(fields):
    pair = subject_keypair(os.urandom(32))
    header = {"tenant_id": "t", "case_id": "c", "seq": 4, "type": "note.added"}
    sealed = seal_fields({"s1": fields}, {"s1": b64e(pair.public_raw)}, header, os.urandom)
    record = {**header, "data": {}, "sealed": sealed}
    opened = open_record(record, {"s1": pair.private_raw})
    for pointer, value in fields.items():
        node = opened
        for part in pointer.strip("/").split("/"):
            node = node[part]
        assert node == value
    moved = {**record, "seq": 5}
    assert all(v == "[unreadable]" for v in _leaves(open_record(moved, {"s1": pair.private_raw})))


def _leaves(doc):
    for value in doc.values():
        if isinstance(value, dict):
            yield from _leaves(value)
        else:
            yield value


@given(st.lists(st.integers(1, 100_000), max_size=20), st.lists(st.integers(1, 500_000), min_size=1, max_size=5))
def test_outstanding_is_principal_minus_payments(payments, invoices):
    genesis = {"tenant_id": "t", "case_id": "c", "seq": 0, "hash": "h0", "type": "case.opened",
               "occurred_at": "2026-11-01T09:00:00Z",
               "subjects": [{"subject_id": "s", "role": "debtor", "public_key": "k"}],
               "data": {"external_ref": "R", "jurisdiction": "FR", "collector": {"kind": "creditor"},
                        "debtor": {"kind": "person"}, "consumer": True, "claim": {"currency": "EUR", "invoices": [
                            {"number": str(i), "issued_on": "2026-01-01", "due_on": "2026-02-01", "amount_cents": a}
                            for i, a in enumerate(invoices)]}}}
    state = initial_state(genesis)
    for i, amount in enumerate(payments, 1):
        state = apply(state, {"seq": i, "hash": f"h{i}", "type": "payment.received", "occurred_at": "2026-11-02T09:00:00Z",
                              "data": {"amount_cents": amount, "paid_on": "2026-11-02", "method": "card"}})
    assert state.outstanding_cents == max(sum(invoices) - sum(payments), 0)
    assert state.overpaid_cents == max(sum(payments) - sum(invoices), 0)
    assert state.head.seq == len(payments)
