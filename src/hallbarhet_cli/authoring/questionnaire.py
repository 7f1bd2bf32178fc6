"""The interactive questionnaire of ``hallbarhet new --interactive``.

It asks the application's fields and then the criteria set's questions in the set's order,
each only when it applies given the answers so far (the engine's own :func:`fill_form`
decides that), and checks every answer at once against the question's type, options and
limits, asking again until the answer is one the application file accepts.

Reading and writing go through a :class:`Prompter`: rich prompts on a terminal, or one
answer per line from standard input when it is not a terminal, so scripts and tests can
pipe their answers in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, Final, Protocol, TextIO

from rich.console import Console
from rich.text import Text

from hallbarhet_cli import fmt
from hallbarhet_cli.applications.loading import typed_answer
from hallbarhet_cli.applications.placeholders import is_placeholder
from hallbarhet_cli.authoring.template import METADATA, Filled, MetaField
from hallbarhet_cli.criteria.resolved import ResolvedSet
from hallbarhet_cli.errors import Message
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.models import Application, Question, localize
from hallbarhet_cli.models.text import unit_text
from hallbarhet_cli.scoring.engine import fill_form

Check = Callable[[Any], Message | None]

_YES: Final = frozenset({"ja", "j", "yes", "y", "true"})
_NO: Final = frozenset({"nej", "n", "no", "false"})
_NUMBER: Final = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_SPACES: Final = re.compile(r"[\s_]")


class RejectedLine(EOFError):
    """A line of piped answers that was not accepted. Piped answers cannot be corrected
    one at a time, and asking again would take the next line, meant for the next
    question; so the session stops there, as when the input ends."""

    def __init__(self, line: int, message: Message) -> None:
        super().__init__(message.template)
        self.line = line
        self.message = message


class AnswerError(Exception):
    """An answer that cannot be accepted, with what to write instead."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.template)
        self.message = message


# -- reading one answer ---------------------------------------------------------------------
def parse_answer(question: Question, text: str, lang: str) -> Any:
    """The answer ``text`` gives to ``question``, typed as in an application file.

    Raises :class:`AnswerError` saying what would be accepted. ``text`` is not empty.
    """
    text = text.strip()
    if is_placeholder(text):
        raise AnswerError(Message(N_("Write your own answer instead of the placeholder.")))
    kind = question.type
    value: Any
    if kind in ("number", "integer"):
        value = _number(text, lang)
        if value is None or (kind == "integer" and not isinstance(value, int)):
            raise AnswerError(
                Message(
                    N_("Write a whole number, such as 12.")
                    if kind == "integer"
                    else N_("Write a number, such as 12 or 2.5.")
                )
            )
        _check_range(question, value)
    elif kind == "boolean":
        word = text.casefold()
        if word not in _YES | _NO:
            raise AnswerError(Message(N_("Answer yes or no (y or n).")))
        value = word in _YES
    elif kind == "date":
        try:
            value = dt.date.fromisoformat(text)
        except ValueError:
            raise AnswerError(
                Message(N_("Write a date as YYYY-MM-DD, such as 2026-04-01."))
            ) from None
    elif kind == "choice":
        value = _option(question, text, lang)
    elif kind == "multichoice":
        value = []
        for item in (part.strip() for part in text.split(",")):
            if item and (chosen := _option(question, item, lang)) not in value:
                value.append(chosen)
    else:
        value = text
        length = len(text)
        if question.min_length and length < question.min_length:
            raise AnswerError(
                Message(
                    N_("Write at least {min} characters; this answer has {n}."),
                    {"min": question.min_length, "n": length},
                )
            )
    typed, problem = typed_answer(question, value)
    if problem is not None:
        raise AnswerError(problem)
    return typed


def _number(text: str, lang: str) -> int | float | None:
    """A number as people type it: ``-85``, ``1 250``, ``2,5`` or ``2.5``."""
    cleaned = _SPACES.sub("", text.replace("\u2212", "-"))
    if not _NUMBER.match(cleaned):
        return None
    if lang == "en" and re.search(r",\d{3}$", cleaned):
        return None  # "1,250" is a thousand and more in English, not one and a quarter
    cleaned = cleaned.replace(",", ".")
    if "." in cleaned:
        number = float(cleaned)
        return int(number) if number.is_integer() else number
    return int(cleaned)


def _check_range(question: Question, value: float) -> None:
    low, high = question.min, question.max
    if (low is None or value >= low) and (high is None or value <= high):
        return
    if low is not None and high is not None:
        message = Message(N_("Write a number from {min} to {max}."), {"min": low, "max": high})
    elif low is not None:
        message = Message(N_("Write a number of at least {min}."), {"min": low})
    else:
        message = Message(N_("Write a number of at most {max}."), {"max": high})
    raise AnswerError(message)


def _option(question: Question, text: str, lang: str) -> str:
    options = question.options or []
    if text.isdigit() and 1 <= int(text) <= len(options):
        return options[int(text) - 1].value
    folded = text.casefold()
    for option in options:
        if text == option.value:
            return option.value
    for option in options:
        label = localize(option.label, lang)
        if folded in (option.value.casefold(), label.casefold()):
            return option.value
    template = (
        N_("{answer!r} is not one of the options: write numbers (1 to {n}) separated by commas.")
        if question.type == "multichoice"
        else N_("{answer!r} is not one of the options: write its number (1 to {n}).")
    )
    raise AnswerError(Message(template, {"answer": text, "n": len(options)}))


# -- talking to the person ----------------------------------------------------------------------
class Prompter(Protocol):
    """Where questions are shown and answers read."""

    def say(self, text: Text) -> None: ...

    def ask(self, prompt: Text) -> str:
        """One answer; ``EOFError`` when the input has ended."""
        ...


class TerminalPrompter:
    """Rich prompts on a terminal."""

    line: int | None = None  # a person can correct an answer: ask again

    def __init__(self, console: Console) -> None:
        self.console = console

    def say(self, text: Text) -> None:
        self.console.print(text)

    def ask(self, prompt: Text) -> str:
        return self.console.input(prompt)


class LinePrompter:
    """One answer per line from a stream that is not a terminal, echoed as it is read, so
    the transcript reads like a session."""

    def __init__(self, console: Console, stream: TextIO) -> None:
        self.console = console
        self.stream = stream
        self.line: int | None = 0  # the number of the line last read

    def say(self, text: Text) -> None:
        self.console.print(text)

    def ask(self, prompt: Text) -> str:
        self.console.print(prompt, end="")
        line = self.stream.readline()
        if not line:
            self.console.print()
            raise EOFError
        self.line = (self.line or 0) + 1
        answer = line.rstrip("\r\n")
        self.console.print(Text(answer))
        return answer


def prompter_for(stream: TextIO, console: Console) -> Prompter:
    """Rich prompts when ``stream`` is a terminal, else one answer per line."""
    return TerminalPrompter(console) if stream.isatty() else LinePrompter(console, stream)


# -- the questionnaire -----------------------------------------------------------------------
class Questionnaire:
    """Asks the fields and the questions of one criteria set; :attr:`filled` holds what is
    answered so far (for a draft when the person stops)."""

    def __init__(
        self, criteria: ResolvedSet, lang: str, prompter: Prompter, filled: Filled | None = None
    ) -> None:
        self.criteria = criteria
        self.lang = lang
        self.prompter = prompter
        # What a resumed draft already holds is not asked again.
        self.filled = filled or Filled()

    def _(self, message: str) -> str:
        return gettext(message, self.lang)

    def run(self) -> Filled:
        """Ask everything; raises ``EOFError`` or ``KeyboardInterrupt`` when stopped."""
        title = localize(self.criteria.root.model.title, self.lang)
        self.prompter.say(Text(title, style="bold"))
        self.prompter.say(
            Text(
                self._(
                    N_(
                        "Answer each question and press Enter. Write ? for help with a "
                        "question. Press Enter without an answer to skip a question that is "
                        "not required. Ctrl-C stops."
                    )
                ),
                style="dim",
            )
        )
        self._fields()
        self._questions()
        return self.filled

    def _fields(self) -> None:
        self.prompter.say(Text(""))
        self.prompter.say(Text(self._(N_("About the application")), style="bold"))
        applies: list[str] = list(self.criteria.root.model.applies_to)
        fields = self.filled.fields
        for meta in METADATA:
            if meta.name in fields or meta.name in self.filled.settled:
                continue
            if meta.path == ("type",) and len(applies) == 1:
                fields[meta.name] = applies[0]
                continue
            question = meta.as_question(self.lang, applies if meta.path == ("type",) else None)
            value = self._ask(question, None, self._field_check(meta))
            if value is None:
                self.filled.settled.add(meta.name)
            else:
                fields[meta.name] = value

    def _field_check(self, meta: MetaField) -> Check:
        fields = self.filled.fields

        def check(value: Any) -> Message | None:
            if (
                meta.max_length is not None
                and isinstance(value, str)
                and len(value) > meta.max_length
            ):
                return Message(N_("Write at most {max} characters."), {"max": meta.max_length})
            if meta.name == "budget.requested_sek" and value > fields["budget.total_sek"]:
                return Message(
                    N_("The amount applied for cannot be more than the total budget ({total})."),
                    {"total": fmt.money(fields["budget.total_sek"], self.lang)},
                )
            if meta.name == "period.end" and value < fields["period.start"]:
                return Message(
                    N_("The end date cannot be before the start date ({start})."),
                    {"start": fields["period.start"].isoformat()},
                )
            return None

        return check

    def _questions(self) -> None:
        application = self.application()
        answers = self.filled.answers
        total = len(self.criteria.questions)
        source = None
        for number, question in enumerate(self.criteria.questions, 1):
            form = fill_form(self.criteria, application, answers)
            if question.id not in form.asked:
                self.filled.settled.add(question.id)
                answers.pop(question.id, None)
                continue
            if question.id in answers or question.id in self.filled.settled:
                continue
            origin = self.criteria.origin[("question", question.id)][0]
            if origin is not source and len(self.criteria.chain) > 1:
                source = origin
                self.prompter.say(Text(""))
                self.prompter.say(Text(localize(origin.model.title, self.lang), style="bold"))
            value = self._ask(question, f"{number}/{total}")
            if value is None:
                self.filled.settled.add(question.id)
            else:
                answers[question.id] = value

    def application(self) -> Application:
        """The application as far as its fields are filled in (all of them, once
        :meth:`run` has asked them)."""
        data: dict[str, Any] = {"kind": "application"}
        for meta in METADATA:
            value = self.filled.fields.get(meta.name)
            if value is None:
                continue
            target = data
            for part in meta.path[:-1]:
                target = target.setdefault(part, {})
            target[meta.path[-1]] = value
        return Application.model_validate(data)

    # -- one question --------------------------------------------------------------------
    def _ask(self, question: Question, position: str | None, check: Check | None = None) -> Any:
        """The answer to ``question``, or ``None`` when an optional one is skipped."""
        head = Text()
        if position:
            head.append(f"({position}) ", style="dim")
        head.append(localize(question.label, self.lang), style="bold")
        head.append(
            "  " + (self._(N_("(required)")) if question.required else self._(N_("(optional)"))),
            style="dim",
        )
        self.prompter.say(Text(""))
        self.prompter.say(head)
        for i, option in enumerate(question.options or [], 1):
            self.prompter.say(Text(f"  {i}. {localize(option.label, self.lang) or option.value}"))
        prompt = Text(self._prompt(question) + " ", style="cyan")
        while True:
            text = self.prompter.ask(prompt).strip()
            if text == "?":
                self._help(question)
                continue
            if not text:
                if not question.required:
                    return None
                self._reject(
                    Message(N_("This question is required: write an answer, or ? for help."))
                )
                continue
            try:
                value = parse_answer(question, text, self.lang)
                problem = check(value) if check is not None else None
                if problem is not None:
                    raise AnswerError(problem)
            except AnswerError as err:
                self._reject(err.message)
                continue
            return value

    def _prompt(self, question: Question) -> str:
        kind = question.type
        if kind == "boolean":
            hint = self._(N_("yes/no"))
        elif kind == "choice":
            hint = self._(N_("option number"))
        elif kind == "multichoice":
            hint = self._(N_("numbers separated by commas"))
        elif kind == "date":
            hint = self._(N_("YYYY-MM-DD"))
        elif kind in ("number", "integer"):
            hint = unit_text(question.unit, self.lang) or (
                self._(N_("whole number")) if kind == "integer" else self._(N_("number"))
            )
        else:
            hint = ""
        word = self._(N_("Answer"))
        return f"{word} ({hint}):" if hint else f"{word}:"

    def _help(self, question: Question) -> None:
        text = localize(question.help, self.lang) or self._(
            N_("There is no help text for this question.")
        )
        self.prompter.say(Text(text, style="dim"))
        notes = []
        if question.type in ("number", "integer"):
            if question.min is not None and question.max is not None:
                notes.append(
                    self._(N_("From {min} to {max}.")).format(min=question.min, max=question.max)
                )
            elif question.min is not None:
                notes.append(self._(N_("At least {min}.")).format(min=question.min))
            elif question.max is not None:
                notes.append(self._(N_("At most {max}.")).format(max=question.max))
        if question.min_length:
            notes.append(self._(N_("At least {n} characters.")).format(n=question.min_length))
        if not question.required:
            notes.append(self._(N_("Press Enter without an answer to skip it.")))
        if notes:
            self.prompter.say(Text(" ".join(notes), style="dim"))

    def _reject(self, message: Message) -> None:
        """Say why an answer is not accepted; with piped answers, stop there."""
        self._error(message)
        line = getattr(self.prompter, "line", None)
        if line is not None:
            raise RejectedLine(line, message)

    def _error(self, message: Message) -> None:
        self.prompter.say(Text("✘ " + message.render(self.lang), style="red"))


def why_stopped(stop: EOFError, lang: str) -> str:
    """Why a session reading piped answers stopped: the input ended, or a line was not
    accepted."""
    if not isinstance(stop, RejectedLine):
        return gettext(N_("The input ended before every question was answered."), lang)
    return gettext(
        N_(
            "Line {line} of the input was not accepted: {problem} Stopped there, so that "
            "the lines after it are not taken as answers to the wrong questions."
        ),
        lang,
    ).format(line=stop.line, problem=stop.message.render(lang))
