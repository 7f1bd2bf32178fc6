"""Assess work items, in a worker process or in the main one.

Each process keeps one :class:`~hallbarhet_cli.criteria.library.CriteriaLibrary`, so a criteria
set is read and resolved once per process however many applications use it. A chunk of
items goes in; a :class:`~hallbarhet_cli.batch.records.ChunkResult` comes out, with a
small record per input and, when ``results.jsonl`` is wanted, the finished JSON line.
Per-application reports are written here, into the batch's staging folder, so that large
documents never travel between processes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from hallbarhet_cli.applications.loading import (
    LoadedApplication,
    application_from_document,
    kind_of,
    read_document,
)
from hallbarhet_cli.batch.interrupts import die_with_parent
from hallbarhet_cli.batch.items import FileItem, Item, LineItem, ProblemItem, RowItem
from hallbarhet_cli.batch.lines import LineError, application_from_line
from hallbarhet_cli.batch.records import (
    ChunkResult,
    Outcome,
    Record,
    SetInfo,
    Status,
    json_line,
    with_lines,
)
from hallbarhet_cli.batch.rows import RowPlan, answer_kind, criteria_ref, row_document
from hallbarhet_cli.batch.writes import REPORT_SUFFIXES
from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.errors import InputError, Problem, Severity, UsageError
from hallbarhet_cli.files.output import writing
from hallbarhet_cli.files.yamlload import Document
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.models import localize
from hallbarhet_cli.scoring.assessment import Assessment, Verdict
from hallbarhet_cli.scoring.engine import assess

if TYPE_CHECKING:
    from hallbarhet_cli.reporters.viewtypes import AssessmentView

# Files found in a folder with one of these kinds are not applications and are skipped.
NOT_APPLICATIONS: Final = frozenset(
    {"criteria-set", "criteria-test", "mapping", "follow-up", "indicator-set", "indicator-mapping"}
)


@dataclass(frozen=True)
class Settings:
    """What every worker needs to know about the batch."""

    lang: str
    assessed_at: str
    criteria_ref: str | None = None
    jsonl: bool = True
    reports: tuple[str, ...] = ()
    reports_dir: str | None = None
    # Where worker processes write each chunk's lines of results.jsonl (see ChunkResult)
    parts_dir: str | None = None
    template_dir: str | None = None
    debug: bool = False


class Fatal(Exception):
    """A problem that stops the whole batch (a broken report template), carried back to
    the main process (the error classes of :mod:`hallbarhet_cli.errors` do not pickle)."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(problems)
        self.problems = list(problems)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Fatal, (self.problems,))


@dataclass
class Worker:
    """Assesses items with one criteria library and the batch's settings."""

    settings: Settings
    library: CriteriaLibrary = field(default_factory=CriteriaLibrary)
    sent: set[str] = field(default_factory=set)
    # True in a worker process: the JSON lines go to a part file, not back through a pipe
    write_parts: bool = False
    _refs: dict[tuple[str, str], ResolvedSet | None] = field(default_factory=dict)

    def run(self, items: Sequence[Item]) -> ChunkResult:
        outcomes: list[Outcome] = []
        sets: list[SetInfo] = []
        for item in items:
            try:
                outcome, criteria = self.assess_item(item)
            except UsageError as err:
                raise Fatal(err.problems) from None
            except Exception as err:
                if self.settings.debug:
                    raise
                outcome, criteria = self._internal_error(item, err), None
            outcomes.append(with_lines(outcome, self.settings.jsonl))
            if criteria is not None and criteria.sha256 not in self.sent:
                self.sent.add(criteria.sha256)
                sets.append(set_info(criteria, self.settings.lang))
        if self.write_parts and self.settings.jsonl and self.settings.parts_dir and items:
            try:
                return self._with_part(outcomes, sets, items[0].index)
            except UsageError as err:  # the disk is full, say
                raise Fatal(err.problems) from None
        return ChunkResult(tuple(outcomes), tuple(sets))

    def _with_part(self, outcomes: list[Outcome], sets: list[SetInfo], first: int) -> ChunkResult:
        """The chunk's JSON lines written to a part file of their own (named by the
        chunk's first input, so unique), the outcomes sent without them."""
        assert self.settings.parts_dir is not None
        lines = [o.jsonl for o in outcomes if o.jsonl is not None]
        folder = Path(self.settings.parts_dir)
        part = folder / f"{first:09d}.jsonl"
        # The parts folder is inside the staging folder: name the output folder.
        with writing(folder.parent.parent):
            part.write_bytes(b"".join(line + b"\n" for line in lines))
        sent = tuple(dataclasses.replace(o, jsonl=None) for o in outcomes)
        return ChunkResult(sent, tuple(sets), str(part))

    # -- one item --------------------------------------------------------------------------
    def assess_item(self, item: Item) -> tuple[Outcome, ResolvedSet | None]:
        if isinstance(item, ProblemItem):
            return self._error(item.index, item.input, [item.problem]), None
        if isinstance(item, FileItem):
            return self._file(item)
        if isinstance(item, LineItem):
            return self._line(item)
        return self._row(item)

    def _file(self, item: FileItem) -> tuple[Outcome, ResolvedSet | None]:
        path = Path(item.path)
        try:
            document = read_document(path, item.display)
        except InputError as err:
            return self._error(item.index, item.display, err.problems), None
        if not item.named and kind_of(document) in NOT_APPLICATIONS:
            return Outcome(item.index, item.display, Status.SKIPPED), None
        try:
            loaded = application_from_document(
                document, path.parent, self.library, self.settings.criteria_ref
            )
        except InputError as err:
            return self._error(item.index, item.display, err.problems, _id_of(document)), None
        return self._assessed(item.index, item.display, loaded), loaded.criteria

    def _line(self, item: LineItem) -> tuple[Outcome, ResolvedSet | None]:
        label = f"{item.file}:{item.line}"
        try:
            loaded = application_from_line(item, self.library, self.settings.criteria_ref)
        except LineError as err:
            return self._error(item.index, label, err.problems, err.id_hint), None
        return self._assessed(item.index, label, loaded), loaded.criteria

    def _row(self, item: RowItem) -> tuple[Outcome, ResolvedSet | None]:
        plan = item.plan
        label = f"{plan.file}:{item.number}"
        ref = self.settings.criteria_ref or criteria_ref(plan, item.cells)
        criteria = self._resolve_quietly(ref, plan) if ref else None
        document = row_document(plan, item.number, item.cells, answer_kind(criteria))
        try:
            loaded = application_from_document(
                document, Path(plan.base_dir), self.library, self.settings.criteria_ref
            )
        except InputError as err:
            messages = tuple(self._render_row(plan, item.number, p) for p in err.problems)
            return Outcome(
                item.index, label, Status.ERROR, messages=messages, id_hint=_id_of(document)
            ), None
        return self._assessed(item.index, label, loaded), loaded.criteria

    def _resolve_quietly(self, ref: str, plan: RowPlan) -> ResolvedSet | None:
        """The set a row names, to read its answers by question type; ``None`` when it
        cannot be resolved (the application check then reports why, at the row)."""
        key = (ref, plan.base_dir)
        if key not in self._refs:
            try:
                if self.settings.criteria_ref is not None:
                    found = self.library.resolve(ref, Where("--criteria"), None, confine=False)
                else:
                    found = self.library.resolve(ref, Where(plan.file), Path(plan.base_dir))
            except InputError:
                found = None
            self._refs[key] = found
        return self._refs[key]

    # -- results -----------------------------------------------------------------------------
    def _assessed(self, index: int, label: str, loaded: LoadedApplication) -> Outcome:
        result = assess(loaded.criteria, loaded.model, loaded.answers)
        record = make_record(result, loaded)
        jsonl = report = None
        if self.settings.jsonl or self.settings.reports:
            from hallbarhet_cli.reporters.views import assessment_view

            view = assessment_view(result, loaded, self.settings.lang)
            view["assessed_at"] = self.settings.assessed_at
            if self.settings.jsonl:
                jsonl = json_line({"input": label, **view})
            report = self._write_reports(index, record.id, view)
        return Outcome(index, label, Status.ASSESSED, record, jsonl=jsonl, report=report)

    def _write_reports(self, index: int, app_id: str, view: AssessmentView) -> str | None:
        if not self.settings.reports or self.settings.reports_dir is None:
            return None
        from hallbarhet_cli.reporters import REPORTERS, Destination

        template_dir = Path(self.settings.template_dir) if self.settings.template_dir else None
        to = Destination(template_dir=template_dir)
        name = report_name(index, app_id)
        first = None
        for kind in self.settings.reports:
            content = REPORTERS[kind](view, self.settings.lang, to)
            file = f"{name}.{REPORT_SUFFIXES[kind]}"
            data = content.encode() if isinstance(content, str) else content
            folder = Path(self.settings.reports_dir)
            # The staging folder is hidden inside the output folder: name that one.
            with writing(folder.parent.parent):
                (folder / file).write_bytes(data)
            first = first or f"reports/{file}"
        return first

    def _error(
        self, index: int, label: str, problems: Sequence[Problem], id_hint: str | None = None
    ) -> Outcome:
        lang = self.settings.lang
        ordered = sorted(problems, key=Problem.sort_key)
        messages = tuple(p.render(lang) for p in ordered if p.severity is Severity.ERROR)
        return Outcome(index, label, Status.ERROR, messages=messages or ("?",), id_hint=id_hint)

    def _render_row(self, plan: RowPlan, number: int, problem: Problem) -> str:
        """A problem in a row as ``file:row:column: … (column ”name”)``; a problem with
        the row as a whole (or a fixed value from the mapping) as ``file:row: …``."""
        lang = self.settings.lang
        if problem.file != plan.file or problem.line != number:
            return problem.render(lang)
        name = plan.column_name(problem.column)
        if name is None:
            problem = Problem(
                f"{plan.file}:{number}",
                None,
                None,
                problem.rule,
                problem.severity,
                problem.message,
            )
            return problem.render(lang)
        column = gettext(N_("(column {column})"), lang).format(column=_quote(name, lang))
        return f"{problem.render(lang)} {column}"

    def _internal_error(self, item: Item, err: Exception) -> Outcome:
        label = (
            item.display
            if isinstance(item, FileItem)
            else item.input
            if isinstance(item, ProblemItem)
            else f"{item.file}:{item.line}"
            if isinstance(item, LineItem)
            else f"{item.plan.file}:{item.number}"
        )
        text = gettext(
            N_(
                "Internal error: this is a bug in hallbarhet. Run again with --debug for "
                "details and report it."
            ),
            self.settings.lang,
        )
        return Outcome(
            item.index, label, Status.ERROR, messages=(f"{label}: {text} ({type(err).__name__})",)
        )


def _quote(text: str, lang: str) -> str:
    from hallbarhet_cli import fmt

    return fmt.quote(text, lang)


def _id_of(document: Document | None) -> str | None:
    data = document.data if document is not None else None
    value = data.get("id") if isinstance(data, dict) else None
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None


_UNSAFE: Final = re.compile(r"[^A-Za-z0-9._-]+")


def report_name(index: int, app_id: str) -> str:
    """The file name (without suffix) of an application's report: its place in the input
    order, so names are unique and sort like the inputs, then its id made safe."""
    safe = _UNSAFE.sub("_", app_id).strip("._")[:80] or "application"
    return f"{index + 1:05d}-{safe}"


def make_record(result: Assessment, loaded: LoadedApplication) -> Record:
    """The small record of one assessment that the tables and the summary need."""
    app = loaded.model
    return Record(
        id=app.id,
        title=app.title,
        applicant=app.applicant.name,
        requested_sek=app.budget.requested_sek,
        criteria_sha=result.criteria_sha256,
        criteria_set=result.criteria_id,
        verdict=result.verdict.value,
        provisional=result.provisional,
        overall_percent=result.overall_percent,
        overall_exact=result.overall_exact,
        dimensions=tuple((d.id, d.percent, d.below_minimum) for d in result.dimensions),
        criteria=tuple((r.id, r.points, r.max_points, r.status.value) for r in result.criteria),
        missing=tuple(m.question for m in result.missing),
        gates=tuple((g.id, g.effect, g.cleared) for g in result.gates),
        sdg=result.sdg,
        scorable=result.scorable,
        sector=app.applicant.sector,
        decision=(
            (app.decision.outcome, app.decision.granted_sek, app.decision.round)
            if app.decision
            else None
        ),
    )


def set_info(criteria: ResolvedSet, lang: str) -> SetInfo:
    """The titles of ``criteria`` in ``lang``, and its weights."""
    from hallbarhet_cli.robustness.round import set_weights

    return SetInfo(
        sha256=criteria.sha256,
        id=criteria.id,
        version=criteria.version,
        title=localize(criteria.root.model.title, lang),
        dimensions=tuple((d, localize(v.title, lang)) for d, v in criteria.dimensions.items()),
        criteria=tuple((c.id, localize(c.title, lang), c.dimension) for c in criteria.criteria),
        questions=tuple((q.id, localize(q.label, lang)) for q in criteria.questions),
        gates=tuple((g.id, localize(g.title, lang), g.effect) for g in criteria.gates),
        weights=set_weights(criteria),
    )


# -- the process pool's entry points -----------------------------------------------------------
_WORKER: Worker | None = None


def warm() -> None:
    """Do now what every worker would otherwise do on its first application: import the
    view and the number formats, read the message catalogues and build the validators
    (about a quarter of a second). Run once in the process the workers are forked from,
    so that they start with it done."""
    from hallbarhet_cli import fmt
    from hallbarhet_cli.i18n import gettext
    from hallbarhet_cli.models import Application, CriteriaSet
    from hallbarhet_cli.models.validation import prepare
    from hallbarhet_cli.reporters import views

    prepare(Application, CriteriaSet)
    for lang in ("sv", "en"):
        gettext(views.VERDICT_LABELS[Verdict.PASS], lang)
        fmt.number(0.5, lang)


def initialize(settings: Settings) -> None:
    """Set up a worker process. Ctrl-C is the main process's to handle: it stops handing
    out work and cleans up, while workers finish the chunk in hand."""
    global _WORKER
    die_with_parent()
    _WORKER = Worker(settings, write_parts=True)


def run_chunk(items: Sequence[Item]) -> ChunkResult:
    assert _WORKER is not None, "initialize() was not called in this process"
    return _WORKER.run(items)
