"""The portfolio view in each output: JSON (the view itself), plain text for the
terminal, and the HTML overview (``templates/portfolio.html.j2``) with its charts' geometry
worked out here, so the template only lays out numbers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from hallbarhet_cli.files.printable import printable_data
from hallbarhet_cli.portfolio.viewtypes import PortfolioView

# Chart geometry in SVG user units: per group a label row and three bars (share by count,
# by requested SEK, by granted SEK) on a 0-100 % track.
CHART_WIDTH: Final = 640
LABEL_WIDTH: Final = 200
TRACK: Final = CHART_WIDTH - LABEL_WIDTH - 70
BAR: Final = 12
GROUP_HEIGHT: Final = 3 * (BAR + 4) + 14
SHARES: Final = ("share_by_count", "share_by_requested_sek", "share_by_granted_sek")


def chart(groups: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Where each group's three bars go; a share with no base (``None``) has no bar."""
    rows = []
    for i, group in enumerate(groups):
        top = i * GROUP_HEIGHT
        bars = []
        for j, key in enumerate(SHARES):
            share = group[key]
            y = top + 4 + j * (BAR + 4)
            bars.append(
                {
                    "key": key,
                    "share": share,
                    "y": y,
                    "text_y": y + BAR - 2,
                    "width": round(TRACK * max(0.0, min(100.0, share)) / 100, 1)
                    if share is not None
                    else None,
                }
            )
        rows.append({"label": group["label"], "label_y": top + 4 + BAR + 6, "bars": bars})
    return {
        "width": CHART_WIDTH,
        "height": max(1, len(groups)) * GROUP_HEIGHT,
        "left": LABEL_WIDTH,
        "track": TRACK,
        "value_x": LABEL_WIDTH + TRACK + 6,
        "rows": rows,
    }


def render_html(view: PortfolioView, template_dir: Path | None = None) -> str:
    from hallbarhet_cli.reporters.documents import render_template

    data = printable_data(view)
    context = {
        "p": data,
        "chart": chart(data["by_instrument_and_year"]),
        "group_chart": chart(data["groups"]),
    }
    return render_template("portfolio.html.j2", context, view["language"], template_dir)


def render_text(view: PortfolioView, template_dir: Path | None = None) -> str:
    from hallbarhet_cli.reporters.documents import render_template

    return render_template(
        "portfolio.txt.j2", {"p": printable_data(view)}, view["language"], template_dir
    )


def render_json(view: PortfolioView) -> str:
    from hallbarhet_cli.reporters.json_report import render

    return render(view)
