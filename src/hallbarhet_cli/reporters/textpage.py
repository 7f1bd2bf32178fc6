"""A page of plain text for the terminal or a file: lines at an indent, headed sections,
in one language. The pre-check and ``--explain`` are written on one."""

from __future__ import annotations

import io

from rich.padding import Padding
from rich.text import Text

from hallbarhet_cli.i18n import gettext
from hallbarhet_cli.reporters.console import finish, text_console


class TextPage:
    """Text drawn line by line with rich, without markup; colour only when ``color``."""

    def __init__(self, lang: str, *, color: bool, width: int = 100) -> None:
        self.lang = lang
        self.color = color
        self._buffer = io.StringIO()
        self._console = text_console(self._buffer, color=color, width=width, markup=False)

    def tr(self, message: str) -> str:
        """``message`` in the page's language."""
        return gettext(message, self.lang)

    def out(self, text: Text | str = "", indent: int = 0, style: str = "") -> None:
        """One line (wrapped to the width), ``indent`` characters in."""
        body = text if isinstance(text, Text) else Text(text, style=style)
        self._console.print(Padding(body, (0, 0, 0, indent)) if indent else body)

    def section(self, title: str) -> None:
        """An empty line, then ``title`` as a heading."""
        self._console.print()
        self.out(title, style="bold underline")

    def text(self) -> str:
        """Everything written so far."""
        return finish(self._buffer, self.color)
