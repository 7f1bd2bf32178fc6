"""The corpus runs once per session: committed cases and generated ones together."""

from __future__ import annotations

import pytest

from tests.corpus.cases import KINDS, discover
from tests.corpus.generated import specs
from tests.corpus.runs import CorpusRun, run_corpus


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> CorpusRun:
    """Every corpus case run through ``hallbarhet``, from an empty current folder."""
    cwd = tmp_path_factory.mktemp("corpus-cwd")
    folder = tmp_path_factory.mktemp("generated")
    committed = [case for kind in KINDS for case in discover(kind)]
    generated = [spec.case(folder) for spec in specs()]
    return run_corpus([*committed, *generated], cwd)
