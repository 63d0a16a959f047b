"""Checkpoint signers. moto's KMS has no Ed25519 keys (ECC_NIST_EDWARDS25519), so the KMS signer
is checked against a recording stand-in that answers like KMS (DER public key, raw signature)
and asserts the exact parameters the adapter sends."""
from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from chalicelib.adapters.signing import KmsSigner, LocalSigner
from ledger_verify import checkpoint as notes


class KmsEd25519StandIn:
    def __init__(self):
        self._key = Ed25519PrivateKey.generate()
        self.sign_calls = []

    def get_public_key(self, KeyId):
        der = self._key.public_key().public_bytes(serialization.Encoding.DER,
                                                  serialization.PublicFormat.SubjectPublicKeyInfo)
        return {"KeyId": KeyId, "PublicKey": der, "KeySpec": "ECC_NIST_EDWARDS25519"}

    def sign(self, **kwargs):
        self.sign_calls.append(kwargs)
        return {"Signature": self._key.sign(kwargs["Message"]), "SigningAlgorithm": kwargs["SigningAlgorithm"]}


def test_kms_signer_makes_a_c2sp_note_that_opens():
    kms = KmsEd25519StandIn()
    signer = KmsSigner("alias/amiable-prod-checkpoint-signing", "amiable-ledger.prod", client=kms)
    body = notes.Checkpoint("amiable-ledger.prod/acme", 3, b"\x01" * 32).body()
    note = notes.sign_note_with(body, signer.name, notes.ed25519_key_hash(signer.name, signer.public_key), signer.sign)
    assert notes.open_note(note, notes.verifier_key(signer.name, signer.public_key)).tree_size == 3
    assert kms.sign_calls == [{"KeyId": "alias/amiable-prod-checkpoint-signing", "Message": body.encode(),
                               "MessageType": "RAW", "SigningAlgorithm": "ED25519_SHA_512"}]


def test_local_signer_key_file_is_created_once(tmp_path):
    first = LocalSigner(tmp_path / "k", "amiable-ledger.local", create=True)
    again = LocalSigner(tmp_path / "k", "amiable-ledger.local")
    assert first.public_key == again.public_key and len(first.public_key) == 32
    assert (tmp_path / "k").stat().st_mode & 0o777 == 0o600
