"""The application form as one offline HTML file (``hallbarhet new --format html``).

The form holds the same application as the template and the questionnaire: the
application's own fields (:data:`~hallbarhet_cli.authoring.template.METADATA`) and every
question of the criteria set, each with its label, help text, unit, type, options, limits
and whether it is required. A question is shown only when its ``relevant`` condition holds,
read from the JSON that :mod:`.form_conditions` writes, on the answers that count so far, as
the engine's ``fill_form`` decides. Answers are checked as they are typed with the messages
``hallbarhet validate`` gives, taken from the catalogue in the form's language.

The page is rendered here (autoescaped: the criteria set's text is data), and its script,
inlined, saves the application as YAML that ``validate`` and ``assess`` accept, with the
criteria set's id, version and SHA-256 in a comment at the top, and opens such a file again.
Nothing in the page reaches the network.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import jinja2

from hallbarhet_cli.applications.placeholders import placeholder
from hallbarhet_cli.authoring.form_conditions import condition_json, evaluator_path
from hallbarhet_cli.authoring.template import METADATA, MetaField
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.files.bundled import bundled_dir
from hallbarhet_cli.i18n import N_, gettext, ngettext
from hallbarhet_cli.models import Question, localize
from hallbarhet_cli.models.text import unit_text
from hallbarhet_cli.scoring.explain import Explainer

TEMPLATE: Final = "form.html.j2"
SCRIPT: Final = "partials/form.js"
YAML_SCRIPT: Final = "partials/form-yaml.js"

# The messages `validate` and the pre-check give, shown by the page as answers are typed.
MESSAGES: Final = {
    "number": N_("Expected a number for {id!r}, got {got}."),
    "integer": N_("Expected a whole number for {id!r}, got {got}."),
    "range": N_("{value} is outside the allowed range for {id!r} ({min} to {max})."),
    "date": N_("Expected a date (YYYY-MM-DD) for {id!r}, got {got}."),
    "missing": N_("Not answered yet."),
    "budget": N_("The requested amount ({requested}) is more than the total budget ({total})."),
    "period": N_("The period ends ({end}) before it starts ({start})."),
    "max_length": N_("Write at most {max} characters."),
    "summary": N_("Check {n} answers before the application is complete:"),
    "summary_one": N_("Check 1 answer before the application is complete:"),
    "progress": N_("{answered} of {total} required answers given"),
    "saved": N_("Saved as {file}."),
    "saved_draft": N_(
        "Saved as {file}, as a draft: what is not answered yet says {marker}. Open it here "
        "again to continue."
    ),
    "opened": N_("Opened {file}: the answers are filled in below."),
    "unreadable": N_("{file} could not be read as an application (line {line})."),
    "other_set": N_(
        "{file} is an application for {found}, not for {expected}; open it with that form."
    ),
    "unknown": N_("{file} answers questions this form does not have: {ids}."),
    "written_by": N_("Written with the application form for {title}."),
    "fingerprint": N_("Criteria set {id}, version {version}, SHA-256 {sha256}."),
}
# What the script needs of each field and question (the rest is in the markup).
_SCRIPT_KEYS: Final = (
    *("id", "dom", "type", "required", "options", "min", "max"),
    *("min_length", "max_length", "relevant", "fixed"),
)
_TOO_SHORT: Final = (
    "The answer is too short: {length} characters, at least {min} are needed "
    "({more} more character).",
    "The answer is too short: {length} characters, at least {min} are needed "
    "({more} more characters).",
)


def _environment(lang: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(bundled_dir("templates")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda message: gettext(message, lang),
        lambda singular, plural, n: ngettext(singular, plural, n, lang),
        newstyle=True,
    )
    return env


class FormWriter:
    """Builds the form's view for one criteria set in one language."""

    def __init__(self, criteria: ResolvedSet, lang: str) -> None:
        self.criteria = criteria
        self.lang = lang
        self.explain = Explainer(criteria, lang)

    def _(self, message: str) -> str:
        return gettext(message, self.lang)

    def field(self, meta: MetaField) -> dict[str, Any]:
        applies = list(self.criteria.root.model.applies_to)
        offered = [
            (v, self._(label))
            for v, label in meta.options
            if meta.path != ("type",) or v in applies
        ]
        return {
            "id": meta.name,
            "dom": "f-" + meta.name.replace(".", "-"),
            "type": meta.type,
            "label": self._(meta.label),
            "help": self._(meta.help),
            "required": meta.required,
            "options": [{"value": v, "label": label} for v, label in offered],
            "max_length": meta.max_length,
            "min": 0 if meta.type == "number" else None,
            "max": None,
            "min_length": None,
            "unit": None,
            "limits": "",
            "when": "",
            "relevant": None,
            "fixed": offered[0][0] if meta.path == ("type",) and len(offered) == 1 else None,
        }

    def question(self, question: Question) -> dict[str, Any]:
        return {
            "id": question.id,
            "dom": "q-" + question.id,
            "type": question.type,
            "label": localize(question.label, self.lang),
            "help": localize(question.help, self.lang),
            "required": question.required,
            "options": [
                {"value": o.value, "label": localize(o.label, self.lang) or o.value}
                for o in question.options or []
            ],
            "max_length": None,
            "min": question.min,
            "max": question.max,
            "min_length": question.min_length,
            "unit": unit_text(question.unit, self.lang) or None,
            "limits": self._limits(question),
            "when": self._(N_("Asked only when {condition}.")).format(
                condition=self.explain.condition(question.relevant)
            )
            if question.relevant is not None
            else "",
            "relevant": condition_json(question.relevant)
            if question.relevant is not None
            else None,
            "fixed": None,
        }

    def _limits(self, question: Question) -> str:
        low, high = question.min, question.max
        if low is not None and high is not None:
            return self._(N_("From {min} to {max}.")).format(min=low, max=high)
        if low is not None:
            return self._(N_("At least {min}.")).format(min=low)
        if high is not None:
            return self._(N_("At most {max}.")).format(max=high)
        if question.min_length:
            return self._(N_("At least {n} characters.")).format(n=question.min_length)
        return ""

    def sections(self) -> list[dict[str, Any]]:
        """The questions grouped by the criteria set each comes from, in the set's order."""
        found: list[dict[str, Any]] = []
        source = None
        for question in self.criteria.questions:
            origin = self.criteria.origin[("question", question.id)][0]
            if origin is not source:
                source = origin
                found.append(
                    {
                        "id": "s-" + origin.model.id,
                        "title": localize(origin.model.title, self.lang),
                        "questions": [],
                    }
                )
            found[-1]["questions"].append(self.question(question))
        return found

    def context(self, criteria_ref: str) -> dict[str, Any]:
        fields = [self.field(meta) for meta in METADATA]
        sections = self.sections()
        keys = _SCRIPT_KEYS
        about = {
            "id": self.criteria.id,
            "version": self.criteria.version,
            "sha256": self.criteria.sha256,
            "ref": criteria_ref,
            "title": localize(self.criteria.root.model.title, self.lang),
        }
        data = {
            "lang": self.lang,
            "set": about,
            "placeholder": placeholder(self.lang),
            "fields": [{k: f[k] for k in keys} for f in fields],
            "questions": [{k: q[k] for k in keys} for s in sections for q in s["questions"]],
            "messages": {k: self._(v) for k, v in MESSAGES.items()},
            "too_short": [ngettext(*_TOO_SHORT, n, self.lang) for n in (1, 2)],
        }
        return {
            "lang": self.lang,
            "title": about["title"],
            "set": about,
            "fields": fields,
            "sections": sections,
            "data": data,
            "evaluator": _script_at(evaluator_path()),
            "yaml": _script_at(bundled_dir("templates") / YAML_SCRIPT),
            "script": _script_at(bundled_dir("templates") / SCRIPT),
        }


def _script_at(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if "</script" in text.lower():  # pragma: no cover - a guard on our own source
        raise ValueError(f"{path} may not contain </script")
    return text


def render_form(criteria: ResolvedSet, lang: str, *, criteria_ref: str) -> str:
    """The application form of ``criteria`` in ``lang`` as one HTML page."""
    context = FormWriter(criteria, lang).context(criteria_ref)
    return _environment(lang).get_template(TEMPLATE).render(**context)
