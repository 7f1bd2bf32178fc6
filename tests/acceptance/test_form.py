"""``hallbarhet new --format html``: the application form as one file. What can be
checked without a browser: the file is the same for the same set, self-contained (no
address to fetch anything from), carries the set's conditions and the catalogue's
messages in its language, and shows the criteria set's text as text, never as markup.
The browser tests (``tests/browser/test_form.py``) fill it in."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from hallbarhet_cli.authoring.form_conditions import condition_json
from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.i18n import gettext
from tests.acceptance.conftest import ROOT, Run

MINI_SET = ROOT / "tests" / "fixtures" / "mini-set.yaml"
HOSTILE = '<img src=x onerror="alert(1)"></script><script>alert(2)</script>'


def _data(html: str) -> dict:  # type: ignore[type-arg]
    found = re.search(r'<script type="application/json" id="form-data">(.*?)</script>', html, re.S)
    assert found is not None
    return json.loads(found.group(1))  # type: ignore[no-any-return]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("set_id", ["kronoberg-projektmedel", "kronoberg-foretagsstod"])
def test_the_form_is_one_self_contained_file(
    run: Run, tmp_path: Path, set_id: str, lang: str
) -> None:
    made = run("new", "-c", set_id, "-f", "html", "--lang", lang, "-o", tmp_path / "a.html")
    assert made.returncode == 0, made.stderr
    again = run("new", "-c", set_id, "-f", "html", "--lang", lang, "-o", tmp_path / "b.html")
    assert again.returncode == 0
    html = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert html == (tmp_path / "b.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}">' in html
    assert re.search(r"(src|href)=[\"']?(https?:|//)", html) is None
    assert "default-src 'none'" in html  # the page may not load or send anything
    data = _data(html)
    resolved = CriteriaLibrary().resolve(set_id, Where("test"))
    assert data["set"]["sha256"] == resolved.sha256
    assert [q["id"] for q in data["questions"]] == [q.id for q in resolved.questions]
    for question, shown in zip(resolved.questions, data["questions"], strict=True):
        relevant = question.relevant
        assert shown["relevant"] == (None if relevant is None else condition_json(relevant))
    assert data["messages"]["number"] == gettext("Expected a number for {id!r}, got {got}.", lang)
    for question in resolved.questions:
        assert f'id="q-{question.id}-item"' in html


def test_the_sets_text_is_shown_as_text(run: Run, tmp_path: Path) -> None:
    text = MINI_SET.read_text(encoding="utf-8")
    text = text.replace("{sv: Nya jobb, en: New jobs}", json.dumps(HOSTILE))
    (tmp_path / "hostile.yaml").write_text(text, encoding="utf-8")
    made = run("new", "-c", "hostile.yaml", "-f", "html", "-o", "form.html")
    assert made.returncode == 0, made.stderr
    html = (tmp_path / "form.html").read_text(encoding="utf-8")
    assert "<img" not in html
    assert "alert(2)</script>" not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    assert html.count("<script") == 2  # the data and the form's own script
    scripts = html[html.index("<script>") :]
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write", scripts)


def test_the_form_is_not_a_questionnaire(run: Run, tmp_path: Path) -> None:
    shutil.copy(MINI_SET, tmp_path / "mini-set.yaml")
    made = run("new", "-c", "mini-set.yaml", "-f", "html", "-i", "--lang", "en")
    assert made.returncode == 2
    assert "leave out --format html" in made.stderr
