"""Text laid out for a terminal: styled text, wrapped at word boundaries by the cells it
takes on screen, in tables and a framed panel drawn with box characters.

Text is only ever text here: brackets, asterisks and the like are shown as written, never
read as markup. ANSI colour and weight are added only when the terminal shows them, and
they only repeat what the words and symbols already say.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final, Literal

# The styles the reporters use, as SGR codes: weight and slant, then the eight basic colours.
_CODES: Final = {
    "bold": "1",
    "dim": "2",
    "italic": "3",
    "underline": "4",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "magenta": "35",
}
# Lines break at ordinary spaces only: a no-break space (between the groups of a Swedish
# number, "2 100 000 kr") holds its neighbours together.
_WORDS: Final = re.compile(r"[^ ]+| +")


@lru_cache(maxsize=4096)
def _char_cells(char: str) -> int:
    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cells(text: str) -> int:
    """The columns ``text`` takes in a terminal: two for a wide character (⛔, CJK), none
    for a combining mark."""
    if text.isascii():
        return len(text)
    return sum(map(_char_cells, text))


def sgr(style: str) -> str:
    """The escape sequence that switches on ``style`` (words separated by spaces)."""
    codes = [_CODES[word] for word in style.split()]
    return f"\x1b[{';'.join(codes)}m" if codes else ""


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    style: str = ""


class Styled:
    """Text in runs, each with a style: what one line or cell of a terminal report says."""

    __slots__ = ("runs",)

    def __init__(self, text: str = "", style: str = "") -> None:
        self.runs: list[Run] = []
        self.append(text, style)

    def append(self, text: str, style: str = "") -> Styled:
        if not text:
            return self
        text = text.replace("\t", "    ")
        if self.runs and self.runs[-1].style == style:
            self.runs[-1] = Run(self.runs[-1].text + text, style)
        else:
            self.runs.append(Run(text, style))
        return self

    def __add__(self, other: Styled) -> Styled:
        joined = Styled()
        joined.runs = [*self.runs, *other.runs]
        return joined

    @property
    def plain(self) -> str:
        return "".join(run.text for run in self.runs)

    def styled(self, outer: str) -> Styled:
        """A copy with ``outer`` added to the style of every run (a table's header)."""
        copy = Styled()
        copy.runs = [Run(run.text, f"{outer} {run.style}".strip()) for run in self.runs]
        return copy

    def slice(self, start: int, end: int) -> Styled:
        """The characters from ``start`` to ``end``, keeping their styles."""
        part = Styled()
        offset = 0
        for run in self.runs:
            low, high = max(start, offset), min(end, offset + len(run.text))
            if low < high:
                part.runs.append(Run(run.text[low - offset : high - offset], run.style))
            offset += len(run.text)
        return part

    def lines(self) -> list[Styled]:
        """The text split at its line breaks."""
        text = self.plain
        found: list[Styled] = []
        start = 0
        for end in [i for i, char in enumerate(text) if char == "\n"] + [len(text)]:
            found.append(self.slice(start, end))
            start = end + 1
        return found

    def render(self, color: bool) -> str:
        """The text, with each run's style switched on and off around it when ``color``."""
        return "".join(map(_coloured, self.runs)) if color else self.plain


def _coloured(run: Run) -> str:
    start = sgr(run.style)
    return f"{start}{run.text}\x1b[0m" if start else run.text


Content = Styled | str


def styled(text: Content) -> Styled:
    return text if isinstance(text, Styled) else Styled(text)


def wrap(text: Content, width: int) -> list[Styled]:
    """``text`` broken into lines of at most ``width`` cells: at spaces where it can be (the
    spaces at a break are dropped), inside a word only when the word is wider than a line.
    The line breaks in ``text`` stay."""
    wrapped: list[Styled] = []
    for line in styled(text).lines():
        wrapped.extend(_wrap_line(line, max(width, 1)))
    return wrapped


def _wrap_line(line: Styled, width: int) -> Iterator[Styled]:
    text = line.plain
    if cells(text) <= width:
        yield _rstrip(line, text)
        return
    start = end = used = 0
    for match in _WORDS.finditer(text):
        word = match.group()
        if word[0] == " ":
            used += cells(word)
            continue
        size = cells(word)
        if used + size <= width:
            used += size
            end = match.end()
            continue
        if end > start:
            yield line.slice(start, end)
        start = match.start()
        while cells(text[start : match.end()]) > width:
            cut = _fit(text, start, match.end(), width)
            yield line.slice(start, cut)
            start = cut
        used, end = cells(text[start : match.end()]), match.end()
    if end > start:
        yield line.slice(start, end)


def _fit(text: str, start: int, stop: int, width: int) -> int:
    """The furthest index from ``start`` whose characters fit in ``width`` (at least one)."""
    used = 0
    for index in range(start, stop):
        used += cells(text[index])
        if used > width:
            return max(index, start + 1)
    return stop


def _rstrip(line: Styled, text: str) -> Styled:
    kept = len(text.rstrip(" "))
    return line if kept == len(text) else line.slice(0, kept)


def pad(line: Styled, width: int, justify: Literal["left", "right"] = "left") -> Styled:
    """``line`` filled with spaces to ``width`` cells, on the right or, for ``right``,
    on the left."""
    fill = " " * max(0, width - cells(line.plain))
    return Styled(fill) + line if justify == "right" else line + Styled(fill)


@dataclass(frozen=True)
class Column:
    header: str
    justify: Literal["left", "right"] = "left"
    max_width: int | None = None
    no_wrap: bool = False
    grow: bool = False
    """Whether the column takes the room left over in a table that fills the width."""


# Heavy lines under and around the header, light ones for the body.
_HEAD_TOP: Final = ("┏", "━", "┳", "┓")
_HEAD_ROW: Final = "┃"
_HEAD_RULE: Final = ("┡", "━", "╇", "┩")
_BODY_ROW: Final = "│"
_BOTTOM: Final = ("└", "─", "┴", "┘")


class Table:
    """Rows under a header, the columns as wide as their text needs and the table as wide
    as it may be; what does not fit is wrapped in its cell."""

    def __init__(self, columns: Sequence[Column], *, title: str = "", fill: bool = False) -> None:
        self.columns = list(columns)
        self.title = title
        self.fill = fill
        self.rows: list[list[Styled]] = []

    def add_row(self, *cells_: Content) -> None:
        self.rows.append([styled(cell) for cell in cells_])

    def lines(self, width: int) -> list[Styled]:
        headers = [Styled(column.header) for column in self.columns]
        widths = self._widths([headers, *self.rows], width)
        drawn: list[Styled] = []
        if self.title:
            drawn.append(Styled(self.title, "italic"))
        drawn.append(_rule(_HEAD_TOP, widths))
        drawn.extend(self._row([h.styled("bold") for h in headers], widths, _HEAD_ROW))
        drawn.append(_rule(_HEAD_RULE, widths))
        for row in self.rows:
            drawn.extend(self._row(row, widths, _BODY_ROW))
        drawn.append(_rule(_BOTTOM, widths))
        return drawn

    def _widths(self, rows: list[list[Styled]], width: int) -> list[int]:
        room = width - 3 * len(self.columns) - 1
        natural = [0] * len(self.columns)
        least = [1] * len(self.columns)
        for row in rows:
            for i, cell in enumerate(row):
                text = cell.plain
                natural[i] = max([natural[i], *(cells(line) for line in text.split("\n"))])
                least[i] = max([least[i], *(cells(word) for word in re.split("[ \n]", text))])
        widths = []
        for column, want, floor in zip(self.columns, natural, least, strict=True):
            if column.no_wrap:
                floor = want
            widths.append(max(floor, min(want, column.max_width or want)))
        if self.fill and sum(widths) < room:
            growing = [i for i, column in enumerate(self.columns) if column.grow]
            for n, i in enumerate(growing):
                share = (room - sum(widths)) // (len(growing) - n)
                widths[i] += share
        return _narrowed(widths, least, [c.no_wrap for c in self.columns], room)

    def _row(self, row: list[Styled], widths: list[int], edge: str) -> Iterator[Styled]:
        wrapped = [wrap(cell, w) for cell, w in zip(row, widths, strict=True)]
        for n in range(max(len(lines) for lines in wrapped)):
            line = Styled(edge + " ")
            for i, (lines, w) in enumerate(zip(wrapped, widths, strict=True)):
                cell = lines[n] if n < len(lines) else Styled()
                line = line + pad(cell, w, self.columns[i].justify)
                line.append(f" {edge} " if i < len(widths) - 1 else f" {edge}")
            yield line


def _narrowed(widths: list[int], least: list[int], fixed: list[bool], room: int) -> list[int]:
    """``widths`` made to fit ``room``: the widest column that may wrap gives up a column at a
    time, first down to its longest word, then, if the table is still too wide, further."""
    widths = list(widths)
    for floor in (least, [1] * len(widths)):
        while sum(widths) > room:
            shrinkable = [i for i, w in enumerate(widths) if not fixed[i] and w > floor[i]]
            if not shrinkable:
                break
            widest = max(shrinkable, key=lambda i: widths[i])
            widths[widest] -= 1
    return widths


def _rule(parts: tuple[str, str, str, str], widths: Iterable[int]) -> Styled:
    left, line, joint, right = parts
    return Styled(left + joint.join(line * (w + 2) for w in widths) + right)


def panel(title: str, body: Sequence[Content], width: int) -> list[Styled]:
    """``body`` in a frame with rounded corners, ``title`` in its top edge, as wide as
    ``width``."""
    inner = width - 4
    if cells(title) > width - 6:
        title = wrap(title, width - 7)[0].plain + "…"
    top = f"╭─ {title} " + "─" * max(0, width - 5 - cells(title)) + "╮"
    drawn = [Styled(top)]
    for part in body:
        for line in wrap(part, inner):
            drawn.append(Styled("│ ") + pad(line, inner) + Styled(" │"))
    drawn.append(Styled("╰" + "─" * (width - 2) + "╯"))
    return drawn


class Page:
    """A report for the terminal, written line by line and wrapped to ``width``."""

    def __init__(self, *, color: bool, width: int = 100) -> None:
        self.color = color
        self.width = width
        self._lines: list[str] = []

    def out(self, text: Content = "", indent: int = 0, style: str = "") -> None:
        """``text`` wrapped to the width, every line ``indent`` cells in; plain text in
        ``style`` (styled text keeps its own)."""
        body = text if isinstance(text, Styled) else Styled(text, style)
        for line in wrap(body, self.width - indent):
            self._emit(Styled(" " * indent) + line if indent else line)

    def block(self, lines: Iterable[Styled]) -> None:
        """Lines laid out already (a table, a panel)."""
        for line in lines:
            self._emit(line)

    def _emit(self, line: Styled) -> None:
        self._lines.append(line.render(self.color).rstrip(" "))

    def text(self) -> str:
        return "".join(line + "\n" for line in self._lines)
