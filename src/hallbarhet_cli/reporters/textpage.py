"""A page of plain text for the terminal or a file: lines at an indent, headed sections,
in one language. The pre-check and ``--explain`` are written on one."""

from __future__ import annotations

from hallbarhet_cli.i18n import gettext
from hallbarhet_cli.reporters.layout import Page, Styled


class TextPage:
    """Text written line by line, wrapped to the width; colour only when ``color``."""

    def __init__(self, lang: str, *, color: bool, width: int = 100) -> None:
        self.lang = lang
        self.color = color
        self._page = Page(color=color, width=width)

    def tr(self, message: str) -> str:
        """``message`` in the page's language."""
        return gettext(message, self.lang)

    def out(self, text: Styled | str = "", indent: int = 0, style: str = "") -> None:
        """One line (wrapped to the width), ``indent`` characters in."""
        self._page.out(text, indent, style)

    def section(self, title: str) -> None:
        """An empty line, then ``title`` as a heading."""
        self._page.out()
        self.out(title, style="bold underline")

    def text(self) -> str:
        """Everything written so far."""
        return self._page.text()
