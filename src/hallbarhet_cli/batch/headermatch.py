"""Which column of an export fills which field of an application, told by its header
alone, for a starter mapping.

Only clear matches count: a header matches a field when, ignoring case, accents and
punctuation, it is one of the field's known names (``Ärende-ID`` is ``ärende id``), or
one letter away from a long one (``projektnman``). An amount may name its currency
(``sökt_belopp_sek``), but never another currency or thousands (``_eur``, ``tkr``). A
column matches one field at most, and an empty or repeated header none, since a mapping
cannot name it. Anything else is left for the analyst: a wrong column read without a
word would be worse than a blank to fill in.

The known names are those of Swedish grant registers and case-management exports
(Tillväxtverket's project bank, the regions' exports), and their English equivalents.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from hallbarhet_cli.models.criteria import Question
from hallbarhet_cli.models.text import Text

FieldPath = tuple[str, ...]

# Every field a header can fill, in the order of an application file, with its known
# names in order of preference: a requested amount before a granted one.
KNOWN_HEADERS: Final[dict[FieldPath, tuple[str, ...]]] = {
    ("id",): (
        "ärende-id",
        "ärendenummer",
        "diarienummer",
        "dnr",
        "ansöknings-id",
        "ansökningsnummer",
        "projekt-id",
        "projektnummer",
        "id",
        "application id",
        "case id",
        "reference number",
    ),
    ("title",): (
        "projektnamn",
        "projekttitel",
        "titel",
        "namn på projektet",
        "project name",
        "project title",
        "title",
    ),
    ("summary",): (
        "projektbeskrivning",
        "sammanfattning",
        "kort beskrivning",
        "beskrivning",
        "project description",
        "summary",
        "description",
    ),
    ("applicant", "name"): (
        "stödmottagare",
        "sökande",
        "sökande organisation",
        "sökandens namn",
        "projektägare",
        "organisationsnamn",
        "beneficiary",
        "applicant",
        "applicant name",
    ),
    ("applicant", "org_number"): (
        "organisationsnummer",
        "organisationsnr",
        "orgnr",
        "org nr",
        "organisation number",
        "organization number",
    ),
    ("applicant", "sector"): (
        "sektor",
        "organisationsform",
        "organisationstyp",
        "juridisk form",
        "sector",
        "legal form",
    ),
    ("budget", "total_sek"): (
        "total budget",
        "totalbudget",
        "total projektbudget",
        "projektbudget",
        "total kostnad",
        "totala kostnader",
        "total projektkostnad",
        "budget total",
        "total cost",
    ),
    ("budget", "requested_sek"): (
        "sökt belopp",
        "sökt stöd",
        "sökt bidrag",
        "requested amount",
        "amount requested",
        "beviljat belopp",
        "beviljat stöd",
        "granted amount",
    ),
    ("period", "start"): (
        "projekt starttid",
        "projektstart",
        "startdatum",
        "starttid",
        "start",
        "start date",
    ),
    ("period", "end"): (
        "projekt sluttid",
        "projektslut",
        "slutdatum",
        "sluttid",
        "slut",
        "end date",
    ),
}
AMOUNTS: Final = frozenset({("budget", "total_sek"), ("budget", "requested_sek")})
# A currency an amount may name; thousands (tkr) and other currencies are not kronor.
_KRONOR: Final = (" sek", " kr", " kronor")
# Names this short must match exactly: one letter away is another word.
_SHORTEST_NEAR: Final = 7
_PUNCTUATION: Final = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """``text`` without case, accents or punctuation: ``Ärende-ID`` → ``arende id``."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _PUNCTUATION.sub(" ", plain).strip()


@dataclass(frozen=True)
class HeaderMatch:
    """The column (0-based, and its header) that fills a field; ``exact`` when the header
    is a known name as written, up to case, accents and punctuation."""

    column: int
    header: str
    exact: bool


def usable_columns(columns: Sequence[str]) -> dict[int, str]:
    """The columns a mapping can name: not empty, and not repeated."""
    counts: dict[str, int] = {}
    for name in columns:
        counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
    return {i: n for i, n in enumerate(columns) if n and counts[n.casefold()] == 1}


def match_fields(columns: Sequence[str]) -> dict[FieldPath, HeaderMatch]:
    """The fields whose column the headers make clear, each column used once."""
    usable = usable_columns(columns)
    folded = {i: fold(n) for i, n in usable.items()}
    found: dict[FieldPath, HeaderMatch] = {}
    taken: set[int] = set()
    # Exact matches first, for every field, so a near match never takes a column that
    # another field names exactly.
    for exact in (True, False):
        for path, names in KNOWN_HEADERS.items():
            if path in found:
                continue
            for name in names:
                column = _find(fold(name), folded, taken, exact, path in AMOUNTS)
                if column is not None:
                    found[path] = HeaderMatch(column, usable[column], exact)
                    taken.add(column)
                    break
    return {path: found[path] for path in KNOWN_HEADERS if path in found}


def match_answers(
    columns: Sequence[str], questions: Iterable[Question], taken: Iterable[int] = ()
) -> dict[str, HeaderMatch]:
    """The questions whose column is named by the question's id or its label (in any
    language), exactly up to case, accents and punctuation."""
    usable = usable_columns(columns)
    by_name: dict[str, int] = {}
    for i, name in usable.items():
        if i not in set(taken):
            by_name.setdefault(fold(name), i)
    found: dict[str, HeaderMatch] = {}
    used: set[int] = set()
    for question in questions:
        for name in (question.id, *_texts(question.label)):
            column = by_name.get(fold(name))
            if column is not None and column not in used and fold(name):
                found[question.id] = HeaderMatch(column, usable[column], True)
                used.add(column)
                break
    return found


def _texts(text: Text) -> list[str]:
    return [text] if isinstance(text, str) else list(text.values())


def _find(
    name: str, folded: dict[int, str], taken: set[int], exact: bool, amount: bool
) -> int | None:
    for column, header in folded.items():
        if column in taken:
            continue
        if amount:
            header = _without_kronor(header)
        if exact and (header == name or header.replace(" ", "") == name.replace(" ", "")):
            return column
        if not exact and len(name) >= _SHORTEST_NEAR and _one_edit(header, name):
            return column
    return None


def _without_kronor(header: str) -> str:
    for unit in _KRONOR:
        if header.endswith(unit):
            return header.removesuffix(unit)
    return header


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one inserted, deleted or replaced letter, or two
    neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1 :]
