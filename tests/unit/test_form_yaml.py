"""The application form reads what ``hallbarhet new`` and the questionnaire write, and
writes text that YAML reads back unchanged: ``templates/partials/form-yaml.js``, run in
node, against the YAML loader the commands use, on templates (in both languages, with
placeholders and filled in), questionnaire output and generated text."""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import subprocess
from typing import Any

import pytest

from hallbarhet_cli.applications.loading import load_application
from hallbarhet_cli.authoring.template import METADATA, Filled, render_template
from hallbarhet_cli.criteria.library import CriteriaLibrary, Where
from hallbarhet_cli.files.bundled import bundled_dir
from hallbarhet_cli.files.yamlload import parse_text
from tests.unit.test_template import FUNDING_SETS, fill_template

SCRIPT = bundled_dir("templates") / "partials" / "form-yaml.js"
RUNNER = """
const fs = require("fs");
const vm = require("vm");
vm.runInThisContext(fs.readFileSync(process.argv[1], "utf8"));
const job = JSON.parse(fs.readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify({
  parsed: job.texts.map((t) => HallbarhetYaml.parse(t)),
  quoted: job.strings.map((s) => "k: " + HallbarhetYaml.quoted(s) + "\\n"),
}));
"""

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _node(texts: list[str], strings: list[str]) -> dict[str, Any]:
    ran = subprocess.run(
        ["node", "-e", RUNNER, str(SCRIPT)],
        input=json.dumps({"texts": texts, "strings": strings}),
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return json.loads(ran.stdout)  # type: ignore[no-any-return]


def _written_files() -> list[str]:
    """Templates with placeholders, filled in, and as the questionnaire writes them."""
    texts = []
    for set_id, example in sorted(FUNDING_SETS.items()):
        loaded = load_application(example, CriteriaLibrary())
        data = loaded.model.model_dump(mode="python", exclude_none=True)
        for lang in ("sv", "en"):
            blank = render_template(loaded.criteria, lang, criteria_ref=set_id, cli_ref=set_id)
            texts += [blank, fill_template(blank, data)]
        fields: dict[str, Any] = {}
        for meta in METADATA:
            value: Any = data
            for part in meta.path:
                value = value.get(part) if isinstance(value, dict) else None
            if value is not None:
                fields[meta.name] = value
        filled = Filled(fields=fields, answers=dict(loaded.answers))
        texts.append(
            render_template(
                loaded.criteria, "sv", criteria_ref=set_id, cli_ref=set_id, filled=filled
            )
        )
    return texts


def test_the_form_reads_templates_and_questionnaire_files_as_the_loader_does() -> None:
    texts = _written_files()
    got = _node(texts, [])["parsed"]
    for text, parsed in zip(texts, got, strict=True):
        assert parsed == _plain(parse_text(text, "app.yaml").data)


def test_text_the_form_writes_reads_back_unchanged() -> None:
    rng = random.Random(12)
    alphabet = [chr(c) for c in range(1, 0x250)] + list("\u2028\u2029\ufeff\u200bå😀ع")
    strings = ["", " ", "~", "null", "true", "12", "2026-01-01", "a: b", "# x", "'q'", '"q"']
    strings += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(30))) for _ in range(500)]
    lines = _node([], strings)["quoted"]
    for string, line in zip(strings, lines, strict=True):
        assert parse_text(line, "k.yaml").data == {"k": string}, repr(string)


def test_the_script_is_the_one_the_form_inlines() -> None:
    from hallbarhet_cli.authoring.form import render_form

    resolved = CriteriaLibrary().resolve("kronoberg-projektmedel", Where("test"))
    assert SCRIPT.read_text(encoding="utf-8").strip() in render_form(
        resolved, "sv", criteria_ref="kronoberg-projektmedel"
    )
