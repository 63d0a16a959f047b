"""The confusables table the guards read equals what TR39 data (via the package) gives."""
from __future__ import annotations

import json

from devtools import confusables_table


def test_table_is_generated_from_the_package():
    assert json.loads(confusables_table.OUT.read_text(encoding="utf-8")) == confusables_table.table(), \
        "run: python -m devtools.confusables_table"


def test_known_look_alikes():
    table = confusables_table.table()["map"]
    assert table["а"] == "a" and table["о"] == "o" and table["ѕ"] == "s"     # Cyrillic
    assert table["ο"] == "o" and table["ν"] == "v"                           # Greek
    assert "é" not in table and "ç" not in table                             # French letters are no disguise
