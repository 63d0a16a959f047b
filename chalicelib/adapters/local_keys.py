"""Local key-encryption key: a 32-byte file (created by `make run`, ignored by git).

Stands in for AWS KMS on a developer machine. Wrapping is AES-256-GCM with the encryption
context as associated data, so a wrapped key only opens for the tenant/subject it was made for.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

from ledger_verify.canonical import canonical_bytes, sha256_hex
from ..domain.crypto import DecryptionFailed, aead_decrypt, aead_encrypt
from ..domain.errors import Unavailable


class LocalKeyProvider:
    def __init__(self, path: str | os.PathLike, create: bool = False):
        self.path = Path(path)
        if create and not self.path.exists():
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(secrets.token_bytes(32))
        try:
            self._kek = self.path.read_bytes()
        except OSError as exc:
            raise Unavailable(f"local key file {self.path} unreadable") from exc
        if len(self._kek) != 32:
            raise Unavailable(f"local key file {self.path} must hold 32 bytes")
        self.kek_id = "local:" + sha256_hex(self._kek)[:16]

    def wrap(self, plaintext: bytes, context: dict[str, str]) -> bytes:
        return aead_encrypt(self._kek, secrets.token_bytes(12), plaintext, canonical_bytes(context))

    def unwrap(self, blob: bytes, context: dict[str, str]) -> bytes:
        try:
            return aead_decrypt(self._kek, blob, canonical_bytes(context))
        except DecryptionFailed as exc:
            raise Unavailable("a wrapped key does not open with the local key file") from exc
