"""JSON Schemas for editors (yaml-language-server and others): the criteria-set format, and
the applications for one criteria set.

The criteria schema is pydantic's schema of the models, tidied for editors: one ``Text``
and one ``Condition`` definition, a comparison that allows exactly one subject and one
operator, and the operators' documentation on hover. The application schema for a set
knows that set's questions (type, options, limits), its manually scored criteria and its
review gates, so an editor can complete answers and flag typos. Both declare JSON Schema
draft 2020-12 and use nothing that means otherwise under draft 7, which yaml-language-server
still validates with: references are plain JSON pointers into ``$defs`` and a keyword
beside ``$ref`` is only ever a title.

The schemas check what an editor can check; ``hallbarhet validate`` stays the authority
(it also runs the lint checks and reads each answer by its question's type). Where YAML
reads a plain scalar as something other than text, ``hallbarhet`` uses the text the author
wrote, so text answers and numeric-looking options also accept the value YAML makes of
them. Dates are strings with ``format: date``, as editors and ``check-jsonschema`` see
YAML dates.
"""

from __future__ import annotations

import copy
from typing import Any, Final

from pydantic import TypeAdapter

from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.files.yamlload import LoadError, parse_text
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.models import Application, CriteriaSet, Question, Text, localize
from hallbarhet_cli.models.criteria import Manual
from hallbarhet_cli.models.fields import FIELDS
from hallbarhet_cli.models.operators import OPERATORS
from hallbarhet_cli.models.text import unit_text

Schema = dict[str, Any]

DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"
_BOUNDS: Final = {
    "ge": "minimum",
    "le": "maximum",
    "gt": "exclusiveMinimum",
    "lt": "exclusiveMaximum",
}
_CONDITION_DEFS: Final = {"Comparison": "Comparison", "All": "All", "Any_": "Any", "Not": "Not"}
_REF: Final = "#/$defs/"


def criteria_schema(lang: str) -> Schema:
    """The schema of a criteria-set file."""
    schema = _tidy(CriteriaSet.model_json_schema(by_alias=True))
    defs = schema["$defs"]
    for old, new in _CONDITION_DEFS.items():
        defs[new] = defs.pop(old)
        defs[new]["title"] = new
    _replace_refs(schema, {f"{_REF}{old}": f"{_REF}{new}" for old, new in _CONDITION_DEFS.items()})
    union = [{"$ref": f"{_REF}{name}"} for name in _CONDITION_DEFS.values()]
    _use_condition(schema, union)
    defs["Condition"] = {
        "title": "Condition",
        "description": gettext(
            N_(
                "A condition: a comparison {question: ID, OP: VALUE}, "
                "{field: NAME, OP: VALUE} or {ratio: {of: ..., per: ..., scale: N}, OP: VALUE}, "
                "or all, any or not of other conditions."
            ),
            lang,
        ),
        "oneOf": union,
    }
    defs["Comparison"] = _comparison(lang, defs["Comparison"].get("description", ""))
    defs["Ratio"] = _ratio(lang)
    defs["Quantity"] = _quantity(lang)
    defs["Text"] = _text_def(lang)
    return _document(schema, gettext(N_("hallbarhet criteria set"), lang))


def application_schema(criteria: ResolvedSet | None, lang: str) -> Schema:
    """The schema of an application file; for ``criteria``'s questions when it is given."""
    schema = _tidy(Application.model_json_schema(by_alias=True))
    if criteria is None:
        return _document(schema, gettext(N_("hallbarhet application"), lang))
    props = schema["properties"]
    props["criteria"]["examples"] = [criteria.id, f"{criteria.id}@{criteria.version}"]
    props["type"]["enum"] = list(criteria.root.model.applies_to)
    props["answers"] = {
        "title": props["answers"].get("title", "Answers"),
        "description": gettext(N_("The answers to the questions of {set}."), lang).format(
            set=criteria.id
        ),
        "type": "object",
        "properties": {q.id: _answer(q, lang) for q in criteria.questions},
        "additionalProperties": False,
    }
    review = schema["$defs"]["Review"]["properties"]
    review["scores"] = {
        "title": review["scores"].get("title", "Scores"),
        "description": gettext(N_("Points for the criteria the case officer scores."), lang),
        "type": "object",
        "properties": {
            c.id: _named_score(localize(c.title, lang), c.manual, lang)
            if c.manual.levels
            else _score(localize(c.title, lang), c.manual.top, lang)
            for c in criteria.criteria
            if c.manual is not None
        },
        "additionalProperties": False,
    }
    gates = [g for g in criteria.gates if g.effect == "review"]
    cleared: Schema = {"type": "string"}
    if gates:
        cleared["enum"] = [g.id for g in gates]
        cleared["enumDescriptions"] = [localize(g.title, lang) for g in gates]
    review["cleared"] = {
        "title": review["cleared"].get("title", "Cleared"),
        "description": gettext(N_("Review gates the case officer has cleared."), lang),
        "type": "array",
        "items": cleared,
        **({} if gates else {"maxItems": 0}),
    }
    title = gettext(N_("hallbarhet application for {set} {version}"), lang)
    return _document(schema, title.format(set=criteria.id, version=criteria.version))


def _document(schema: Schema, title: str) -> Schema:
    body = {k: v for k, v in schema.items() if k not in ("$defs", "title")}
    defs = {"$defs": schema["$defs"]} if "$defs" in schema else {}
    return {"$schema": DIALECT, "title": title, **body, **defs}


# --- tidying pydantic's output ---------------------------------------------------------

_SCHEMA_MAPS: Final = ("properties", "patternProperties", "$defs")
_SCHEMA_LISTS: Final = ("anyOf", "oneOf", "allOf", "prefixItems")
_SCHEMA_ONE: Final = ("items", "additionalProperties", "not", "propertyNames")


def _children(node: Schema) -> list[Schema]:
    found: list[Schema] = []
    for key in _SCHEMA_MAPS:
        found.extend(node.get(key, {}).values())
    for key in _SCHEMA_LISTS:
        found.extend(node.get(key, []))
    found.extend(node[key] for key in _SCHEMA_ONE if isinstance(node.get(key), dict))
    return found


def _tidy(node: Schema) -> Schema:
    """Standard keywords for pydantic's leftovers, and closed maps.

    ``int | float`` becomes ``number``; ``ge``/``le`` left beside a union (not JSON Schema)
    become ``minimum``/``maximum`` on its number branch; a mapping whose keys must match a
    pattern allows no other keys (as the model does); plain-or-per-language text becomes a
    reference to one ``Text`` definition.
    """
    for child in _children(node):
        _tidy(child)
    branches = node.get("anyOf")
    if branches is not None:
        if {"type": "integer"} in branches and {"type": "number"} in branches:
            branches.remove({"type": "integer"})
        bounds = {_BOUNDS[k]: node.pop(k) for k in list(_BOUNDS) if k in node}
        for branch in branches:
            if branch.get("type") in ("number", "integer"):
                branch.update(bounds)
        if _TEXT_BRANCHES[0] in branches and _TEXT_BRANCHES[1] in branches:
            at = branches.index(_TEXT_BRANCHES[0])
            branches[:] = [b for b in branches if b not in _TEXT_BRANCHES]
            branches.insert(at, {"$ref": f"{_REF}Text"})
        if len(branches) == 1:
            del node["anyOf"]
            node.update(branches[0])
    if "patternProperties" in node and "additionalProperties" not in node:
        node["additionalProperties"] = False
    if isinstance(node.get("description"), str):
        node["description"] = node["description"].replace("``", "`")
    return node


def _text_branches() -> list[Schema]:
    schema: Schema = TypeAdapter(Text).json_schema()
    for branch in schema["anyOf"]:
        if "patternProperties" in branch:
            branch["additionalProperties"] = False
    return list(schema["anyOf"])


_TEXT_BRANCHES: Final = _text_branches()


def _text_def(lang: str) -> Schema:
    plain, per_language = copy.deepcopy(_TEXT_BRANCHES)
    one = per_language["patternProperties"]["^[a-z]{2}$"]
    per_language["properties"] = {"sv": dict(one), "en": dict(one)}
    return {
        "title": "Text",
        "description": gettext(
            N_("Plain text, or the text in each language: {sv: ..., en: ...}."), lang
        ),
        "anyOf": [plain, per_language],
    }


def _replace_refs(node: Schema, renamed: dict[str, str]) -> None:
    if node.get("$ref") in renamed:
        node["$ref"] = renamed[node["$ref"]]
    for child in _children(node):
        _replace_refs(child, renamed)


def _use_condition(node: Schema, union: list[Schema]) -> None:
    """Point every inline copy of the condition union at the one ``Condition``."""
    if node.get("oneOf") == union:
        del node["oneOf"]
        node["$ref"] = f"{_REF}Condition"
    for child in _children(node):
        _use_condition(child, union)


def _comparison(lang: str, description: str) -> Schema:
    """A comparison names exactly one subject and one operator: two keys in all."""
    example = gettext(N_("Example:"), lang)
    properties: Schema = {
        **_subjects(lang),
        "ratio": {
            "$ref": f"{_REF}Ratio",
            "description": gettext(N_("A number derived from two: of / per × scale."), lang),
        },
    }
    for name, op in OPERATORS.items():
        properties[name] = {**op.schema(), "description": f"{op.doc} {example} {op.example}"}
    return {
        "title": "Comparison",
        "description": description,
        "type": "object",
        "properties": properties,
        "additionalProperties": False,
        "minProperties": 2,
        "maxProperties": 2,
        "oneOf": [{"required": ["question"]}, {"required": ["field"]}, {"required": ["ratio"]}],
    }


def _subjects(lang: str) -> Schema:
    """What a comparison or one side of a ratio reads: a question or a field."""
    return {
        "question": {
            "type": "string",
            "description": gettext(N_("The id of the question to compare."), lang),
        },
        "field": {
            "enum": list(FIELDS),
            "enumDescriptions": [gettext(f.label, lang) for f in FIELDS.values()],
            "description": gettext(N_("The application field to compare."), lang),
        },
    }


def _quantity(lang: str) -> Schema:
    return {
        "title": "Quantity",
        "description": gettext(
            N_("A number question or field: {question: ID} or {field: NAME}."), lang
        ),
        "type": "object",
        "properties": _subjects(lang),
        "additionalProperties": False,
        "oneOf": [{"required": ["question"]}, {"required": ["field"]}],
    }


def _ratio(lang: str) -> Schema:
    return {
        "title": "Ratio",
        "description": gettext(
            N_(
                "of divided by per, times scale, computed exactly; no value when either side "
                "is unanswered or per is 0. Example: {of: {question: jobs_expected}, "
                "per: {field: budget.requested_sek}, scale: 1000000}"
            ),
            lang,
        ),
        "type": "object",
        "properties": {
            "of": {"$ref": f"{_REF}Quantity"},
            "per": {"$ref": f"{_REF}Quantity"},
            "scale": {"type": "number", "exclusiveMinimum": 0, "maximum": 1e15, "default": 1},
        },
        "required": ["of", "per"],
        "additionalProperties": False,
    }


# --- answers for one criteria set ------------------------------------------------------


def _yaml_readings(text: str) -> list[Any]:
    """``text``, and the number or boolean a YAML reader makes of it written plain
    (``hallbarhet`` itself keeps the text, but editors and other validators do not)."""
    try:
        value = parse_text(f"v: {text}\n", "option").data["v"]
    except LoadError:
        return [text]
    return [text, value] if isinstance(value, bool | int | float) else [text]


def _answer(question: Question, lang: str) -> Schema:
    spec: Schema = {"title": localize(question.label, lang)}
    notes = [localize(question.help, lang)] if question.help else []
    if question.unit:
        notes.append(gettext(N_("Unit: {unit}."), lang).format(unit=unit_text(question.unit, lang)))
    if question.min_length:
        notes.append(gettext(N_("At least {n} characters."), lang).format(n=question.min_length))
    if notes:
        spec["description"] = "\n\n".join(notes)
    kind = question.type
    if kind in ("number", "integer"):
        spec["type"] = [kind, "null"]
        if question.min is not None:
            spec["minimum"] = question.min
        if question.max is not None:
            spec["maximum"] = question.max
    elif kind == "boolean":
        spec["type"] = ["boolean", "null"]
    elif kind == "date":
        spec["type"] = ["string", "null"]
        spec["format"] = "date"
    elif kind == "text":
        spec["type"] = ["string", "number", "boolean", "null"]
    else:
        choices = _options(question, lang)
        if kind == "choice":
            spec.update(choices)
            spec["enum"] = [*spec["enum"], None]
            spec["enumDescriptions"] = [*spec["enumDescriptions"], ""]
        else:
            spec["type"] = ["array", "null"]
            spec["items"] = choices
    return spec


def _options(question: Question, lang: str) -> Schema:
    values: list[Any] = []
    labels: list[str] = []
    for option in question.options or []:
        label = localize(option.label, lang) if option.label else ""
        for value in _yaml_readings(option.value):
            if all(type(v) is not type(value) or v != value for v in values):
                values.append(value)
                labels.append(label)
    return {"enum": values, "enumDescriptions": labels}


def _score(title: str, max_points: int, lang: str) -> Schema:
    return {
        "title": title,
        "type": "object",
        "properties": {
            "points": {
                "type": "integer",
                "minimum": 0,
                "maximum": max_points,
                "description": gettext(N_("Points from 0 to {max}."), lang).format(max=max_points),
            },
            "comment": {"type": ["string", "null"]},
        },
        "required": ["points"],
        "additionalProperties": False,
    }


def _named_score(title: str, manual: Manual, lang: str) -> Schema:
    """A score that names one of the criterion's levels, such as ``VG``."""
    levels = manual.levels or []
    return {
        "title": title,
        "type": "object",
        "properties": {
            "level": {
                "enum": [lv.level for lv in levels],
                "enumDescriptions": [
                    gettext(N_("{level}: {points} p"), lang).format(
                        level=localize(lv.label, lang) or lv.level, points=lv.points
                    )
                    for lv in levels
                ],
                "description": gettext(N_("The level the case officer picks."), lang),
            },
            "comment": {"type": ["string", "null"]},
        },
        "required": ["level"],
        "additionalProperties": False,
    }
