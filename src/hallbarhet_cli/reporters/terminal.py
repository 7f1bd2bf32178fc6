"""The terminal summary a case officer reads: verdict, dimensions, criteria, gates, what
is missing and what would raise the score. Meaning is carried by words and symbols;
colour only repeats it."""

from __future__ import annotations

from typing import Final

from hallbarhet_cli import fmt
from hallbarhet_cli.i18n import N_, gettext, ngettext
from hallbarhet_cli.reporters.layout import Column, Page, Table, panel
from hallbarhet_cli.reporters.layout import Styled as Text
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
    page = Page(color=color, width=width)
    page.block(_heading(view, lang, width))
    if view["final"]:
        _gates(page, view, lang)
        return page.text()
    page.block(_dimensions(view, lang).lines(width))
    if view["criteria"]:
        page.block(_criteria(view, lang).lines(width))
    _gates(page, view, lang)
    _completion(page, view, lang)
    _improvements(page, view, lang)
    for warning in view["warnings"]:
        page.out(warning, style="yellow")
    return page.text()


def _heading(view: AssessmentView, lang: str, width: int) -> list[Text]:
    """The verdict and why, the applicant, budget and period, the criteria set."""

    def _(message: str) -> str:
        return gettext(message, lang)

    app = view["application"]
    verdict = view["verdict"]
    head = Text()
    head.append(f"{_SYMBOLS[verdict]} {view['verdict_label'].upper()}", style=_STYLES[verdict])
    if view["provisional"] and view["scorable"]:
        head.append("  (" + _("provisional") + ")", style="yellow")
    lines = [head]
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
                    *(
                        # No-break spaces: the date stays with its word where the line wraps.
                        [_("received {date}").format(date=app["submitted"]).replace(" ", "\u00a0")]
                        if app["submitted"]
                        else []
                    ),
                ]
            ),
            style="dim",
        )
    )
    cs = view["criteria_set"]
    lines.append(Text(_("Criteria set") + f": {cs['id']} {cs['version']}", style="dim"))
    if view["overrides"]:
        lines.append(Text(_overrides_line(view["overrides"], lang), style="dim"))
    return panel(f"{app['id']} · {app['title']}", lines, width)


def _dimensions(view: AssessmentView, lang: str) -> Table:
    """Each dimension's percent against its minimum, then the overall against the pass mark."""

    def _(message: str) -> str:
        return gettext(message, lang)

    dims = Table(
        [
            Column(_("Dimension")),
            Column(_("Percent"), justify="right"),
            Column(_("Threshold"), justify="right"),
            Column("", no_wrap=True),
            Column(_("Status")),
        ],
        title=_("Dimensions"),
    )
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

    table = Table(
        [
            Column(_("Criterion"), max_width=36),
            Column(_("Points"), justify="right", no_wrap=True),
            Column(_("Reason"), grow=True),
        ],
        title=_("Criteria"),
        fill=True,
    )
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


def _gates(page: Page, view: AssessmentView, lang: str) -> None:
    def _(message: str) -> str:
        return gettext(message, lang)

    if view["gates"]:
        page.out(Text(_("Gates that fired"), style="bold"))
        for g in view["gates"]:
            if g["effect"] == "exclude":
                state = Text("⛔ " + _("excludes"), style="magenta")
            elif g["cleared"]:
                state = Text("✔ " + _("cleared by the case officer"), style="green")
            else:
                state = Text("! " + _("needs review"), style="yellow")
            page.out(Text(f"{g['id']} {g['title']}: ") + state, 2)
            page.out(g["reason"], 4, "dim")


def _completion(page: Page, view: AssessmentView, lang: str) -> None:
    def _(message: str) -> str:
        return gettext(message, lang)

    if view["missing"] or view["unscored"]:
        page.out(Text(_("To complete"), style="bold"))
        n = 0
        for m in view["missing"]:
            n += 1
            if m["too_short"]:
                note = gettext(N_("too short: {length} of at least {min} characters"), lang).format(
                    length=m["length"], min=m["min_length"]
                )
                page.out(f"{n}. {m['label']} ({note})", 2)
            else:
                page.out(f"{n}. {m['label']}", 2)
        for u in view["unscored"]:
            n += 1
            page.out(f"{n}. {u['title']} (" + _("case officer to score") + ")", 2)


def _improvements(page: Page, view: AssessmentView, lang: str) -> None:
    if view["improvements"]:
        page.out(Text(gettext(N_("What would raise the score"), lang), style="bold"))
        for i, imp in enumerate(view["improvements"][:TOP_IMPROVEMENTS], 1):
            gain = gettext(N_("+{gain} percentage points"), lang).format(
                gain=fmt.number(imp["gain"], lang, 1)
            )
            page.out(f"{i}. {imp['title']} ({gain})", 2, "bold")
            page.out(imp["needs"], 5)
            if imp["advice"]:
                page.out(imp["advice"].strip(), 5, "dim")
        more = len(view["improvements"]) - TOP_IMPROVEMENTS
        if more > 0:
            page.out(
                Text(
                    "  " + gettext(N_("… and {n} more (see --format json)"), lang).format(n=more),
                    style="dim",
                )
            )
