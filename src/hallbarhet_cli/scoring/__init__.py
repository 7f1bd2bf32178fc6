"""Scoring: the pure engine, conditions compiled for it, the assessment it returns and the
words that explain it."""
