"""Plausible wrong answers per exercise (module exN, dict WRONG: question id -> answers).

Each answer is a real Python value a student might produce (a wrong number, the
wrong column, a wrong type, a function with a bug); every one must be rejected
with a helpful message that does not reveal the expected value.
"""
