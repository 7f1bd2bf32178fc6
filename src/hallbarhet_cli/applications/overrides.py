"""Checks of the officer's overrides (``review.overrides``) against the criteria set: each
names a criterion of the set, stays within its maximum and says why."""

from __future__ import annotations

from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.errors import Message, Problem
from hallbarhet_cli.files.yamlload import Document
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.models import Application
from hallbarhet_cli.models.validation import did_you_mean


def check_overrides(document: Document, app: Application, criteria: ResolvedSet) -> list[Problem]:
    assert app.review is not None
    problems: list[Problem] = []
    for criterion_id, override in app.review.overrides.items():
        path = ("review", "overrides", criterion_id)
        criterion = criteria.criterion_map.get(criterion_id)
        if criterion is None:
            problems.append(
                document.problem(
                    path,
                    "unknown-criterion",
                    Message(
                        N_("There is no criterion {id!r} in the criteria set {set!r}."),
                        {"id": criterion_id, "set": criteria.id},
                        did_you_mean(criterion_id, criteria.criterion_map),
                    ),
                    key=True,
                )
            )
            continue
        if override.points > criterion.max_points:
            problems.append(
                document.problem(
                    (*path, "points"),
                    "override-range",
                    Message(
                        N_("{points} points is more than the maximum of {max} for {id!r}."),
                        {
                            "points": override.points,
                            "max": criterion.max_points,
                            "id": criterion_id,
                        },
                    ),
                )
            )
        if override.comment is None or not override.comment.strip():
            problems.append(
                document.problem(
                    path,
                    "override-comment",
                    Message(
                        N_(
                            "The override of {id!r} has no comment: say why the officer's score "
                            "replaces the automatic one."
                        ),
                        {"id": criterion_id},
                    ),
                    key=True,
                )
            )
    return problems
