"""Where the data shipped with the package lives: bundled criteria sets, templates and
schemas."""

from __future__ import annotations

from pathlib import Path
from typing import Final

_PACKAGE_DIR: Final = Path(__file__).parents[1]


def bundled_dir(name: str) -> Path:
    """A data folder shipped in the package (``hallbarhet_cli/data/<name>``), or, in a source
    checkout, the folder of that name at the root of the repository."""
    installed = _PACKAGE_DIR / "data" / name
    return installed if installed.is_dir() else _PACKAGE_DIR.parents[1] / name
