"""The HTML report as a PDF, laid out by WeasyPrint (the optional extra ``hallbarhet[pdf]``).

WeasyPrint uses the report's print stylesheet (A4 pages). It may read ``data:`` URLs only,
so a report never makes a request, whatever an overriding template links to.
"""

from __future__ import annotations

import importlib
from typing import Any

from hallbarhet_cli.errors import Message, Problem, Severity, UsageError
from hallbarhet_cli.i18n import N_

INSTALL_HINT = "pip install 'hallbarhet[pdf]'"


def _weasyprint() -> Any:
    try:
        return importlib.import_module("weasyprint")
    except (ImportError, OSError) as err:  # OSError: the Pango libraries are missing
        message = Message(
            N_("PDF reports need WeasyPrint, an optional extra: {command}"),
            {"command": INSTALL_HINT},
        )
        problem = Problem("--format pdf", None, None, "pdf", Severity.ERROR, message)
        raise UsageError([problem]) from err


def _data_only_fetcher(weasyprint: Any) -> Any:
    """A URL fetcher that serves ``data:`` URLs and refuses everything else."""
    fetcher_class = getattr(weasyprint.urls, "URLFetcher", None)
    if fetcher_class is not None:  # WeasyPrint 66 and later
        return fetcher_class(allowed_protocols={"data"})
    default = weasyprint.urls.default_url_fetcher

    def fetch(url: str) -> Any:
        if not url.startswith("data:"):
            raise ValueError(f"hallbarhet reports make no requests: {url}")
        return default(url)

    return fetch


def html_to_pdf(html: str) -> bytes:
    """``html`` as PDF bytes (raises :class:`UsageError` when WeasyPrint is missing)."""
    weasyprint = _weasyprint()
    document = weasyprint.HTML(string=html, url_fetcher=_data_only_fetcher(weasyprint))
    pdf: bytes = document.write_pdf()
    return pdf
