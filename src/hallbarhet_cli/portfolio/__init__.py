"""The region's follow-up over rounds and years: counts and kronor by verdict, the share
sustainability-proofed by count, requested and granted SEK, per instrument, year,
dimension and criterion level, and what was delivered against what was promised."""
