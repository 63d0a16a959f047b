"""Completeness of a case bundle: each case's last record is the head the signed map commits.

Inclusion proofs show that a journal's records are in the log; they cannot show that nothing
came after the last one, since a forger who deletes a case's newest records deletes their
proofs too. The checkpoint's case-heads extension line signs a map from every case to its
newest record at that tree size (case_heads.py), so one O(log n) proof per case closes the gap.

Only three things are trusted: the map root from the signed checkpoint, and the last record's
seq and hash from the journal (both checked elsewhere). `proofs.json` contributes proof hashes
and nothing else; a case without a proof, with a malformed one or with one that does not verify
is a fault.
"""

from __future__ import annotations

from typing import Mapping

from . import case_heads as ch


def first_fault(map_root: ch.NodeHash, last_records: Mapping[str, tuple[int, str]], entries: object) -> dict | None:
    """The first case (in `last_records` order) whose last record (seq, hash hex) the map does
    not hold as its head, as {"case_id", "seq", "reason"}; None if every case is proved.

    `entries` is proofs.json's "case_heads" list of {"case_id", "proof"}. The seq named is the
    one the map says exists and the journal lacks: last seq + 1 (the record itself is proved in
    the log by its inclusion proof, so a different head is a later one).
    """
    proofs: dict[str, object] = {}
    duplicated: set[str] = set()
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("case_id"), str):
            if entry["case_id"] in proofs:
                duplicated.add(entry["case_id"])
            proofs[entry["case_id"]] = entry.get("proof")
    for case_id, (last_seq, last_hash) in last_records.items():
        missing = {"case_id": case_id, "seq": last_seq + 1}
        if case_id in duplicated:
            return {**missing, "reason": "two case-head proofs for this case"}
        if case_id not in proofs:
            return {**missing, "reason": f"no case-head proof that seq {last_seq} is this case's newest record "
                                         "(the signed checkpoint commits every case's head)"}
        try:
            proof = ch.Proof.from_json(proofs[case_id])
            head = ch.CaseHead(last_seq, bytes.fromhex(last_hash))
        except ValueError as exc:
            return {**missing, "reason": f"malformed case-head proof: {exc}"}
        if not ch.verify(map_root, ch.MapKey.for_case(case_id), head, proof):
            return {**missing, "reason": f"the signed case-heads map does not hold seq {last_seq} as this case's "
                                         f"newest record: seq {last_seq + 1} exists in the log but not in the "
                                         "journal (newest records deleted)"}
    return None
