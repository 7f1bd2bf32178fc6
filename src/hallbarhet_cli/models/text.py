"""Text fields: a plain string, or a mapping from language code to string."""

from __future__ import annotations

from typing import Annotated, Final

from pydantic import Field, StringConstraints

LANGUAGE_PATTERN: Final = r"^[a-z]{2}$"
Language = Annotated[str, StringConstraints(pattern=LANGUAGE_PATTERN)]
NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Text = NonEmpty | Annotated[dict[Language, NonEmpty], Field(min_length=1)]


def localize(text: Text | None, lang: str) -> str:
    """``text`` in ``lang``, falling back to Swedish, then English, then any language."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    for candidate in (lang, "sv", "en"):
        if candidate in text:
            return text[candidate]
    return next(iter(text.values()))


def languages(text: Text | None) -> frozenset[str]:
    """The languages ``text`` is given in; empty for a plain string."""
    return frozenset(text) if isinstance(text, dict) else frozenset()
