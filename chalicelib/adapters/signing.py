"""Checkpoint signers: an Ed25519 key file locally, an asymmetric KMS key in AWS.

Both expose `name`, `public_key` (32 raw bytes) and `sign(message) -> 64-byte signature`, so
the C2SP signed note is the same whichever signs it.
"""
from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ..domain.errors import Unavailable


class LocalSigner:
    def __init__(self, path: str | os.PathLike, name: str, create: bool = False):
        self.name = name
        path = Path(path)
        if create and not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            raw = Ed25519PrivateKey.generate().private_bytes_raw()
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(raw)
        try:
            self._key = Ed25519PrivateKey.from_private_bytes(path.read_bytes())
        except (OSError, ValueError) as exc:
            raise Unavailable(f"checkpoint signing key {path} unusable") from exc

    @cached_property
    def public_key(self) -> bytes:
        return self._key.public_key().public_bytes_raw()

    def sign(self, message: bytes) -> bytes:
        return self._key.sign(message)


class KmsSigner:
    """KMS key spec ECC_NIST_EDWARDS25519, algorithm ED25519_SHA_512 over the RAW message: a
    pure Ed25519 signature (RFC 8032), as the C2SP signed-note format requires."""

    def __init__(self, key_id: str, name: str, client: Any | None = None, region: str | None = None):
        import boto3
        from botocore.config import Config

        self.name = name
        self._key_id = key_id
        self._client = client or boto3.client(
            "kms", region_name=region, config=Config(connect_timeout=2, read_timeout=5, retries={"max_attempts": 3}))

    @cached_property
    def public_key(self) -> bytes:
        from cryptography.hazmat.primitives import serialization  # its ssh module costs a cold start 20 ms

        der = self._client.get_public_key(KeyId=self._key_id)["PublicKey"]
        return serialization.load_der_public_key(der).public_bytes_raw()

    def sign(self, message: bytes) -> bytes:
        resp = self._client.sign(KeyId=self._key_id, Message=message, MessageType="RAW",
                                 SigningAlgorithm="ED25519_SHA_512")
        return resp["Signature"]
