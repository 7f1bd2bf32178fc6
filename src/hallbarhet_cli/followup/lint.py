"""Lint checks on a criteria set's ``follow_up`` entries, registered with the other checks
in :mod:`hallbarhet_cli.lint` (the docstrings are the documentation criteria authors read)."""

from __future__ import annotations

from collections.abc import Iterator

from hallbarhet_cli.errors import Message, Problem
from hallbarhet_cli.followup.promises import COMPARABLE, NUMERIC
from hallbarhet_cli.i18n import N_
from hallbarhet_cli.lint import LintContext, check
from hallbarhet_cli.validation import did_you_mean


@check("follow-up-question")
def _follow_up_question(ctx: LintContext) -> Iterator[Problem]:
    """A ``follow_up`` entry names a question that no set in the chain declares, or one
    that an earlier entry in the file already names.

    ``follow_up: [{question: jobs_expcted}]`` where the question is ``jobs_expected``."""
    known = ctx.resolved.question_map
    seen: set[str] = set()
    for i, promise in enumerate(ctx.model.follow_up):
        path = ("follow_up", i, "question")
        if promise.question not in known:
            yield ctx.problem(
                "follow-up-question",
                path,
                Message(
                    N_("The follow-up entry names an unknown question {id!r}."),
                    {"id": promise.question},
                    did_you_mean(promise.question, known),
                ),
            )
        elif promise.question in seen:
            yield ctx.problem(
                "follow-up-question",
                path,
                Message(
                    N_("The question {id!r} already has a follow-up entry."),
                    {"id": promise.question},
                ),
            )
        seen.add(promise.question)


@check("follow-up-type")
def _follow_up_type(ctx: LintContext) -> Iterator[Problem]:
    """A ``follow_up`` entry must name a question whose answers can be compared with what
    was delivered: a number, a whole number, a choice (its options in order from least
    to most), a yes/no question or a date; not text or a multiple choice. A tolerance
    applies to numbers only."""
    known = ctx.resolved.question_map
    for i, promise in enumerate(ctx.model.follow_up):
        question = known.get(promise.question)
        if question is None:
            continue
        if question.type not in COMPARABLE:
            yield ctx.problem(
                "follow-up-type",
                ("follow_up", i, "question"),
                Message(
                    N_(
                        "{id!r} is a {type} question, which cannot be compared with what was "
                        "delivered; follow up a number, choice, yes/no or date question."
                    ),
                    {"id": question.id, "type": question.type},
                ),
            )
        elif promise.tolerance is not None and question.type not in NUMERIC:
            yield ctx.problem(
                "follow-up-type",
                ("follow_up", i, "tolerance"),
                Message(
                    N_("A tolerance applies to numbers only; {id!r} is a {type} question."),
                    {"id": question.id, "type": question.type},
                ),
                key=True,
            )
