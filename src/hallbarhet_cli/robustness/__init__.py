"""How sure is the ranking, and the funding line, when the weights are uncertain?

Stochastic multicriteria acceptability analysis (SMAA-2: Lahdelma and Salminen, Operations
Research 49(3), 2001; computed by Monte Carlo as in Tervonen and Lahdelma, European Journal
of Operational Research 178, 2007): the criterion and dimension weights are drawn many
times around the weights a criteria set gives them (:mod:`.declared` says how far, as the
set declares), every assessed application is scored and ranked again under each draw
(:mod:`.analysis`), and what is counted is how often each application gets each rank (its
rank acceptability), passes, and falls within the budget.

The inputs come either from a batch as it runs or from the ``results.jsonl`` a batch wrote
(:mod:`.round`); the results become a ``robustness`` section, table columns and files
(:mod:`.report`). numpy is imported only here, and only when an analysis runs.
"""
