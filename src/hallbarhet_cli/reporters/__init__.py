"""Reporters turn an assessment view into a document. Chosen by name from one registry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

Reporter = Callable[[dict[str, Any], str, bool], str | bytes]


def _json(view: dict[str, Any], lang: str, color: bool) -> str:
    from hallbarhet_cli.reporters.json_report import render

    return render(view)


def _text(view: dict[str, Any], lang: str, color: bool) -> str:
    from hallbarhet_cli.reporters.terminal import render

    return render(view, lang, color=color)


REPORTERS: Final[dict[str, Reporter]] = {"text": _text, "json": _json}
