"""The received benchmark measures what it says: every supervisee's bundles, real queries."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import received


def test_a_small_desk_is_filed_searched_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(received, "SUPERVISEES", 2)
    monkeypatch.setattr(received, "PER_SUPERVISEE", 30)
    monkeypatch.setattr(received, "BUNDLE_SIZE", 20)  # two bundles each, one partly full
    monkeypatch.setattr(received, "REPEATS", 2)
    journal, keys = received.build(tmp_path / "supervisor")
    with journal:
        assert len(keys) == 2
        everyone = journal.received.page(limit=None)
        assert len(everyone) == 60
        assert {i.sender_name for i in everyone} == {"Supervisee 01", "Supervisee 02"}
        assert any(i.answered for i in everyone)
        assert any(i.read for i in everyone)
        assert journal.search("mother") == []  # received text stays out of the own index
        results = received.measure(journal, keys)
    assert results["cases"][0]["rows"] == 60  # everything, first page
    assert all(c["ratio_p95"] > 0 for c in results["cases"])
    assert "every case" in received.report(results)
