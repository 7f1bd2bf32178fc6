"""Reporters turn an assessment view into a document. Chosen by name from one registry.

Every reporter takes the view, the report language, whether the terminal shows colour and
an optional folder of templates that override the bundled ones (used by the document
reporters only). Modules are imported when a reporter is first used, so start-up stays
quick.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final, Protocol


class Reporter(Protocol):
    def __call__(
        self, view: dict[str, Any], lang: str, color: bool, template_dir: Path | None = None
    ) -> str | bytes: ...


def _json(view: dict[str, Any], lang: str, color: bool, template_dir: Path | None = None) -> str:
    from hallbarhet_cli.reporters.json_report import render

    return render(view)


def _text(view: dict[str, Any], lang: str, color: bool, template_dir: Path | None = None) -> str:
    from hallbarhet_cli.reporters.terminal import render

    return render(view, lang, color=color)


def _markdown(
    view: dict[str, Any], lang: str, color: bool, template_dir: Path | None = None
) -> str:
    from hallbarhet_cli.reporters.documents import render

    return render(view, lang, "md", template_dir)


def _html(view: dict[str, Any], lang: str, color: bool, template_dir: Path | None = None) -> str:
    from hallbarhet_cli.reporters.documents import render

    return render(view, lang, "html", template_dir)


def _pdf(view: dict[str, Any], lang: str, color: bool, template_dir: Path | None = None) -> bytes:
    from hallbarhet_cli.reporters.documents import render
    from hallbarhet_cli.reporters.pdf import html_to_pdf

    return html_to_pdf(render(view, lang, "html", template_dir))


REPORTERS: Final[dict[str, Reporter]] = {
    "text": _text,
    "json": _json,
    "md": _markdown,
    "html": _html,
    "pdf": _pdf,
}
