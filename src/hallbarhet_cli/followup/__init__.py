"""After the decision: the decision on record, the promises a criteria set names, follow-up
reports (progress and final) compared with those promises, and the application re-scored
with what was delivered."""
