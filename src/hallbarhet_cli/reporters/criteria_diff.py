"""Reports of ``hallbarhet criteria diff``: the changes between two versions of a criteria
set in words (conditions put into words by the :class:`~hallbarhet_cli.scoring.explain.Explainer`
of the version they belong to), and the applications of a round whose verdict or rank
changes; as text or JSON."""

from __future__ import annotations

import json
from typing import Any, Final

from hallbarhet_cli import fmt
from hallbarhet_cli.criteria.diff import SECTIONS, Change, SetDiff
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.i18n import N_, gettext, ngettext
from hallbarhet_cli.models import Condition, Level, localize
from hallbarhet_cli.models.conditions import questions_read
from hallbarhet_cli.reporters.layout import Column, Table
from hallbarhet_cli.reporters.views import VERDICT_LABELS
from hallbarhet_cli.scoring.explain import Explainer
from hallbarhet_cli.scoring.impact import RoundEntry, RoundImpact, Standing

# format_version 1: the first published shape of the diff JSON.
FORMAT_VERSION: Final = 1

_HEADINGS: Final = {
    "thresholds": N_("Thresholds"),
    "dimensions": N_("Dimensions"),
    "questions": N_("Questions"),
    "criteria": N_("Criteria"),
    "gates": N_("Gates"),
}
_THRESHOLDS: Final = {
    "pass_percent": N_("Pass threshold (overall)"),
    "dimension_min_percent": N_("Minimum for every dimension"),
    "criterion_min_points": N_("Minimum points for every criterion"),
}
_ASPECTS: Final = {
    "weight": N_("weight"),
    "type": N_("type"),
    "required": N_("required"),
    "min": N_("minimum"),
    "max": N_("maximum"),
    "min_length": N_("minimum length"),
    "dimension": N_("dimension"),
    "max_points": N_("max points"),
    "effect": N_("effect"),
    "min_points": N_("minimum points"),
    "grades": N_("named levels"),
}
_EFFECTS: Final = {"exclude": N_("excludes"), "review": N_("needs review")}
_ARROW: Final = " \u2192 "


class _Words:
    """Sentences for the changes between two versions, in one language."""

    def __init__(self, diff: SetDiff, lang: str) -> None:
        self.diff = diff
        self.lang = lang
        self.old = Explainer(diff.old, lang)
        self.new = Explainer(diff.new, lang)

    def _(self, message: str) -> str:
        return gettext(message, self.lang)

    def explainer(self, change: Change) -> Explainer:
        return self.old if change.aspect in ("removed", "level_removed") else self.new

    def criteria(self, change: Change) -> ResolvedSet:
        return self.diff.old if change.aspect == "removed" else self.diff.new

    def value(self, value: Any) -> str:
        if value is None:
            return self._(N_("not set"))
        if isinstance(value, bool):
            return self._(N_("yes") if value else N_("no"))
        if isinstance(value, int | float):
            return fmt.number(value, self.lang)
        return str(value)

    def condition(self, condition: Condition | None, explain: Explainer, none: str) -> str:
        return explain.condition(condition) if condition is not None else self._(none)

    def conditions(self, old: Condition | None, new: Condition | None, none: str) -> str:
        """``before → after``; when both read the same (a question's id changed, not its
        words), each side names the questions it reads by id."""
        before = self.condition(old, self.old, none)
        after = self.condition(new, self.new, none)
        if before == after:
            before, after = _with_ids(before, old), _with_ids(after, new)
        return f"{before}{_ARROW}{after}"

    def subject(self, change: Change) -> str:
        """The element a change is about: its id and title (or label)."""
        criteria = self.criteria(change)
        if change.section == "thresholds":
            return self._(_THRESHOLDS[change.id])
        if change.section == "dimensions":
            dimension = criteria.dimensions[change.id]
            return f"{localize(dimension.title, self.lang)} ({change.id})"
        if change.section == "questions":
            question = criteria.question_map[change.id]
            return f"{change.id} {fmt.quote(localize(question.label, self.lang), self.lang)}"
        if change.section == "criteria":
            return f"{change.id} {localize(criteria.criterion_map[change.id].title, self.lang)}"
        return f"{change.id} {localize(criteria.gate_map[change.id].title, self.lang)}"

    def describe(self, change: Change) -> str:
        """What changed, after the subject."""
        aspect, old, new = change.aspect, change.old, change.new
        if aspect == "added":
            return f"{self._(N_('added'))}{self.added(change)}"
        if aspect == "removed":
            return self._(N_("removed"))
        if change.section == "thresholds" and change.id == "criterion_min_points":
            return f"{self.value(old)}{_ARROW}{self.value(new)}"
        if change.section == "thresholds":
            return f"{fmt.percent(old, self.lang)}{_ARROW}{fmt.percent(new, self.lang)}"
        if aspect == "options":
            return self.options(old, new)
        if aspect == "relevant":
            label = self._(N_("Asked when"))
            return f"{label}: {self.conditions(old, new, N_('always'))}"
        if aspect == "scoring":
            if new == "manual":
                return self._(N_("now scored by the case officer"))
            return self._(N_("now scored from levels"))
        if aspect.startswith("level_"):
            return self.level(change)
        if aspect == "effect":
            old, new = self._(_EFFECTS[old]), self._(_EFFECTS[new])
        elif aspect == "dimension":
            old, new = self.old.dimension_title(old), self.new.dimension_title(new)
        elif aspect == "when":
            label = self._(N_("condition"))
            return f"{label}: {self.conditions(old, new, N_('always'))}"
        else:
            old, new = self.value(old), self.value(new)
        return f"{self._(_ASPECTS[aspect])} {old}{_ARROW}{new}"

    def added(self, change: Change) -> str:
        """Details of an added element, in brackets or after a colon."""
        criteria = self.diff.new
        if change.section == "dimensions":
            return f" ({self._(N_('weight'))} {self.value(change.new)})"
        if change.section == "questions":
            question = criteria.question_map[change.id]
            flags = [question.type] + ([self._(N_("required"))] if question.required else [])
            return f" ({', '.join(flags)})"
        if change.section == "criteria":
            criterion = criteria.criterion_map[change.id]
            return (
                f" ({self.new.dimension_title(criterion.dimension)}, {self._(N_('weight'))} "
                f"{self.value(criterion.weight)}, max {criterion.max_points} p)"
            )
        gate = criteria.gate_map[change.id]
        return f" ({self._(_EFFECTS[gate.effect])}): {self.new.condition(gate.when)}"

    def options(self, old: list[str], new: list[str]) -> str:
        parts = []
        added = [o for o in new if o not in old]
        removed = [o for o in old if o not in new]
        if added:
            parts.append(self._(N_("options added: {values}")).format(values=", ".join(added)))
        if removed:
            parts.append(self._(N_("options removed: {values}")).format(values=", ".join(removed)))
        if not parts:
            parts.append(self._(N_("options reordered: {values}")).format(values=", ".join(new)))
        return "; ".join(parts)

    def level(self, change: Change) -> str:
        assert change.level is not None
        name = self._(N_("level {n}")).format(n=change.level + 1)
        points = self._(N_("{points} p"))
        if change.aspect == "level_points":
            before, after = points.format(points=change.old), points.format(points=change.new)
            return f"{name}: {before}{_ARROW}{after}"
        if change.aspect == "level_when":
            return f"{name}: {self.conditions(change.old, change.new, N_('otherwise'))}"
        level: Level = change.new if change.aspect == "level_added" else change.old
        explain = self.new if change.aspect == "level_added" else self.old
        what = self._(N_("added") if change.aspect == "level_added" else N_("removed"))
        when = self.condition(level.when, explain, N_("otherwise"))
        return f"{name} {what}: {points.format(points=level.points)}, {when}"

    def sentence(self, change: Change) -> str:
        return f"{self.subject(change)}: {self.describe(change)}"


def _with_ids(text: str, condition: Condition | None) -> str:
    """A condition in words followed by the ids of the questions it reads."""
    read = questions_read(condition)
    return f"{text} [{', '.join(read)}]" if read else text


# -- the round --------------------------------------------------------------------------
def _verdict(standing: Standing | None, lang: str) -> str:
    if standing is None:
        return gettext(N_("not assessed"), lang)
    return gettext(VERDICT_LABELS[standing.verdict], lang)


def _verdicts(entry: RoundEntry, lang: str) -> str:
    """The verdict once when it stays the same, else old and new."""
    before, after = _verdict(entry.old, lang), _verdict(entry.new, lang)
    return before if before == after else f"{before}{_ARROW}{after}"


def _percent(standing: Standing | None, lang: str) -> str:
    if standing is None or standing.percent is None:
        return "–"
    return fmt.percent(standing.percent, lang)


def _rank(standing: Standing | None) -> str:
    return "–" if standing is None or standing.rank is None else str(standing.rank)


def _round_table(entries: list[RoundEntry], lang: str) -> str:
    headers = (N_("Application"), N_("Verdict"), N_("Overall"), N_("Rank"))
    table = Table([Column(gettext(header, lang)) for header in headers])
    for entry in entries:
        table.add_row(
            entry.id,
            _verdicts(entry, lang),
            f"{_percent(entry.old, lang)}{_ARROW}{_percent(entry.new, lang)}",
            f"{_rank(entry.old)}{_ARROW}{_rank(entry.new)}",
        )
    return "".join(line.plain.rstrip(" ") + "\n" for line in table.lines(120))


def _round_text(impact: RoundImpact, lang: str) -> list[str]:
    n = impact.ranked
    lines = [
        ngettext(
            "Re-scored {n} application under both versions.",
            "Re-scored {n} applications under both versions.",
            n,
            lang,
        ).format(n=n)
    ]
    if impact.one_sided:
        k = impact.one_sided
        lines.append(
            ngettext(
                "{n} application could be assessed under one version only; ranks are among "
                "those assessed under both.",
                "{n} applications could be assessed under one version only; ranks are among "
                "those assessed under both.",
                k,
                lang,
            ).format(n=k)
        )
    if impact.skipped:
        k = len(impact.skipped)
        lines.append(
            ngettext(
                "Skipped {n} application for a type of funding the set does not apply to.",
                "Skipped {n} applications for a type of funding the set does not apply to.",
                k,
                lang,
            ).format(n=k)
        )
    changed = impact.changed
    if changed:
        lines.append(
            ngettext(
                "{n} application changes verdict or rank:",
                "{n} applications change verdict or rank:",
                len(changed),
                lang,
            ).format(n=len(changed))
        )
        lines.append(_round_table(changed, lang).rstrip("\n"))
    else:
        lines.append(gettext(N_("No application changes verdict or rank."), lang))
    if impact.problems:
        lines.append(gettext(N_("Could not be assessed:"), lang))
        lines.extend(f"  {p.render(lang)}" for p in impact.problems)
    return lines


# -- text -------------------------------------------------------------------------------
def _set_line(criteria: ResolvedSet) -> str:
    return f"{criteria.id} {criteria.version} ({criteria.root.document.file})"


def render_text(diff: SetDiff, impact: RoundImpact | None, lang: str) -> str:
    words = _Words(diff, lang)
    lines = [f"{_set_line(diff.old)}{_ARROW}{_set_line(diff.new)}", ""]
    if not diff.changes:
        lines.append(gettext(N_("No changes that affect the form or the scoring."), lang))
    for section in SECTIONS:
        changes = [c for c in diff.changes if c.section == section]
        if changes:
            lines.append(gettext(_HEADINGS[section], lang))
            lines.extend(f"  {words.sentence(c)}" for c in changes)
    if impact is not None:
        lines.append("")
        lines.extend(_round_text(impact, lang))
    return "\n".join(lines) + "\n"


# -- JSON -------------------------------------------------------------------------------
def _data(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json", by_alias=True, exclude_none=True)
    return value


def _set(criteria: ResolvedSet) -> dict[str, Any]:
    return {
        "id": criteria.id,
        "version": criteria.version,
        "file": criteria.root.document.file,
        "sha256": criteria.sha256,
    }


def _standing(standing: Standing | None) -> dict[str, Any] | None:
    if standing is None:
        return None
    return {"verdict": standing.verdict.value, "percent": standing.percent, "rank": standing.rank}


def render_json(diff: SetDiff, impact: RoundImpact | None, lang: str) -> str:
    words = _Words(diff, lang)
    payload: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "old": _set(diff.old),
        "new": _set(diff.new),
        "changes": [
            {
                "section": c.section,
                "id": c.id,
                "aspect": c.aspect,
                "level": c.level,
                "old": _data(c.old),
                "new": _data(c.new),
                "text": words.sentence(c),
            }
            for c in diff.changes
        ],
        "round": None,
    }
    if impact is not None:
        payload["round"] = {
            "assessed": len(impact.entries),
            "ranked": impact.ranked,
            "one_version_only": impact.one_sided,
            "skipped": list(impact.skipped),
            "changed": [
                {
                    "id": e.id,
                    "title": e.title,
                    "file": e.file,
                    "old": _standing(e.old),
                    "new": _standing(e.new),
                }
                for e in impact.changed
            ],
            "problems": [p.to_json(lang) for p in impact.problems],
        }
    return json.dumps(payload, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
