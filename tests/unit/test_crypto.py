"""Envelope sealing per subject and blind indexes."""
from __future__ import annotations

import os

import pytest

from chalicelib.domain.crypto import (DecryptionFailed, b64e, blind_index, normalise_identifier, open_sealed, seal,
                                      subject_keypair)
from chalicelib.domain.personal import ERASED, open_record, record_aad, seal_fields


def test_seal_roundtrip_and_aad_binding():
    pair = subject_keypair(os.urandom(32))
    env = seal(b"secret", pair.public_raw, b"aad-1", os.urandom(32), os.urandom(12))
    assert open_sealed(env, pair.private_raw, b"aad-1") == b"secret"
    with pytest.raises(DecryptionFailed):
        open_sealed(env, pair.private_raw, b"aad-2")
    with pytest.raises(DecryptionFailed):
        open_sealed(env, subject_keypair(os.urandom(32)).private_raw, b"aad-1")


def test_record_fields_open_per_subject_and_show_erased():
    debtor, contact = subject_keypair(os.urandom(32)), subject_keypair(os.urandom(32))
    header = {"tenant_id": "t", "case_id": "c", "seq": 3, "type": "contact.sent"}
    sealed = seal_fields({"sd": {"/text": "Bonjour"}, "sc": {"/recipient/name": "Ana"}},
                         {"sd": b64e(debtor.public_raw), "sc": b64e(contact.public_raw)}, header, os.urandom)
    record = {**header, "data": {"channel": "call", "recipient": {"role": "third_party"}}, "sealed": sealed}
    both = open_record(record, {"sd": debtor.private_raw, "sc": contact.private_raw})
    assert both == {"channel": "call", "recipient": {"role": "third_party", "name": "Ana"}, "text": "Bonjour"}
    erased = open_record(record, {"sd": debtor.private_raw, "sc": None})
    assert erased["recipient"]["name"] == ERASED and erased["text"] == "Bonjour"


def test_envelope_moved_to_another_seq_does_not_open():
    pair = subject_keypair(os.urandom(32))
    header = {"tenant_id": "t", "case_id": "c", "seq": 1, "type": "note.added"}
    sealed = seal_fields({"s": {"/text": "x"}}, {"s": b64e(pair.public_raw)}, header, os.urandom)
    moved = {**header, "seq": 2, "data": {}, "sealed": sealed}
    assert open_record(moved, {"s": pair.private_raw})["text"] == "[unreadable]"
    assert record_aad("t", "c", 1, "note.added", "s") != record_aad("t", "c", 2, "note.added", "s")


@pytest.mark.parametrize("kind, a, b", [
    ("email", " Ana.Dupont@Example.org", "ana.dupont@example.org"),
    ("phone", "06 12 34 56 78", "+33612345678"),
    ("phone", "0033 6 12 34 56 78", "+33 6 12 34 56 78"),
    ("company_id", "552 100 554", "552100554"),
])
def test_blind_index_normalises(kind, a, b):
    key = os.urandom(32)
    assert normalise_identifier(kind, a) == normalise_identifier(kind, b)
    assert blind_index(key, kind, a) == blind_index(key, kind, b)
    assert blind_index(os.urandom(32), kind, a) != blind_index(key, kind, a)
