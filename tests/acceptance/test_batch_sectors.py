"""``hallbarhet batch``: the share of applications and of requested kronor that goes to
civil-society applicants, in the summary, the terminal and the overview."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hallbarhet_cli.i18n import gettext
from tests.acceptance.conftest import EXAMPLES, Run

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))


def applicants() -> list[tuple[str, float]]:
    """Each example's sector and requested amount, read straight from the files."""
    from hallbarhet_cli.files.yamlload import load_file

    found = []
    for path in EXAMPLE_FILES:
        data: dict[str, Any] = load_file(path).data
        found.append((data["applicant"]["sector"], float(data["budget"]["requested_sek"])))
    return found


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_the_civil_society_share_is_in_the_summary_and_the_overview(
    run: Run, tmp_path: Path, lang: str
) -> None:
    result = run("batch", *EXAMPLE_FILES, "-o", tmp_path / "out", "--lang", lang)
    assert result.returncode == 0, result.stderr
    sectors = json.loads((tmp_path / "out" / "summary.json").read_text(encoding="utf-8"))["sectors"]
    everyone = applicants()
    civil = [sek for sector, sek in everyone if sector == "civil_society"]
    assert 0 < len(civil) < len(everyone)  # the examples have civil-society applicants
    total = sum(sek for _, sek in everyone)
    assert (sectors["known"], sectors["unknown"]) == (len(everyone), 0)
    row = sectors["civil_society"]
    assert (row["count"], row["requested_sek"]) == (len(civil), sum(civil))
    assert row["percent"] == pytest.approx(100 * len(civil) / len(everyone))
    assert row["percent_of_requested"] == pytest.approx(100 * sum(civil) / total)
    by_sector = {r["sector"]: r for r in sectors["by_sector"]}
    assert sum(r["count"] for r in by_sector.values()) == len(everyone)
    assert by_sector["civil_society"] == row

    line = gettext(
        "Civil-society applicants: {count} of {known} applications ({percent}), "
        "{amount_percent} of the amount requested ({amount}).",
        lang,
    ).split("{count}")[0]
    assert line in result.stdout
    overview = (tmp_path / "out" / "overview.html").read_text(encoding="utf-8")
    assert gettext("Applicants by sector", lang) in overview
    assert ("Civilsamhälle" if lang == "sv" else "Civil society") in overview
