"""Where sealed documents live: a directory under .data/ locally, an S3 bucket in AWS.

The store only ever sees ciphertext (sealed to the data subject's key by the service), so
deleting the subject's key shreds every copy, backups and versions included.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..domain.errors import Unavailable

_NAME = re.compile(r"[A-Za-z0-9._-]{1,100}")


def _checked(part: str) -> str:
    if not _NAME.fullmatch(part) or part in (".", ".."):
        raise ValueError("invalid document key part")
    return part


class LocalDocumentStore:
    def __init__(self, root: str | Path):
        self._root = Path(root)

    def _path(self, tenant_id: str, document_id: str) -> Path:
        return self._root / _checked(tenant_id) / f"{_checked(document_id)}.sealed"

    def put(self, tenant_id: str, document_id: str, blob: bytes) -> None:
        path = self._path(tenant_id, document_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(blob)
        tmp.replace(path)

    def get(self, tenant_id: str, document_id: str) -> bytes | None:
        path = self._path(tenant_id, document_id)
        return path.read_bytes() if path.exists() else None


class S3DocumentStore:
    def __init__(self, bucket: str, region: str, client=None):
        self._bucket, self._region, self._s3 = bucket, region, client

    @property
    def _client(self):
        if self._s3 is None:  # built on first use: routes without documents never pay for it
            import boto3

            self._s3 = boto3.client("s3", region_name=self._region)
        return self._s3

    def _key(self, tenant_id: str, document_id: str) -> str:
        return f"{_checked(tenant_id)}/{_checked(document_id)}.sealed"

    def put(self, tenant_id: str, document_id: str, blob: bytes) -> None:
        self._client.put_object(Bucket=self._bucket, Key=self._key(tenant_id, document_id), Body=blob,
                                ContentType="application/octet-stream", ServerSideEncryption="aws:kms")

    def get(self, tenant_id: str, document_id: str) -> bytes | None:
        try:
            return self._client.get_object(Bucket=self._bucket, Key=self._key(tenant_id, document_id))["Body"].read()
        except self._client.exceptions.NoSuchKey:
            return None


class UnconfiguredDocumentStore:
    """Outside stage local without AL_DOCUMENTS_BUCKET: every use is a 503. A Lambda must never
    fall back to a local directory (read-only there, and gone with the instance)."""

    def _refuse(self):
        raise Unavailable("sealed documents are not configured (AL_DOCUMENTS_BUCKET)")

    def put(self, tenant_id: str, document_id: str, blob: bytes) -> None:
        self._refuse()

    def get(self, tenant_id: str, document_id: str) -> bytes | None:
        self._refuse()
