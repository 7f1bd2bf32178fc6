"""A page of plain text for the terminal or a file: lines at an indent, headed sections,
in one language. The pre-check and ``--explain`` are written on one."""

from __future__ import annotations

from hallbarhet_cli.i18n import gettext
from hallbarhet_cli.reporters.layout import Page


class TextPage(Page):
    """A :class:`Page` in one language, with headed sections."""

    def __init__(self, lang: str, *, color: bool, width: int = 100) -> None:
        super().__init__(color=color, width=width)
        self.lang = lang

    def tr(self, message: str) -> str:
        """``message`` in the page's language."""
        return gettext(message, self.lang)

    def section(self, title: str) -> None:
        """An empty line, then ``title`` as a heading."""
        self.out()
        self.out(title, style="bold underline")
