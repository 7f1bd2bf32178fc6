"""Text in one Unicode form. "Växjö" can be written with precomposed letters (NFC, what
keyboards produce) or as a base letter and a combining mark (NFD, what some systems and
copy-paste produce); the two look alike but do not compare equal. Everything read — answers,
options, ids, keys and cells — is brought to NFC, so a condition, an option and an id mean
the same whichever form the file used.
"""

from __future__ import annotations

import unicodedata
from typing import Any


def nfc(text: str) -> str:
    """``text`` in Unicode normalisation form C (the quick check makes this nearly free
    for text that already is)."""
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def nfc_data(value: Any) -> Any:
    """Plain data (from JSON) with every string and key in NFC."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {nfc(k) if isinstance(k, str) else k: nfc_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc_data(v) for v in value]
    return value
