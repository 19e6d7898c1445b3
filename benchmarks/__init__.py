"""Benchmarks for ReflectJournal: build synthetic journals, time the real API against raw SQL.

Run from the checkout root: ``python -m benchmarks`` (``--quick`` for 1k and 10k only).
See docs/benchmarks.md for what is measured and the latest results.
"""
