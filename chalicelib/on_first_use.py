"""A module imported when its first attribute is read.

Routes name their services through it so that a cold start serving an append does not load the
code of the log, the map, the GDPR workflow or the debtor's portal (BENCHMARKS.md, cold start).
"""
from __future__ import annotations

import importlib


class OnFirstUse:
    def __init__(self, name: str):
        self._name = name

    def __getattr__(self, attr: str):
        return getattr(importlib.import_module(self._name), attr)
