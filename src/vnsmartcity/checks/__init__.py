"""Check modules, one per exercise (exN.py): pytest-style test functions."""
