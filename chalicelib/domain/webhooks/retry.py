"""When to try a failed delivery again, and when to give up on an endpoint."""
from __future__ import annotations

from datetime import timedelta
from typing import Callable

GIVE_UP_AFTER = timedelta(days=3)
BASE_S, CAP_S = 5.0, 6 * 3600.0  # SQS caps a message's visibility timeout at 12 hours


def delay_s(attempts: int, uniform: Callable[[float, float], float], base_s: float = BASE_S) -> float:
    """Exponential back-off with jitter: about 5 s, 10 s, 20 s, ... up to 6 h between attempts
    (``attempts`` made so far, >= 1); the jitter spreads the retries of many events."""
    ceiling = min(CAP_S, base_s * 2 ** min(max(0, attempts - 1), 32))
    return uniform(ceiling / 2, ceiling)


def gives_up(first_enqueued_s: float, now_s: float) -> bool:
    return now_s - first_enqueued_s >= GIVE_UP_AFTER.total_seconds()
