"""Exact bytes: a record line is accepted only if it is byte-identical to the RFC 8785 form of
what it parses to, and its hash is the reference hash. The fast readings (orjson, Python's C
encoder) prove canonicity by byte equality; these properties show they accept exactly what the
reference accepts and hash it identically, for any Unicode (non-ASCII included), floats and
integers of any size."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st

from ledger_verify import canonical
from ledger_verify.canonical import NotCanonical, NotJSON, canonical_bytes, read_record_line, record_hash

settings.register_profile("ledger", max_examples=150, derandomize=True, deadline=None)
settings.load_profile("ledger")

scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=12))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=6), inner, max_size=4)), max_leaves=12)
records = st.dictionaries(st.text(max_size=8).filter(lambda k: k != "hash"), values, max_size=6)


def _serialisations(doc) -> list[bytes]:
    """Ways a forger (or a careless tool) could write the same value."""
    out = []
    try:
        out.append(canonical_bytes(doc))  # the accepted form, floats and large integers included
    except Exception:  # no JCS form (an integer beyond 2**53 - 1)
        pass
    for sort in (True, False):
        for ascii_ in (True, False):
            for seps in ((",", ":"), (", ", ": ")):
                out.append(json.dumps(doc, sort_keys=sort, ensure_ascii=ascii_, separators=seps).encode())
    try:
        import orjson
        out.append(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS))
    except (ImportError, TypeError):
        pass
    return out


def _reference(line: bytes):
    try:
        return canonical.parse_canonical(line)
    except (NotCanonical, NotJSON):
        return None


@pytest.fixture(params=["orjson", "stdlib"])
def reader(request, monkeypatch):
    if request.param == "stdlib":
        monkeypatch.setattr(canonical, "orjson", None)
    elif canonical.orjson is None:
        pytest.skip("orjson not installed")
    return read_record_line


@settings(max_examples=120)
@given(records)
def test_fast_readings_accept_exactly_the_canonical_lines(doc):
    doc["hash"] = "0" * 64
    for use_orjson in (True, False):
        saved = canonical.orjson
        if not use_orjson:
            canonical.orjson = None
        try:
            for line in _serialisations(doc):
                reference = _reference(line)
                try:
                    record, computed = read_record_line(line)
                except (NotCanonical, NotJSON):
                    assert reference is None, line
                    continue
                assert reference is not None and line == canonical_bytes(record), line
                assert computed == record_hash(record)
        finally:
            canonical.orjson = saved


@settings(max_examples=120)
@given(st.dictionaries(st.text(min_size=1, max_size=6), st.text(max_size=12), min_size=1, max_size=6))
def test_orjson_sorted_output_is_jcs_for_strings_below_the_astral_planes(doc):
    """The claim the fast path rests on, checked directly: for objects of strings without astral
    characters, orjson's sorted compact output is byte-identical to RFC 8785."""
    orjson = pytest.importorskip("orjson")
    if any(ord(c) > 0xFFFF for k, v in doc.items() for c in k + v):
        return
    assert orjson.dumps(doc, option=orjson.OPT_SORT_KEYS) == canonical_bytes(doc)


CANONICAL = b'{"amount_cents":45000,"hash":"' + b"0" * 64 + b'","note":"caf\xc3\xa9"}'


@pytest.mark.parametrize("line, fragment", [
    (b'{"amount_cents":9999999,"amount_cents":45000,"hash":"' + b"0" * 64 + b'","note":"caf\xc3\xa9"}',
     "duplicate key 'amount_cents'"),
    (CANONICAL.replace(b"45000", b"4.5e4"), "RFC 8785"),
    (CANONICAL.replace(b"45000", b"45000.0"), "RFC 8785"),
    (CANONICAL.replace(b"45000", b"1.0"), "RFC 8785"),
    (CANONICAL.replace(b"caf\xc3\xa9", b"caf\\u00e9"), "RFC 8785"),
    (CANONICAL.replace(b'"note":', b'"note": '), "RFC 8785"),
    (CANONICAL.replace(b"45000", b"9007199254740993"), "RFC 8785 form"),
    (b'{"note":"x","amount_cents":1}', "RFC 8785"),
])
def test_non_canonical_lines_are_refused(reader, line, fragment):
    with pytest.raises(NotCanonical, match=fragment):
        reader(line)


def test_fast_reading_takes_floats_and_non_ascii_in_jcs_form(monkeypatch):
    """With orjson, a canonical line holding floats, 16-digit integers and non-ASCII text is read
    by the fast path (no per-line fallback to the pure-Python canonicaliser: the cliff of 1.0)."""
    pytest.importorskip("orjson")
    line = canonical_bytes({"a": 0.035, "b": 2**53 - 1, "c": "taux légal — é", "d": [1e21, -0.5], "hash": "0" * 64})
    monkeypatch.setattr(canonical, "parse_canonical", lambda text: pytest.fail("reference path taken"))
    record, computed = read_record_line(line)
    assert computed == record_hash(record)


def test_canonical_line_with_non_ascii_float_and_big_int_is_read_alike(reader):
    doc = {"a": 1.5, "b": 2**53 - 1, "c": "é😀\u2028", "d": [1e21, -0.5], "hash": "0" * 64}
    record, computed = reader(canonical_bytes(doc))
    assert record == doc and computed == record_hash(doc)


def test_not_json_is_not_json(reader):
    with pytest.raises(NotJSON):
        reader(b"{not json")
