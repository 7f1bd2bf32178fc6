"""Report documents a case officer attaches to a decision: HTML and Markdown from Jinja.

The templates live in ``templates/`` (shipped in the wheel); ``--template-dir`` puts a
folder in front of them, so an organisation can override any template by name. Templates
only lay out :func:`document_view`, the assessment view plus presentation data (chart
geometry, labels in the report language); they never compute scores, and Python never
builds HTML.

Application text (titles, names, answers, comments) is data: it is passed to templates as
values and never compiled as a template. HTML templates (``*.html.j2``) are autoescaped;
Markdown templates escape every value from the view with the ``md`` filter.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import traceback
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Final

import jinja2
import jinja2.bccache
import markupsafe

from hallbarhet_cli import fmt
from hallbarhet_cli.errors import Message, Problem, Severity, UsageError
from hallbarhet_cli.files.bundled import bundled_dir
from hallbarhet_cli.i18n import N_, gettext, ngettext
from hallbarhet_cli.reporters.clock import local_timestamp
from hallbarhet_cli.reporters.viewtypes import AssessmentView, GateView, printable_view

TEMPLATES: Final = {"html": "report.html.j2", "md": "report.md.j2"}

STATUS_LABELS: Final = {
    "met": N_("met"),
    "partial": N_("partly met"),
    "not_met": N_("not met"),
    "missing": N_("answer missing"),
    "unscored": N_("awaits the case officer"),
}
STATUS_SYMBOLS: Final = {
    "met": "●",
    "partial": "◐",
    "not_met": "○",
    "missing": "?",
    "unscored": "?",
}
VERDICT_SYMBOLS: Final = {"pass": "✔", "fail": "✘", "incomplete": "!", "excluded": "⊘"}
APPLICATION_TYPES: Final = {"project": N_("project"), "business_support": N_("business support")}

# The UN Sustainable Development Goals by number, in the short names the UN uses.
SDG_NAMES: Final = {
    1: N_("No poverty"),
    2: N_("Zero hunger"),
    3: N_("Good health and well-being"),
    4: N_("Quality education"),
    5: N_("Gender equality"),
    6: N_("Clean water and sanitation"),
    7: N_("Affordable and clean energy"),
    8: N_("Decent work and economic growth"),
    9: N_("Industry, innovation and infrastructure"),
    10: N_("Reduced inequalities"),
    11: N_("Sustainable cities and communities"),
    12: N_("Responsible consumption and production"),
    13: N_("Climate action"),
    14: N_("Life below water"),
    15: N_("Life on land"),
    16: N_("Peace, justice and strong institutions"),
    17: N_("Partnerships for the goals"),
}

# Chart geometry, in SVG user units: one row per dimension and one for the overall percent.
CHART_WIDTH: Final = 640
CHART_ROW: Final = 52
CHART_BAR: Final = 16
CHART_GAP: Final = 12
CHART_LEFT: Final = 8
CHART_RIGHT: Final = CHART_WIDTH - 8
BAR_CELLS: Final = 20  # width of the text bar in Markdown
LONG_TEXT: Final = 400  # characters above which HTML folds a text answer


# -- the document view ---------------------------------------------------------------------
def document_view(view: AssessmentView, lang: str) -> dict[str, Any]:
    """``view`` with what the documents add for layout: labels in ``lang``, criteria grouped
    by dimension, the completion request as numbered items and the chart's geometry."""

    def _(message: str) -> str:
        return gettext(message, lang)

    dimensions = []
    for row, (dimension_id, d) in enumerate(view["dimensions"].items()):
        dimensions.append(
            {
                "id": dimension_id,
                "overall": False,
                **d,
                "state": _dimension_state(d["percent"], d["below_minimum"], lang, view["scorable"]),
                "bar": _text_bar(d["percent"], d["min_percent"]),
                "chart": _geometry(row, d["percent"], d["min_percent"], overall=False),
                "criteria": [
                    {
                        **c,
                        "status_label": _(STATUS_LABELS[c["status"]]),
                        "status_symbol": STATUS_SYMBOLS[c["status"]],
                        "texts": [
                            {**t, "long": t["length"] > LONG_TEXT} for t in c.get("texts", [])
                        ],
                    }
                    for c in view["criteria"]
                    if c["dimension"] == dimension_id
                ],
            }
        )
    overall = view["overall_percent"]
    pass_percent = view["thresholds"]["pass_percent"]
    below_pass = overall is not None and overall < pass_percent
    completion = [
        {
            "kind": "too_short" if m["too_short"] else "missing",
            "label": m["label"],
            "length": m["length"],
            "min_length": m["min_length"],
        }
        for m in view["missing"]
    ] + [{"kind": "unscored", "label": u["title"]} for u in view["unscored"]]
    if view["final"]:
        completion = []
    overall_row = {
        "overall": True,
        "percent": overall,
        "min_percent": pass_percent,
        "below_minimum": below_pass,
        "state": _overall_state(overall, below_pass, lang, view["scorable"]),
        "bar": _text_bar(overall, pass_percent),
        "chart": _geometry(len(dimensions), overall, pass_percent, overall=True),
    }
    app = view["application"]
    return {
        **view,
        "application": {
            **app,
            "type_label": _(APPLICATION_TYPES.get(app["type"], app["type"])),
            "summary_paragraphs": _paragraphs(app["summary"] or ""),
        },
        "verdict_symbol": VERDICT_SYMBOLS[view["verdict"]],
        "dimension_list": dimensions,
        "overall": overall_row,
        "chart": {**_chart(len(dimensions) + 1), "rows": [*dimensions, overall_row]},
        "gate_list": [{**g, "state": _gate_state(g, lang)} for g in view["gates"]],
        "completion": completion,
        "sdg_list": [{"goal": n, "name": _(SDG_NAMES[n])} for n in view["sdg"] if n in SDG_NAMES],
    }


def _dimension_state(
    percent: float | None, below: bool, lang: str, scorable: bool = True
) -> dict[str, str]:
    """How a percent stands against its threshold: a key for styling, a symbol and words."""
    if percent is None:
        key, symbol = "none", "–"
        label = N_("no criteria") if scorable else N_("cannot be scored yet")
    elif below:
        key, symbol, label = "below", "✘", N_("below minimum")
    else:
        key, symbol, label = "meets", "✔", N_("meets minimum")
    return {"key": key, "symbol": symbol, "label": gettext(label, lang)}


def _overall_state(percent: float | None, below: bool, lang: str, scorable: bool) -> dict[str, str]:
    """How the overall percent stands against the pass mark, in the pass mark's own words."""
    if percent is None:
        return _dimension_state(percent, below, lang, scorable)
    if below:
        key, symbol, label = "below", "✘", N_("below the pass mark")
    else:
        key, symbol, label = "meets", "✔", N_("reaches the pass mark")
    return {"key": key, "symbol": symbol, "label": gettext(label, lang)}


def _gate_state(gate: GateView, lang: str) -> dict[str, str]:
    if gate["effect"] == "exclude":
        key, symbol, label = "excludes", "⊘", N_("excludes the application")
    elif gate["cleared"]:
        key, symbol, label = "cleared", "✔", N_("cleared by the case officer")
    else:
        key, symbol, label = "review", "!", N_("awaits the case officer's review")
    return {"key": key, "symbol": symbol, "label": gettext(label, lang)}


def _paragraphs(text: str) -> list[str]:
    """Paragraphs of a free text, each with its lines joined (YAML keeps them either way)."""
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]


def _clamp(percent: float) -> float:
    return max(0.0, min(100.0, percent))


def _text_bar(percent: float | None, minimum: float) -> str:
    """A bar of block characters with ``┃`` where the threshold lies, for Markdown."""
    if percent is None:
        return ""
    filled = round(_clamp(percent) / 100 * BAR_CELLS)
    mark = min(BAR_CELLS - 1, round(_clamp(minimum) / 100 * BAR_CELLS))
    cells = ["█" if i < filled else "░" for i in range(BAR_CELLS)]
    cells[mark] = "┃"
    return "".join(cells)


def _geometry(row: int, percent: float | None, minimum: float, *, overall: bool) -> dict[str, Any]:
    """Where row ``row`` of the SVG chart puts its text, bar and threshold mark (1 unit is
    1 CSS pixel); the overall row sits a little apart, below a rule."""
    top = row * CHART_ROW + (CHART_GAP if overall else 0)
    span = CHART_RIGHT - CHART_LEFT
    return {
        "text_y": top + 16,
        "bar_y": top + 24,
        "bar_width": round(span * _clamp(percent or 0.0) / 100, 1),
        "mark_x": round(CHART_LEFT + span * _clamp(minimum) / 100, 1),
        "mark_top": top + 20,
        "mark_bottom": top + 24 + CHART_BAR + 4,
    }


def _chart(rows: int) -> dict[str, Any]:
    return {
        "width": CHART_WIDTH,
        "height": rows * CHART_ROW + CHART_GAP,
        "left": CHART_LEFT,
        "right": CHART_RIGHT,
        "track_width": CHART_RIGHT - CHART_LEFT,
        "bar_height": CHART_BAR,
        "rule_y": (rows - 1) * CHART_ROW + CHART_GAP // 2,
    }


# -- Markdown escaping ---------------------------------------------------------------------
_MD_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>|~])")
_MD_ENTITY: Final = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What makes a line start a heading, quote, list or rule in CommonMark.
_MD_BLOCK_START: Final = re.compile(r"^(#{1,6}(?=\s|$)|>|[-+](?=[\s-]|$)|\d{1,9}(?=[.)](?:\s|$)))")


def markdown_escape(value: Any) -> str:
    """``value`` as literal text in Markdown: on one line, with the characters that would
    start emphasis, code, links, tables, HTML or entities escaped, and a block marker at the
    start (``#``, ``>``, ``-``, ``1.``) made harmless. A Markdown renderer shows exactly the
    original characters; as plain text it stays readable."""
    text = " ".join(str(value).split())
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_ENTITY.sub(r"\\&", text)
    return _MD_BLOCK_START.sub(_escape_block_start, text)


def _escape_block_start(match: re.Match[str]) -> str:
    marker = match.group(1)
    if marker[0].isdigit():  # escape the full stop or parenthesis after the number
        return marker + "\\"
    return "\\" + marker


# -- the Jinja environment -----------------------------------------------------------------
def _filters(lang: str) -> dict[str, Callable[..., Any]]:
    """Every filter the templates may use, formatting for ``lang`` with :mod:`fmt`."""

    def number(value: float, decimals: int | None = None) -> str:
        return fmt.number(value, lang, decimals)

    def percent(value: float) -> str:
        return fmt.percent(value, lang)

    def money(value: float) -> str:
        return fmt.money(value, lang)

    def date(value: str | dt.date) -> str:
        return fmt.date(dt.date.fromisoformat(value) if isinstance(value, str) else value, lang)

    def timestamp(value: str) -> str:
        return local_timestamp(value, lang)

    def css(value: str) -> markupsafe.Markup:
        """``value`` as a quoted CSS string, every character but letters, digits and
        spaces escaped, so that text from the catalogue is safe inside ``<style>``."""
        escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in value)
        return markupsafe.Markup(f'"{escaped}"')

    def join(items: list[str]) -> str:
        return fmt.join(items, lang)

    def quote(text: str) -> str:
        return fmt.quote(text, lang)

    return {
        "number": number,
        "percent": percent,
        "money": money,
        "date": date,
        "timestamp": timestamp,
        "css": css,
        "join": join,
        "quote": quote,
        "md": markdown_escape,
    }


class _TemplateCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates kept between runs in Jinja's per-user temporary folder, so that
    a report in a fresh process skips compiling (about 40 ms); Jinja checks each entry
    against its template's source. A cache that cannot be written is simply not used."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


def _template_cache() -> jinja2.BytecodeCache | None:
    try:
        # Named apart from the caches of ordinary environments: code compiled outside the
        # sandbox must never be loaded into it.
        return _TemplateCache(pattern="__hallbarhet_sandboxed_%s.cache")
    except (OSError, RuntimeError):  # no safe temporary folder for this user
        return None


@cache
def environment(lang: str, template_dir: Path | None = None) -> jinja2.Environment:
    """The Jinja environment for reports in ``lang``; templates in ``template_dir`` win
    over the bundled ones of the same name.

    Every template is rendered in Jinja's immutable sandbox: an organisation's override
    may come from a shared folder, and it must not reach Python's internals (``cycler.
    __init__.__globals__.os``), run commands, read files or change the data it is given.
    """
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    loaders: list[jinja2.BaseLoader] = [jinja2.FileSystemLoader(bundled_dir("templates"))]
    if template_dir is not None:
        loaders.insert(0, jinja2.FileSystemLoader(template_dir))
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html.j2",), default_for_string=True, default=False
        ),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
        bytecode_cache=_template_cache(),
    )

    def _gettext(message: str) -> str:
        return gettext(message, lang)

    def _ngettext(singular: str, plural: str, n: int) -> str:
        return ngettext(singular, plural, n, lang)

    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(_filters(lang))
    return env


def render(view: AssessmentView, lang: str, kind: str, template_dir: Path | None = None) -> str:
    """The report of ``kind`` (``html`` or ``md``) for an assessment ``view``."""
    context = {"report": document_view(printable_view(view), lang)}
    return render_template(TEMPLATES[kind], context, lang, template_dir)


def render_template(
    name: str, context: dict[str, Any], lang: str, template_dir: Path | None = None
) -> str:
    """Render the template ``name`` with plain data. A broken template (most likely an
    organisation's override) is one located error, not a traceback."""
    try:
        return environment(lang, template_dir).get_template(name).render(**context)
    except jinja2.TemplateSyntaxError as err:
        where = err.filename or err.name or name
        raise _template_error(where, err.lineno, err.message or str(err)) from err
    except jinja2.TemplateError as err:
        where, line = _template_frame(err, name)
        raise _template_error(where, line, err.message or str(err)) from err


def _template_frame(err: BaseException, default: str) -> tuple[str, int | None]:
    """The template file and line an error was raised at (Jinja rewrites the traceback so
    that template frames carry them)."""
    frames = [f for f in traceback.extract_tb(err.__traceback__) if f.filename.endswith(".j2")]
    return (frames[-1].filename, frames[-1].lineno) if frames else (default, None)


def _template_error(file: str, line: int | None, detail: str) -> UsageError:
    message = Message(N_("Template error: {error}"), {"error": detail})
    return UsageError([Problem(file, line, None, "template", Severity.ERROR, message)])
