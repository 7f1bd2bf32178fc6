"""Criteria tests (``kind: criteria-test``): test cases for criteria sets, run through the
real engine with rule coverage."""
