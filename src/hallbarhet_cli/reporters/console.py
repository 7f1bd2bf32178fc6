"""The rich console every text reporter draws on: into a buffer, colour only for a
terminal, and nothing of rich's own guessing (highlighting, emoji codes)."""

from __future__ import annotations

import io

from rich.console import Console


def text_console(
    buffer: io.StringIO, *, color: bool, width: int = 100, markup: bool = True
) -> Console:
    """A console that renders into ``buffer``; ANSI colours only when ``color``."""
    return Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=width,
        color_system="standard" if color else None,
        highlight=False,
        markup=markup,
        emoji=False,
    )


def finish(buffer: io.StringIO, color: bool) -> str:
    """The rendered text, without the spaces that padding leaves at the ends of lines."""
    text = buffer.getvalue()
    return text if color else "".join(line.rstrip() + "\n" for line in text.splitlines())
