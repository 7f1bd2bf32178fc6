"""The application form (``hallbarhet new --format html``) in a real browser: an applicant
fills in the form of each bundled funding set from an example application, a dependent
question appears and disappears with its condition, the saved file validates and assesses
like the example, opening it again restores every answer, the page makes no request, and
axe-core finds nothing serious (empty, with the error summary shown, and filled in).

Needs what ``test_browser.py`` needs; skips (or fails with HALLBARHET_REQUIRE_BROWSER=1)
without it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from hallbarhet_cli.applications.loading import load_application
from hallbarhet_cli.authoring.template import METADATA
from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.files.yamlload import load_file
from tests.acceptance.conftest import EXAMPLES, executable
from tests.browser.test_browser import BLOCKING_IMPACTS, HERE, chromium, require_browser

FILLER = HERE / "fill-form.mjs"
CASES = {
    # example application, language, the dependent question and what switches it
    "kronoberg-projektmedel": (
        "kompetenslyft-omsorg-ljungby.yaml",
        "sv",
        {"dom": "q-gender_analysis", "type": "choice", "on": "done", "off": "none"},
        "q-gender_plan-item",
    ),
    "kronoberg-foretagsstod": (
        "elektrisk-glasugn-lessebo.yaml",
        "en",
        {"dom": "q-has_board", "type": "boolean", "on": "true", "off": "false"},
        "q-women_share_board-item",
    ),
}


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("HALLBARHET_")}
    environment["SOURCE_DATE_EPOCH"] = "1767225600"
    return subprocess.run(
        [executable(), *args], cwd=cwd, env=environment, capture_output=True, text=True, timeout=60
    )


def _shown(kind: str, value: Any, lang: str) -> Any:
    """An answer as a person types or picks it in the form."""
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("number", "integer"):
        text = str(value)
        return text.replace(".", ",") if lang == "sv" else text
    if kind == "date":
        return value.isoformat()
    return value


# A summary with what YAML could misread: quotes, a backslash, a tab, line breaks of
# every kind, a control character, text in other scripts and an emoji.
TRICKY = (
    'Rad ett "citat" \\ snedstreck\tflik\nrad två\u2028LS\u0085NEL\u0007'
    " \u00e5\u00e4\u00f6 \u0639 \U0001f600"
)


def _steps(example: Path, lang: str) -> list[dict[str, Any]]:
    loaded = load_application(example, CriteriaLibrary())
    data = loaded.model.model_dump()
    steps = []
    for meta in METADATA:
        value: Any = data
        for part in meta.path:
            value = value.get(part) if isinstance(value, dict) else None
        if value is None or (
            meta.path == ("type",) and len(loaded.criteria.root.model.applies_to) == 1
        ):
            continue
        if meta.name == "summary":
            value = TRICKY
        dom = "f-" + meta.name.replace(".", "-")
        steps.append({"dom": dom, "type": meta.type, "value": _shown(meta.type, value, lang)})
    for question in loaded.criteria.questions:
        if question.id in loaded.answers:
            value = _shown(question.type, loaded.answers[question.id], lang)
            steps.append({"dom": "q-" + question.id, "type": question.type, "value": value})
    return steps


def _number_question(criteria: str) -> str:
    """The first number question that is always asked."""
    resolved = CriteriaLibrary().resolve(criteria, Where("--criteria"))
    return next(q.id for q in resolved.questions if q.type == "number" and q.relevant is None)


def _verdict(path: Path, folder: Path) -> str:
    ran = _run("assess", str(path), "-f", "json", cwd=folder)
    assert ran.returncode in (0, 1), ran.stderr
    return str(json.loads(ran.stdout)["verdict"])


@pytest.fixture(scope="module", params=sorted(CASES))
def filled(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Any]:
    require_browser()
    criteria = request.param
    example, lang, trigger, target = CASES[criteria]
    folder = tmp_path_factory.mktemp(criteria)
    form = folder / "ansokan.html"
    made = _run(
        "new",
        "--criteria",
        criteria,
        "--format",
        "html",
        "--lang",
        lang,
        "-o",
        str(form),
        cwd=folder,
    )
    assert made.returncode == 0, made.stderr
    plan = {
        "form": str(form),
        "draft": str(folder / "draft.yaml"),
        "saved": str(folder / "saved.yaml"),
        "steps": _steps(EXAMPLES / example, lang),
        "dependent": {"trigger": trigger, "target": target},
        "typo": {"dom": "q-" + _number_question(criteria), "text": "tusen"},
    }
    (folder / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    checked = subprocess.run(
        ["node", str(FILLER), str(folder / "plan.json")],
        capture_output=True,
        text=True,
        env={**os.environ, "CHROMIUM": chromium() or ""},
        timeout=600,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    return {
        "criteria": criteria,
        "example": EXAMPLES / example,
        "lang": lang,
        "folder": folder,
        **plan,
        "result": json.loads(checked.stdout),
    }


def test_the_form_makes_no_request_and_no_error(filled: dict[str, Any]) -> None:
    result = filled["result"]
    assert result["requests"] == []
    assert result["consoleErrors"] == []
    assert result["lang"] == filled["lang"]


def test_the_form_passes_axe_core(filled: dict[str, Any]) -> None:
    for state, violations in filled["result"]["violations"].items():
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        assert blocking == [], (state, json.dumps(violations, indent=2))


def test_a_dependent_question_follows_its_condition(filled: dict[str, Any]) -> None:
    assert filled["result"]["dependent"] == {"before": False, "on": True, "off": False}


def test_saving_an_empty_form_lists_the_problems_and_keeps_a_draft(filled: dict[str, Any]) -> None:
    result = filled["result"]
    assert result["summaryFocused"]
    assert result["summaryItems"] > 5
    draft = Path(filled["draft"]).read_text(encoding="utf-8")
    assert "<fyll i>" in draft or "<fill in>" in draft


def test_the_saved_application_validates_and_assesses_like_the_example(
    filled: dict[str, Any],
) -> None:
    folder, saved = filled["folder"], Path(filled["saved"])
    result = filled["result"]
    assert result["summaryHidden"], result["status"]
    checked = _run("validate", str(saved), cwd=folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # The example without the officer's review is what the applicant sends in.
    example = yaml.safe_load(filled["example"].read_text(encoding="utf-8"))
    review = example.pop("review")
    unreviewed = folder / "example-unreviewed.yaml"
    unreviewed.write_text(yaml.safe_dump(example, allow_unicode=True), encoding="utf-8")
    assert _verdict(saved, folder) == _verdict(unreviewed, folder)
    # With the officer's review added, the verdict is the example's own.
    reviewed = folder / "saved-reviewed.yaml"
    text = saved.read_text(encoding="utf-8")
    reviewed.write_text(
        text + yaml.safe_dump({"review": review}, allow_unicode=True), encoding="utf-8"
    )
    assert _verdict(reviewed, folder) == _verdict(filled["example"], folder) == "pass"


def test_the_saved_file_names_the_criteria_set_it_was_made_with(filled: dict[str, Any]) -> None:
    where = Where("--criteria")
    resolved = CriteriaLibrary().resolve(filled["criteria"], where, Path.cwd(), confine=False)
    head = Path(filled["saved"]).read_text(encoding="utf-8").splitlines()[:3]
    assert any(resolved.sha256 in line and resolved.version in line for line in head), head


def test_text_is_saved_exactly_as_typed(filled: dict[str, Any]) -> None:
    saved = load_file(Path(filled["saved"])).data
    assert saved["summary"] == TRICKY


def test_opening_the_saved_file_restores_every_answer(filled: dict[str, Any]) -> None:
    result = filled["result"]
    assert result["controls"] > 50
    assert result["restoreDiffs"] == []


def test_the_form_works_from_the_keyboard(filled: dict[str, Any]) -> None:
    keyboard = filled["result"]["keyboard"]
    assert keyboard["linked"] == keyboard["focused"] == "#f-id"
    assert keyboard["typed"] == "KRO-2026-9999"
    assert keyboard["next"] != "f-id"


def test_a_wrong_answer_gets_the_message_validate_gives(filled: dict[str, Any]) -> None:
    """The same words as `hallbarhet validate` on a file with the same answer."""
    result, folder = filled["result"], filled["folder"]
    question = filled["typo"]["dom"].removeprefix("q-")
    saved = Path(filled["saved"]).read_text(encoding="utf-8")
    wrong = re.sub(rf"(?m)^  {question}: .*$", f"  {question}: tusen", saved)
    (folder / "wrong.yaml").write_text(wrong, encoding="utf-8")
    checked = _run("validate", "wrong.yaml", "--lang", filled["lang"], cwd=folder)
    assert checked.returncode == 1
    assert result["typoMessage"]
    assert result["typoMessage"] in checked.stdout
    assert result["typoInvalid"] == "true"
