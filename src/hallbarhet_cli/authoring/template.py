"""Application templates generated from a criteria set (``hallbarhet new``).

A template is an application file with every field and every question of the set, each
explained in comments: its label and help text, what kind of answer it takes, its options
and limits, whether it is required, when it is asked and which criteria and gates read it.
Every value is a placeholder that fails validation until it is filled in, so a forgotten
answer is caught by ``hallbarhet validate`` instead of being scored. The placeholder is a
marker (``"<fyll i>"`` or ``"<fill in>"``, see :mod:`hallbarhet_cli.applications.placeholders`).

The same renderer writes the result of the interactive questionnaire (and its draft when
it is stopped): values already known are written out, the rest stay placeholders.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import yaml

from hallbarhet_cli import fmt
from hallbarhet_cli.applications.placeholders import placeholder
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.models import Option, Question, localize
from hallbarhet_cli.models.conditions import questions_read
from hallbarhet_cli.models.criteria import QuestionType
from hallbarhet_cli.models.fields import FIELDS
from hallbarhet_cli.scoring.explain import Explainer

WIDTH: Final = 90
SCHEMA_DIR: Final = ".hallbarhet/schemas"


# -- the application's own fields ----------------------------------------------------------
@dataclass(frozen=True)
class MetaField:
    """A field of the application itself (not an answer), as the template and the
    questionnaire present it."""

    path: tuple[str, ...]
    type: QuestionType
    label: str
    help: str
    required: bool = True
    options: tuple[tuple[str, str], ...] = ()
    max_length: int | None = None

    @property
    def name(self) -> str:
        return ".".join(self.path)

    def as_question(self, lang: str, values: list[str] | None = None) -> Question:
        """The field as a question in ``lang``, offering ``values`` of its options."""
        offered = [(v, label) for v, label in self.options if values is None or v in values]
        return Question(
            id=self.name,
            type=self.type,
            label=gettext(self.label, lang),
            help=gettext(self.help, lang),
            required=self.required,
            min=0 if self.type == "number" else None,
            options=[Option(value=v, label=gettext(label, lang)) for v, label in offered]
            if offered
            else None,
        )


METADATA: Final = (
    MetaField(
        ("id",),
        "text",
        N_("Application id"),
        N_(
            "The application's reference number, or another id that no other application "
            "has, for example KRO-2026-0042."
        ),
        max_length=100,
    ),
    MetaField(
        ("type",),
        "choice",
        N_("Type of application"),
        N_("Whether you apply for project funds or for business support."),
        options=FIELDS["type"].options,
    ),
    MetaField(
        ("title",),
        "text",
        N_("Title"),
        N_("A short name for the project or the investment."),
        max_length=500,
    ),
    MetaField(
        ("applicant", "name"),
        "text",
        N_("Applicant"),
        N_("The name of the organisation or company that applies."),
        max_length=500,
    ),
    MetaField(
        ("applicant", "org_number"),
        "text",
        N_("Organisation number"),
        N_("The applicant's organisation number, for example 212000-0613."),
        required=False,
        max_length=40,
    ),
    MetaField(
        ("applicant", "sector"),
        "choice",
        N_("Sector"),
        N_("The kind of organisation that applies."),
        options=FIELDS["applicant.sector"].options,
    ),
    MetaField(
        ("budget", "total_sek"),
        "number",
        N_("Total budget (SEK)"),
        N_("The total budget in Swedish kronor, with every financier's share."),
    ),
    MetaField(
        ("budget", "requested_sek"),
        "number",
        N_("Amount applied for (SEK)"),
        N_("The amount you apply for, in Swedish kronor; at most the total budget."),
    ),
    MetaField(
        ("period", "start"),
        "date",
        N_("Start date"),
        N_("The first day of the project."),
    ),
    MetaField(
        ("period", "end"),
        "date",
        N_("End date"),
        N_("The last day of the project."),
    ),
    MetaField(
        ("summary",),
        "text",
        N_("Summary"),
        N_("A short description: what you will do, for whom, and what it will lead to."),
        required=False,
    ),
)


# -- what is already known -------------------------------------------------------------------
@dataclass
class Filled:
    """Values already given: the application's fields (by dotted name) and the answers.

    ``settled`` names fields and questions that are decided to stay empty (skipped, or not
    asked because they do not apply); everything neither given nor settled is a
    placeholder.
    """

    fields: dict[str, Any] = field(default_factory=dict)
    answers: dict[str, Any] = field(default_factory=dict)
    settled: set[str] = field(default_factory=set)


_UNSET: Final = object()


def criteria_reference(ref: str, resolved: ResolvedSet, output: str) -> str:
    """What the application's ``criteria:`` says: the id as given, or for a set given by
    path, the path from the application's folder to the set file."""
    from hallbarhet_cli.criteria.library import is_path_reference

    if not is_path_reference(ref):
        return ref
    folder = Path.cwd() if output == "-" else Path(output).resolve().parent
    return Path(os.path.relpath(resolved.root.path, folder)).as_posix()


def schema_path(criteria: ResolvedSet) -> str:
    """Where the header's ``$schema`` line expects the set's application schema."""
    return f"{SCHEMA_DIR}/{criteria.id}.json"


# -- rendering ---------------------------------------------------------------------------------
class TemplateWriter:
    """Writes the commented application file for one criteria set in one language."""

    def __init__(self, criteria: ResolvedSet, lang: str) -> None:
        self.criteria = criteria
        self.lang = lang
        self.explain = Explainer(criteria, lang)
        self.marker = placeholder(lang)
        self.readers = _readers(criteria)

    def _(self, message: str) -> str:
        return gettext(message, self.lang)

    def render(
        self,
        criteria_ref: str,
        cli_ref: str,
        *,
        filled: Filled | None = None,
        file_name: str | None = None,
    ) -> str:
        """The application file. ``criteria_ref`` is written as its ``criteria:``;
        ``cli_ref`` is what the commands in the header name."""
        filled = filled or Filled()
        lines = self._header(cli_ref, file_name)
        lines += ["", "kind: application"]
        for meta in METADATA:
            if meta.path == ("type",):
                lines += [
                    *self._comment(self._(N_("The criteria set these answers are for."))),
                    f"criteria: {_plain(criteria_ref)}",
                ]
            lines += self._meta(meta, filled)
        lines += [
            "",
            *self._comment(self._(N_("Answers to the criteria set's questions."))),
            "answers:",
        ]
        source = None
        for number, question in enumerate(self.criteria.questions, 1):
            origin = self.criteria.origin[("question", question.id)][0]
            if origin is not source:
                source = origin
                title = localize(origin.model.title, self.lang)
                lines += ["", f"  # === {title} ({origin.model.id}) ==="]
            lines += self._question(number, question, filled)
        return "\n".join(lines) + "\n"

    # -- parts -------------------------------------------------------------------------
    def _header(self, cli_ref: str, file_name: str | None) -> list[str]:
        file = file_name or self._(N_("FILE"))
        schema = schema_path(self.criteria)
        title = localize(self.criteria.root.model.title, self.lang)
        lines = [f"# yaml-language-server: $schema={schema}", "#"]
        lines += self._comment(
            self._(N_("Application for: {title} ({id} {version})")).format(
                title=title, id=self.criteria.id, version=self.criteria.version
            )
        )
        lines.append("#")
        lines += self._comment(self._(N_("How to fill in this template:")))
        for step in (
            self._(
                N_(
                    "Replace every {marker} with your answer. The application is not accepted "
                    "while any is left."
                )
            ).format(marker=_scalar(self.marker)),
            self._(
                N_(
                    "Write ~ (empty) for a question that is optional or does not apply to "
                    "your application."
                )
            ),
            self._(
                N_(
                    "For a text over several lines, write >- after the colon and the text on "
                    "the lines below, indented."
                )
            ),
            self._(N_("Check the application: {command}")).format(
                command=f"hallbarhet validate {file}"
            ),
            self._(N_("See what is missing and what would earn more points: {command}")).format(
                command=f"hallbarhet assess {file} --precheck"
            ),
        ):
            lines += self._comment(step, "- ", "  ")
        lines.append("#")
        lines += self._comment(
            self._(
                N_(
                    "For completion and checks in your editor (the $schema line at the top), "
                    "create the schema once with:"
                )
            )
        )
        lines.append(f"#   hallbarhet schema application --criteria {cli_ref} -o {schema}")
        return lines

    def _meta(self, meta: MetaField, filled: Filled) -> list[str]:
        indent = "  " * (len(meta.path) - 1)
        lines: list[str] = [] if len(meta.path) == 2 or meta.path == ("id",) else [""]
        if len(meta.path) == 2 and meta.path[1] == _first_child(meta.path[0]):
            lines += ["", f"{meta.path[0]}:"]
        applies = self.criteria.root.model.applies_to
        value: Any = filled.fields.get(meta.name, _UNSET)
        if value is _UNSET and meta.path == ("type",) and len(applies) == 1:
            value = applies[0]
        notes = [f"{self._(meta.label)}: {self._(meta.help)}"]
        if meta.options:
            offered = [
                (v, label) for v, label in meta.options if meta.path != ("type",) or v in applies
            ]
            notes.append(self._(N_("Answer with one of:")))
            lines += self._comment(" ".join(notes), indent=indent)
            lines += self._options([(v, self._(label)) for v, label in offered], indent)
        else:
            notes.append(self._answer_kind(meta.type, None))
            if not meta.required:
                notes.append(self._(N_("Optional: write ~ to leave it empty.")))
            lines += self._comment(" ".join(notes), indent=indent)
        lines += self._entry(meta.path[-1], meta.type, value, meta.name in filled.settled, indent)
        return lines

    def _question(self, number: int, question: Question, filled: Filled) -> list[str]:
        indent = "  "
        label = localize(question.label, self.lang)
        lines = ["", *self._comment(label, f"--- {number}. ", "    ", indent=indent)]
        help_text = localize(question.help, self.lang)
        if help_text:
            lines += self._comment(help_text, indent=indent)
        lines += self._comment(self._answer_kind(question.type, question), indent=indent)
        if question.options:
            lines += self._options(
                [(o.value, localize(o.label, self.lang)) for o in question.options], indent
            )
        if question.relevant is not None:
            lines += self._comment(
                self._(N_("Asked only when {condition}; otherwise write ~.")).format(
                    condition=self.explain.condition(question.relevant)
                ),
                indent=indent,
            )
        lines += self._comment(
            self._(N_("Required."))
            if question.required
            else self._(N_("Optional: write ~ to leave it empty.")),
            indent=indent,
        )
        criteria, gates = self.readers.get(question.id, ([], []))
        if criteria:
            names = [
                f"{c} {fmt.quote(self.explain.criterion_title(c), self.lang)}" for c in criteria
            ]
            lines += self._comment(
                self._(N_("Scored by: {criteria}.")).format(criteria="; ".join(names)),
                indent=indent,
            )
        if gates:
            names = [f"{g} {fmt.quote(self.explain.gate_title(g), self.lang)}" for g in gates]
            lines += self._comment(
                self._(N_("Checked by the gates: {gates}.")).format(gates="; ".join(names)),
                indent=indent,
            )
        value = filled.answers.get(question.id, _UNSET)
        lines += self._entry(
            question.id, question.type, value, question.id in filled.settled, indent
        )
        return lines

    def _answer_kind(self, kind: str, question: Question | None) -> str:
        parts: list[str] = []
        if kind in ("number", "integer"):
            parts.append(
                self._(
                    N_("Answer: a whole number.") if kind == "integer" else N_("Answer: a number.")
                )
            )
            if question is not None and question.unit:
                parts.append(self._(N_("Unit: {unit}.")).format(unit=question.unit))
            low = question.min if question is not None else None
            high = question.max if question is not None else None
            if low is not None and high is not None:
                parts.append(self._(N_("From {min} to {max}.")).format(min=low, max=high))
            elif low is not None:
                parts.append(self._(N_("At least {min}.")).format(min=low))
            elif high is not None:
                parts.append(self._(N_("At most {max}.")).format(max=high))
        elif kind == "boolean":
            parts.append(self._(N_("Answer: true (yes) or false (no).")))
        elif kind == "choice":
            parts.append(self._(N_("Answer: one of the values below.")))
        elif kind == "multichoice":
            parts.append(
                self._(
                    N_(
                        "Answer: one or more of the values below, as a list in square "
                        "brackets: [value, value]."
                    )
                )
            )
        elif kind == "date":
            parts.append(self._(N_("Answer: a date, written as YYYY-MM-DD.")))
        else:
            parts.append(self._(N_("Answer: text.")))
            if question is not None and question.min_length:
                parts.append(self._(N_("At least {n} characters.")).format(n=question.min_length))
        return " ".join(parts)

    def _options(self, options: list[tuple[str, str]], indent: str) -> list[str]:
        width = max((len(v) for v, _ in options), default=0)
        lines = []
        for value, label in options:
            if not label:
                lines.append(f"{indent}#   {value}")
                continue
            lines += self._comment(
                label, f"  {value.ljust(width)}  ", "  " + " " * (width + 2), indent=indent
            )
        return lines

    def _comment(
        self, text: str, first: str = "", rest: str = "", *, indent: str = ""
    ) -> list[str]:
        """``text`` as comment lines, wrapped; ``first``/``rest`` prefix the first and the
        following lines (for lists)."""
        lines = []
        for paragraph in text.splitlines() or [""]:
            lines += textwrap.wrap(
                " ".join(paragraph.split()),
                width=WIDTH,
                initial_indent=f"{indent}# {first}",
                subsequent_indent=f"{indent}# {rest or first}",
                break_long_words=False,
                break_on_hyphens=False,
            ) or [f"{indent}#"]
        return lines

    def _entry(self, key: str, kind: str, value: Any, settled: bool, indent: str) -> list[str]:
        if value is _UNSET:
            if settled:
                return [f"{indent}{key}: ~"]
            marker = _scalar(self.marker)
            return [
                f"{indent}{key}: [{marker}]"
                if kind == "multichoice"
                else f"{indent}{key}: {marker}"
            ]
        if value is None:
            return [f"{indent}{key}: ~"]
        text = yaml.dump(
            {key: value},
            Dumper=_Dumper,
            allow_unicode=True,
            sort_keys=False,
            default_flow_style=False,
            width=WIDTH - len(indent),
        )
        return [f"{indent}{line}" for line in text.splitlines()]


def _first_child(parent: str) -> str:
    return next(m.path[1] for m in METADATA if len(m.path) == 2 and m.path[0] == parent)


def _plain(value: str) -> str:
    """``value`` as a YAML scalar, quoted only when YAML would read it as something else."""
    return yaml.safe_dump(value, allow_unicode=True, width=1000).removesuffix("\n...\n").strip()


def _scalar(value: str) -> str:
    """``value`` as a double-quoted YAML scalar (JSON's quoting is valid YAML)."""
    import json

    return json.dumps(value, ensure_ascii=False)


class _Dumper(yaml.SafeDumper):
    """Writes text over several lines as a literal block, as a person would."""


def _str(dumper: yaml.SafeDumper, data: str) -> yaml.ScalarNode:
    style = "|" if "\n" in data.strip() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


def _list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(list, _list)


def _readers(criteria: ResolvedSet) -> Mapping[str, tuple[list[str], list[str]]]:
    """For each question, the criteria and the gates whose conditions read it."""
    found: dict[str, tuple[list[str], list[str]]] = {}
    for criterion in criteria.criteria:
        for level in criterion.levels or []:
            for question in questions_read(level.when):
                readers = found.setdefault(question, ([], []))[0]
                if criterion.id not in readers:
                    readers.append(criterion.id)
    for gate in criteria.gates:
        for question in questions_read(gate.when):
            readers = found.setdefault(question, ([], []))[1]
            if gate.id not in readers:
                readers.append(gate.id)
    return found


def render_template(
    criteria: ResolvedSet,
    lang: str,
    *,
    criteria_ref: str,
    cli_ref: str,
    filled: Filled | None = None,
    file_name: str | None = None,
) -> str:
    """The commented application template for ``criteria`` in ``lang``."""
    return TemplateWriter(criteria, lang).render(
        criteria_ref, cli_ref, filled=filled, file_name=file_name
    )
