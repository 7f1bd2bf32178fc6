"""Score a whole funding round (*utlysning*) at once.

Inputs are application files, folders, globs, JSON Lines files and CSV or XLSX exports
from a grant-management system read through a column mapping (:mod:`.mapping`). Inputs
are read lazily (:mod:`.inputs`), assessed in worker processes in chunks
(:mod:`.worker`, :mod:`.runner`), and come back in input order whatever the parallelism.
The main process writes each result to temporary files as it arrives, keeps a small
record per input for the portfolio (:mod:`.summary`) and, at the end, writes the ranked
tables, ``summary.json`` and the HTML overview (:mod:`.outputs`, :mod:`.overview`) and
renames everything into place, so an interrupted run leaves no partial file behind.
"""
