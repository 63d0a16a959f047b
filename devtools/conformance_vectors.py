"""Write verifier/testdata/: conformance vectors for any implementation of journal format 1.1.

    python -m devtools.conformance_vectors [--check]

Deterministic (fixed keys derived from labels, a fixed clock), so the output is byte-identical
on every run and checked into git; ``--check`` fails if the files on disk differ. Each vector is
a directory (journal.ndjson, checkpoint.note, proofs.json where it applies) and an entry of
manifest.json: the verifier's arguments (relative to the vector's directory; ``PINNED`` stands
for testdata/pinned.pub) and the expected exit code and first fault. The expected values are
written here by construction (which line was forged, which case and seq), never read back from a
verifier, so the vectors test the verifier rather than describe it.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_verify import case_heads
from ledger_verify import checkpoint as notes
from ledger_verify import merkle
from ledger_verify.canonical import ZERO_HASH, canonical_bytes
from ledger_verify.chain import seal_record

OUT = Path(__file__).resolve().parent.parent / "verifier" / "testdata"
LOG_NAME = "amiable-ledger.conformance"
TENANT = "acme"
CASES = ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b",
         "00000000-0000-4000-8000-00000000000c"]


def _key(label: str) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(f"amiable-ledger conformance {label}".encode()).digest())


PINNED_KEY = _key("log key")
ROGUE_KEY = _key("someone else's key")
PINNED = notes.verifier_key(LOG_NAME, PINNED_KEY.public_key().public_bytes_raw())


def _clock(i: int) -> str:
    return f"2026-12-01T09:{i // 60:02d}:{i % 60:02d}.000000Z"


def _data(kind: str, i: int) -> dict:
    """Realistic payloads, including what takes the reference canonicaliser: a float, a large
    integer, non-ASCII and astral text."""
    if kind == "case.opened":
        return {"external_ref": f"INV-{i:05d}", "jurisdiction": "FR", "consumer": True,
                "claim": {"currency": "EUR", "invoices": [{"number": f"F{i}", "amount_cents": 45000 + i}]}}
    if kind == "payment.received":
        return {"amount_cents": 15000 + i, "paid_on": "2026-12-01", "method": "transfer"}
    if kind == "rate.noted":
        return {"interest_rate": 0.035, "reference": 9007199254740991, "label": "taux légal 😀"}
    return {"channel": "letter", "summary": f"relance n°{i} — courrier"}


@dataclass
class Log:
    """A tenant's records in leaf order, with each case's chain."""
    tenant: str = TENANT
    records: list[dict] = field(default_factory=list)
    heads: dict[str, tuple[int, str]] = field(default_factory=dict)

    def append(self, case_id: str, kind: str | None = None, **changes) -> dict:
        seq, prev = self.heads.get(case_id, (0, ZERO_HASH))
        kind = kind or ("case.opened" if seq == 0 else ["note.added", "payment.received", "rate.noted"][seq % 3])
        i = len(self.records)
        fields = {"tenant_id": self.tenant, "case_id": case_id, "seq": seq, "prev_hash": prev, "type": kind,
                  "type_version": 1, "occurred_at": _clock(i)[:19] + "Z", "recorded_at": _clock(i),
                  "actor": {"key_id": "k0123456789abcdef", "role": "collector"}, "data": _data(kind, i),
                  "sealed": [], **changes}
        record, _ = seal_record(fields)
        self.heads[case_id] = (seq + 1, record["hash"])
        self.records.append(record)
        return record

    def leaves(self, n: int | None = None) -> list[bytes]:
        return [merkle.leaf_hash(bytes.fromhex(r["hash"])) for r in self.records[:n]]

    def root(self, n: int) -> bytes:
        tree = merkle.LeafAccumulator()
        for leaf in self.leaves(n):
            tree.push(leaf)
        return tree.root()

    def checkpoint(self, n: int, key: Ed25519PrivateKey = PINNED_KEY, origin: str | None = None) -> str:
        extensions = (case_heads.extension_line(case_heads.root(self.case_heads(n))),)
        body = notes.Checkpoint(origin or f"{LOG_NAME}/{self.tenant}", n, self.root(n), extensions).body()
        return notes.sign_note(body, LOG_NAME, key)

    def case_heads(self, n: int) -> dict:
        """The case-heads map at tree size n: each case's newest record among the first n."""
        return {case_heads.MapKey.for_case(r["case_id"]): case_heads.CaseHead(r["seq"], bytes.fromhex(r["hash"]))
                for r in self.records[:n]}

    def case_head(self, case_id: str, size: int) -> dict:
        proof = case_heads.prove(self.case_heads(size), case_heads.MapKey.for_case(case_id))
        return {"case_id": case_id, "proof": proof.to_json()}

    def _node(self, level: int, index: int) -> bytes:
        return _fold_range(self.leaves()[index << level:(index + 1) << level])

    def inclusion(self, case_id: str, seq: int, size: int) -> dict:
        index = next(i for i, r in enumerate(self.records) if (r["case_id"], r["seq"]) == (case_id, seq))
        proof = merkle.inclusion_proof(index, size, self._node)
        return {"case_id": case_id, "seq": seq, "leaf_index": index, "proof": [p.hex() for p in proof]}

    def consistency(self, first_note: str, first: int, second: int) -> dict:
        proof = merkle.consistency_proof(first, second, self._node)
        return {"first_checkpoint": first_note, "proof": [p.hex() for p in proof]}


def _fold_range(leaf_hashes: list[bytes]) -> bytes:
    tree = merkle.LeafAccumulator()
    for leaf in leaf_hashes:
        tree.push(leaf)
    return tree.root()


def _genuine() -> Log:
    """Three interleaved cases, 5 records each (15 leaves), then 2 more (leaves 15, 16)."""
    log = Log()
    order = [0, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1, 2, 0, 1, 2, 0, 1]
    for c in order:
        log.append(CASES[c])
    return log


SIGNED = 15  # the checkpoint's tree size in most vectors; leaves 15 and 16 are the unsigned tail
OLD = 8      # an older checkpoint


def wrap(index: int, text: str) -> str:
    return '{"leaf_index":%d,"record":%s}' % (index, text)


def text(record: dict) -> str:
    return canonical_bytes(record).decode()


def tenant_lines(log: Log, n: int) -> list[str]:
    return [wrap(i, text(r)) for i, r in enumerate(log.records[:n])]


def case_lines(log: Log, case_id: str, n: int | None = None) -> list[str]:
    return [text(r) for r in log.records[:n] if r["case_id"] == case_id]


def line_of(log: Log, case_id: str, seq: int) -> int:
    """1-based line of (case, seq) in a tenant journal."""
    return next(i for i, r in enumerate(log.records) if (r["case_id"], r["seq"]) == (case_id, seq)) + 1


@dataclass
class Vector:
    name: str
    description: str
    journal: list[str] | bytes
    expect: dict
    checkpoint: str | None = None
    proofs: dict | None = None
    key: str | None = "PINNED"
    flags: tuple[str, ...] = ()
    pending: str | None = None
    receipts: dict[str, dict] | None = None  # receipts/<name>.json, given with --receipts
    argv: list[str] | None = None  # arguments other than a journal's (`receipt RECEIPT.json ...`)

    def args(self) -> list[str]:
        if self.argv is not None:
            return list(self.argv)
        args = ["journal.ndjson"]
        if self.checkpoint is not None:
            args += ["--checkpoint", "checkpoint.note"]
        if self.key is not None and self.checkpoint is not None:
            args += ["--public-key", self.key]
        if self.proofs is not None:
            args += ["--proofs", "proofs.json"]
        if self.receipts is not None:
            args += ["--receipts", "receipts"] + (["--public-key", self.key] if self.checkpoint is None else [])
        return args + list(self.flags)


def _expect(exit_code: int, fault: str | None = None, **where) -> dict:
    return {"exit": exit_code, "fault": fault, **where}


def vectors() -> list[Vector]:
    log = _genuine()
    cp, old_cp = log.checkpoint(SIGNED), log.checkpoint(OLD)
    a, b, c = CASES
    tenant = tenant_lines(log, SIGNED)
    consistency = {"consistency": [log.consistency(old_cp, OLD, SIGNED)]}
    case_b = case_lines(log, b, SIGNED)
    case_b_proofs = {"inclusion": [log.inclusion(b, s, SIGNED) for s in range(len(case_b))],
                     "case_heads": [log.case_head(b, SIGNED)]}
    out: list[Vector] = []
    add = out.append

    # --- genuine bundles
    add(Vector("valid-tenant-two-checkpoints", "tenant journal, checkpoint at 15, consistency from the genuine "
               "checkpoint at 8 (records with a float, a 2**53-1 integer and astral text included)",
               tenant, _expect(0), cp, consistency))
    add(Vector("valid-case", "case journal with an inclusion proof for every record", case_b, _expect(0), cp,
               case_b_proofs))
    add(Vector("valid-chains-only", "no checkpoint: chains checked, nothing anchored", tenant, _expect(0), None, None))
    add(Vector("valid-unsigned-tail-listed", "17 leaves, checkpoint at 15, --allow-unsigned-tail: exit 3 and the "
               "two newest records listed", tenant_lines(log, 17), _expect(3), cp, None,
               flags=("--allow-unsigned-tail",)))

    # --- forgeries of issue 10: roots, sizes and completeness claimed by the bundle
    rewritten = _genuine_rewritten()
    new_cp = rewritten.checkpoint(SIGNED)
    rewritten_lines = tenant_lines(rewritten, SIGNED)
    claimed = rewritten.consistency(old_cp, OLD, SIGNED)
    add(Vector("forged-first-root", "operator rewrote case A seq 1, re-chained, re-signed; supplies first_root for "
               "the genuine old checkpoint", rewritten_lines, _expect(2, "proofs-format"), new_cp,
               {"consistency": [{**claimed, "first_root": rewritten.root(OLD).hex()}]}))
    add(Vector("forged-rewrite-vs-old-checkpoint", "same rewrite without first_root: the consistency proof from "
               "the genuine old checkpoint fails", rewritten_lines, _expect(1, "consistency-proof"), new_cp,
               {"consistency": [claimed]}))
    add(Vector("forged-complete-claim", '{"complete": true} and no inclusion proofs', case_b,
               _expect(2, "proofs-format"), cp, {"complete": True}))
    add(Vector("forged-tree-size-claim", "proofs.json claims a tree size", case_b, _expect(2, "proofs-format"), cp,
               {**case_b_proofs, "tree_size": SIGNED}))
    add(Vector("forged-second-root", "a consistency entry claims the second root", tenant,
               _expect(2, "proofs-format"), cp,
               {"consistency": [{**consistency["consistency"][0], "second_root": log.root(SIGNED).hex()}]}))
    # --- the Merkle check cannot be switched off
    add(Vector("unwrapped-tenant-journal", "a fully rewritten history without leaf wrappers, genuine checkpoint, "
               "no proofs", [text(r) for r in rewritten.records[:SIGNED]], _expect(2, "no-proofs"), cp, None))
    add(Vector("first-leaf-not-zero", "tenant journal starting at leaf 1", tenant[1:],
               _expect(1, "leaf-index", line=1, leaf_index=0), cp, None))
    add(Vector("mixed-layout", "a bare forged record inside a tenant journal", tenant[:5] + [case_b[0]] + tenant[5:],
               _expect(1, "mixed-layout", line=6), cp, None))
    foreign = Log(tenant="globex")
    foreign_record = foreign.append(a)
    add(Vector("foreign-tenant-leaf", "another tenant's case slipped in as a leaf", tenant + [wrap(SIGNED, text(
        foreign_record))], _expect(1, "tenant", line=SIGNED + 1, case_id=a, leaf_index=SIGNED), cp, None))
    add(Vector("rechained-tenant-history", "case A rewritten and re-chained, leaves renumbered, genuine "
               "checkpoint", rewritten_lines, _expect(1, "root-mismatch"), cp, None))
    add(Vector("unsigned-tail", "17 leaves, checkpoint at 15", tenant_lines(log, 17),
               _expect(1, "unsigned-tail", case_id=log.records[SIGNED]["case_id"],
                       seq=log.records[SIGNED]["seq"], leaf_index=SIGNED), cp, None))
    add(Vector("tail-truncated", "last two leaves removed", tenant[:-2], _expect(1, "log-truncated",
               leaf_index=SIGNED - 2), cp, None))
    # --- a checkpoint that covers nothing
    add(Vector("case-without-proofs", "case journal with a checkpoint and no proofs", case_b,
               _expect(2, "no-proofs"), cp, None))
    globex_cp = Log(tenant="globex").checkpoint(0, origin=f"{LOG_NAME}/globex")
    add(Vector("other-tenant-checkpoint", "case journal with another tenant's checkpoint and no proofs", case_b,
               _expect(2, "origin"), globex_cp, None))
    add(Vector("tenant-journal-other-tenant-checkpoint", "tenant journal of acme, checkpoint of globex",
               tenant, _expect(2, "origin"), globex_cp, None))
    last = len(case_b) - 1
    add(Vector("case-newest-deleted-with-its-proof", "case B's newest record and its proof removed",
               case_b[:-1], _expect(1, "case-head", case_id=b, seq=last), cp,
               {"inclusion": case_b_proofs["inclusion"][:-1]}))
    add(Vector("case-newest-deleted-head-proof-kept", "case B's newest record and its inclusion proof removed, "
               "the genuine case-head proof kept (it proves the deleted record is the head)", case_b[:-1],
               _expect(1, "case-head", case_id=b, seq=last), cp,
               {"inclusion": case_b_proofs["inclusion"][:-1], "case_heads": case_b_proofs["case_heads"]}))
    older_map = {**log.case_heads(SIGNED), case_heads.MapKey.for_case(b): case_heads.CaseHead(
        last - 1, bytes.fromhex(json.loads(case_b[last - 1])["hash"]))}
    add(Vector("case-newest-deleted-head-proof-forged", "case B's newest record removed; the case-head proof is made "
               "for a map whose head of B is the previous record (not the signed map)", case_b[:-1],
               _expect(1, "case-head", case_id=b, seq=last), cp,
               {"inclusion": case_b_proofs["inclusion"][:-1], "case_heads": [{"case_id": b, "proof": case_heads.prove(
                   older_map, case_heads.MapKey.for_case(b)).to_json()}]}))
    add(Vector("case-head-claims-a-head", "a case-heads entry claims the head's seq and hash", case_b,
               _expect(2, "proofs-format"), cp,
               {**case_b_proofs, "case_heads": [{**case_b_proofs["case_heads"][0], "seq": last,
                                                 "hash": json.loads(case_b[last])["hash"]}]}))
    no_map_cp = notes.sign_note(notes.Checkpoint(f"{LOG_NAME}/{TENANT}", SIGNED, log.root(SIGNED)).body(),
                                LOG_NAME, PINNED_KEY)
    add(Vector("case-checkpoint-without-case-heads", "a case journal against a checkpoint that signs no case-heads "
               "map: completeness cannot be shown", case_b, _expect(2, "no-case-heads"), no_map_cp, case_b_proofs))
    add(Vector("case-newest-deleted-proof-kept", "case B's newest record removed, its proof kept", case_b[:-1],
               _expect(1, "deleted-record", case_id=b, seq=last), cp, case_b_proofs))
    add(Vector("case-record-without-proof", "a forged record appended to case B, chain recomputed, no proof",
               case_b + [text(_forged_after(log, b))], _expect(1, "not-in-log", case_id=b, seq=len(case_b)), cp,
               case_b_proofs))
    # --- exact bytes
    pay = next(r for r in log.records[:SIGNED] if r["type"] == "payment.received")
    pay_line = line_of(log, pay["case_id"], pay["seq"])
    amount = pay["data"]["amount_cents"]
    forms = {"duplicate-key": (f'"amount_cents":{amount}', f'"amount_cents":9999999,"amount_cents":{amount}'),
             "exponent-number": (f'"amount_cents":{amount}', f'"amount_cents":{amount / 10**4}e4'),
             "fraction-number": (f'"amount_cents":{amount}', f'"amount_cents":{amount}.0'),
             "escaped-character": ('"method":"transfer"', '"method":"tr\\u0061nsfer"'),
             "whitespace": ('"method":"transfer"', '"method": "transfer"')}
    for name, (old, new) in forms.items():
        lines = list(tenant)
        assert old in lines[pay_line - 1]
        lines[pay_line - 1] = lines[pay_line - 1].replace(old, new)
        add(Vector(f"non-canonical-{name}", f"payment record written with {name.replace('-', ' ')}; "
                   "same parsed value for a last-key-wins reader", lines, _expect(1, "not-canonical", line=pay_line, case_id=pay["case_id"],
                                                          seq=pay["seq"]),
                   cp, None))
    # --- transport damage (unusable, not a verdict)
    add(Vector("crlf-line-ends", "CR LF line ends", ("\r\n".join(tenant) + "\r\n").encode(),
               _expect(2, "crlf", line=1), cp, None))
    add(Vector("byte-order-mark", "UTF-8 BOM before the first line", b"\xef\xbb\xbf" + _bytes(tenant),
               _expect(2, "bom", line=1), cp, None))
    add(Vector("blank-line", "a blank line between records", tenant[:3] + [""] + tenant[3:],
               _expect(2, "blank-line", line=4), cp, None))
    add(Vector("no-pinned-key", "a checkpoint without --public-key", tenant, _expect(2, "no-key"), cp, None,
               key=None))
    # --- the nine of the tamper suite (tests/integration/test_tamper.py), as bundles
    add(Vector("tamper-changed-field", "case B seq 2 occurred_at changed", _edit(tenant, log, b, 2, occurred_at=
               "2020-01-01T00:00:00Z"), _expect(1, "hash", line=line_of(log, b, 2), case_id=b, seq=2), cp, None))
    add(Vector("tamper-changed-data-byte", "case A seq 3 data changed by one character", _edit(
        tenant, log, a, 3, data={**log.records[line_of(log, a, 3) - 1]["data"], "channel": "lettes"}),
        _expect(1, "hash", line=line_of(log, a, 3), case_id=a, seq=3), cp, None))
    add(Vector("tamper-deleted-middle-record", "case C seq 2 deleted from the ledger (the export shows the leaf "
               "as missing)", _missing(tenant, log, c, 2), _expect(1, "missing-record", line=line_of(log, c, 2),
               case_id=c, seq=2), cp, None))
    add(Vector("tamper-deleted-newest-record", "case C seq 4 deleted", _missing(tenant, log, c, 4),
               _expect(1, "missing-record", line=line_of(log, c, 4), case_id=c, seq=4), cp, None))
    deleted_case = list(tenant)
    for seq in range(5):
        deleted_case = _missing(deleted_case, log, a, seq)
    add(Vector("tamper-deleted-whole-case", "every record of case A deleted", deleted_case,
               _expect(1, "missing-record", line=line_of(log, a, 0), case_id=a, seq=0), cp, None))
    swapped = list(tenant)
    i1, i2 = line_of(log, b, 1) - 1, line_of(log, b, 2) - 1
    swapped[i1], swapped[i2] = wrap(i1, text(log.records[i2])), wrap(i2, text(log.records[i1]))
    add(Vector("tamper-swapped-records", "case B seq 1 and 2 swapped in the table", swapped,
               _expect(1, "seq", line=i1 + 1, case_id=b, seq=1), cp, None))
    add(Vector("tamper-forged-appended-record", "a record appended to case A with recomputed hashes, never in "
               "the log", case_lines(log, a, SIGNED) + [text(_forged_after(log, a))],
               _expect(1, "not-in-log", case_id=a, seq=5), cp,
               {"inclusion": [log.inclusion(a, s, SIGNED) for s in range(5)]}))
    add(Vector("tamper-checkpoint-other-key", "checkpoint signed by a key other than the pinned one", tenant,
               _expect(1, "signature"), notes.sign_note(notes.Checkpoint(f"{LOG_NAME}/{TENANT}", SIGNED, log.root(
                   SIGNED)).body(), LOG_NAME, ROGUE_KEY), None))
    add(Vector("tamper-log-forked", "history rewritten after the checkpoint at 8 and the log rebuilt; consistency "
               "from the genuine checkpoint", rewritten_lines, _expect(1, "consistency-proof"), new_cp,
               {"consistency": [claimed]}))

    # --- write receipts (docs/journal-format.md "Write receipts")
    newest_b = log.records[line_of(log, b, len(case_b) - 1) - 1]
    add(Vector("receipt-record-present", "case B with a receipt of its newest record", case_b, _expect(0),
               receipts={"newest.json": _receipt_doc(newest_b)}))
    add(Vector("receipt-newest-deleted", "case B's newest record removed: every chain holds, its receipt shows the "
               "deletion", case_b[:-1], _expect(1, "receipt-missing", case_id=b, seq=len(case_b) - 1),
               receipts={"newest.json": _receipt_doc(newest_b)}))
    genuine_a1 = log.records[line_of(log, a, 1) - 1]
    add(Vector("receipt-record-replaced", "case A seq 1 rewritten and re-chained (no checkpoint): the receipt of "
               "the genuine seq 1 names another hash", rewritten_lines, _expect(1, "receipt-missing", case_id=a, seq=1),
               receipts={"a1.json": _receipt_doc(genuine_a1)}))
    add(Vector("receipt-other-key", "a receipt signed by a key other than the pinned one", case_b,
               _expect(2, "receipt"), receipts={"rogue.json": _receipt_doc(newest_b, ROGUE_KEY)}))
    add(Vector("receipt-alone-valid", "ledger-verify receipt: a receipt signed by the pinned key", case_b,
               _expect(0), receipts={"r.json": _receipt_doc(newest_b)},
               argv=["receipt", "receipts/r.json", "--public-key", "../pinned.pub"]))
    add(Vector("receipt-alone-altered", "ledger-verify receipt: the seq of a signed receipt changed", case_b,
               _expect(1, "signature"), receipts={"r.json": {"note": _receipt_doc(newest_b)["receipt"]["note"].replace(
                   f"seq {newest_b['seq']}\n", f"seq {newest_b['seq'] + 1}\n")}},
               argv=["receipt", "receipts/r.json", "--public-key", "../pinned.pub"]))
    a_leaf = line_of(log, a, 1) - 1
    add(Vector("receipt-alone-with-inclusion", "ledger-verify receipt: receipt, inclusion proof and checkpoint", case_b,
               _expect(0), receipts={"r.json": {**_receipt_doc(genuine_a1), **{
                   "leaf_index": a_leaf, "tree_size": SIGNED, "checkpoint": cp,
                   "proof": log.inclusion(a, 1, SIGNED)["proof"]}}},
               argv=["receipt", "receipts/r.json", "--public-key", "../pinned.pub"]))
    add(Vector("receipt-alone-wrong-leaf", "ledger-verify receipt: the proof is for another leaf", case_b,
               _expect(1, "inclusion-proof"), receipts={"r.json": {**_receipt_doc(genuine_a1), **{
                   "leaf_index": a_leaf + 1, "tree_size": SIGNED, "checkpoint": cp,
                   "proof": log.inclusion(a, 1, SIGNED)["proof"]}}},
               argv=["receipt", "receipts/r.json", "--public-key", "../pinned.pub"]))
    return out


def _receipt_doc(record: dict, key: Ed25519PrivateKey = PINNED_KEY) -> dict:
    """An append's answer as the service gives it (the receipt signed by the checkpoint key)."""
    from ledger_verify import receipt as receipts

    receipt = receipts.Receipt(f"{LOG_NAME}/{record['tenant_id']}", record["tenant_id"], record["case_id"],
                               record["seq"], record["hash"], record["recorded_at"])
    public = key.public_key().public_bytes_raw()
    note = receipts.sign(receipt, LOG_NAME, notes.ed25519_key_hash(LOG_NAME, public), key.sign)
    return {"seq": record["seq"], "hash": record["hash"], "prev_hash": record["prev_hash"],
            "recorded_at": record["recorded_at"], "receipt": {"note": note}}


def _bytes(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def _genuine_rewritten() -> Log:
    """The genuine history with case A's seq 1 changed, every later record of A re-chained."""
    log = Log()
    order = [0, 1, 0, 2, 1, 0, 2, 1, 0, 2, 1, 2, 0, 1, 2, 0, 1]
    for c in order:
        if CASES[c] == CASES[0] and log.heads.get(CASES[0], (0, ""))[0] == 1:
            log.append(CASES[c], "payment.received", data={"amount_cents": 1, "paid_on": "2026-12-01",
                                                           "method": "cash"})
        else:
            log.append(CASES[c])
    return log


def _forged_after(log: Log, case_id: str) -> dict:
    seq, prev = next((r["seq"] + 1, r["hash"]) for r in reversed(log.records[:SIGNED]) if r["case_id"] == case_id)
    record, _ = seal_record({**next(r for r in log.records if r["case_id"] == case_id and r["seq"] == 1),
                             "seq": seq, "prev_hash": prev, "type": "payment.received",
                             "data": {"amount_cents": 75000, "paid_on": "2026-12-01", "method": "cash"}})
    return record


def _edit(lines: list[str], log: Log, case_id: str, seq: int, **changes) -> list[str]:
    out = list(lines)
    i = line_of(log, case_id, seq) - 1
    out[i] = wrap(i, text({**log.records[i], **changes}))
    return out


def _missing(lines: list[str], log: Log, case_id: str, seq: int) -> list[str]:
    out = list(lines)
    i = line_of(log, case_id, seq) - 1
    r = log.records[i]
    out[i] = canonical_bytes({"leaf_index": i, "missing": {"case_id": case_id, "seq": seq, "hash": r["hash"]}}).decode()
    return out


def write(root: Path) -> None:
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    (root / "pinned.pub").write_text(PINNED + "\n", encoding="utf-8")
    manifest = {"format": "amiable-ledger.conformance/1", "journal_format": "1.1",
                "pinned_key": "pinned.pub",
                "how": "run the verifier in each vector's directory with `args` (PINNED = ../pinned.pub); "
                       "compare the exit code, and the first fault's code and any of line, case_id, seq, "
                       "leaf_index given here",
                "vectors": []}
    for v in vectors():
        d = root / v.name
        d.mkdir()
        (d / "journal.ndjson").write_bytes(v.journal if isinstance(v.journal, bytes) else _bytes(v.journal))
        if v.checkpoint is not None:
            (d / "checkpoint.note").write_text(v.checkpoint, encoding="utf-8", newline="\n")
        if v.proofs is not None:
            (d / "proofs.json").write_text(json.dumps(v.proofs, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        if v.receipts is not None:
            (d / "receipts").mkdir()
            for name, doc in v.receipts.items():
                (d / "receipts" / name).write_text(json.dumps(doc, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        entry = {"name": v.name, "description": v.description,
                 "args": [a if a != "PINNED" else "../pinned.pub" for a in v.args()], "expect": v.expect}
        if v.pending:
            entry["pending"] = v.pending
        manifest["vectors"].append(entry)
    (root / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if verifier/testdata differs from a fresh run")
    args = parser.parse_args()
    if not args.check:
        write(OUT)
        print(f"wrote {len(vectors())} vectors to {OUT}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "testdata"
        write(fresh)
        differ = [str(p.relative_to(fresh)) for p in sorted(fresh.rglob("*")) if p.is_file()
                  and (not (OUT / p.relative_to(fresh)).is_file()
                       or (OUT / p.relative_to(fresh)).read_bytes() != p.read_bytes())]
        if differ:
            sys.exit(f"verifier/testdata is stale: {differ[:5]} (run python -m devtools.conformance_vectors)")


if __name__ == "__main__":
    main()
