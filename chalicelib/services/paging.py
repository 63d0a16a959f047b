"""Pages bounded by bytes as well as by count: a Lambda response may not exceed 6 MB.

A page takes items while their encoded size stays within RESPONSE_BUDGET_BYTES, always at least
one (a stored record is at most a few hundred KB, far below the budget), and says whether it
stopped early so the caller can hand out a cursor.
"""
from __future__ import annotations

from typing import Callable, Iterable, TypeVar

T = TypeVar("T")

LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024
# Headroom for the envelope (JSON wrapper, headers) and API Gateway's own framing.
RESPONSE_BUDGET_BYTES = 5 * 1024 * 1024


def take_within(items: Iterable[T], size_of: Callable[[T], int], budget: int = RESPONSE_BUDGET_BYTES) -> tuple[list[T], bool]:
    """(the longest prefix of ``items`` whose sizes sum to at most ``budget``, at least one item;
    True if items were left out)."""
    page: list[T] = []
    used = 0
    for item in items:
        size = size_of(item)
        if page and used + size > budget:
            return page, True
        page.append(item)
        used += size
    return page, False
