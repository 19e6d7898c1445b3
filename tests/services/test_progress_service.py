"""Journal.endorsement on real SQLCipher: what it reads, and that a change is never missed.

The service keeps what it read until the journal changes; each case here changes the journal
in a different way (a new session, an edit, a provider's qualification, a restore) and
asserts the next report shows it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reflectjournal.domain.endorsement.coverage import coverage
from reflectjournal.domain.endorsement.records import Degree, Qualification
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from reflectjournal.services.progress import ProgressOptions
from tests.helpers.journals import FAST, PASSPHRASE

AS_OF = ProgressOptions(as_of=dt.date(2026, 1, 31))
CANARY = "CANARY-service-91aa"


def _session(journal: Journal, provider: str, day: dt.date, minutes: int) -> str:
    entry = journal.add_entry(EntryChanges(
        kind="supervision", date=day, title=CANARY, body=CANARY, duration_minutes=minutes,
        fields={"provider_id": provider, "format": "individual"}))
    return entry.id


def test_every_change_reaches_the_next_report(tmp_path: Path) -> None:
    journal, _ = Journal.create(tmp_path / "j", PASSPHRASE, FAST)
    with journal:
        journal.profile.update(category="imhs", degree=Degree.MASTER,
                               degree_date=dt.date(2015, 6, 1))
        lee = journal.providers.add("Jordan Lee", Qualification.NOT_ENDORSED)
        assert journal.endorsement.progress(AS_OF).progress.rsc.counted_minutes == 0
        first = _session(journal, lee.id, dt.date(2025, 3, 10), 60)
        report = journal.endorsement.progress(AS_OF)
        assert [e.reason.value for e in report.progress.rsc.excluded] == [
            "provider-not-qualified"]
        journal.providers.qualify(lee.id, Qualification.IMHS, dt.date(2010, 1, 1))
        assert journal.endorsement.progress(AS_OF).progress.rsc.counted_minutes == 60
        journal.update_entry(first, EntryChanges(duration_minutes=90))
        assert journal.endorsement.progress(AS_OF).progress.rsc.counted_minutes == 90
        backup = journal.backup(tmp_path / "before.rjbackup")
        _session(journal, lee.id, dt.date(2025, 4, 10), 60)
        assert journal.endorsement.progress(AS_OF).progress.rsc.counted_minutes == 150
        journal.restore_from(backup)
        assert journal.endorsement.progress(AS_OF).progress.rsc.counted_minutes == 90


def test_the_ledgers_entries_carry_no_reflection_text(tmp_path: Path) -> None:
    journal, _ = Journal.create(tmp_path / "j", PASSPHRASE, FAST)
    with journal:
        lee = journal.providers.add("Jordan Lee", Qualification.IMHS)
        _session(journal, lee.id, dt.date(2025, 3, 10), 60)
        journal.add_entry(EntryChanges(kind="session", title=CANARY, body=CANARY,
                                       answers={"baby": CANARY}))
        report = journal.endorsement.progress(ProgressOptions(category="imhs"))
        for entry in report.entries:
            assert CANARY not in (entry.title, entry.body, *entry.answers.values())
        assert CANARY not in str(report.json())


def test_families_are_counted_from_the_earliest_infant_note_of_each_code(tmp_path: Path) -> None:
    journal, _ = Journal.create(tmp_path / "j", PASSPHRASE, FAST)
    with journal:
        for day, code, band in ((dt.date(2025, 3, 1), "QX7-KLM", "0-6m"),
                                (dt.date(2025, 1, 5), "QX7-KLM", "3-5y"),   # not infant
                                (dt.date(2025, 6, 1), "qx7-klm", "12-23m"),  # same family
                                (dt.date(2025, 4, 1), "RT2-ABC", "prenatal"),
                                (dt.date(2025, 8, 1), "ZZ9-XYZ", "3-5y")):  # not infant
            journal.add_entry(EntryChanges(kind="session", date=day, body=CANARY,
                                           fields={"client_code": code, "age_band": band}))

        def families(as_of: dt.date) -> int:
            options = ProgressOptions(category="imhs", as_of=as_of)
            return journal.endorsement.progress(options).progress.families_0_36_months

        assert families(dt.date(2025, 2, 1)) == 0
        assert families(dt.date(2025, 3, 1)) == 1
        assert families(dt.date(2025, 12, 31)) == 2


def test_the_grid_counted_in_sql_matches_the_grid_counted_from_entries(tmp_path: Path) -> None:
    # The SQL count of other evidence and the pure domain count over the same entries, held
    # to each other: an area and its item on one entry count once, a retired item still
    # reaches its area, other kinds and entries after the as-of date are not counted.
    journal, _ = Journal.create(tmp_path / "j", PASSPHRASE, FAST)
    with journal:
        tags = journal.catalog.competencies
        tf = journal.resolve_tag("Theoretical Foundations", "competency")
        items = [t for t in tags if t.parent == tf.id]
        retired = next((t for t in tags if t.retired and t.parent is not None), None)
        plans = [
            ("session", dt.date(2025, 3, 1), (tf.id, items[0].id)),
            ("session", dt.date(2025, 3, 1), (items[1].id,)),
            ("reflection", dt.date(2025, 9, 1), (items[0].id, items[1].id)),
            ("supervision", dt.date(2025, 5, 2), (items[2].id,)),
            ("self-care", dt.date(2025, 6, 1), (tf.id,)),
            ("session", dt.date(2026, 3, 1), (tf.id,)),  # after the as-of date
            ("training", dt.date(2025, 4, 1), (items[0].id,)),
        ]
        if retired is not None:
            plans.append(("reflection", dt.date(2025, 10, 1), (retired.id,)))
        for kind, day, competencies in plans:
            journal.add_entry(EntryChanges(kind=kind, date=day, body=CANARY,
                                           competencies=competencies))
        report = journal.endorsement.progress(ProgressOptions(category="imhs",
                                                              as_of=AS_OF.as_of))
        entries = [journal.get_entry(e.id) for e in journal.list_entries()]
        shown = [e for e in entries if e.date <= dt.date(2026, 1, 31)]
        expected = coverage(shown, tags, "imhs", report.progress.training.counted)
        assert report.coverage == expected
        by_id = {row.tag_id: row for row in report.coverage}
        assert by_id[tf.id].other_entries == 4 + (retired is not None
                                                  and retired.parent == tf.id)
        assert by_id[items[0].id].other_entries == 2
        assert by_id[tf.id].training_entries == 1


def test_a_cell_lists_the_entries_its_count_counts(tmp_path: Path) -> None:
    journal, _ = Journal.create(tmp_path / "j", PASSPHRASE, FAST)
    with journal:
        tf = journal.resolve_tag("Theoretical Foundations", "competency")
        item = next(t for t in journal.catalog.competencies if t.parent == tf.id)
        older = journal.add_entry(EntryChanges(kind="session", date=dt.date(2025, 1, 2),
                                               body=CANARY, competencies=(item.id,)))
        newer = journal.add_entry(EntryChanges(kind="reflection", date=dt.date(2025, 2, 2),
                                               body=CANARY, competencies=(tf.id, item.id)))
        journal.add_entry(EntryChanges(kind="self-care", date=dt.date(2025, 3, 2),
                                       body=CANARY, competencies=(tf.id,)))
        training = journal.add_entry(EntryChanges(kind="training", date=dt.date(2024, 2, 2),
                                                  title="FAN", competencies=(item.id,)))
        count, listed = journal.endorsement.coverage_cell(tf.id, "other")
        assert (count, [e.id for e in listed]) == (2, [newer.id, older.id])
        count, listed = journal.endorsement.coverage_cell(tf.id, "any")
        assert (count, [e.id for e in listed]) == (3, [newer.id, older.id, training.id])
        count, listed = journal.endorsement.coverage_cell(item.id, "training")
        assert (count, [e.id for e in listed]) == (1, [training.id])
