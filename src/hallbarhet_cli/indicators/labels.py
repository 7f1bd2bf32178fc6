"""Words for the report's values, in English marked for translation."""

from __future__ import annotations

from typing import Final

from hallbarhet_cli.i18n import N_

TREND_LABELS: Final = {
    "improving": N_("improving"),
    "worsening": N_("worsening"),
    "stable": N_("stable"),
    "too_little_data": N_("too little data"),
    "no_data": N_("no data"),
}
TREND_SYMBOLS: Final = {
    "improving": "↗",
    "worsening": "↘",
    "stable": "→",
    "too_little_data": "?",
    "no_data": "–",
}
TARGET_LABELS: Final = {
    "met": N_("met"),
    "on_track": N_("on track"),
    "off_track": N_("off track"),
    "missed": N_("missed"),
    "unknown": N_("cannot be judged yet"),
}
STATE_LABELS: Final = {
    "improving": N_("moving the right way"),
    "too_slow": N_("moving the right way, too slowly for its targets"),
    "worsening": N_("moving the wrong way"),
    "mixed": N_("mixed"),
    "too_little_data": N_("too little data to judge"),
}
DIRECTION_LABELS: Final = {
    "increase": N_("higher is better"),
    "decrease": N_("lower is better"),
    "target": N_("within the band is better"),
}
STATUS_LABELS: Final = {
    "final": N_("final"),
    "preliminary": N_("preliminary"),
    "revised": N_("revised"),
}
BREAKDOWN_LABELS: Final = {
    "sex": N_("sex"),
    "age": N_("age"),
    "origin": N_("origin"),
    "season": N_("season"),
    "month": N_("month"),
}
