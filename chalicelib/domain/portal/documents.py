"""What a debtor may attach to a dispute: PDF, JPEG or PNG, at most 10 MB, the type read from
the content (magic bytes), never from the file name or the browser's label."""
from __future__ import annotations

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)


def sniff_media_type(content: bytes) -> str | None:
    """The accepted media type the bytes start like, or None."""
    for magic, media_type in _MAGIC:
        if content.startswith(magic):
            return media_type
    return None
