"""Files in and out: the YAML loader that keeps positions, atomic output, text made safe for
a terminal, and where the bundled data lives."""
