"""Envelope encryption of personal data, and keyed blind indexes.

Each data subject has an X25519 key pair. Its private key is the subject's *data key*: it is
stored only wrapped by a key-encryption key (KMS or a local key file) and destroying it
crypto-shreds everything sealed to that subject. Sealing needs only the public key, so the
append path never unwraps a data key (a collector can write but not read back).

A sealed envelope (alg ``X25519-HKDF-SHA256-A256GCM``):
  shared = X25519(ephemeral_private, subject_public)
  key    = HKDF-SHA256(shared, salt = epk || subject_public, info = "amiable-ledger/seal/v1")
  ct     = AES-256-GCM(key, nonce, plaintext, aad = associated data of the record header)

Randomness (ephemeral key, nonce) is passed in by the caller: the domain has none of its own.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SEAL_ALG = "X25519-HKDF-SHA256-A256GCM"
_HKDF_INFO = b"amiable-ledger/seal/v1"


class DecryptionFailed(Exception):
    """A ciphertext does not open with the given key and associated data."""


def b64e(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64d(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class SubjectKeyPair:
    private_raw: bytes
    public_raw: bytes


def subject_keypair(seed32: bytes) -> SubjectKeyPair:
    """A subject's key pair from 32 random bytes."""
    private = X25519PrivateKey.from_private_bytes(seed32)
    return SubjectKeyPair(seed32, private.public_key().public_bytes_raw())


def _envelope_key(shared: bytes, epk: bytes, recipient_public: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=epk + recipient_public, info=_HKDF_INFO).derive(shared)


def seal(plaintext: bytes, recipient_public: bytes, aad: bytes, ephemeral_seed: bytes, nonce: bytes) -> dict:
    """Encrypt to a subject's public key; returns the JSON-ready envelope parts."""
    eph = X25519PrivateKey.from_private_bytes(ephemeral_seed)
    epk = eph.public_key().public_bytes_raw()
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient_public))
    key = _envelope_key(shared, epk, recipient_public)
    ct = AESGCM(key).encrypt(nonce, plaintext, aad)
    return {"alg": SEAL_ALG, "epk": b64e(epk), "nonce": b64e(nonce), "ct": b64e(ct)}


def open_sealed(envelope: dict, recipient_private: bytes, aad: bytes) -> bytes:
    if envelope.get("alg") != SEAL_ALG:
        raise DecryptionFailed(f"unsupported algorithm {envelope.get('alg')!r}")
    private = X25519PrivateKey.from_private_bytes(recipient_private)
    public = private.public_key().public_bytes_raw()
    try:
        epk = b64d(envelope["epk"])
        shared = private.exchange(X25519PublicKey.from_public_bytes(epk))
        key = _envelope_key(shared, epk, public)
        return AESGCM(key).decrypt(b64d(envelope["nonce"]), b64d(envelope["ct"]), aad)
    except (InvalidTag, ValueError, KeyError) as exc:
        raise DecryptionFailed("envelope does not open") from exc


def aead_encrypt(key: bytes, nonce: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """AES-256-GCM with the nonce prepended (used to wrap keys under a local KEK)."""
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def aead_decrypt(key: bytes, blob: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(blob[:12], blob[12:], aad)
    except (InvalidTag, ValueError) as exc:
        raise DecryptionFailed("wrapped key does not open") from exc


# --- blind indexes -------------------------------------------------------------------------

def normalise_identifier(kind: str, value: str) -> str:
    """Stable form of an identifier so the same person yields the same index."""
    value = value.strip()
    if kind == "email":
        return value.casefold()
    if kind == "phone":
        digits = re.sub(r"[^\d+]", "", value)
        if digits.startswith("00"):
            digits = "+" + digits[2:]
        if digits.startswith("0") and len(digits) == 10:  # French national format
            digits = "+33" + digits[1:]
        return digits
    if kind == "company_id":
        return re.sub(r"\W", "", value).upper()
    raise ValueError(f"unknown identifier kind {kind!r}")


def blind_index(key: bytes, kind: str, value: str) -> str:
    """Keyed HMAC-SHA256 of a normalised identifier: findable, not reversible without the key."""
    message = kind.encode() + b"\x00" + normalise_identifier(kind, value).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()
