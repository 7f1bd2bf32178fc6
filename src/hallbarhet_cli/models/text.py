"""Text fields: a plain string, or a mapping from language code to string."""

from __future__ import annotations

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


# The plural rule of Swedish and English in Babel's locale data (CLDR): "one" when the
# integer digits are 1 and there are no visible decimals (1, not 1.5), else "other".
# It is worked out here so that these two need not import Babel and load its data;
# tests/unit/test_fmt.py holds the rule and the result to Babel.
PLURAL_RULES: Final = {"sv": {"one": "i in 1 and v in 0"}, "en": {"one": "i in 1 and v in 0"}}


def _plural_form(count: float, lang: str) -> str:
    if lang in PLURAL_RULES:
        # Babel reads a whole float as an integer and any other float by its decimals.
        whole = not isinstance(count, float) or count.is_integer()
        return "one" if whole and int(abs(count)) == 1 else "other"
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(lang).plural_form(abs(count)))
    except (UnknownLocaleError, ValueError):
        return "one" if count == 1 else "other"
