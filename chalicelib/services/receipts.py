"""Write receipts: every acknowledged append carries the service's signed promise that it
recorded the record (ledger_verify.receipt, docs/journal-format.md "Write receipts").

Ed25519 is deterministic (locally and with KMS's ED25519_SHA_512 on the raw message), so the
receipt of a record is a function of the record: it is never stored, and the receipt route
signs it again and gets the same note the append answered with.
"""
from __future__ import annotations

import json
import threading

from ledger_verify import checkpoint as notes
from ledger_verify import receipt as receipts
from ..domain.errors import NotFound
from .auth import Principal
from .runtime import Runtime

# The append path asks for the same record's receipt twice (the stored idempotent answer, then
# the response): one signature, even when the signer is a KMS round trip. The last few only.
_issued: dict[tuple[str, str], str] = {}
_ISSUED_MAX = 64
_issued_lock = threading.Lock()


def issue(rt: Runtime, record: dict) -> dict:
    receipt = receipts.Receipt(f"{rt.settings.log_name}/{record['tenant_id']}", record["tenant_id"], record["case_id"],
                               record["seq"], record["hash"], record["recorded_at"])
    key = (rt.settings.log_name, receipt.body())
    note = _issued.get(key)
    if note is None:
        signer = rt.signer
        note = receipts.sign(receipt, signer.name, notes.ed25519_key_hash(signer.name, signer.public_key), signer.sign)
        with _issued_lock:
            if len(_issued) >= _ISSUED_MAX:
                _issued.pop(next(iter(_issued)))
            _issued[key] = note
    return {"note": note}


def receipt_of(rt: Runtime, principal: Principal, case_id: str, seq: int) -> dict:
    """The record's receipt and, once a signed checkpoint covers it, its inclusion proof against
    that checkpoint (the note itself: the verifier takes root and size only from it)."""
    texts = rt.ledger.get_many([(principal.tenant_id, case_id, seq)])
    text = texts.get((principal.tenant_id, case_id, seq))
    record = json.loads(text) if text is not None else None
    if record is None or record["type"].startswith("gdpr."):  # a GDPR request's journal is no case
        raise NotFound("event not found")
    out: dict = {"receipt": issue(rt, record)}
    latest = rt.tlog.latest_checkpoint(principal.tenant_id)
    position = rt.tlog.positions(principal.tenant_id, [(case_id, seq)]).get((case_id, seq))
    if latest is not None and position is not None and position < latest[0]:
        size, note = latest
        # the log's code is loaded by the proof route only: an append signs, it does not prove
        from . import transparency

        proof = transparency.inclusion_proof(rt, principal.tenant_id, case_id, seq, size)
        out.update(leaf_index=proof["leaf_index"], tree_size=size, proof=proof["proof"], checkpoint=note)
    return out
