"""The terminal layout: wrapping by cells, tables and the panel. Whatever the text, no line
is wider than asked, nothing written is lost or reordered, and nothing is read as markup."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from hallbarhet_cli.reporters.layout import Column, Page, Styled, Table, cells, panel, wrap

ANSI = re.compile(r"\x1b\[[0-9;]*m")

# Words of ordinary, wide (⛔, CJK) and combining characters, brackets that rich would have
# read as markup, and the no-break space of Swedish numbers.
WORDS = st.text(
    alphabet="abcåäöÅ[]/*_#✔⛔漢字é1\u0301\u00a0",
    min_size=1,
    max_size=30,
)
TEXTS = st.lists(WORDS, max_size=40).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(TEXTS, st.integers(min_value=1, max_value=60))
@example("Kostnad [kr] och [bold]fet[/bold]", 10)
@example("2\u00a0100\u00a0000\u00a0kr sökt", 8)
def test_wrap_keeps_every_character_within_the_width(text: str, width: int) -> None:
    lines = [line.plain for line in wrap(text, width)]
    assert all(cells(line) <= max(width, 2) for line in lines)
    # Only the spaces at the breaks go: the rest reads the same, in the same order.
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_no_break_space_holds_a_number_together() -> None:
    lines = [line.plain for line in wrap("Sökt: 2\u00a0100\u00a0000\u00a0kr av budgeten", 16)]
    assert any("2\u00a0100\u00a0000\u00a0kr" in line for line in lines)


def test_a_word_wider_than_the_line_is_folded() -> None:
    assert [line.plain for line in wrap("abcdefghij", 4)] == ["abcd", "efgh", "ij"]


def test_wide_characters_take_two_cells() -> None:
    assert cells("⛔ utesluter") == 12
    assert [line.plain for line in wrap("⛔⛔⛔", 4)] == ["⛔⛔", "⛔"]


def test_text_is_never_markup() -> None:
    page = Page(color=True, width=40)
    page.out("Kostnad [kr] och [bold]fet[/bold] [link=http://x]y[/link]")
    assert (
        ANSI.sub("", page.text()) == "Kostnad [kr] och [bold]fet[/bold]\n[link=http://x]y[/link]\n"
    )


def test_colour_only_when_asked_for() -> None:
    line = Styled("✔ ", "green").append("når gränsen", "bold green")
    plain, coloured = Page(color=False), Page(color=True)
    for page in (plain, coloured):
        page.out(line)
    assert "\x1b" not in plain.text()
    assert coloured.text() == "\x1b[32m✔ \x1b[0m\x1b[1;32mnår gränsen\x1b[0m\n"
    assert ANSI.sub("", coloured.text()) == plain.text()


def test_an_indent_holds_for_every_wrapped_line() -> None:
    page = Page(color=False, width=20)
    page.out("ett två tre fyra fem sex sju", 4)
    assert page.text() == "    ett två tre fyra\n    fem sex sju\n"


def _table(rows: list[tuple[str, str, str]], *, fill: bool) -> Table:
    table = Table(
        [
            Column("Kriterium", max_width=12),
            Column("Poäng", justify="right", no_wrap=True),
            Column("Motivering", grow=True),
        ],
        title="Kriterier",
        fill=fill,
    )
    for row in rows:
        table.add_row(*row)
    return table


ROWS = st.lists(st.tuples(TEXTS, st.sampled_from(["2/3", "–/2", "10/10"]), TEXTS), max_size=5)


@settings(max_examples=150, deadline=None)
@given(ROWS, st.integers(min_value=30, max_value=120), st.booleans())
def test_a_table_is_as_wide_as_it_may_be(
    rows: list[tuple[str, str, str]], width: int, fill: bool
) -> None:
    lines = [line.plain for line in _table(rows, fill=fill).lines(width)]
    widths = {cells(line) for line in lines[1:]}
    assert len(widths) == 1  # every border and row line is as wide as the others
    (drawn,) = widths
    assert drawn <= width
    if fill:
        assert drawn == width


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.sampled_from(["2/3", "–/2", "10/10"]), TEXTS, st.integers(30, 120))
def test_a_cell_loses_nothing_of_its_text(first: str, points: str, reason: str, width: int) -> None:
    lines = [line.plain for line in _table([(first, points, reason)], fill=True).lines(width)]
    rule = next(n for n, line in enumerate(lines) if line.startswith("┡"))
    body = [line.split("│")[1:-1] for line in lines[rule + 1 : -1]]
    for column, written in enumerate((first, points, reason)):
        shown = "".join(row[column] for row in body)
        assert shown.replace(" ", "") == written.replace(" ", "")
    assert points in lines[rule + 1]  # a column that may not wrap is never broken


def test_table_columns_keep_to_their_justification() -> None:
    table = _table([("● SOC-1 Jämställdhet", "2/2", "”Aktivt”")], fill=False)
    lines = [line.plain for line in table.lines(60)]
    assert lines == [
        "Kriterier",
        "┏━━━━━━━━━━━━━━┳━━━━━━━┳━━━━━━━━━━━━┓",
        "┃ Kriterium    ┃ Poäng ┃ Motivering ┃",
        "┡━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━━━━━━━┩",
        "│ ● SOC-1      │   2/2 │ ”Aktivt”   │",
        "│ Jämställdhet │       │            │",
        "└──────────────┴───────┴────────────┘",
    ]


@given(st.lists(TEXTS, max_size=4), TEXTS, st.integers(min_value=20, max_value=100))
def test_a_panel_is_exactly_as_wide_as_asked(body: list[str], title: str, width: int) -> None:
    lines = [line.plain for line in panel(title, body, width)]
    assert {cells(line) for line in lines} == {width}
    assert lines[0].startswith("╭─ ") and lines[-1].startswith("╰")
