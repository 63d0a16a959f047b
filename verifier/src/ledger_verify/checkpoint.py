"""Signed tree heads as C2SP tlog-checkpoint bodies in C2SP signed notes.

Checkpoint body (c2sp.org/tlog-checkpoint)::

    <origin>\\n
    <tree size, decimal, no leading zeros>\\n
    <root hash, standard base64>\\n
    [<extension line>\\n ...]          (kept in order and signed with the rest: ``extensions``)

Signed note (c2sp.org/signed-note)::

    <note text, ending in \\n>
    \\n
    — <key name> <base64(4-byte key ID || signature)>\\n      (one or more lines)

The dash is U+2014 EM DASH followed by a space. Ed25519 signatures are over the note
text bytes exactly (the body, including its final newline, not the blank line).
The key ID is SHA-256(key name || 0x0A || 0x01 || 32-byte public key)[:4] and a verifier
key is written `<name>+<key ID as 8 hex digits>+<base64(0x01 || public key)>`, as in
Go's golang.org/x/mod/sumdb/note.

Verifiers ignore signatures by other keys (witness cosignatures, rotated keys), but a
signature by the expected key that fails to verify rejects the whole note.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass
from typing import Callable

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

ALG_ED25519 = 0x01
HASH_SIZE = 32
MAX_SIGNATURES = 100  # the spec requires accepting at least 16; Go's note package allows 100
_SIG_PREFIX = "\u2014 "  # EM DASH, space
_DECIMAL = re.compile(r"0|[1-9][0-9]{0,19}")
_HEX8 = re.compile(r"[0-9a-fA-F]{8}")


class CheckpointFormatError(ValueError):
    """A checkpoint body does not follow c2sp.org/tlog-checkpoint."""


class NoteVerificationError(Exception):
    """A signed note is malformed or carries no valid signature by the expected key."""


# --- Checkpoint body ------------------------------------------------------------


def _has_control_chars(s: str) -> bool:
    return any(ord(c) < 0x20 and c != "\n" for c in s)


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    tree_size: int
    root_hash: bytes
    # Extension lines (c2sp.org/tlog-checkpoint): non-empty lines after the root, covered by the
    # signature. A verifier that does not know an extension ignores it; a known one (e.g. the
    # case-heads map root) is read by its own module.
    extensions: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.origin, str) or not self.origin:
            raise CheckpointFormatError("origin must be a non-empty string")
        if "\n" in self.origin or _has_control_chars(self.origin):
            raise CheckpointFormatError("origin must be a single line without control characters")
        if type(self.tree_size) is not int or not 0 <= self.tree_size < 2**64:
            raise CheckpointFormatError("tree size must be an int in [0, 2**64)")
        if not isinstance(self.root_hash, bytes) or len(self.root_hash) != HASH_SIZE:
            raise CheckpointFormatError(f"root hash must be {HASH_SIZE} bytes")
        if not isinstance(self.extensions, tuple) or any(
                not isinstance(e, str) or not e or "\n" in e or _has_control_chars(e) for e in self.extensions):
            raise CheckpointFormatError("extension lines must be non-empty single lines")

    def body(self) -> str:
        """The note text to sign."""
        root_b64 = base64.b64encode(self.root_hash).decode("ascii")
        return "".join(f"{line}\n" for line in (self.origin, str(self.tree_size), root_b64, *self.extensions))

    def extension(self, prefix: str) -> list[str]:
        """The extension lines that start with ``prefix`` (e.g. a known extension's name)."""
        return [e for e in self.extensions if e.startswith(prefix)]

    @classmethod
    def parse(cls, body: str) -> Checkpoint:
        """Parse a checkpoint body, keeping its extension lines."""
        if not isinstance(body, str) or not body.endswith("\n"):
            raise CheckpointFormatError("checkpoint must end with a newline")
        lines = body[:-1].split("\n")
        if len(lines) < 3 or any(not line for line in lines):
            raise CheckpointFormatError("checkpoint needs at least three non-empty lines")
        origin, size, root_b64 = lines[:3]
        if not _DECIMAL.fullmatch(size):
            raise CheckpointFormatError("tree size is not a canonical decimal")
        try:
            root_hash = base64.b64decode(root_b64, validate=True)
        except binascii.Error as e:
            raise CheckpointFormatError("root hash is not valid base64") from e
        # Reject non-canonical encodings so that parse(body).body() == body.
        if base64.b64encode(root_hash).decode("ascii") != root_b64:
            raise CheckpointFormatError("root hash is not canonical base64")
        return cls(origin, int(size), root_hash, tuple(lines[3:]))


# --- Keys ---------------------------------------------------------------------------


def _check_name(name: str) -> None:
    if (
        not isinstance(name, str)
        or not name
        or "+" in name
        or any(c.isspace() for c in name)
        or _has_control_chars(name)
    ):
        raise ValueError("key name must be non-empty, without spaces or '+'")


def key_hash(name: str, alg_and_key: bytes) -> bytes:
    """Key ID: SHA-256(name || "\\n" || signature type byte || public key)[:4]."""
    _check_name(name)
    return hashlib.sha256(name.encode("utf-8") + b"\n" + alg_and_key).digest()[:4]


def _check_ed25519_key(public_key_bytes: bytes) -> None:
    if not isinstance(public_key_bytes, bytes) or len(public_key_bytes) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")


def ed25519_key_hash(name: str, public_key_bytes: bytes) -> bytes:
    """Key ID of an Ed25519 key (e.g. for an external signer such as AWS KMS)."""
    _check_ed25519_key(public_key_bytes)
    return key_hash(name, bytes([ALG_ED25519]) + public_key_bytes)


def verifier_key(name: str, public_key_bytes: bytes) -> str:
    """Verifier key string `<name>+<key ID hex>+<base64(0x01 || public key)>`."""
    _check_ed25519_key(public_key_bytes)
    key = bytes([ALG_ED25519]) + public_key_bytes
    return f"{name}+{key_hash(name, key).hex()}+{base64.b64encode(key).decode('ascii')}"


def parse_verifier_key(s: str) -> tuple[str, bytes, int, bytes]:
    """Parse a verifier key into (name, 4-byte key ID, signature type, public key).

    Raises ValueError if malformed or if the key ID does not match the key.
    """
    parts = s.split("+", 2) if isinstance(s, str) else []
    if len(parts) != 3 or not _HEX8.fullmatch(parts[1]):
        raise ValueError("verifier key must be <name>+<8 hex digits>+<base64 key>")
    name, hash_hex, key_b64 = parts
    _check_name(name)
    try:
        key = base64.b64decode(key_b64, validate=True)
    except binascii.Error as e:
        raise ValueError("verifier key is not valid base64") from e
    if not key:
        raise ValueError("verifier key is empty")
    kh = bytes.fromhex(hash_hex)
    if key_hash(name, key) != kh:
        raise ValueError("verifier key ID does not match its name and key")
    alg, public_key = key[0], key[1:]
    if alg == ALG_ED25519:
        _check_ed25519_key(public_key)
    return name, kh, alg, public_key


# --- Signing ----------------------------------------------------------------------


def _check_text(text: str) -> None:
    if not isinstance(text, str) or not text.endswith("\n"):
        raise ValueError("note text must end with a newline")
    if _has_control_chars(text):
        raise ValueError("note text must not contain control characters other than newline")


def sign_note_with(
    body: str, name: str, key_hash: bytes, sign: Callable[[bytes], bytes]
) -> str:
    """Sign `body` with an external signer: `sign(message) -> signature`."""
    _check_text(body)
    _check_name(name)
    if not isinstance(key_hash, bytes) or len(key_hash) != 4:
        raise ValueError("key hash must be 4 bytes")
    signature = sign(body.encode("utf-8"))
    if not isinstance(signature, bytes) or not signature:
        raise ValueError("signer returned no signature")
    sig_b64 = base64.b64encode(key_hash + signature).decode("ascii")
    return f"{body}\n{_SIG_PREFIX}{name} {sig_b64}\n"


def sign_note(body: str, name: str, private_key: Ed25519PrivateKey) -> str:
    """Sign `body` as a note with an Ed25519 key."""
    public_key = private_key.public_key().public_bytes_raw()
    return sign_note_with(body, name, ed25519_key_hash(name, public_key), private_key.sign)


# --- Verifying ----------------------------------------------------------------------


def verify_note(note_text: str, verifier_key_str: str) -> str:
    """Return the note text if the note has a valid signature by the given key.

    Raises NoteVerificationError if the note is malformed, if a signature by that key
    fails to verify, or if there is none; ValueError if the verifier key is malformed
    or not Ed25519 (a configuration error, not a bad note).
    """
    name, kh, alg, public_key = parse_verifier_key(verifier_key_str)
    if alg != ALG_ED25519:
        raise ValueError(f"unsupported signature type {alg:#04x}")
    if isinstance(note_text, (bytes, bytearray)):
        try:
            note_text = bytes(note_text).decode("utf-8")
        except UnicodeDecodeError as e:
            raise NoteVerificationError("note is not valid UTF-8") from e
    if not isinstance(note_text, str) or _has_control_chars(note_text):
        raise NoteVerificationError("malformed note")
    try:
        note_text.encode("utf-8")  # e.g. lone surrogates
    except UnicodeEncodeError as e:
        raise NoteVerificationError("note is not valid UTF-8") from e
    # The text ends at the last blank line; signature lines cannot contain one.
    split = note_text.rfind("\n\n")
    if split < 0:
        raise NoteVerificationError("malformed note: no signature block")
    text, sig_block = note_text[: split + 1], note_text[split + 2 :]
    if not sig_block.endswith("\n"):
        raise NoteVerificationError("malformed note: no signature lines")
    lines = sig_block[:-1].split("\n")
    if len(lines) > MAX_SIGNATURES:
        raise NoteVerificationError("too many signatures")

    message = text.encode("utf-8")
    verifier = Ed25519PublicKey.from_public_bytes(public_key)
    verified = False
    for line in lines:
        if not line.startswith(_SIG_PREFIX):
            raise NoteVerificationError("malformed signature line")
        sig_name, _, sig_b64 = line[len(_SIG_PREFIX) :].partition(" ")
        try:
            _check_name(sig_name)
            sig = base64.b64decode(sig_b64, validate=True)
        except (ValueError, binascii.Error) as e:
            raise NoteVerificationError("malformed signature line") from e
        if len(sig) < 5:
            raise NoteVerificationError("malformed signature line")
        if (sig_name, sig[:4]) != (name, kh):
            continue  # another key's signature: ignored, per spec
        try:
            verifier.verify(sig[4:], message)
        except InvalidSignature as e:
            raise NoteVerificationError(f"invalid signature by {name}") from e
        verified = True
    if not verified:
        raise NoteVerificationError(f"no signature by {name}")
    return text


def open_note(note_text: str, verifier_key_str: str, origin: str | None = None) -> Checkpoint:
    """Verify a signed checkpoint and parse it.

    If `origin` is given the checkpoint must be for that log (clients should pin it).
    Raises NoteVerificationError (see verify_note), also for a bad checkpoint body.
    """
    text = verify_note(note_text, verifier_key_str)
    try:
        checkpoint = Checkpoint.parse(text)
    except CheckpointFormatError as e:
        raise NoteVerificationError(f"signed note is not a checkpoint: {e}") from e
    if origin is not None and checkpoint.origin != origin:
        raise NoteVerificationError(f"checkpoint origin {checkpoint.origin!r} != {origin!r}")
    return checkpoint
