"""The Markdown and HTML reports of every example, rendered directly from the assessment
view (the command line writes them in ``tests/acceptance/test_reports.py``, and the golden
files there pin them byte for byte)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from hallbarhet_cli.applications.loading import load_application
from hallbarhet_cli.criteria.library import CriteriaLibrary
from hallbarhet_cli.reporters import REPORTERS, Destination
from hallbarhet_cli.reporters.views import assessment_view
from hallbarhet_cli.scoring.engine import assess

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
EXTERNAL = re.compile(r"<[a-z][^>]*\s(?:src|href|srcset|action|formaction)\s*=", re.IGNORECASE)
FORBIDDEN_TAGS = re.compile(r"<(script|link|iframe|object|embed|img|base)\b", re.IGNORECASE)


def report(path: Path, fmt: str, lang: str = "sv") -> str:
    """What ``hallbarhet assess PATH --format FMT --lang LANG`` writes."""
    loaded = load_application(path, CriteriaLibrary())
    view = assessment_view(assess(loaded.criteria, loaded.model, loaded.answers), loaded, lang)
    text = REPORTERS[fmt](view, lang, Destination())
    assert isinstance(text, str)
    return text


def html_text(text: str) -> str:
    """``text`` as the report's HTML shows it (escaped as Jinja escapes)."""
    return str(escape(text))


def assert_self_contained(page: str) -> None:
    """One file: no scripts, no links to other files, nothing fetched from anywhere."""
    assert not FORBIDDEN_TAGS.search(page), FORBIDDEN_TAGS.search(page)
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    assert "url(" not in page and "@import" not in page


# -- HTML ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_renders_to_html(path: Path, lang: str) -> None:
    page = report(path, "html", lang)
    assert page.startswith("<!DOCTYPE html>")
    assert f'<html lang="{lang}">' in page
    assert_self_contained(page)
    assert "@page" in page and "size: A4" in page
    application = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert f"<h1>{html_text(application['title'])}</h1>" in page
    assert html_text(application["applicant"]["name"]) in page
    for heading in ("h-application", "h-verdict", "h-gates", "h-audit", "h-decision"):
        assert f'id="{heading}"' in page
    scored = ("h-dimensions", "h-criteria", "h-completion", "h-improvements", "h-sdg")
    if 'class="verdict verdict-excluded"' in page:  # final: only why it is excluded
        assert "<svg" not in page
        assert not any(f'id="{heading}"' in page for heading in scored)
        return
    assert "<svg" in page and 'role="img"' in page
    for heading in scored:
        assert f'id="{heading}"' in page


def test_html_in_english_formats_money_and_dates_for_english() -> None:
    page = report(EXAMPLES / "solcellspark-alvesta.yaml", "html", "en")
    assert "SEK\u00a02,100,000" in page
    assert "1 April 2026" in page
    assert "Request for completion" in page and "Sustainable Development Goals" in page


def test_html_in_swedish_formats_money_and_dates_for_swedish() -> None:
    # The Swedish words come from the catalogue (tests/gold/README.md says where they are).
    page = report(EXAMPLES / "solcellspark-alvesta.yaml", "html")
    assert "2\u00a0100\u00a0000\u00a0kr" in page
    assert "1 april 2026" in page
    assert "Hållbarhetssäkrad" in page
    assert "Begäran om komplettering" in page
    assert "Globala målen för hållbar utveckling" in page


# -- Markdown ------------------------------------------------------------------------------
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_renders_to_markdown(path: Path) -> None:
    text = report(path, "md")
    application = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert text.startswith("# ")
    assert application["id"] in text
    assert "<" not in text.replace("\\<", "")
    assert text.endswith("\n") and not text.endswith("\n\n")
