"""After the decision: the decision on record, the promises a criteria set names, follow-up
reports (progress and final) compared with those promises, and the application re-scored
with what was delivered."""

# The application and criteria models include this package's models: importing them first
# makes either import order work.
import hallbarhet_cli.models  # noqa: F401
