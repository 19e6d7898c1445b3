"""Cheap key derivation for tests and benchmarks only: nothing in the app imports this.

The production floor (`envelope.PRODUCTION_KDF`) makes each derivation take about a second
on purpose; tests and benchmark builds open journals hundreds of times, and measure the
real cost once, separately.
"""

from __future__ import annotations

from reflectjournal.store.envelope import KdfParams, KdfPolicy

FAST_KDF = KdfPolicy(min_memory_kib=8, min_iterations=1, fixed=KdfParams(64, 1, 1))
"""Argon2id at 64 KiB and one pass: far below any safe cost, never for real journals."""
