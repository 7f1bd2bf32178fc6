"""Whether a built view has the keys its declared shape names, at every level."""

from __future__ import annotations

import types
import typing
from typing import Any, get_args, get_origin, get_type_hints, is_typeddict


def mismatches(value: Any, shape: Any, where: str = "view") -> list[str]:
    """Where ``value`` does not have the keys ``shape`` declares (TypedDicts, lists of
    them, dicts of them, optional ones; a ``NotRequired`` key may be left out); other
    types are not looked into."""
    if is_typeddict(shape):
        if not isinstance(value, dict):
            return [f"{where}: not a dict"]
        hints = get_type_hints(shape)  # NotRequired[...] unwrapped
        wrong = (set(value) - set(hints)) | (shape.__required_keys__ - set(value))
        found = [f"{where}: {sorted(wrong)}"] if wrong else []
        for key, hint in hints.items():
            if key in value:
                found += mismatches(value[key], hint, f"{where}.{key}")
        return found
    origin, args = get_origin(shape), get_args(shape)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return []
        # the alternative the value fits best (plain types are not looked into)
        inner = [a for a in args if a is not type(None)]
        return min((mismatches(value, a, where) for a in inner), key=len)
    if origin is list and isinstance(value, list):
        return [
            m for i, item in enumerate(value) for m in mismatches(item, args[0], f"{where}[{i}]")
        ]
    if origin is dict and isinstance(value, dict):
        pairs = value.items()
        return [m for k, item in pairs for m in mismatches(item, args[1], f"{where}[{k}]")]
    return []
