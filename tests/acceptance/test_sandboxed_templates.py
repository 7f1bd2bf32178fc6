"""Templates from ``--template-dir`` may come from an organisation's shared folder: they are
rendered in Jinja's immutable sandbox, so they can lay out the data they are given and
nothing else. Every command that takes ``--template-dir`` is tried with the classic ways
out of a template: reaching Python's modules through a function's globals, walking the
class hierarchy to ``subprocess.Popen``, and changing the data in place."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.acceptance.conftest import EXAMPLES, Run

EXAMPLE = EXAMPLES / "solcellspark-alvesta.yaml"
MARKER = "hallbarhet-template-ran-a-command"

ESCAPES = {
    "globals-of-a-global": (
        "{{ cycler.__init__.__globals__.os.popen('touch " + MARKER + "; id').read() }}"
    ),
    "globals-of-lipsum": "{{ lipsum.__globals__['os'].system('touch " + MARKER + "') }}",
    "class-hierarchy": (
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}"
        "{% if c.__name__ == 'Popen' %}{{ c(['touch', '" + MARKER + "']) }}{% endif %}"
        "{% endfor %}"
    ),
    "format-string": "{{ '{0.__class__.__init__.__globals__}'.format(cycler) }}",
    "change-the-data": "{% set d = {'a': 1} %}{{ d.update({'x': 1}) }}{{ d | length }}",
}

# Which template each command renders, and how to run it with an override folder.
COMMANDS = {
    "assess-md": ("report.md.j2", ("assess", str(EXAMPLE), "-f", "md")),
    "assess-html": ("report.html.j2", ("assess", str(EXAMPLE), "-f", "html")),
    "criteria-docs": ("handbook.md.j2", ("criteria", "docs", "kronoberg-projektmedel")),
    "batch-overview": ("overview.html.j2", ("batch", str(EXAMPLE), "-o", "out", "-q")),
    "portfolio-html": ("portfolio.html.j2", ("portfolio", str(EXAMPLE), "-f", "html")),
    "portfolio-text": ("portfolio.txt.j2", ("portfolio", str(EXAMPLE))),
}


@pytest.mark.parametrize("escape", sorted(ESCAPES))
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_template_cannot_reach_out_of_the_sandbox(
    run: Run, tmp_path: Path, command: str, escape: str
) -> None:
    name, args = COMMANDS[command]
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / name).write_text(ESCAPES[escape] + "\n", encoding="utf-8")
    result = run(*args, "--template-dir", templates, "--lang", "en")
    assert not (tmp_path / MARKER).exists(), "a template ran a command"
    assert "uid=" not in result.stdout
    assert "__globals__" not in result.stdout and "<module 'os'" not in result.stdout
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines, "the refusal must be said"
    assert name in lines[-1] and "[template]" in lines[-1], lines
    assert "unsafe" in lines[-1] or "not safely callable" in lines[-1], lines
    assert "Traceback" not in result.stderr


def test_a_sandboxed_override_still_lays_out_the_report(run: Run, tmp_path: Path) -> None:
    (tmp_path / "report.md.j2").write_text(
        "{% set ns = namespace(n=0) %}{% for c in report.criteria %}{% set ns.n = ns.n + 1 %}"
        "{% endfor %}{{ report.application.title }}: {{ ns.n }} criteria\n",
        encoding="utf-8",
    )
    result = run("assess", EXAMPLE, "-f", "md", "--template-dir", tmp_path, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Solcellspark"), result.stdout
    assert result.stdout.rstrip().endswith("criteria")
