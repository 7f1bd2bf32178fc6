"""The JSON Schema of an indicator set file, for editors (``schemas/indicator-set.json``,
written by ``scripts/gen-docs``), made the same way as the criteria set's."""

from __future__ import annotations

from typing import Any

from hallbarhet_cli.criteria.schema import _document, _text_def, _tidy
from hallbarhet_cli.i18n import N_, gettext
from hallbarhet_cli.indicators.model import IndicatorSet


def _periods(node: Any) -> None:
    """A period may be written unquoted (``period: 2030``): YAML reads that as a number,
    and the loader gives the model the text that was written."""
    if isinstance(node, dict):
        period = node.get("properties", {}).get("period")
        if isinstance(period, dict) and period.get("type") == "string":
            node["properties"]["period"] = {
                "title": "Period",
                "anyOf": [{k: v for k, v in period.items() if k != "title"}, {"type": "integer"}],
            }
        for child in node.values():
            _periods(child)
    elif isinstance(node, list):
        for child in node:
            _periods(child)


def indicator_set_schema(lang: str) -> dict[str, Any]:
    """The schema of an indicator set file, with descriptions in ``lang``."""
    schema = _tidy(IndicatorSet.model_json_schema(by_alias=True))
    _periods(schema)
    if "Text" in schema.get("$defs", {}) or any("Text" in str(v) for v in schema.values()):
        schema.setdefault("$defs", {})["Text"] = _text_def(lang)
    return _document(schema, gettext(N_("hallbarhet indicator set"), lang))
