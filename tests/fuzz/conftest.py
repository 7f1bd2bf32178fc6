"""Fuzz tests: registers the Hypothesis profiles (see ``profiles.py``). They are applied
per test with ``@profiles.fuzz()`` rather than loaded globally, so the rest of the suite
keeps its own settings."""

from __future__ import annotations

from tests.fuzz import profiles

profiles.register()
