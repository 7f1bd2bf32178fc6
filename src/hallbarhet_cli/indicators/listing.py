"""``hallbarhet indicators list``: the indicator sets that can be used."""

from __future__ import annotations

from hallbarhet_cli.i18n import gettext, ngettext
from hallbarhet_cli.indicators.library import IndicatorLibrary
from hallbarhet_cli.models.text import localize


def render_list(library: IndicatorLibrary, lang: str) -> str:
    lines = []
    for sourced in library.available():
        model = sourced.model
        count = len(model.indicators)
        indicators = ngettext("{n} indicator", "{n} indicators", count, lang).format(n=count)
        lines.append(f"{model.id} {model.version}  {localize(model.title, lang)}")
        lines.append(f"    {indicators} · {sourced.document.file}")
    if not lines:
        return gettext("No indicator sets found.", lang) + "\n"
    return "\n".join(lines) + "\n"
