"""``hallbarhet validate``: checking files of every kind, and the findings as text, JSON,
GitHub annotations, JUnit and SARIF."""
