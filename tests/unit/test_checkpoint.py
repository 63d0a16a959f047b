"""Tests for ledger_verify.checkpoint (C2SP tlog-checkpoint + signed-note)."""

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from ledger_verify.checkpoint import (
    Checkpoint,
    CheckpointFormatError,
    NoteVerificationError,
    ed25519_key_hash,
    key_hash,
    open_note,
    parse_verifier_key,
    sign_note,
    sign_note_with,
    verifier_key,
    verify_note,
)

EM = "\u2014"

# Known answers from golang.org/x/mod/sumdb/note (package docs and note_test.go).
GO_TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
PETER_SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
PETER_VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
PETER_SIG = (
    f"{EM} PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZ"
    "SNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)
ENOCH_VKEY = "EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop"
ENOCH_SIG = (
    f"{EM} EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG0"
    "1oOTGwnWLox33WWd1RvMc+QQ=\n"
)
# Example from the C2SP signed-note repository history.
FOO_VKEY = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
FOO_NOTE = (
    f"This is an example message.\n\n{EM} example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6T"
    "fXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"
)

ORIGIN = "ledger.example/tenant-1"
KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
PUB = KEY.public_key().public_bytes_raw()
VKEY = verifier_key(ORIGIN, PUB)
OTHER_KEY = Ed25519PrivateKey.from_private_bytes(bytes(range(1, 33)))
CP = Checkpoint(ORIGIN, 42, hashlib.sha256(b"root").digest())


def peter_private_key():
    key = base64.b64decode(PETER_SKEY.split("+", 4)[4])  # base64 may contain "+"
    assert key[0] == 0x01
    return Ed25519PrivateKey.from_private_bytes(key[1:])


# --- Go / C2SP compatibility ----------------------------------------------------


def test_go_peter_neumann_note_opens():
    assert verify_note(GO_TEXT + "\n" + PETER_SIG, PETER_VKEY) == GO_TEXT


def test_go_signing_is_byte_identical():
    # Ed25519 is deterministic, so the published note is a known answer for signing too.
    assert sign_note(GO_TEXT, "PeterNeumann", peter_private_key()) == GO_TEXT + "\n" + PETER_SIG


def test_go_verifier_key_and_key_hash():
    pub = peter_private_key().public_key().public_bytes_raw()
    assert verifier_key("PeterNeumann", pub) == PETER_VKEY
    assert ed25519_key_hash("PeterNeumann", pub) == bytes.fromhex("c74f20a3")
    assert key_hash("PeterNeumann", b"\x01" + pub) == hashlib.sha256(
        b"PeterNeumann\n\x01" + pub).digest()[:4]
    name, kh, alg, key = parse_verifier_key(PETER_VKEY)
    assert (name, kh, alg, key) == ("PeterNeumann", bytes.fromhex("c74f20a3"), 1, pub)


def test_go_two_signatures_each_key_opens_and_ignores_the_other():
    note = GO_TEXT + "\n" + PETER_SIG + ENOCH_SIG
    assert verify_note(note, PETER_VKEY) == GO_TEXT
    assert verify_note(note, ENOCH_VKEY) == GO_TEXT
    assert verify_note(GO_TEXT + "\n" + ENOCH_SIG + PETER_SIG, PETER_VKEY) == GO_TEXT
    with pytest.raises(NoteVerificationError):
        verify_note(GO_TEXT + "\n" + ENOCH_SIG, PETER_VKEY)


def test_c2sp_example_note_opens():
    assert verify_note(FOO_NOTE, FOO_VKEY) == "This is an example message.\n"


def test_c2sp_checkpoint_body_parses():
    body = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    cp = Checkpoint.parse(body)
    assert (cp.origin, cp.tree_size, len(cp.root_hash)) == ("example.com/behind-the-sofa", 20852163, 32)
    assert cp.body() == body


# --- Checkpoint body --------------------------------------------------------------


def test_checkpoint_body_format_and_round_trip():
    root_b64 = base64.b64encode(CP.root_hash).decode()
    assert CP.body() == f"{ORIGIN}\n42\n{root_b64}\n"
    assert Checkpoint.parse(CP.body()) == CP
    empty = Checkpoint(ORIGIN, 0, hashlib.sha256(b"").digest())
    assert Checkpoint.parse(empty.body()) == empty


def test_checkpoint_extension_lines_are_kept_and_exposed():
    parsed = Checkpoint.parse(CP.body() + "ext one\next two\n")
    assert (parsed.origin, parsed.tree_size, parsed.root_hash) == (CP.origin, CP.tree_size, CP.root_hash)
    assert parsed.extensions == ("ext one", "ext two") and parsed.extension("ext t") == ["ext two"]
    assert parsed.body() == CP.body() + "ext one\next two\n"  # signed as read


@pytest.mark.parametrize("body", [
    "",
    "origin\n1\n",
    "origin\n1\nAAAA\n",  # 3-byte hash
    CP.body()[:-1],  # no final newline
    CP.body() + "\n",  # empty extension line
    CP.body().replace("\n42\n", "\n042\n"),
    CP.body().replace("\n42\n", "\n-1\n"),
    CP.body().replace("\n42\n", "\n+42\n"),
    CP.body().replace("\n42\n", "\n4 2\n"),
    CP.body().replace("\n42\n", "\n\u0664\u0662\n"),  # Arabic-Indic digits
    CP.body().replace("\n42\n", "\n" + "9" * 30 + "\n"),
    CP.body().replace("=\n", "\n"),  # missing padding
    "\n42\n" + CP.body().split("\n")[2] + "\n",  # empty origin
])
def test_checkpoint_parse_rejects_malformed(body):
    with pytest.raises(CheckpointFormatError):
        Checkpoint.parse(body)


def test_checkpoint_parse_rejects_noncanonical_base64():
    root_b64 = base64.b64encode(b"\x00" * 32).decode()  # ends in "A="; "B=" has stray bits
    assert root_b64.endswith("A=")
    with pytest.raises(CheckpointFormatError):
        Checkpoint.parse(f"o\n1\n{root_b64[:-2]}B=\n")


@pytest.mark.parametrize("args", [
    ("", 1, b"\x00" * 32),
    ("a\nb", 1, b"\x00" * 32),
    ("o", -1, b"\x00" * 32),
    ("o", True, b"\x00" * 32),
    ("o", 1, b"\x00" * 31),
    ("o", 1, "00" * 32),
])
def test_checkpoint_constructor_validates(args):
    with pytest.raises(CheckpointFormatError):
        Checkpoint(*args)


# --- Sign / open ----------------------------------------------------------------


def test_sign_and_open_round_trip():
    note = sign_note(CP.body(), ORIGIN, KEY)
    assert note.startswith(CP.body() + "\n" + EM + " " + ORIGIN + " ")
    assert note.endswith("\n")
    sig = base64.b64decode(note.rsplit(" ", 1)[1])
    assert sig[:4] == ed25519_key_hash(ORIGIN, PUB) and len(sig) == 68
    assert open_note(note, VKEY) == CP
    assert open_note(note, VKEY, origin=ORIGIN) == CP
    assert open_note(note.encode("utf-8"), VKEY) == CP


def test_sign_note_with_external_signer():
    calls = []

    def kms_sign(message: bytes) -> bytes:
        calls.append(message)
        return KEY.sign(message)

    note = sign_note_with(CP.body(), ORIGIN, ed25519_key_hash(ORIGIN, PUB), kms_sign)
    assert calls == [CP.body().encode()]
    assert note == sign_note(CP.body(), ORIGIN, KEY)
    assert open_note(note, VKEY) == CP


def test_origin_mismatch_rejected():
    note = sign_note(CP.body(), ORIGIN, KEY)
    with pytest.raises(NoteVerificationError):
        open_note(note, VKEY, origin="other.example/log")


def test_tampered_body_rejected():
    note = sign_note(CP.body(), ORIGIN, KEY)
    with pytest.raises(NoteVerificationError):
        open_note(note.replace("\n42\n", "\n43\n"), VKEY)


def test_tampered_signature_rejected():
    note = sign_note(CP.body(), ORIGIN, KEY)
    head, b64 = note[:-1].rsplit(" ", 1)
    sig = bytearray(base64.b64decode(b64))
    sig[10] ^= 1
    with pytest.raises(NoteVerificationError):
        open_note(head + " " + base64.b64encode(bytes(sig)).decode() + "\n", VKEY)


def test_wrong_key_rejected():
    note = sign_note(CP.body(), ORIGIN, OTHER_KEY)  # same name, different key ID
    with pytest.raises(NoteVerificationError, match="no signature"):
        open_note(note, VKEY)


def test_colliding_key_id_with_bad_signature_rejects_note():
    # Same name and key ID as the expected key but signed by another key: the spec says
    # the signature must be verified, and we reject the whole note when it fails.
    note = sign_note_with(CP.body(), ORIGIN, ed25519_key_hash(ORIGIN, PUB), OTHER_KEY.sign)
    with pytest.raises(NoteVerificationError, match="invalid signature"):
        open_note(note, VKEY)
    good = sign_note(CP.body(), ORIGIN, KEY)
    with pytest.raises(NoteVerificationError, match="invalid signature"):
        open_note(good + note.split("\n\n")[1], VKEY)


def test_unknown_extra_signatures_ignored():
    note = sign_note(CP.body(), ORIGIN, KEY)
    witness = sign_note(CP.body(), "witness.example/w1", OTHER_KEY)
    witness_line = witness.split("\n\n")[1]
    odd_line = f"{EM} {ORIGIN} " + base64.b64encode(b"\xff\xff\xff\xff" + b"x" * 64).decode() + "\n"
    for combined in (
        note + witness_line,  # witness cosignature after ours
        CP.body() + "\n" + witness_line + note.split("\n\n")[1],  # ...and before
        note + odd_line,  # our name, unknown key ID: not ours, ignored
    ):
        assert open_note(combined, VKEY) == CP
    # ...and the witness key can open the same note.
    assert open_note(note + witness_line, verifier_key("witness.example/w1",
                     OTHER_KEY.public_key().public_bytes_raw())) == CP


def test_only_unknown_signatures_rejected():
    witness = sign_note(CP.body(), "witness.example/w1", OTHER_KEY)
    with pytest.raises(NoteVerificationError):
        open_note(witness, VKEY)


def test_signed_non_checkpoint_rejected():
    with pytest.raises(NoteVerificationError, match="not a checkpoint"):
        open_note(sign_note("hello\n", ORIGIN, KEY), VKEY)


def _good():
    return sign_note(CP.body(), ORIGIN, KEY)


@pytest.mark.parametrize("mangle", [
    lambda n: n.replace("\n\n", "\n"),  # no blank line
    lambda n: n[:-1],  # no final newline
    lambda n: n.split("\n\n")[0] + "\n\n",  # no signature lines
    lambda n: n.replace(EM, "-"),  # ASCII dash
    lambda n: n.replace(EM + " ", EM),  # no space after dash
    lambda n: n.replace(f"{ORIGIN} ", f"{ORIGIN}  "),  # double space
    lambda n: n[:-1] + " \n",  # trailing space
    lambda n: n[:-2] + "!\n",  # bad base64
    lambda n: n.replace("\n", "\r\n"),  # control characters
    lambda n: n + "\n",  # trailing blank line
    lambda n: n + f"{EM} x AAAA\n",  # signature shorter than 5 bytes
    lambda n: n + f"{EM} bad+name AAAAAAAA\n",
    lambda n: n + "garbage\n",
    lambda n: n + n.split("\n\n")[1] * 100,  # too many signatures
    lambda n: n.encode("utf-8")[:-3] + b"\xff\n",  # invalid UTF-8
])
def test_malformed_notes_rejected(mangle):
    with pytest.raises(NoteVerificationError):
        open_note(mangle(_good()), VKEY)


def test_many_signatures_within_limit_accepted():
    note = _good()
    assert open_note(note + note.split("\n\n")[1] * 15, VKEY) == CP


# --- Keys -------------------------------------------------------------------------


def test_verifier_key_round_trip():
    name, kh, alg, pub = parse_verifier_key(VKEY)
    assert (name, kh, alg, pub) == (ORIGIN, ed25519_key_hash(ORIGIN, PUB), 1, PUB)
    key_b64 = base64.b64encode(b"\x01" + PUB).decode()
    assert VKEY == f"{ORIGIN}+{kh.hex()}+{key_b64}"


@pytest.mark.parametrize("vkey", [
    "",
    "PeterNeumann",
    "PeterNeumann+c74f20a3",
    "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  # wrong ID
    "PeterNeumann+c74f20a+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",  # 7 hex digits
    "PeterNeumann+0xc74f20+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
    "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10T",  # bad base64
    "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
    "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
])
def test_parse_verifier_key_rejects_malformed(vkey):
    with pytest.raises(ValueError):
        parse_verifier_key(vkey)


def test_parse_verifier_key_rejects_short_ed25519_key():
    key = b"\x01" + PUB[:31]
    vkey = f"n+{key_hash('n', key).hex()}+{base64.b64encode(key).decode()}"
    with pytest.raises(ValueError):
        parse_verifier_key(vkey)


def test_open_note_with_non_ed25519_key_is_a_config_error():
    key = b"\x02" + PUB
    vkey = f"n+{key_hash('n', key).hex()}+{base64.b64encode(key).decode()}"
    assert parse_verifier_key(vkey)[2] == 2
    with pytest.raises(ValueError):
        open_note(_good(), vkey)


def test_signing_input_validation():
    with pytest.raises(ValueError):
        sign_note("no newline", ORIGIN, KEY)
    with pytest.raises(ValueError):
        sign_note("tab\there\n", ORIGIN, KEY)
    with pytest.raises(ValueError):
        sign_note(CP.body(), "has space", KEY)
    with pytest.raises(ValueError):
        sign_note(CP.body(), "has+plus", KEY)
    with pytest.raises(ValueError):
        sign_note_with(CP.body(), ORIGIN, b"abc", KEY.sign)
    with pytest.raises(ValueError):
        sign_note_with(CP.body(), ORIGIN, b"abcd", lambda m: b"")
