"""Applications: reading an application file, checking its answers against its criteria set,
and finding a template's placeholders that were never filled in."""
