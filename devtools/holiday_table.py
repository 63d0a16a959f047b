"""Generate chalicelib/domain/guards/calendars/<cc>.json from the `holidays` package.

    python -m devtools.holiday_table          # rewrite the FR table

The guards read this table at run time instead of importing `holidays` in the Lambda: the
package adds 1.5 MB to the zip and ~80 ms to a cold judgement, for 11 dates a year. A test
checks the table still equals the package's answer for every year it covers.

Overseas France has public holidays of its own (the abolition of slavery in each DROM, Missionary
Day in French Polynesia, Citizenship Day in New Caledonia...). The table lists them per
subdivision ("regions", the days a subdivision adds to the national ones) with the IANA time
zones that are that subdivision's ("time_zones"): the debtor's time zone is a ledger fact, so a
call made on 20 December in Réunion is read as made on a public holiday. Alsace-Moselle's extra
days share Europe/Paris with the rest of France and are not applied.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import holidays

OUT = Path(__file__).resolve().parents[1] / "chalicelib" / "domain" / "guards" / "calendars"
FIRST_YEAR, LAST_YEAR = 2000, 2100
# IANA time zones of the overseas subdivisions (holidays' FR subdivision codes)
TIME_ZONES = {
    "America/Guadeloupe": "971", "America/Martinique": "972", "America/Cayenne": "973",
    "Indian/Reunion": "974", "Indian/Mayotte": "976", "America/St_Barthelemy": "BL",
    "America/Marigot": "MF", "Pacific/Noumea": "NC", "Pacific/Tahiti": "PF", "Pacific/Marquesas": "PF",
    "Pacific/Gambier": "PF", "America/Miquelon": "PM", "Pacific/Wallis": "WF",
}


def table(country: str = "FR") -> dict:
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    days = holidays.country_holidays(country, years=years)
    regions = {}
    for subdiv in sorted(set(TIME_ZONES.values())):
        local = holidays.country_holidays(country, subdiv=subdiv, years=years)
        regions[subdiv] = {d.isoformat(): name for d, name in sorted(local.items()) if d not in days}
    return {
        "country": country,
        "source": (f"python holidays {holidays.__version__}, country_holidays({country!r}): national days, and "
                   "the days each overseas subdivision adds (country_holidays(..., subdiv=...))"),
        "years": [FIRST_YEAR, LAST_YEAR],
        "days": {d.isoformat(): name for d, name in sorted(days.items())},
        "regions": regions,
        "time_zones": dict(sorted(TIME_ZONES.items())),
    }


def render(country: str = "FR") -> str:
    return json.dumps(table(country), ensure_ascii=False, indent=0, sort_keys=True) + "\n"


if __name__ == "__main__":
    path = OUT / "fr.json"
    path.write_text(render("FR"), encoding="utf-8")
    print(f"wrote {path}", file=sys.stderr)
