"""The Swedish message catalogue is complete, consistent and compiled.

Run ``scripts/update-catalogue`` after changing messages, translate what it leaves empty or
fuzzy, and run it again to compile.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "src" / "hallbarhet_cli" / "locale"
PO = LOCALE / "sv" / "LC_MESSAGES" / "hallbarhet.po"
MO = LOCALE / "sv" / "LC_MESSAGES" / "hallbarhet.mo"
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%\(\w+\)s")

if not (ROOT / "babel.cfg").exists():  # an installed copy of the tests without the sources
    pytest.skip("the message sources are not here", allow_module_level=True)


def catalogue() -> Catalog:
    with PO.open("rb") as handle:
        return read_po(handle, locale="sv")


def extracted() -> set[str]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    ids = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, options_map):
        ids.add(message[0] if isinstance(message, tuple) else message)
    return ids


def test_every_message_in_the_code_has_a_swedish_translation() -> None:
    translations = catalogue()
    missing = []
    for msgid in sorted(extracted()):
        entry = translations.get(msgid)
        strings = entry.string if entry is not None else None
        if isinstance(strings, str):
            strings = (strings,)
        if entry is None or entry.fuzzy or not strings or not all(strings):
            missing.append(msgid)
    assert missing == [], "run scripts/update-catalogue and translate: " + repr(missing[:10])


def test_translations_keep_every_placeholder() -> None:
    for entry in catalogue():
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = {tuple(sorted(PLACEHOLDER.findall(i))) for i in ids}
        for text in strings:
            assert tuple(sorted(PLACEHOLDER.findall(text))) in wanted, (entry.id, text)


def test_the_compiled_catalogue_matches_the_translations() -> None:
    with MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in catalogue():
        if not entry.id or entry.fuzzy:
            continue
        if isinstance(entry.id, tuple):
            for n, text in zip((1, 2), entry.string, strict=False):
                assert compiled.ngettext(entry.id[0], entry.id[1], n) == text, entry.id
        else:
            assert compiled.gettext(entry.id) == entry.string, "stale .mo: " + entry.id
