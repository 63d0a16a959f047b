"""A dispute's document, sealed to the debtor's public key before it is stored: the store sees
ciphertext only, and destroying the debtor's key (erasure) shreds the document everywhere.

Stored blob: JCS of {"alg", "epk", "nonce", "ct", "subject_id", "media_type"}; associated data
binds it to tenant, case, document id and subject, so a blob moved elsewhere does not open.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from ledger_verify.canonical import canonical_bytes
from ...domain.crypto import b64d, open_sealed, seal
from ...domain.errors import FieldError, RequestTooLarge, UnsupportedMediaType
from ...domain.portal.documents import MAX_DOCUMENT_BYTES, sniff_media_type
from ..runtime import Runtime


@dataclass(frozen=True)
class StoredDocument:
    document_id: str
    sha256: str
    size_bytes: int
    media_type: str

    def facts(self) -> dict:
        return {"document_id": self.document_id, "sha256": self.sha256, "size_bytes": self.size_bytes,
                "media_type": self.media_type}


def _aad(tenant_id: str, case_id: str, document_id: str, subject_id: str) -> bytes:
    return canonical_bytes({"purpose": "amiable-ledger/document/v1", "tenant_id": tenant_id, "case_id": case_id,
                            "document_id": document_id, "subject_id": subject_id})


def check(content: bytes) -> str:
    """The document's media type, read from its bytes; 413 past 10 MB, 415 for anything else."""
    if len(content) > MAX_DOCUMENT_BYTES:
        raise RequestTooLarge("the document exceeds 10 MB", [FieldError("document", "larger than 10 MB")])
    media_type = sniff_media_type(content)
    if media_type is None:
        raise UnsupportedMediaType("the document must be a PDF, JPEG or PNG file",
                                   [FieldError("document", "not a PDF, JPEG or PNG by its content")])
    return media_type


def store_sealed(rt: Runtime, tenant_id: str, case_id: str, subject_id: str, public_key_b64: str,
                 content: bytes) -> StoredDocument:
    media_type = check(content)
    document_id = "doc_" + rt.entropy(16).hex()
    envelope = seal(content, b64d(public_key_b64), _aad(tenant_id, case_id, document_id, subject_id),
                    rt.entropy(32), rt.entropy(12))
    blob = canonical_bytes({**envelope, "subject_id": subject_id, "media_type": media_type})
    rt.documents.put(tenant_id, document_id, blob)
    return StoredDocument(document_id, hashlib.sha256(content).hexdigest(), len(content), media_type)


def open_document(rt: Runtime, tenant_id: str, case_id: str, document_id: str, private_key: bytes) -> bytes | None:
    """The document's bytes for a reader holding the subject's key (None if absent)."""
    blob = rt.documents.get(tenant_id, document_id)
    if blob is None:
        return None
    envelope = json.loads(blob)
    return open_sealed(envelope, private_key, _aad(tenant_id, case_id, document_id, envelope["subject_id"]))
