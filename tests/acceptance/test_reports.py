"""``hallbarhet assess --format md|html|pdf``: the report a case officer attaches to a decision.

Golden files live in ``tests/gold``; see ``tests/gold/README.md`` for how to regenerate
them. PDF tests need WeasyPrint (``pip install 'hallbarhet[pdf]'`` and the Pango
libraries); they skip without it unless ``HALLBARHET_REQUIRE_PDF=1``, as in CI.
"""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import yaml
from markupsafe import escape

from tests.acceptance.conftest import EXAMPLES, ROOT, Run, executable
from tests.unit.test_report_documents import assert_self_contained

EXAMPLE_FILES = sorted(EXAMPLES.glob("*.yaml"))
GOLD = ROOT / "tests" / "gold"
GOLD_INPUTS = GOLD / "inputs"
HOSTILE = GOLD_INPUTS / "hostile-application.yaml"
UPDATE_GOLD = os.environ.get("HALLBARHET_UPDATE_GOLD") == "1"

# Scrubs: what may change without the report changing (the tool's version, the criteria
# set's fingerprint, the time of the assessment) becomes a fixed placeholder.
SCRUBS = [
    (re.compile(r"hallbarhet \d+\.\d+[\w.+-]*"), "hallbarhet X.Y.Z"),
    (re.compile(r"\b[0-9a-f]{64}\b"), "SHA256"),
    (re.compile(r'datetime="[^"]+"'), 'datetime="TIMESTAMP"'),
    (re.compile(r"\d{1,2} [A-Za-zåäö]+ \d{4} \d{2}:\d{2} [A-Z]{3,4}"), "TIMESTAMP"),
]


def scrub(text: str) -> str:
    for pattern, replacement in SCRUBS:
        text = pattern.sub(replacement, text)
    return text


def _html(text: str) -> str:
    """``text`` as the report's HTML shows it (escaped as Jinja escapes)."""
    return str(escape(text))


def assess(run: Run, path: Path, fmt: str, *args: str | Path) -> str:
    result = run("assess", path, "--format", fmt, *args)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


# -- HTML ----------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_html_is_written_to_the_output_file(run: Run, tmp_path: Path, lang: str) -> None:
    # Every example's HTML is checked without a process in tests/unit/test_report_documents.py.
    path = EXAMPLES / "solcellspark-alvesta.yaml"
    target = tmp_path / "report.html"
    assert assess(run, path, "html", "--lang", lang, "-o", target) == ""
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert f'<html lang="{lang}">' in page
    assert_self_contained(page)
    application = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert f"<h1>{_html(application['title'])}</h1>" in page


def test_html_is_byte_identical_for_the_same_inputs(run: Run) -> None:
    path = EXAMPLES / "solcellspark-alvesta.yaml"
    assert assess(run, path, "html") == assess(run, path, "html")


# -- Markdown (every example: tests/unit/test_report_documents.py) ----------------------
def test_markdown_is_byte_identical_for_the_same_inputs(run: Run) -> None:
    path = EXAMPLES / "lng-tankstation-almhult.yaml"
    assert assess(run, path, "md", "--lang", "en") == assess(run, path, "md", "--lang", "en")


# -- application text is data --------------------------------------------------------------
HOSTILE_DATA = yaml.safe_load(HOSTILE.read_text(encoding="utf-8"))
HOSTILE_TEXTS = [
    HOSTILE_DATA["id"],
    HOSTILE_DATA["title"],
    HOSTILE_DATA["applicant"]["name"],
    HOSTILE_DATA["review"]["officer"],
    HOSTILE_DATA["review"]["scores"]["SOC-2"]["comment"],
    HOSTILE_DATA["review"]["overrides"]["EKO-1"]["comment"],
]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_markup_and_template_syntax_in_an_application_show_as_text_in_html(
    run: Run, lang: str
) -> None:
    page = assess(run, HOSTILE, "html", "--lang", lang)
    assert_self_contained(page)
    for text in HOSTILE_TEXTS:
        assert _html(text) in page, text
    for paragraph in HOSTILE_DATA["summary"].split("\n"):
        assert _html(paragraph.strip()) in page
    assert "{{ 7*7 }}" in page and "{{ config }}" in page
    assert "3333" not in page and "looploop" not in page
    assert "<b>" not in page and "<u>" not in page and "<i>" not in page and "<!--" not in page


def unescape_markdown(text: str) -> str:
    """What a CommonMark renderer shows for backslash escapes: the character itself."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_markup_and_template_syntax_in_an_application_show_as_text_in_markdown(
    run: Run, lang: str
) -> None:
    text = assess(run, HOSTILE, "md", "--lang", lang)
    shown = unescape_markdown(text)
    for original in HOSTILE_TEXTS:
        assert " ".join(original.split()) in shown, original
    assert "3333" not in text and "looploop" not in text
    assert "<" not in text.replace("\\<", ""), "raw HTML in the Markdown"
    for markup in ("*s*", "**bold**", "`code`", "_under_", "~~strike~~", "[link]("):
        assert markup not in text, markup
    assert text.count("&copy;") == text.count("\\&copy;") > 0
    starts = ("#", ">", "<", "- not", "1. not", "|")
    user_starts = [line for line in text.splitlines() if line.startswith(starts)]
    assert all(line.startswith(("# ", "## ", "### ", "| ", "|---")) for line in user_starts)
    assert not any("not a heading" in line for line in user_starts)


# -- golden files --------------------------------------------------------------------------
GOLDEN = [("html", "en"), ("md", "en")]


@pytest.mark.parametrize(("fmt", "lang"), GOLDEN, ids=[f"{f}-{lang}" for f, lang in GOLDEN])
def test_report_matches_its_golden_file(run: Run, fmt: str, lang: str) -> None:
    actual = scrub(assess(run, GOLD_INPUTS / "report-application.yaml", fmt, "--lang", lang))
    gold = GOLD / f"report.{lang}.{fmt}"
    if UPDATE_GOLD:
        gold.write_text(actual, encoding="utf-8")
    assert gold.exists(), f"no golden file {gold}; see tests/gold/README.md"
    assert actual == gold.read_text(encoding="utf-8"), (
        f"{gold.name} differs; if the change is intended, regenerate the golden files as "
        "tests/gold/README.md says and review the diff"
    )


# -- --template-dir ------------------------------------------------------------------------
def test_template_dir_overrides_a_template_by_name(run: Run, tmp_path: Path) -> None:
    partials = tmp_path / "templates" / "partials"
    partials.mkdir(parents=True)
    (partials / "chart.html.j2").write_text(
        '<p class="own-chart">{{ report.overall.percent|percent }} {{ report.application.title }}'
        "</p>\n",
        encoding="utf-8",
    )
    page = assess(run, HOSTILE, "html", "--lang", "en", "--template-dir", tmp_path / "templates")
    assert re.search(r'<p class="own-chart">[\d.]+% &lt;script&gt;alert', page)
    assert "<svg" not in page
    assert "Request for completion" in page  # the rest still comes from the bundled templates


def test_a_broken_override_template_is_one_located_error(run: Run, tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("# {{ report.title }\n", encoding="utf-8")
    result = run("assess", HOSTILE, "-f", "md", "--template-dir", tmp_path, "--lang", "en")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "report.md.j2:1" in lines[0] and "[template]" in lines[0]


def test_an_override_template_using_an_unknown_name_is_an_error(run: Run, tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text("line one\n{{ report.no_such_thing }}\n", "utf-8")
    result = run("assess", HOSTILE, "-f", "md", "--template-dir", tmp_path, "--lang", "en")
    assert result.returncode == 2
    assert "report.md.j2:2" in result.stderr and "no_such_thing" in result.stderr
    assert "Traceback" not in result.stderr


# -- PDF -----------------------------------------------------------------------------------
def weasyprint_available() -> bool:
    probe = subprocess.run(
        [sys.executable, "-c", "import weasyprint"], capture_output=True, check=False
    )
    return probe.returncode == 0


@pytest.fixture(scope="module")
def weasyprint() -> None:
    if weasyprint_available():
        return
    if os.environ.get("HALLBARHET_REQUIRE_PDF") == "1":
        pytest.fail("HALLBARHET_REQUIRE_PDF=1 but WeasyPrint cannot be imported")
    pytest.skip("WeasyPrint is not installed (pip install 'hallbarhet[pdf]')")


def pdf_objects(data: bytes) -> bytes:
    """The PDF's objects as text, with compressed object streams inflated."""
    parts = [data]
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.DOTALL):
        try:
            parts.append(zlib.decompress(stream))
        except zlib.error:
            continue
    return b"\n".join(parts)


@pytest.mark.usefixtures("weasyprint")
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_every_example_renders_to_pdf_on_a4(run: Run, tmp_path: Path, path: Path) -> None:
    target = tmp_path / "report.pdf"
    assert assess(run, path, "pdf", "-o", target) == ""
    data = target.read_bytes()
    assert data.startswith(b"%PDF-")
    objects = pdf_objects(data)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", objects)
    assert boxes, "no page found"
    assert {(round(float(w)), round(float(h))) for w, h in boxes} == {(595, 842)}


def test_without_weasyprint_pdf_says_how_to_install_it(run: Run, tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.mkdir()
    (blocker / "weasyprint.py").write_text("raise ImportError('simulated')\n", encoding="utf-8")
    result = run(
        "assess",
        EXAMPLES / "solcellspark-alvesta.yaml",
        "-f",
        "pdf",
        "-o",
        tmp_path / "report.pdf",
        env={"PYTHONPATH": str(blocker)},
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "pip install 'hallbarhet[pdf]'" in result.stderr
    assert not (tmp_path / "report.pdf").exists()


def test_pdf_to_a_terminal_is_refused(tmp_path: Path) -> None:
    controller, terminal = pty.openpty()
    try:
        result = subprocess.run(
            [executable(), "assess", EXAMPLES / "solcellspark-alvesta.yaml", "-f", "pdf"],
            stdout=terminal,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            env={**os.environ, "HALLBARHET_LANG": "en"},
            timeout=60,
            check=False,
        )
    finally:
        os.close(terminal)
        os.close(controller)
    assert result.returncode == 2
    assert b"-o" in result.stderr and b"PDF" in result.stderr
