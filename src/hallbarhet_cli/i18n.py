"""The message catalogue: every user-facing sentence, in Swedish and English.

Messages are written in English in the code and marked with :func:`N_` (or passed to
:func:`gettext`), extracted with Babel into ``locale/hallbarhet.pot`` and translated in
``locale/sv/LC_MESSAGES/hallbarhet.po``. The compiled ``.mo`` file ships in the package and
is read with the standard library's :mod:`gettext`, so no translation machinery is
imported at start-up. ``scripts/update-catalogue`` refreshes the catalogue; a test fails
when a message has no Swedish translation or the compiled file is stale.
"""

from __future__ import annotations

import gettext as _gettext
import os
from functools import cache
from pathlib import Path
from typing import Final

LANGUAGES: Final = ("sv", "en")
DEFAULT_LANGUAGE: Final = "sv"
DOMAIN: Final = "hallbarhet"
LOCALE_DIR: Final = Path(__file__).parent / "locale"


def N_(message: str) -> str:
    """Mark ``message`` for translation without translating it yet."""
    return message


@cache
def _translations(lang: str) -> _gettext.NullTranslations:
    if lang == "en":
        return _gettext.NullTranslations()
    return _gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def gettext(message: str, lang: str) -> str:
    """Translate an English ``message`` into ``lang``."""
    return _translations(lang).gettext(message)


def ngettext(singular: str, plural: str, n: int, lang: str) -> str:
    """Translate a message whose form depends on the count ``n``."""
    return _translations(lang).ngettext(singular, plural, n)


def default_language() -> str:
    """The language for messages when none is given: ``HALLBARHET_LANG`` or Swedish."""
    lang = os.environ.get("HALLBARHET_LANG", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE
