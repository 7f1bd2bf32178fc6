"""The assessment as JSON: the view itself, with stable key order and UTF-8 text."""

from __future__ import annotations

import json
from collections.abc import Mapping


def render(view: Mapping[str, object]) -> str:
    return json.dumps(view, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
