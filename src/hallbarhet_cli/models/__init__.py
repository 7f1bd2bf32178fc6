"""Pydantic models of the version-1 file formats. Every model forbids unknown keys."""

from hallbarhet_cli.models.application import Applicant, Application, Budget, Period, Review
from hallbarhet_cli.models.conditions import All, Any_, Comparison, Condition, Not
from hallbarhet_cli.models.criteria import (
    CriteriaSet,
    Criterion,
    Dimension,
    Gate,
    Level,
    Manual,
    Option,
    Question,
    VerdictRule,
    WeightUncertainty,
)
from hallbarhet_cli.models.text import Text, localize

__all__ = [
    "All",
    "Any_",
    "Applicant",
    "Application",
    "Budget",
    "Comparison",
    "Condition",
    "CriteriaSet",
    "Criterion",
    "Dimension",
    "Gate",
    "Level",
    "Manual",
    "Not",
    "Option",
    "Period",
    "Question",
    "Review",
    "Text",
    "VerdictRule",
    "WeightUncertainty",
    "localize",
]
