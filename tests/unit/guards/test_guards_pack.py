import copy
import hashlib
import json

import pytest
import rfc8785

from chalicelib.domain.guards import load_pack
from chalicelib.domain.guards.pack import PACKS_DIR, compile_pack, pack_digest, read_pack_data


def test_pack_identity_and_digest():
    pack = load_pack("FR")
    assert pack.id == "fr" and pack.version == "2026.12.199"
    data = read_pack_data(PACKS_DIR / "fr")
    expected = hashlib.sha256(rfc8785.dumps(data)).hexdigest()
    assert pack.digest == expected == pack_digest(json.loads(json.dumps(data)))
    assert len(pack.digest) == 64 and pack.digest == pack.digest.lower()
    assert pack.meta() == {"id": "fr", "version": "2026.12.199", "digest": expected}


def test_digest_is_stable_and_sensitive():
    data = read_pack_data(PACKS_DIR / "fr")
    shuffled = json.loads(json.dumps(data, sort_keys=True))   # key order must not matter
    assert pack_digest(shuffled) == pack_digest(data)
    changed = copy.deepcopy(data)
    changed["rules"][0]["severity"] = "warn"
    assert pack_digest(changed) != pack_digest(data)


def test_load_pack_is_cached_and_checks_jurisdiction():
    assert load_pack("FR") is load_pack("FR")
    with pytest.raises(ValueError):
        load_pack("XX")
    with pytest.raises(ValueError):
        load_pack("../fr")


def test_every_rule_is_documented():
    pack = load_pack("FR")
    for rule in pack.rules:
        assert rule.explanation["fr"] and rule.explanation["en"], rule.id
        assert rule.legal_basis["status"] in {"law", "unverified", "policy", "analogy"}, rule.id
        assert rule.legal_basis["text_fr"] and rule.legal_basis["text_en"], rule.id


def test_rules_relying_on_memory_items_are_marked():
    pack = load_pack("FR")
    status = {r.id: r.legal_basis["status"] for r in pack.rules}
    verification = {r.id: r.legal_basis.get("verification", "") for r in pack.rules}
    # [M] items checked against the texts on 2026-11-23 become "law" and say where they were read
    for rule_id in ("FR-CONSERVATORY-CLAIM", "FR-RESTRICTED-DATA-SUBJECT", "FR-TONE-INSULT"):
        assert status[rule_id] == "law" and verification[rule_id].startswith("Verified")
    assert status["FR-BADPAYER-LIST-THREAT"] == "unverified"        # GDPR art. 5/6 [M], not re-checked
    assert status["EU-GDPR-ART14-NOTICE"] == "unverified"
    assert status["FR-CONTACT-FREQUENCY-DAY"] == "policy"
    assert status["FR-CONTACT-HOURS-NIGHT"] == "analogy"


def test_compile_rejects_bad_rules():
    data = read_pack_data(PACKS_DIR / "fr")
    bad = copy.deepcopy(data)
    bad["rules"][0]["when"] = {"fact": "no_such_fact", "eq": True}
    with pytest.raises(ValueError, match="no_such_fact"):
        compile_pack(bad)
    bad = copy.deepcopy(data)
    bad["rules"].append(copy.deepcopy(bad["rules"][0]))
    with pytest.raises(ValueError, match="duplicate"):
        compile_pack(bad)


def test_a_new_rule_is_data_only():
    data = read_pack_data(PACKS_DIR / "fr")
    data = copy.deepcopy(data)
    data["rules"].append({
        "id": "TEST-CRYPTO-PAYMENT", "family": "content", "severity": "block",
        "content": {"any": ["bitcoin|crypto*"]},
        "legal_basis": {"code": "test", "article": "-", "status": "policy", "source": "test",
                        "text_fr": "x", "text_en": "x"},
        "explanation": {"fr": "Paiement en cryptomonnaie.", "en": "Crypto payment."},
    })
    from guards_helpers import comm, facts
    from chalicelib.domain.guards import judge
    pack = compile_pack(data)
    assert judge(comm("Payez en Bitcoin svp"), facts(), [], pack).rule_ids == ("TEST-CRYPTO-PAYMENT",)


def test_the_digest_covers_the_text_data_verdicts_depend_on():
    # the word profiles decide which sentences are unreadable, the pressure vocabulary which of
    # them are blocked, the confusables how text is unmasked: a change to any of them changes
    # verdicts, so it must change the digest too
    data = read_pack_data(PACKS_DIR / "fr")
    assert set(data["textdata"]) == {"words.json", "confusables.json", "pressure.json"}
    changed = json.loads(json.dumps(data))
    changed["textdata"]["words.json"]["languages"]["fr"].append("zzz")
    assert pack_digest(changed) != pack_digest(data)
    changed = json.loads(json.dumps(data))
    changed["textdata"]["pressure.json"]["categories"]["court"]["es"].append("zzz")
    assert pack_digest(changed) != pack_digest(data)
