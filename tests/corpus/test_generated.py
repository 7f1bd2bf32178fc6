"""Generated bad input, run through the installed command with the committed corpus:
what cannot be a committed file (empty and binary files, other encodings, tens of
megabytes, nesting 10,000 deep, alias bombs of a chosen size, paths that are not files)."""

from __future__ import annotations

import pytest

from tests.corpus.generated import Spec, specs
from tests.corpus.runs import CorpusRun, check_assess, check_validate

SPECS = specs()


def spec_id(spec: Spec) -> str:
    return spec.id


@pytest.mark.parametrize("spec", [s for s in SPECS if s.assess], ids=spec_id)
def test_assess(corpus: CorpusRun, spec: Spec) -> None:
    check_assess(corpus, corpus.cases[spec.id])


@pytest.mark.parametrize("spec", [s for s in SPECS if s.validate], ids=spec_id)
def test_validate(corpus: CorpusRun, spec: Spec) -> None:
    check_validate(corpus, corpus.cases[spec.id])
