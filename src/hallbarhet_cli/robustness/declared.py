"""The weight uncertainty a criteria set declares, resolved to one value per weight.

A set says it with ``weight_uncertainty``: a share (``0.25`` for ±25 %), ``unknown``, or
a mapping with a ``default`` and values for named ``dimensions`` (the dimension's weight
and, unless named themselves, its criteria's) and ``criteria``. A set that says nothing
gets :data:`DEFAULT_UNCERTAINTY`, and the output says so. In an ``extends`` chain the
extending set's values win over those of the sets it extends.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal

from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.models import WeightUncertainty

UNKNOWN: Final = "unknown"
# When a set says nothing: every weight may be a fifth lower or higher than written. Small
# enough that the set's order of priorities stays, large enough to show which decisions
# hang on a near tie.
DEFAULT_UNCERTAINTY: Final = 0.2

Spread = float | Literal["unknown"]


def _spread(value: float | str) -> Spread:
    return UNKNOWN if value == UNKNOWN else float(value)


@dataclass(frozen=True)
class Declared:
    """One value per weight of a resolved set: a share of the weight either way, or
    ``"unknown"``. ``declared`` is false when the set said nothing (the default applies)."""

    declared: bool
    default: Spread
    dimensions: dict[str, Spread]
    criteria: dict[str, Spread]

    def as_json(self) -> dict[str, Any]:
        return {
            "declared": self.declared,
            "default": self.default,
            "dimensions": dict(self.dimensions),
            "criteria": dict(self.criteria),
        }

    @classmethod
    def from_json(cls, data: Any) -> Declared | None:
        """The value :meth:`as_json` wrote, or ``None`` when ``data`` is not one."""
        if not isinstance(data, dict):
            return None
        try:
            return cls(
                bool(data["declared"]),
                _checked(data["default"]),
                {str(k): _checked(v) for k, v in data["dimensions"].items()},
                {str(k): _checked(v) for k, v in data["criteria"].items()},
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            return None


def _checked(value: Any) -> Spread:
    if value == UNKNOWN:
        return UNKNOWN
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise ValueError(value)
    return float(value)


def declared_uncertainty(criteria: ResolvedSet) -> Declared:
    """The uncertainty of every weight of ``criteria``."""
    declared = False
    default: Spread = DEFAULT_UNCERTAINTY
    dimensions: dict[str, Spread] = {}
    named: dict[str, Spread] = {}
    for sourced in criteria.chain:  # bases first: the extending set has the last word
        value = sourced.model.weight_uncertainty
        if value is None:
            continue
        declared = True
        if isinstance(value, WeightUncertainty):
            if value.default is not None:
                default = _spread(value.default)
            dimensions.update({k: _spread(v) for k, v in value.dimensions.items()})
            named.update({k: _spread(v) for k, v in value.criteria.items()})
        else:
            default = _spread(value)
    return Declared(
        declared,
        default,
        {d: dimensions.get(d, default) for d in criteria.dimensions},
        {c.id: named.get(c.id, dimensions.get(c.dimension, default)) for c in criteria.criteria},
    )
