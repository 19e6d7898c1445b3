"""The foreign-import benchmark measures what it says: both files hold the same entries."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks import foreign_import
from reflectjournal.domain.foreign.jrnl import parse_jrnl


def test_the_jrnl_file_and_the_json_export_hold_the_same_entries(tmp_path: Path) -> None:
    jrnl_path, json_path = foreign_import.prepare(30, tmp_path)
    parsed = parse_jrnl(jrnl_path.read_bytes(), foreign_import.ZONE)
    doc = json.loads(json_path.read_text(encoding="utf-8"))
    assert len(parsed.entries) == len(doc["entries"]) == 30
    assert [e.title for e in parsed.entries] == [e["title"] for e in doc["entries"]]
    assert [e.body for e in parsed.entries] == [e["body"] for e in doc["entries"]]
    assert sum(len(e["tags"]) for e in doc["entries"]) > 0


def test_a_small_run_imports_both_and_reports_a_ratio() -> None:
    figures = foreign_import.run(20, 1)
    assert set(figures["median_seconds"]) == {"json", "jrnl"}  # type: ignore[arg-type]
    assert figures["ratio"] > 0  # type: ignore[operator]
