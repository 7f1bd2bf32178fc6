"""Progress of a batch on standard error: a rich progress bar with rate and time left on
a terminal, a plain line now and then when standard error is a file or a pipe (CI logs),
or nothing at all with ``--quiet``."""

from __future__ import annotations

import sys
import time
from typing import Any, Final, Protocol

from hallbarhet_cli.i18n import N_, gettext

PLAIN_INTERVAL: Final = 10.0  # seconds between plain progress lines


class Progress(Protocol):
    def advance(self, done: int) -> None: ...

    def close(self) -> None: ...


class Silent:
    def advance(self, done: int) -> None:
        pass

    def close(self) -> None:
        pass


class PlainLines:
    """One line every :data:`PLAIN_INTERVAL` seconds, and one at the end."""

    def __init__(self, total: int | None, lang: str) -> None:
        self.total = total
        self.lang = lang
        self.done = 0
        self.start = time.monotonic()
        self.last = self.start

    def advance(self, done: int) -> None:
        self.done += done
        now = time.monotonic()
        if now - self.last >= PLAIN_INTERVAL:
            self.last = now
            self._line(now)

    def close(self) -> None:
        self._line(time.monotonic())

    def _line(self, now: float) -> None:
        from hallbarhet_cli import fmt

        elapsed = max(now - self.start, 1e-9)
        rate = fmt.number(self.done / elapsed, self.lang, 0)
        if self.total:
            text = gettext(
                N_("hallbarhet: {done} of {total} inputs ({rate} per second)"), self.lang
            )
        else:
            text = gettext(N_("hallbarhet: {done} inputs ({rate} per second)"), self.lang)
        sys.stderr.write(
            text.format(
                done=fmt.number(self.done, self.lang),
                total=fmt.number(self.total or 0, self.lang),
                rate=rate,
            )
            + "\n"
        )
        sys.stderr.flush()


class Bar:
    """A rich progress bar: done of total, inputs per second, elapsed and time left."""

    def __init__(self, total: int | None, lang: str) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )
        from rich.text import Text

        per_second = gettext(N_("{rate}/s"), lang)

        class RateColumn(ProgressColumn):
            def render(self, task: Any) -> Text:
                speed = task.finished_speed or task.speed
                return Text(per_second.format(rate=f"{speed:.0f}" if speed else "–"))

        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._task = self._progress.add_task(gettext(N_("Assessing"), lang), total=total)
        self._progress.start()

    def advance(self, done: int) -> None:
        self._progress.advance(self._task, done)

    def close(self) -> None:
        self._progress.stop()


def progress_for(total: int | None, quiet: bool, lang: str) -> Progress:
    if quiet:
        return Silent()
    if sys.stderr.isatty():
        return Bar(total, lang)
    return PlainLines(total, lang)
