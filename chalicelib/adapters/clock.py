"""Wall clock and entropy, the only sources of time and randomness the services use."""
from __future__ import annotations

import secrets
from datetime import datetime, timezone


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


def entropy(n: int) -> bytes:
    return secrets.token_bytes(n)
