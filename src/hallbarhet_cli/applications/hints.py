"""What to write instead, for the answers people most often write the way they would say
them: ``ja``/``nej`` for a yes-or-no question, and an option's label instead of its value.

Application files are read with YAML 1.2's core schema on purpose: only ``true`` and
``false`` are booleans, so that ``no`` (Norway) or ``nej`` in a text answer stays text.
A file therefore does not accept ``ja``/``nej`` as the questionnaire does; it says what to
write instead.
"""

from __future__ import annotations

import re
from typing import Any, Final

from hallbarhet_cli.errors import Message
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models import Question
from hallbarhet_cli.models.text import Text
from hallbarhet_cli.models.validation import did_you_mean

_YES: Final = frozenset({"ja", "j", "yes", "y", "sant", "on"})
_NO: Final = frozenset({"nej", "n", "no", "falskt", "off"})
_BOOLEAN: Final = N_("In the file, yes is written true and no false: write {value}.")
_OPTION: Final = N_("Did you mean {suggestion!r}?")
# A label's head before a dash that explains it: "Planned – to be done …".
_EXPLAINED: Final = re.compile(r"\s[–—-]\s")


def boolean_hint(value: Any) -> Message | None:
    """``true`` or ``false`` for a yes or a no written in words, else nothing."""
    if not isinstance(value, str):
        return None
    word = value.strip().casefold()
    if word in _YES or word in _NO:
        return Message(_BOOLEAN, {"value": "true" if word in _YES else "false"})
    return None


def _labels(label: Text | None) -> list[str]:
    if label is None:
        return []
    return [label] if isinstance(label, str) else list(label.values())


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def option_hint(question: Question, value: Any) -> Message | None:
    """The option whose label (in any language, or its head before a dash) ``value`` is,
    else the nearest option value."""
    if isinstance(value, str):
        wanted = _folded(value)
        for option in question.options or []:
            for label in _labels(option.label):
                folded = _folded(label)
                if wanted in (folded, _EXPLAINED.split(folded, maxsplit=1)[0]):
                    return Message(_OPTION, {"suggestion": option.value})
    return did_you_mean(str(value), question.option_values())
