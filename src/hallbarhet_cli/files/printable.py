"""Text from applications and criteria sets made safe to show in a terminal or a document.

A control character in an answer (an escape sequence that clears the screen, hides text
or rewrites the verdict line, a bell, a carriage return) is replaced by a visible symbol
(␛, ␇, ␍ …), so what the officer sees is what the file says. Tabs and line breaks stay.
"""

from __future__ import annotations

import re
from typing import Any, Final

_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures" block: ␀ … ␟
    return "\u2421" if code == 0x7F else "\ufffd"


def printable(text: str) -> str:
    """``text`` with every control character but tab and newline made visible."""
    return _CONTROL.sub(_picture, text)


def printable_data(value: Any) -> Any:
    """A copy of plain data (dicts, lists, strings …) with every string made printable."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {key: printable_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [printable_data(item) for item in value]
    return value
