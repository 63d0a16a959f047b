"""The holiday table the guards read equals the `holidays` package's answer, year by year."""
from __future__ import annotations

import json
from pathlib import Path

from devtools import holiday_table

TABLE = Path(holiday_table.OUT) / "fr.json"


def test_fr_table_is_generated_from_the_holidays_package():
    assert json.loads(TABLE.read_text(encoding="utf-8")) == holiday_table.table("FR"), \
        "run: python -m devtools.holiday_table"


def test_known_days():
    days = json.loads(TABLE.read_text(encoding="utf-8"))["days"]
    for day in ("2026-01-01", "2026-04-06", "2026-05-14", "2026-07-14", "2026-11-11", "2026-12-25"):
        assert day in days
    assert "2026-12-26" not in days  # Alsace-Moselle only


def test_overseas_days_are_listed_per_subdivision_with_its_time_zones():
    data = json.loads(TABLE.read_text(encoding="utf-8"))
    assert data["regions"]["974"]["2026-12-20"] == "Abolition of Slavery"
    assert "2027-03-05" in data["regions"]["PF"]           # Missionary Day, French Polynesia
    assert data["time_zones"]["Indian/Reunion"] == "974"
    assert "Europe/Paris" not in data["time_zones"]        # Alsace-Moselle shares it: not applied
