"""Offline verification of Amiable Ledger journals (docs/journal-format.md).

One module per idea: ``canonical`` (RFC 8785 bytes and record hashes), ``chain`` (a case's
hash chain), ``merkle`` (RFC 9162 tree and proofs), ``checkpoint`` (C2SP signed notes),
``journal`` (the streaming verifier) and ``cli`` (``ledger-verify``).
"""
