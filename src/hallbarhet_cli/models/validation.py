"""Validate a parsed document against a model, and turn pydantic's errors into problems
that name ``file:line:col``, say what is wrong in the user's language, and suggest the
nearest known key or value."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
import typing
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any, Final, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from hallbarhet_cli.errors import Message, OneOf, Problem
from hallbarhet_cli.files.yamlload import DataPath, Document
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models.application import APPLICATION_ID_PATTERN
from hallbarhet_cli.models.base import Model
from hallbarhet_cli.models.criteria import ID_PATTERN, SET_ID_PATTERN
from hallbarhet_cli.models.text import LANGUAGE_PATTERN

M = TypeVar("M", bound=BaseModel)

_MESSAGES: Final[dict[str, str]] = {
    "missing": N_("The required key {key!r} is missing."),
    "extra_forbidden": N_("Unknown key {key!r}."),
    "string_type": N_("Expected text, got {got}."),
    "int_type": N_("Expected a whole number, got {got}."),
    "int_from_float": N_("Expected a whole number, got {input}."),
    "int_parsing": N_("Expected a whole number, got {got}."),
    "float_type": N_("Expected a number, got {got}."),
    "float_parsing": N_("Expected a number, got {got}."),
    "finite_number": N_("Expected a finite number, got {input}."),
    "uncertainty_type": N_(
        "Expected a share of the weight from 0 to 1 (0.25 for ±25 %) or 'unknown', got {got}."
    ),
    "bool_type": N_("Expected true or false, got {got}."),
    "bool_parsing": N_("Expected true or false, got {got}."),
    "date_type": N_("Expected a date written as YYYY-MM-DD, got {got}."),
    "date_parsing": N_("Expected a date written as YYYY-MM-DD, got {got}."),
    "date_from_datetime_parsing": N_("Expected a date written as YYYY-MM-DD, got {got}."),
    "list_type": N_("Expected a list, got {got}."),
    "dict_type": N_("Expected a mapping of keys to values, got {got}."),
    "model_type": N_("Expected a mapping of keys to values, got {got}."),
    "model_attributes_type": N_("Expected a mapping of keys to values, got {got}."),
    "literal_error": N_("{input!r} is not allowed here; expected one of {expected}."),
    "greater_than_equal": N_("Must be at least {ge}, got {input}."),
    "greater_than": N_("Must be more than {gt}, got {input}."),
    "less_than_equal": N_("Must be at most {le}, got {input}."),
    "less_than": N_("Must be less than {lt}, got {input}."),
    "string_too_short": N_("Must not be empty."),
    "string_too_long": N_("Is longer than {max_length} characters."),
    "too_short": N_("Too few items: at least {min_length} are needed."),
    "hb_condition": N_("A condition is a mapping: a comparison, `all`, `any` or `not`."),
    "hb_condition_subject": N_("A comparison names exactly one `question`, `field` or `ratio`."),
    "hb_quantity_subject": N_("A quantity names exactly one `question` or `field`."),
    "hb_relevant_ratio": N_(
        "A ratio cannot decide whether a question is asked; compare the question or field "
        "itself in `relevant`, and use ratios in levels and gates."
    ),
    "hb_condition_operator": N_("A comparison has exactly one operator, one of: {operators}."),
    "hb_tolerance": N_("A tolerance is either `percent` or `absolute`, not both."),
}
_PATTERNS: Final[dict[str, str]] = {
    ID_PATTERN: N_(
        "{input!r} is not a valid id (allowed: letters, digits, '-', '_' and '.'; it must "
        "start with a letter or digit)."
    ),
    SET_ID_PATTERN: N_(
        "{input!r} is not a valid criteria set id (allowed: lowercase letters, digits and "
        "'-'; it must start with a letter or digit)."
    ),
    LANGUAGE_PATTERN: N_(
        "{input!r} is not a language code: use two lowercase letters, such as sv or en."
    ),
    APPLICATION_ID_PATTERN: N_("{input!r} must not start with a space."),
}
_PATTERN_FALLBACK: Final = N_("{input!r} does not have the required form ({pattern}).")
_FALLBACK: Final = N_("Invalid value: {detail}")
_DID_YOU_MEAN: Final = N_("Did you mean {suggestion!r}?")
_TEXT_TYPES: Final = frozenset({"string_type"})


def describe(value: Any) -> str:
    """A short, language-neutral description of a value's type for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return repr(value if len(value) <= 40 else value[:37] + "...")
    if isinstance(value, list):
        return "[...]"
    if isinstance(value, dict):
        return "{...}"
    return type(value).__name__


def nearest(word: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``word`` when one is close enough to be a likely typo."""
    by_folded: dict[str, str] = {}
    for candidate in candidates:
        by_folded.setdefault(candidate.casefold(), candidate)
    matches = difflib.get_close_matches(word.casefold(), list(by_folded), n=1, cutoff=0.6)
    return by_folded[matches[0]] if matches else None


def did_you_mean(word: str, candidates: Iterable[str]) -> Message | None:
    """A "did you mean" hint for ``word``, or ``None`` when nothing is close."""
    suggestion = nearest(word, candidates)
    return Message(_DID_YOU_MEAN, {"suggestion": suggestion}) if suggestion else None


# How many question ids a hint lists when no id is close to a typo.
_LISTED: Final = 20


def did_you_mean_or_listed(word: str, candidates: Iterable[str]) -> Message | None:
    """A "did you mean" hint for ``word``; when nothing is close, the candidates
    themselves (the first few of a long list), so a typo is never left without a lead."""
    names = list(candidates)
    close = did_you_mean(word, names)
    if close is not None or not names:
        return close
    shown: tuple[str, ...] = tuple(names[:_LISTED])
    if len(names) > _LISTED:
        return Message(
            N_("The criteria set's questions include {ids} ({n} more)."),
            {"ids": OneOf(shown), "n": len(names) - _LISTED},
        )
    return Message(
        N_("Did you mean one of the criteria set's questions, {ids}?"), {"ids": OneOf(shown)}
    )


@cache
def _adapter(model: type[Any]) -> TypeAdapter[Any]:
    """One validator per model per process: building it is the expensive part."""
    return TypeAdapter(model)


def dump_as(model: type[BaseModel], value: BaseModel, **options: Any) -> dict[str, Any]:
    """``value`` dumped by the serializer of the validator of ``model`` (built already when
    documents of that kind were read), rather than by its own class, which would build a
    schema and a serializer of its own first. The options are ``model_dump``'s."""
    dumped: dict[str, Any] = _adapter(model).dump_python(value, **options)
    return dumped


def prepare(*models: type[BaseModel]) -> None:
    """Build now, rather than on first use, the validators of ``models`` (what documents
    are validated as) and the schema of every model class (what dumping a model needs)."""
    for model in models:
        _adapter(model).rebuild()
    pending: list[type[BaseModel]] = [Model]
    while pending:
        model = pending.pop()
        model.model_rebuild()
        pending.extend(model.__subclasses__())


def validate(model: type[M], document: Document) -> tuple[M | None, list[Problem]]:
    """Validate ``document`` as ``model``.

    A plain scalar that YAML read as a number, boolean or date where the model wants text
    is given back the text the author wrote, and validation is retried; every other error
    becomes a located :class:`Problem`.
    """
    adapter = _adapter(model)
    for _ in range(8):
        try:
            return adapter.validate_python(document.data), []
        except ValidationError as err:
            errors = err.errors(include_url=False)
            if not _restore_text(document, errors):
                return None, problems_from_errors(errors, document, model)
    return None, problems_from_errors(errors, document, model)


def _restore_text(document: Document, errors: Sequence[ErrorDetails]) -> bool:
    restored = False
    for error in errors:
        if error["type"] not in _TEXT_TYPES:
            continue
        path = document.walk(error["loc"])
        raw = document.raw.pop(path, None)
        if raw is None:
            continue
        parent = document.get(path[:-1])
        parent[path[-1]] = raw
        restored = True
    return restored


_CONTAINER_TYPES: Final = frozenset(
    {"string_type", "dict_type", "model_type", "model_attributes_type", "list_type"}
    # a weight uncertainty that is neither a share nor "unknown" (it may be a mapping)
    | {"uncertainty_type"}
)


def problems_from_errors(
    errors: Sequence[ErrorDetails], document: Document, model: type[BaseModel]
) -> list[Problem]:
    """Located problems for pydantic ``errors`` raised while validating ``document``.

    A union reports an error for every branch; a "wrong type" error at a place where a
    deeper error exists is noise from a branch the value was never meant for, so only the
    deeper one is kept. Errors about a mapping key are placed at the key.
    """
    located = [(error, document.walk(tuple(error["loc"]))) for error in errors]
    problems: list[Problem] = []
    seen: set[tuple[DataPath, str]] = set()
    for error, path in located:
        kind = error["type"]
        loc = tuple(error["loc"])
        if kind in _CONTAINER_TYPES and any(
            len(other) > len(path) and other[: len(path)] == path for _, other in located
        ):
            continue
        if kind in ("extra_forbidden", "missing"):
            key = str(loc[-1])
            dedupe = (path if kind == "extra_forbidden" else (*path, key), kind)
        else:
            key = ""
            dedupe = (path, "value")
        if dedupe in seen:
            continue
        seen.add(dedupe)
        args: dict[str, Any] = {
            "key": key,
            "got": describe(error.get("input")),
            "input": error.get("input"),
            "detail": error["msg"],
        }
        args.update(error.get("ctx") or {})
        template = _MESSAGES.get(kind, _FALLBACK)
        hint = None
        if kind == "extra_forbidden":
            hint = did_you_mean(key, _known_keys(model, loc[:-1]))
            problems.append(
                document.problem(path, "unknown-key", Message(template, args, hint), key=True)
            )
        elif kind == "missing":
            problems.append(
                document.problem(path, "missing-key", Message(template, args), key=True)
            )
        else:
            if kind == "literal_error":
                options = _literal_options(str(args["expected"]))
                args["expected"] = OneOf(tuple(options))
                hint = did_you_mean(str(error.get("input")), options)
            elif kind == "string_pattern_mismatch":
                template = _PATTERNS.get(str(args.get("pattern")), _PATTERN_FALLBACK)
            problems.append(
                document.problem(path, "schema", Message(template, args, hint), key="[key]" in loc)
            )
    return problems


def _literal_options(expected: str) -> list[str]:
    """The values in pydantic's ``'a', 'b' or 'c'``."""
    return re.findall(r"'([^']*)'", expected)


def _known_keys(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys the model accepts at ``loc``, found by walking its type annotations. Where
    the last step chose a branch of a tagged union (a comparison rather than ``all``), the
    other branches' keys count too: a typo may have been meant for any of them."""
    tp: Any = model
    alternatives: list[Any] = []
    for part in loc:
        variants = _variants(tp)
        tagged = [variant for variant, tag in variants if tag is not None and tag == part]
        if tagged:
            alternatives = [variant for variant, _ in variants]
            tp = tagged[0]
        else:
            alternatives = []
            tp = _step(tp, part)
    keys = _keys_of(tp)
    for alternative in alternatives:
        keys |= _keys_of(alternative)
    return sorted(keys)


def _unwrap(tp: Any) -> Any:
    while typing.get_origin(tp) is typing.Annotated:
        tp = typing.get_args(tp)[0]
    return tp


def _variants(tp: Any) -> list[tuple[Any, str | None]]:
    tp = _unwrap(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        result = []
        for arg in typing.get_args(tp):
            tag = None
            if typing.get_origin(arg) is typing.Annotated:
                tag = next(
                    (getattr(m, "tag", None) for m in arg.__metadata__ if hasattr(m, "tag")), None
                )
            inner = _unwrap(arg)
            if typing.get_origin(inner) in (typing.Union, types.UnionType):
                result.extend(_variants(inner))
            else:
                result.append((inner, tag))
        return result
    return [(tp, None)]


def _step(tp: Any, part: str | int) -> Any:
    variants = _variants(tp)
    for variant, tag in variants:
        if tag is not None and tag == part:
            return variant
    for variant, _ in variants:
        origin = typing.get_origin(variant)
        if isinstance(variant, type) and issubclass(variant, BaseModel) and isinstance(part, str):
            for name, info in variant.model_fields.items():
                if part in (name, info.alias):
                    return info.annotation
        elif origin is list and isinstance(part, int):
            return typing.get_args(variant)[0]
        elif origin is dict and isinstance(part, str):
            return typing.get_args(variant)[1]
    return tp


def _keys_of(tp: Any) -> set[str]:
    keys: set[str] = set()
    for variant, _ in _variants(tp):
        if isinstance(variant, type) and issubclass(variant, BaseModel):
            keys.update(info.alias or name for name, info in variant.model_fields.items())
    return keys
