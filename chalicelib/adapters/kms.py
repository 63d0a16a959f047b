"""AWS KMS key-encryption key: wraps subject keys with Encrypt/Decrypt and an encryption context.

The context ({"app": "amiable-ledger", "tenant": ..., ...}) is logged by CloudTrail and is a
condition in the IAM policy, so every unwrap of a subject key is attributable.
"""
from __future__ import annotations

from typing import Any

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError

from ..domain.errors import Unavailable

_CONFIG = Config(connect_timeout=2, read_timeout=5, retries={"max_attempts": 3, "mode": "standard"})


class KmsKeyProvider:
    def __init__(self, key_id: str, client: Any | None = None, region: str | None = None):
        self.kek_id = key_id
        self._client = client or boto3.client("kms", region_name=region, config=_CONFIG)

    def wrap(self, plaintext: bytes, context: dict[str, str]) -> bytes:
        try:
            return self._client.encrypt(KeyId=self.kek_id, Plaintext=plaintext, EncryptionContext=context)["CiphertextBlob"]
        except (ClientError, BotoCoreError) as exc:
            raise Unavailable("KMS encrypt failed") from exc

    def unwrap(self, blob: bytes, context: dict[str, str]) -> bytes:
        try:
            return self._client.decrypt(KeyId=self.kek_id, CiphertextBlob=blob, EncryptionContext=context)["Plaintext"]
        except (ClientError, BotoCoreError) as exc:
            raise Unavailable("KMS decrypt failed") from exc
