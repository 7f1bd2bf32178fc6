"""Text from applications and criteria sets made safe to show in a terminal or a document.

A control character in an answer or a file name (an escape sequence that clears the
screen, sets the window title, hides text or rewrites the verdict line, a bell, a carriage
return) is replaced by a visible symbol (␛, ␇, ␍ …), so what the officer sees is what the
file says. Tabs and line breaks stay.

The bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) are
shown as their code, ``<U+202E>``: they make text appear in another order than it is
written (the "Trojan Source" trick), so an answer could read as the opposite of what it
says. The marks that right-to-left languages need in ordinary text (U+200E, U+200F) stay.
"""

from __future__ import annotations

import re
from typing import Any, Final

_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: ␀ … ␟
    if code == 0x7F:
        return "\u2421"
    if code >= 0x202A:
        return f"<U+{code:04X}>"
    return "\ufffd"


def printable(text: str) -> str:
    """``text`` with every control character but tab and newline, and every
    bidirectional override, made visible."""
    return _CONTROL.sub(_picture, text)


_CELL_CONTROL: Final = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable_cell(text: str) -> str:
    """``text`` for a cell of a CSV or XLSX table: like :func:`printable`, but a carriage
    return stays, as a line break inside a cell may be written with one."""
    return _CELL_CONTROL.sub(_picture, text)


def printable_data(value: Any) -> Any:
    """A copy of plain data (dicts, lists, strings …) with every string made printable."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: printable_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [printable_data(item) for item in value]
    return value
