"""The terminal summary a case officer reads: verdict, dimensions, criteria, gates, what
is missing and what would raise the score. Meaning is carried by words and symbols;
colour only repeats it."""

from __future__ import annotations

import io
from typing import Any, Final

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from hallbarhet_cli import fmt
from hallbarhet_cli.i18n import N_, gettext, ngettext
from hallbarhet_cli.reporters.console import text_console
from hallbarhet_cli.reporters.viewtypes import AssessmentView, CriterionView, printable_view

_STYLES: Final = {
    "pass": "bold green",
    "fail": "bold red",
    "incomplete": "bold yellow",
    "excluded": "bold magenta",
}
_SYMBOLS: Final = {"pass": "✔", "fail": "✘", "incomplete": "…", "excluded": "⛔"}
_STATUS: Final = {
    "met": ("●", "green"),
    "partial": ("◐", "yellow"),
    "not_met": ("○", "red"),
    "missing": ("?", "yellow"),
    "unscored": ("?", "yellow"),
}
TOP_IMPROVEMENTS: Final = 5
TEXT_PREVIEW: Final = 300  # characters of a text answer shown in the terminal
LENGTH_NOTE: Final = N_(
    "The levels rest on the length of the text: the case officer should read it."
)


def _bar(percent: float | None, minimum: float, width: int = 20) -> Text:
    if percent is None:
        return Text("")
    filled = round(percent / 100 * width)
    mark = min(width - 1, round(minimum / 100 * width))
    text = Text()
    for i in range(width):
        char = "█" if i < filled else "░"
        if i == mark and i >= filled:
            char = "│"
        text.append(char, style="green" if percent >= minimum else "red")
    return text


def render(view: AssessmentView, lang: str, *, color: bool, width: int = 100) -> str:
    view = printable_view(view)
    buffer = io.StringIO()
    console = text_console(buffer, color=color, width=width)
    console.print(_heading(view, lang))
    if view["final"]:
        _gates(console, view, lang)
        return buffer.getvalue()
    console.print(_dimensions(view, lang))
    if view["criteria"]:
        console.print(_criteria(view, lang))
    _gates(console, view, lang)
    _completion(console, view, lang)
    _improvements(console, view, lang)
    for warning in view["warnings"]:
        console.print(Text(warning, style="yellow"))
    return buffer.getvalue()


def _heading(view: AssessmentView, lang: str) -> Panel:
    """The verdict and why, the applicant, budget and period, the criteria set."""

    def _(message: str) -> str:
        return gettext(message, lang)

    app = view["application"]
    verdict = view["verdict"]
    head = Text()
    head.append(f"{_SYMBOLS[verdict]} {view['verdict_label'].upper()}", style=_STYLES[verdict])
    if view["provisional"] and view["scorable"]:
        head.append("  (" + _("provisional") + ")", style="yellow")
    lines: list[Any] = [head]
    for reason in view["verdict_reasons"]:
        lines.append(Text(f"  • {reason}"))
    lines.append(Text(""))
    lines.append(
        Text(
            " · ".join(
                [
                    app["applicant"]["name"],
                    _("{requested} requested of {total}").format(
                        requested=fmt.money(app["budget"]["requested_sek"], lang),
                        total=fmt.money(app["budget"]["total_sek"], lang),
                    ),
                    f"{app['period']['start']} – {app['period']['end']}",
                ]
            ),
            style="dim",
        )
    )
    cs = view["criteria_set"]
    lines.append(Text(_("Criteria set") + f": {cs['id']} {cs['version']}", style="dim"))
    if view["overrides"]:
        lines.append(Text(_overrides_line(view["overrides"], lang), style="dim"))
    return Panel(
        Group(*lines), title=f"{app['id']} · {app['title']}", title_align="left", expand=True
    )


def _dimensions(view: AssessmentView, lang: str) -> Table:
    """Each dimension's percent against its minimum, then the overall against the pass mark."""

    def _(message: str) -> str:
        return gettext(message, lang)

    dims = Table(title=_("Dimensions"), title_justify="left", expand=False)
    dims.add_column(_("Dimension"))
    dims.add_column(_("Percent"), justify="right")
    dims.add_column(_("Threshold"), justify="right")
    dims.add_column("")
    dims.add_column(_("Status"))
    for d in view["dimensions"].values():
        percent = d["percent"]
        if percent is None:
            status = Text(
                _("cannot be scored yet") if not view["scorable"] else _("no criteria"),
                style="dim",
            )
        elif d["below_minimum"]:
            status = Text("✘ " + _("below minimum"), style="red")
        else:
            status = Text("✔ " + _("meets minimum"), style="green")
        dims.add_row(
            d["title"],
            fmt.percent(percent, lang) if percent is not None else "–",
            fmt.percent(d["min_percent"], lang),
            _bar(percent, d["min_percent"]),
            status,
        )
    overall = view["overall_percent"]
    if overall is not None:
        passes = overall >= view["thresholds"]["pass_percent"]
        dims.add_row(
            Text(_("Overall"), style="bold"),
            Text(fmt.percent(overall, lang), style="bold"),
            fmt.percent(view["thresholds"]["pass_percent"], lang),
            _bar(overall, view["thresholds"]["pass_percent"]),
            Text("✔ " + _("reaches the pass mark"), style="green")
            if passes
            else Text("✘ " + _("below the pass mark"), style="red"),
        )
    return dims


def _criteria(view: AssessmentView, lang: str) -> Table:
    """Each criterion with its status, points and reason."""

    def _(message: str) -> str:
        return gettext(message, lang)

    table = Table(title=_("Criteria"), title_justify="left", expand=True)
    table.add_column(_("Criterion"), max_width=36)
    table.add_column(_("Points"), justify="right", no_wrap=True)
    table.add_column(_("Reason"), ratio=1)
    for c in view["criteria"]:
        symbol, style = _STATUS[c["status"]]
        table.add_row(
            Text(f"{symbol} {c['id']}", style=style) + Text(f"\n{c['title']}"),
            _points(c, lang),
            _reason(c, lang),
        )
    return table


def _overrides_line(n: int, lang: str) -> str:
    return ngettext(
        "The case officer has overridden {n} automatic score.",
        "The case officer has overridden {n} automatic scores.",
        n,
        lang,
    ).format(n=n)


def _points(c: CriterionView, lang: str) -> Text:
    if c["points"] is None:
        return Text(f"–/{c['max_points']}", style="dim")
    text = Text(f"{c['points']}/{c['max_points']}")
    if c["overridden"]:
        text.append(" ✎", style="bold")
        if c["automatic_points"] is not None:
            automatic = gettext(N_("automatic: {points}"), lang).format(
                points=c["automatic_points"]
            )
            text.append(f"\n({automatic})", style="dim")
    return text


def _reason(c: CriterionView, lang: str) -> Text:
    text = Text(c["reason"])
    if c["overridden"] and c["comment"]:
        note = gettext(N_("Overridden by the case officer: {comment}"), lang)
        text.append("\n✎ " + note.format(comment=" ".join(c["comment"].split())), style="bold")
    if c["rests_on_length"]:
        text.append("\n" + gettext(LENGTH_NOTE, lang), style="yellow")
    for answer in c["texts"]:
        body = " ".join(answer["text"].split())
        if len(body) > TEXT_PREVIEW:
            body = body[: TEXT_PREVIEW - 1] + "…"
        label = answer["label"] if answer["label"].endswith("?") else answer["label"] + ":"
        text.append(f"\n{label} ", style="dim bold")
        text.append(f"”{body}”", style="dim")
    return text


def _gates(console: Any, view: AssessmentView, lang: str) -> None:
    def _(message: str) -> str:
        return gettext(message, lang)

    if view["gates"]:
        console.print(Text(_("Gates that fired"), style="bold"))
        for g in view["gates"]:
            if g["effect"] == "exclude":
                state = Text("⛔ " + _("excludes"), style="magenta")
            elif g["cleared"]:
                state = Text("✔ " + _("cleared by the case officer"), style="green")
            else:
                state = Text("! " + _("needs review"), style="yellow")
            console.print(Text(f"  {g['id']} {g['title']}: ") + state)
            console.print(Text(f"    {g['reason']}", style="dim"))


def _completion(console: Any, view: AssessmentView, lang: str) -> None:
    def _(message: str) -> str:
        return gettext(message, lang)

    if view["missing"] or view["unscored"]:
        console.print(Text(_("To complete"), style="bold"))
        n = 0
        for m in view["missing"]:
            n += 1
            if m["too_short"]:
                note = gettext(N_("too short: {length} of at least {min} characters"), lang).format(
                    length=m["length"], min=m["min_length"]
                )
                console.print(f"  {n}. {m['label']} ({note})")
            else:
                console.print(f"  {n}. {m['label']}")
        for u in view["unscored"]:
            n += 1
            console.print(f"  {n}. {u['title']} (" + _("case officer to score") + ")")


def _improvements(console: Any, view: AssessmentView, lang: str) -> None:
    if view["improvements"]:
        console.print(Text(gettext(N_("What would raise the score"), lang), style="bold"))
        for i, imp in enumerate(view["improvements"][:TOP_IMPROVEMENTS], 1):
            gain = gettext(N_("+{gain} percentage points"), lang).format(
                gain=fmt.number(imp["gain"], lang, 1)
            )
            console.print(Text(f"  {i}. {imp['title']} ({gain})", style="bold"))
            console.print(f"     {imp['needs']}")
            if imp["advice"]:
                console.print(Text(f"     {imp['advice'].strip()}", style="dim"))
        more = len(view["improvements"]) - TOP_IMPROVEMENTS
        if more > 0:
            console.print(
                Text(
                    "  " + gettext(N_("… and {n} more (see --format json)"), lang).format(n=more),
                    style="dim",
                )
            )
