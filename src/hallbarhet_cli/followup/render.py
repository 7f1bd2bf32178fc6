"""The follow-up of one report in each output format. JSON is the view itself; text,
Markdown and HTML come from the templates ``followup.*.j2`` (override them by name with
``--template-dir``); PDF is the HTML printed."""

from __future__ import annotations

from pathlib import Path
from typing import Final

from hallbarhet_cli.files.printable import printable_data
from hallbarhet_cli.followup.viewtypes import FollowupView

TEMPLATES: Final = {"text": "followup.txt.j2", "md": "followup.md.j2", "html": "followup.html.j2"}


def render_followup(
    view: FollowupView, lang: str, format: str, template_dir: Path | None = None
) -> str | bytes:
    """The follow-up ``view`` as ``format`` (text, json, md, html or pdf)."""
    if format == "json":
        from hallbarhet_cli.reporters.json_report import render

        return render(view)
    from hallbarhet_cli.reporters.documents import render_template

    context = {"report": printable_data(view)}
    if format == "pdf":
        from hallbarhet_cli.reporters.pdf import html_to_pdf

        return html_to_pdf(render_template(TEMPLATES["html"], context, lang, template_dir))
    return render_template(TEMPLATES[format], context, lang, template_dir)
