"""Text fields: a plain string, or a mapping from language code to string."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Annotated, Final

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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


class Plural(BaseModel):
    """A unit's singular and plural, for languages where they differ (``årsarbete``,
    ``årsarbeten``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    one: NonEmpty
    other: NonEmpty


# A unit: a plain string (the same in every language and number), or per language either
# a string or its singular and plural.
Unit = NonEmpty | Annotated[dict[Language, NonEmpty | Plural], Field(min_length=1)]


def unit_text(unit: Unit | None, lang: str, count: float | None = None) -> str:
    """``unit`` in ``lang`` (with the same fallbacks as :func:`localize`), in the plural
    form Babel's rules give for ``count`` (the plural when no count is given)."""
    if unit is None:
        return ""
    if isinstance(unit, str):
        return unit
    text: str | Plural = next(iter(unit.values()))
    for candidate in (lang, "sv", "en"):
        if candidate in unit:
            text = unit[candidate]
            break
    if isinstance(text, str):
        return text
    return text.one if count is not None and _plural_form(count, lang) == "one" else text.other


# The plural rule of Swedish and English in Babel's locale data (CLDR), so that these two
# need not load it; tests/unit/test_fmt.py holds them to Babel.
PLURAL_RULES: Final = {"sv": {"one": "i in 1 and v in 0"}, "en": {"one": "i in 1 and v in 0"}}


@cache
def _plural_rule(lang: str) -> Callable[[float], str]:
    from babel import Locale
    from babel.plural import PluralRule

    if lang in PLURAL_RULES:
        return PluralRule(PLURAL_RULES[lang])
    return Locale.parse(lang).plural_form


def _plural_form(count: float, lang: str) -> str:
    from babel import UnknownLocaleError  # babel.core, without loading any locale data

    try:
        return str(_plural_rule(lang)(abs(count)))
    except (UnknownLocaleError, ValueError):
        return "one" if count == 1 else "other"
