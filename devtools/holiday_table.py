"""Generate chalicelib/domain/guards/calendars/<cc>.json from the `holidays` package.

    python -m devtools.holiday_table          # rewrite the FR table

The guards read this table at run time instead of importing `holidays` in the Lambda: the
package adds 1.5 MB to the zip and ~80 ms to a cold judgement, for 11 dates a year. A test
checks the table still equals the package's answer for every year it covers.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import holidays

OUT = Path(__file__).resolve().parents[1] / "chalicelib" / "domain" / "guards" / "calendars"
FIRST_YEAR, LAST_YEAR = 2000, 2100


def table(country: str = "FR") -> dict:
    days = holidays.country_holidays(country, years=range(FIRST_YEAR, LAST_YEAR + 1))
    return {
        "country": country,
        "source": f"python holidays {holidays.__version__}, country_holidays({country!r}), national days only",
        "years": [FIRST_YEAR, LAST_YEAR],
        "days": {d.isoformat(): name for d, name in sorted(days.items())},
    }


def render(country: str = "FR") -> str:
    return json.dumps(table(country), ensure_ascii=False, indent=0, sort_keys=True) + "\n"


if __name__ == "__main__":
    path = OUT / "fr.json"
    path.write_text(render("FR"), encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
