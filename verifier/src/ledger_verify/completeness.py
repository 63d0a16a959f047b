"""Completeness of a case bundle: each case's last record is the head the signed map commits.

Inclusion proofs show that a journal's records are in the log; they cannot show that nothing
came after the last one, since a forger who deletes a case's newest records deletes their
proofs too. The checkpoint's case-heads extension line signs a map from every case to its
newest record at that tree size (case_heads.py), so one O(log n) proof per case closes the gap.

Only three things are trusted: the map root from the signed checkpoint, and each case's last
record (seq, hash) from the journal (whose chain and inclusion are checked elsewhere).
proofs.json's "case_heads" contributes proof hashes and nothing else; its format is closed like
the rest of proofs.json (ledger_verify.proofs): an unknown member is refused, never read.
"""

from __future__ import annotations

from typing import Mapping

from . import case_heads as ch


class CaseHeadsFormatError(ValueError):
    """proofs.json's "case_heads" is not a list of {"case_id", "proof"} (nothing was verified)."""


def parse_case_heads(value: object) -> dict[str, ch.Proof]:
    """{case_id: proof} from proofs.json's "case_heads" (None: absent, so no proofs)."""
    if value is None:
        return {}
    if not isinstance(value, list):
        raise CaseHeadsFormatError("case_heads must be a list")
    out: dict[str, ch.Proof] = {}
    for i, entry in enumerate(value):
        where = f"case_heads[{i}]"
        if not isinstance(entry, dict) or set(entry) != {"case_id", "proof"}:
            raise CaseHeadsFormatError(f'{where} must be exactly {{"case_id", "proof"}}: the head comes from the '
                                       "journal and the root from the signed checkpoint, never from the bundle")
        if not isinstance(entry["case_id"], str):
            raise CaseHeadsFormatError(f"{where}.case_id must be a string")
        if entry["case_id"] in out:
            raise CaseHeadsFormatError(f"two case-head proofs for case {entry['case_id']!r}")
        try:
            out[entry["case_id"]] = ch.Proof.from_json(entry["proof"])
        except ch.ProofFormatError as exc:
            raise CaseHeadsFormatError(f"{where}.proof: {exc}") from None
    return out


def first_fault(map_root: ch.NodeHash, last_records: Mapping[str, tuple[int, str] | None],
                proofs: Mapping[str, ch.Proof]) -> dict | None:
    """The first case (in `last_records` order) whose last signed record the map does not hold
    as its head, as {"case_id", "seq", "reason"}; None if every case is proved.

    `last_records` maps a case to the (seq, hash hex) of its last record covered by the
    checkpoint, or None when none is (the map must then not hold the case). The seq named is
    the one the map says exists and the journal lacks: last seq + 1 (the last record is in the
    log by its inclusion proof, so a different head is a later record).
    """
    for case_id, last in last_records.items():
        next_seq = last[0] + 1 if last is not None else 0
        proof = proofs.get(case_id)
        if proof is None:
            return {"case_id": case_id, "seq": next_seq,
                    "reason": "no case-head proof that this is the case's newest record (the signed checkpoint "
                              "commits every case's head; without its proof, deleted newest records would not show)"}
        head = ch.CaseHead(last[0], bytes.fromhex(last[1])) if last is not None else None
        if not ch.verify(map_root, ch.MapKey.for_case(case_id), head, proof):
            shown = f"seq {last[0]} as this case's newest record" if last is not None else "no record of this case"
            return {"case_id": case_id, "seq": next_seq,
                    "reason": f"the signed case-heads map does not hold {shown}: seq {next_seq} exists in the log "
                              "but not in the journal (newest records deleted)"}
    return None
