"""Criteria sets as a whole: finding and resolving them (``extends``), the merged set the
engine uses, lint checks, JSON Schemas and the differences between two versions."""
