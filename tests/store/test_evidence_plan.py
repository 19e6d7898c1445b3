"""The progress queries read indexes only, never the entries table's pages of reflection text.

Checked with SQLite's own query plans on a real journal: every step must be a covering-index
search or scan (the speed of the Progress screen at 100,000 entries depends on it, see
docs/benchmarks.md), and the results must match what the table says.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reflectjournal.domain.endorsement.coverage import row_reach
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from reflectjournal.store import evidence
from tests.helpers.journals import FAST, PASSPHRASE

KINDS = ("session", "supervision", "training")


def _plans(journal: Journal, sql: str, params: tuple[object, ...]) -> list[str]:
    return [str(row[3]) for row in journal._db.rows("EXPLAIN QUERY PLAN " + sql, params)]


def test_the_progress_rows_come_from_covering_indexes(tmp_path: Path) -> None:
    journal, _ = Journal.create(tmp_path / "j", PASSPHRASE, FAST)
    with journal:
        area = journal.resolve_tag("Observation & listening", "competency")
        journal.add_entry(EntryChanges(kind="training", title="FAN training", body="x",
                                       date=dt.date(2025, 3, 1),
                                       fields={"hours_face_to_face": 6.0},
                                       competencies=(area.id,)))
        journal.add_entry(EntryChanges(kind="session", title="Visit", body="y",
                                       competencies=(area.id,)))
        journal.add_entry(EntryChanges(kind="session", title="Infant visit", body="z",
                                       fields={"client_code": "QX7-KLM", "age_band": "0-6m"}))
        marks = ", ".join("?" * len(KINDS))
        for sql in (f"SELECT e.uuid, e.id, e.kind, e.fields, e.duration_minutes, e.starred"
                    f" FROM entries e INDEXED BY entries_for_progress WHERE e.kind IN ({marks})"
                    " ORDER BY e.id",
                    f"SELECT id, kind, uuid FROM entries INDEXED BY entries_for_progress"
                    f" WHERE kind IN ({marks})"):
            plans = _plans(journal, sql, KINDS)
            assert all("COVERING INDEX" in p for p in plans if "entries" in p), plans
        names = _plans(journal, "SELECT id, title FROM entries INDEXED BY "
                       "entries_training_names WHERE kind = 'training'", ())
        assert all("COVERING INDEX" in p for p in names), names
        hours = evidence.hours_entries(journal._db, KINDS)
        # Session notes: only the one a family is counted from (an infant band and a code).
        assert [(e.kind, e.title, e.fields) for e in hours] == [
            ("training", "FAN training", {"hours_face_to_face": 6.0}),
            ("session", "", {"client_code": "QX7-KLM", "age_band": "0-6m"})]
        rows = evidence.competency_rows(journal._db, KINDS)
        assert [(r.kind, r.competencies) for r in rows] == [
            ("training", (area.id,)), ("session", (area.id,))]


def test_the_other_evidence_is_counted_from_indexes_walking_each_tag_once(
        tmp_path: Path) -> None:
    journal, _ = Journal.create(tmp_path / "j", PASSPHRASE, FAST)
    with journal:
        db, sql = journal._db, []
        real = db.rows

        def recorded(statement: str, params: Sequence[object] = ()) -> list[Any]:
            sql.append((statement, tuple(params)))
            return real(statement, params)

        db.rows = recorded  # type: ignore[method-assign]
        evidence.other_evidence(db, KINDS, row_reach(journal.catalog.competencies),
                                dt.date(2026, 1, 1))
        db.rows = real  # type: ignore[method-assign]
        [(statement, params)] = sql
        plans = _plans(journal, statement, params)
        assert any("COVERING INDEX entries_by_kind" in p for p in plans), plans
        # Each tag's range of entry_tags once, never one seek per entry id of the kinds.
        tag_steps = [p for p in plans if "entry_tags" in p]
        assert tag_steps == ["SEARCH t USING COVERING INDEX entry_tags_by_tag "
                             "(tag_id=? AND entry_id<?)"], plans
