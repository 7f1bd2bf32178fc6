"""A starter column mapping for an export and a criteria set (``hallbarhet new
--from-export``): what the export's headers make clear is filled in, the rest is written
as comments to fill in, so the analyst starts from the export's own columns and the
questions the set asks instead of from a blank file.

Every column of the export is listed at the top. Fields whose header matches
(:mod:`hallbarhet_cli.batch.headermatch`) are filled in and marked as matched by their
header; the criteria set and, when the set applies to one type of application, the type
are fixed values. Everything else (the fields no header names, every question of the set
with its type, its options and its label) is a comment, never a value that would be
read, so what is left to do is visible and nothing is guessed.

Text from the export reaches the file only through :func:`scalar`, which writes it the
way the YAML emitter does (quoted and escaped when it must be), always on one line; a
comment holds nothing that could end it or that YAML forbids.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from typing import Final

import yaml

from hallbarhet_cli.batch.exporthead import ExportHead
from hallbarhet_cli.batch.headermatch import (
    KNOWN_HEADERS,
    FieldPath,
    HeaderMatch,
    fold,
    match_answers,
    match_fields,
)
from hallbarhet_cli.batch.sectors import SECTORS
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.models.criteria import Criterion, Question
from hallbarhet_cli.models.text import localize

WIDTH: Final = 88
# What stands where the analyst names a column or a sector.
COLUMN_TO_NAME: Final = N_("<column>")
SECTOR_TO_NAME: Final = N_("<sector>")
MATCHED: Final = N_("matched by its header")
GRANTED: Final = N_("matched by its header; an amount granted, not the amount applied for")
_GRANTED_WORDS: Final = frozenset({"beviljat", "beviljad", "granted"})
INDENT: Final = "  "
# The fields a header can fill; the optional ones may stay out of the mapping.
OPTIONAL: Final = frozenset({("summary",), ("applicant", "org_number")})
FIELD_LABELS: Final[dict[FieldPath, str]] = {
    ("id",): N_("application id"),
    ("title",): N_("title"),
    ("summary",): N_("summary"),
    ("applicant", "name"): N_("applicant's name"),
    ("applicant", "org_number"): N_("organisation number"),
    ("applicant", "sector"): N_("applicant's sector"),
    ("budget", "total_sek"): N_("total budget (SEK)"),
    ("budget", "requested_sek"): N_("requested amount (SEK)"),
    ("period", "start"): N_("project start"),
    ("period", "end"): N_("project end"),
}
# Swedish organisation forms (as in SCB's juridisk form) and the sector each belongs to,
# folded (see :func:`~hallbarhet_cli.batch.headermatch.fold`).
ORGANISATION_FORMS: Final = {
    **dict.fromkeys(
        ("kommun", "region", "landsting", "kommunalforbund", "myndighet", "statlig myndighet"),
        "public",
    ),
    **dict.fromkeys(
        (
            "aktiebolag",
            "ekonomisk forening",
            "handelsbolag",
            "kommanditbolag",
            "enskild firma",
            "enskild naringsidkare",
            "foretag",
        ),
        "company",
    ),
    **dict.fromkeys(
        ("ideell forening", "stiftelse", "trossamfund", "registrerat trossamfund"),
        "civil_society",
    ),
    **dict.fromkeys(("universitet", "hogskola", "universitet eller hogskola"), "academia"),
    **{s: s for s in SECTORS},
}
# What YAML reads as a line break or forbids in a stream, replaced in comments.
_BREAKS: Final = re.compile("[\r\n\x85\u2028\u2029]+")
_NOT_PRINTABLE: Final = re.compile("[^\x09\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def scalar(text: str) -> str:
    """``text`` as a YAML scalar on one line: plain when that reads back as the same
    string, otherwise quoted and escaped, as the YAML emitter writes it."""
    dumped = yaml.safe_dump(text, allow_unicode=True, width=2**31, default_flow_style=True)
    dumped = dumped.removesuffix("\n...\n").removesuffix("\n")
    if "\n" in dumped or _BREAKS.search(text) or _NOT_PRINTABLE.search(text):
        dumped = yaml.safe_dump(text, allow_unicode=True, width=2**31, default_style='"')
        dumped = dumped.removesuffix("\n")
    return dumped


def comment_text(text: str) -> str:
    """``text`` made safe inside a YAML comment: on one line, every character printable."""
    return _NOT_PRINTABLE.sub("\ufffd", _BREAKS.sub(" ", text))


@dataclass
class Starter:
    """The starter mapping's text and what it found."""

    text: str
    fields_found: list[FieldPath] = field(default_factory=list)
    to_fill_in: list[FieldPath] = field(default_factory=list)
    answers_found: int = 0
    questions: int = 0


class StarterWriter:
    """Writes the starter mapping for one export and criteria set, commented in ``lang``."""

    def __init__(
        self, head: ExportHead, criteria: ResolvedSet, criteria_ref: str, export: str, lang: str
    ) -> None:
        self.head = head
        self.criteria = criteria
        self.criteria_ref = criteria_ref
        self.export = export
        self.lang = lang
        self.lines: list[str] = []
        self.fields = match_fields(head.columns)
        taken = [m.column for m in self.fields.values()]
        self.answers = match_answers(head.columns, criteria.questions, taken)

    def _(self, message: str) -> str:
        return gettext(message, self.lang)

    def comment(self, text: str, depth: int = 0, wrap: bool = True, hanging: str = "") -> None:
        prefix = f"{INDENT * depth}# "
        safe = comment_text(text)
        width = WIDTH - len(prefix)
        pieces = (
            textwrap.wrap(safe, width, break_on_hyphens=False, subsequent_indent=hanging)
            if wrap
            else [safe]
        )
        self.lines.extend(f"{prefix}{piece}".rstrip() for piece in pieces or [""])

    def write(self) -> Starter:
        self._header()
        self.lines.append("kind: mapping")
        self._read()
        self.lines.append("")
        self.lines.append("fields:")
        self._fields()
        self.lines.append("")
        self._answers()
        self._review()
        to_fill = [p for p in KNOWN_HEADERS if p not in self.fields and p not in OPTIONAL]
        if len(self.criteria.root.model.applies_to) > 1:
            to_fill.insert(0, ("type",))
        return Starter(
            "\n".join(self.lines) + "\n",
            list(self.fields),
            to_fill,
            len(self.answers),
            len(self.criteria.questions),
        )

    # -- the top of the file --------------------------------------------------------------
    def _header(self) -> None:
        self.comment(
            self._(N_("Starter column mapping for {file} and the criteria set {set}.")).format(
                file=self.export, set=self.criteria.id
            )
        )
        self.comment(
            self._(
                N_(
                    "Check every line: a column marked as matched by its header was chosen by "
                    "its header alone. What could not be matched is commented out below: "
                    "name its column (or a fixed value as {{value: ...}}) and remove the # "
                    "at the start of its lines. `values:` translates a cell's text into what "
                    "the criteria set expects; `split:` divides a cell that holds several "
                    "choices."
                )
            ).format()
        )
        self.comment("")
        columns = self.head.columns
        self.comment(self._(N_("The export's {count} columns:")).format(count=len(columns)))
        # As the batch binds them: a header written twice cannot be named, one that differs
        # only in case can (though no header is matched to it, being ambiguous).
        counts: dict[str, int] = {}
        for name in columns:
            counts[name] = counts.get(name, 0) + 1
        for number, name in enumerate(columns, 1):
            note = ""
            if not name:
                note = self._(N_("(empty header: a mapping cannot name it)"))
            elif counts[name] > 1:
                note = self._(N_("(repeated header: a mapping cannot name it)"))
            self.comment(f"  {number:>3}. {scalar(name)}  {note}".rstrip(), wrap=False)
        self.lines.append("")

    def _read(self) -> None:
        head = self.head
        self.lines.append("read:")
        if head.delimiter is not None:
            self.lines.append(f"{INDENT}delimiter: {scalar(head.delimiter)}")
        if head.encoding is not None:
            self.lines.append(f"{INDENT}encoding: {scalar(head.encoding)}")
        if head.sheet is not None:
            self.lines.append(f"{INDENT}sheet: {scalar(head.sheet)}")

    # -- the application's fields ---------------------------------------------------------
    def _fields(self) -> None:
        self.lines.append(f"{INDENT}criteria: {{value: {scalar(self.criteria_ref)}}}")
        self._type()
        groups: dict[str, list[FieldPath]] = {}
        for path in KNOWN_HEADERS:
            groups.setdefault(path[0], []).append(path)
        for name, paths in groups.items():
            if len(paths[0]) == 1:
                self._field(paths[0], 1, commented=False)
                continue
            matched = any(p in self.fields for p in paths)
            if matched:
                self.lines.append(f"{INDENT}{name}:")
            else:
                self.comment(f"{name}:", 1)
            for path in paths:
                self._field(path, 2, commented=not matched)

    def _type(self) -> None:
        types = self.criteria.root.model.applies_to
        if len(types) == 1:
            self.lines.append(f"{INDENT}type: {{value: {scalar(types[0])}}}")
            return
        self.comment(
            self._(
                N_(
                    "To fill in: the type of application; the criteria set applies to {types}: "
                    "give the column that holds it or one as a fixed value."
                )
            ).format(types=", ".join(types)),
            1,
        )
        self.comment(f"type: {{value: {types[0]}}}", 1)

    def _field(self, path: FieldPath, depth: int, commented: bool) -> None:
        key = path[-1]
        match = self.fields.get(path)
        if match is None:
            template = (
                N_("Optional: {label}; the column that holds it.")
                if path in OPTIONAL
                else N_("To fill in: {label}; the column that holds it.")
            )
            self.comment(self._(template).format(label=self._(FIELD_LABELS[path])), depth)
            if path == ("applicant", "sector"):
                self._sector_options(depth)
            self.comment(f"{key}: {self._(COLUMN_TO_NAME)}", depth)
            return
        assert not commented
        matched = self._(MATCHED)
        if path == ("budget", "requested_sek") and _granted(match.header):
            matched = self._(GRANTED)
        if path == ("applicant", "sector"):
            self._sector(match, depth, matched)
            return
        self.lines.append(f"{INDENT * depth}{key}: {scalar(match.header)}  # {matched}")

    def _sector_options(self, depth: int) -> None:
        self.comment(self._(N_("Its values: {values}.")).format(values=", ".join(SECTORS)), depth)

    def _sector(self, match: HeaderMatch, depth: int, matched: str) -> None:
        pad = INDENT * depth
        self.lines.append(f"{pad}sector:")
        self.lines.append(f"{pad}{INDENT}column: {scalar(match.header)}  # {matched}")
        found = self.head.values_of(match.column)
        known = {v: ORGANISATION_FORMS.get(fold(v)) for v in found}
        translated = {v: s for v, s in known.items() if s is not None and v != s}
        untranslated = [v for v, s in known.items() if s is None]
        if translated or untranslated:
            self.lines.append(f"{pad}{INDENT}values:")
        for value, sector in translated.items():
            self.lines.append(f"{pad}{INDENT * 2}{scalar(value)}: {sector}")
        if untranslated:
            self.comment(
                self._(
                    N_(
                        "To fill in: values found in the export whose sector is not clear; "
                        "give each one of {values}."
                    )
                ).format(values=", ".join(SECTORS)),
                depth + 2,
            )
            for value in untranslated:
                self.comment(f"{scalar(value)}: {self._(SECTOR_TO_NAME)}", depth + 2, wrap=False)

    # -- the answers ----------------------------------------------------------------------
    def _answers(self) -> None:
        questions = self.criteria.questions
        if not questions:
            return
        if self.answers:
            self.lines.append("answers:")
        else:
            self.comment("answers:")
        self.comment(
            self._(
                N_(
                    "The questions of {set}: each answer is read by its question's type. Map "
                    "the ones the export has a column for."
                )
            ).format(set=self.criteria.id),
            1,
        )
        for question in questions:
            self._question(question)

    def _review(self) -> None:
        """The criteria the case officer scores, as comments: an export may hold the
        officer's points."""
        manual = [c for c in self.criteria.criteria if c.manual is not None]
        if not manual:
            return
        if self.lines[-1]:
            self.lines.append("")
        self.comment("review:")
        self.comment(
            self._(
                N_(
                    "The criteria the case officer scores: if the export holds the officer's "
                    "points, name their columns."
                )
            ),
            1,
        )
        self.comment("scores:", 1)
        for criterion in manual:
            title = localize(criterion.title, self.lang)
            points = self._(N_("points: {scale}")).format(scale=_levels(criterion))
            self.comment(f"{criterion.id}: {title} ({points})", 2, hanging=INDENT)
            self.comment(f"{criterion.id}: {{points: {self._(COLUMN_TO_NAME)}}}", 2)

    def _question(self, question: Question) -> None:
        self.comment("", 1)
        label = localize(question.label, self.lang)
        self.comment(f"{question.id} ({question.type}): {label}", 1, hanging=INDENT)
        values = _answer_values(question)
        if values:
            self.comment(self._(N_("Its values: {values}.")).format(values=values), 1)
        if question.type == "multichoice":
            self.comment(
                self._(N_('Several in one cell: add split: ";" (or the separator used).')), 1
            )
        match = self.answers.get(question.id)
        if match is None:
            self.comment(f"{question.id}: {self._(COLUMN_TO_NAME)}", 1)
            return
        matched = self._(MATCHED)
        self.lines.append(f"{INDENT}{question.id}: {scalar(match.header)}  # {matched}")


def _levels(criterion: Criterion) -> str:
    manual = criterion.manual
    if manual is None or manual.levels is None:
        return f"0–{criterion.max_points}"
    return ", ".join(f"{level.level} = {level.points}" for level in manual.levels)


def _granted(header: str) -> bool:
    return not _GRANTED_WORDS.isdisjoint(fold(header).split())


def _answer_values(question: Question) -> str:
    if question.type == "boolean":
        return "true, false"
    return ", ".join(question.option_values())


def starter_mapping(
    head: ExportHead, criteria: ResolvedSet, criteria_ref: str, export: str, lang: str
) -> Starter:
    """The starter mapping for the export whose head is ``head`` and the set ``criteria``
    (named in the mapping as ``criteria_ref``), commented in ``lang``."""
    return StarterWriter(head, criteria, criteria_ref, export, lang).write()
