"""The chunked verifier (workers link records inside a chunk, the main process links chunks)
must report exactly what the line-by-line reference rules report, on valid journals and on
every kind of damage, whatever the chunk size and with or without worker processes."""
from __future__ import annotations

import hashlib
import json
import random

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_verify import checkpoint as notes
from ledger_verify import merkle
from ledger_verify.canonical import canonical_bytes, record_hash
from ledger_verify import journal as offline_verify


def _journal(n_cases: int = 12, n_records: int = 240, seed: int = 7) -> tuple[list[str], list[dict]]:
    rng = random.Random(seed)
    heads: dict[str, tuple[int, str]] = {}
    lines, records = [], []
    for i in range(n_records):
        case_id = f"00000000-0000-4000-8000-{rng.randrange(n_cases):012d}"
        seq, prev = heads.get(case_id, (0, "0" * 64))
        record = {"schema": "amiable-ledger.record/1", "tenant_id": "t", "case_id": case_id, "seq": seq,
                  "prev_hash": prev, "type": "case.opened" if seq == 0 else "contact.sent", "type_version": 1,
                  "data": {"amount_cents": rng.randrange(10**6), "note": rng.choice(["a,1", "x", "é", "v1.2"])},
                  "recorded_at": f"2026-11-23T09:{i // 60:02d}:{i % 60:02d}.5Z"}
        record["hash"] = record_hash(record)
        heads[case_id] = (seq + 1, record["hash"])
        records.append(record)
        lines.append('{"leaf_index":%d,"record":%s}' % (i, canonical_bytes(record).decode()))
    return lines, records


def _checkpoint(records: list[dict]) -> tuple[str, str]:
    tree = merkle.LeafAccumulator()
    for r in records:
        tree.push(merkle.leaf_hash(bytes.fromhex(r["hash"])))
    key = Ed25519PrivateKey.generate()
    pub = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    body = notes.Checkpoint("test.local/t", tree.size, tree.root()).body()
    return notes.sign_note(body, "test.local", key), notes.verifier_key("test.local", pub)


def _damaged(lines: list[str], rng: random.Random) -> tuple[str, list[str]]:
    out = list(lines)
    i, j = rng.randrange(len(out)), rng.randrange(len(out))
    kind = rng.choice(["delete", "swap", "duplicate", "blank", "garbage", "seq", "prev", "hash", "data",
                       "leaf", "leaf_str", "float", "missing", "truncate", "crlf", "case", "bare",
                       "reseal", "reseal_seq", "reseal_prev", "delete_renumber", "swap_renumber"])
    obj = json.loads(out[i])
    rec = obj["record"]
    if kind == "delete":
        del out[i]
    elif kind == "swap":
        out[i], out[j] = out[j], out[i]
    elif kind == "duplicate":
        out.insert(j, out[i])
    elif kind == "blank":
        out.insert(j, "   ")
    elif kind == "garbage":
        out.insert(j, "{not json")
    elif kind in ("seq", "prev", "hash", "data", "float", "case"):
        field, value = {"seq": ("seq", rec["seq"] + 1), "prev": ("prev_hash", "f" * 64), "hash": ("hash", "0" * 64),
                        "data": ("data", {"amount_cents": 1}), "float": ("data", {"amount_cents": 1.5}),
                        "case": ("case_id", "00000000-0000-4000-8000-999999999999")}[kind]
        rec[field] = value
        out[i] = json.dumps(obj, separators=(",", ":"), sort_keys=True)
    elif kind == "leaf":
        obj["leaf_index"] += 1
        out[i] = json.dumps(obj, separators=(",", ":"))
    elif kind == "leaf_str":
        obj["leaf_index"] = str(obj["leaf_index"])
        out[i] = json.dumps(obj, separators=(",", ":"))
    elif kind == "missing":
        out[i] = json.dumps({"leaf_index": obj["leaf_index"], "missing": {"case_id": rec["case_id"], "seq": rec["seq"]}})
    elif kind == "truncate":
        out = out[:i]
    elif kind == "crlf":
        out[i] += "\r"
    elif kind == "bare":
        out[i] = canonical_bytes(rec).decode()
    elif kind.startswith("reseal"):  # a forger who recomputes the record's own hash
        field, value = {"reseal": ("data", {"amount_cents": 0}), "reseal_seq": ("seq", rec["seq"] + 1),
                        "reseal_prev": ("prev_hash", "e" * 64)}[kind]
        rec[field] = value
        rec["hash"] = record_hash(rec)
        out[i] = '{"leaf_index":%d,"record":%s}' % (obj["leaf_index"], canonical_bytes(rec).decode())
    elif kind.endswith("_renumber"):  # ... who also renumbers the log's leaves
        if kind == "delete_renumber":
            del out[i]
        else:
            out[i], out[j] = out[j], out[i]
        out = ['{"leaf_index":%d,"record":%s}' % (n, canonical_bytes(json.loads(line)["record"]).decode())
               for n, line in enumerate(out)]
    return kind, out


def _bare(lines: list[str]) -> list[str]:
    """The same journal as bare records (a case journal's layout): no leaf order to lean on."""
    bare = []
    for line in lines:
        try:
            obj = json.loads(line)
        except ValueError:
            bare.append(line)
            continue
        bare.append(canonical_bytes(obj["record"]).decode() if isinstance(obj, dict) and "record" in obj else line)
    return bare


def _reference(path, note, key, monkeypatch):
    """The line-by-line rules alone."""
    with monkeypatch.context() as m:
        m.setattr(offline_verify._Walk, "take_chunk", lambda self, scan: False)  # every line by the reference rules
        return offline_verify.verify_journal_file(path, note, key, parallel=False).to_dict()


def test_chunked_verification_reports_what_the_line_rules_report(tmp_path, monkeypatch):
    lines, records = _journal()
    note, key = _checkpoint(records)
    rng = random.Random(2026)
    seen = set()
    for round_no in range(240):
        kind, damaged = _damaged(lines, rng) if round_no else ("none", lines)
        layout = "bare" if round_no % 3 == 2 else "log"
        seen.add(kind)
        path = tmp_path / f"j{round_no}.ndjson"
        content = _bare(damaged) if layout == "bare" else damaged
        path.write_text("\n".join(content) + ("\n" if rng.random() < 0.8 else ""))
        use_note, use_key = (note, key) if layout == "log" else (None, None)
        expected = _reference(path, use_note, use_key, monkeypatch)
        for chunk_bytes in (1, 333, 2500, 1 << 22):
            monkeypatch.setattr(offline_verify, "_CHUNK_BYTES", chunk_bytes)
            got = offline_verify.verify_journal_file(path, use_note, use_key, parallel=False).to_dict()
            assert got == expected, (kind, layout, chunk_bytes)
        if kind == "none":
            assert expected["valid"], expected
        elif layout == "log" and kind not in ("blank", "crlf"):  # a bare journal cannot show tail cuts or swaps
            assert not expected["valid"], (kind, layout, expected)
    assert len(seen) >= 20


@pytest.mark.parametrize("chunk_bytes", [4096, 1 << 22])
def test_worker_processes_agree_with_the_main_process(tmp_path, monkeypatch, chunk_bytes):
    lines, records = _journal(n_records=600, seed=11)
    note, key = _checkpoint(records)
    monkeypatch.setattr(offline_verify, "_CHUNK_BYTES", chunk_bytes)
    for name, content in (("valid", lines), ("swapped", lines[:300] + [lines[301], lines[300]] + lines[302:])):
        path = tmp_path / f"{name}.ndjson"
        path.write_text("\n".join(content) + "\n")
        sequential = offline_verify.verify_journal_file(path, note, key, parallel=False).to_dict()
        parallel = offline_verify.verify_journal_file(path, note, key, parallel=True).to_dict()
        assert parallel == sequential
        assert sequential["valid"] is (name == "valid")


def test_leaf_accumulator_extend_equals_push():
    leaves = [hashlib.sha256(bytes([i % 256, i // 256])).digest() for i in range(1000)]
    one, many = merkle.LeafAccumulator(), merkle.LeafAccumulator()
    for leaf in leaves:
        one.push(leaf)
    many.extend(b"".join(leaves[:377]))
    many.extend(b"".join(leaves[377:]))
    assert (many.size, many.frontier, many.root()) == (one.size, one.frontier, one.root())
