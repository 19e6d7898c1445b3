"""Progress kept while unlocked and updated per changed entry equals progress read afresh.

Journal.endorsement keeps what it read (services/evidence_cache.py) and after a change reads
only the entries the connection logged as changed. After every kind of change a user can
make, the kept report must equal one computed from a full read through the SQL of
store/evidence.py (the families' GROUP BY, the grid's other evidence counted in SQL), and
the kept one must have been brought up to date entry by entry, not by reading everything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reflectjournal.domain.endorsement.coverage import OTHER_EVIDENCE_KINDS, row_reach
from reflectjournal.domain.endorsement.records import (
    LEDGER_KINDS,
    Degree,
    EndorsementRecords,
    Qualification,
)
from reflectjournal.domain.entry import Entry, EntryChanges
from reflectjournal.domain.ids import TagId
from reflectjournal.services import evidence_cache
from reflectjournal.services.journal import Journal
from reflectjournal.services.progress import ProgressOptions, ProgressReport, progress_report
from reflectjournal.store import evidence
from tests.helpers.journals import FAST, PASSPHRASE, paired_journals

D = dt.date
CANARY = "CANARY-incremental-5be1"
OPTIONS = (ProgressOptions(as_of=D(2026, 1, 31)), ProgressOptions(as_of=D(2025, 6, 30)),
           ProgressOptions(category="imhm-c", as_of=D(2026, 1, 31)))


def fresh(journal: Journal, options: ProgressOptions) -> ProgressReport:
    """Return the report from everything read again, without the service's cache."""
    db, competencies = journal._db, journal.catalog.competencies
    as_of = options.as_of or dt.date.today()
    records = EndorsementRecords(evidence.hours_entries(db, LEDGER_KINDS),
                                 journal.providers.all(), journal.profile.get())
    return progress_report(
        evidence.competency_rows(db, ("training",)),
        evidence.other_evidence(db, OTHER_EVIDENCE_KINDS, row_reach(competencies), as_of),
        competencies, journal.endorsement.rules, records, options)


class Counted:
    """Counts the cache's full reads, to tell an update entry by entry from a fresh read."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full_reads = 0
        real = evidence_cache.EvidenceCache._read_all

        def counted(cache: evidence_cache.EvidenceCache) -> None:
            self.full_reads += 1
            real(cache)

        monkeypatch.setattr(evidence_cache.EvidenceCache, "_read_all", counted)


def assert_kept_equals_fresh(journal: Journal) -> None:
    for options in OPTIONS:
        kept = journal.endorsement.progress(options)
        again = fresh(journal, options)
        assert kept.entries == again.entries
        assert kept.coverage == again.coverage
        assert kept.progress == again.progress


def competency(journal: Journal, parent: bool, n: int = 0) -> TagId:
    tags = [t for t in journal.catalog.competencies if (t.parent is None) == parent
            and not t.retired]
    return tags[n].id


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> Counted:
    return Counted(monkeypatch)


@pytest.fixture
def journal(tmp_path: Path) -> Iterator[Journal]:
    journal, _ = Journal.create(tmp_path / "j", PASSPHRASE, FAST)
    with journal:
        journal.profile.update(category="imhs", degree=Degree.MASTER,
                               degree_date=D(2015, 6, 1))
        lee = journal.providers.add("Jordan Lee", Qualification.IMHS, D(2010, 1, 1))
        obi = journal.providers.add("Ada Obi", Qualification.IMHM_C, D(2010, 1, 1))
        item, area = competency(journal, False), competency(journal, True)
        for n in range(6):
            journal.add_entry(EntryChanges(
                kind="supervision", date=D(2025, 1 + n, 10), duration_minutes=60,
                title=CANARY, body=CANARY, competencies=(item,) if n % 2 else (),
                fields={"provider_id": (lee, obi)[n % 2].id, "format": "individual",
                        "supervision_type": "reflective"}))
        for n in range(3):
            journal.add_entry(EntryChanges(
                kind="training", date=D(2024, 3 + n, 1), title=f"Training {n}",
                competencies=(item, area) if n else (area,),
                fields={"hours_face_to_face": 6.0, "about_rsc": n == 1}))
        for n, (code, band) in enumerate((("QX7-KLM", "0-6m"), ("QX7-KLM", "12-23m"),
                                          ("RT2-ABC", "prenatal"), ("ZZ9-XYZ", "3-5y"))):
            journal.add_entry(EntryChanges(
                kind="session", date=D(2025, 2 + 2 * n, 3), body=CANARY,
                competencies=(item,), fields={"client_code": code, "age_band": band}))
        for n in range(4):
            journal.add_entry(EntryChanges(kind="reflection", date=D(2025, 3, 1 + n),
                                           body=CANARY, competencies=(area,) if n else ()))
        yield journal


def supervision(journal: Journal) -> list[Entry]:
    return [e for e in journal.endorsement.records().entries if e.kind == "supervision"]


def entries_of(journal: Journal, kind: str) -> list[Entry]:
    return [journal.get_entry(s.id) for s in journal.list_entries() if s.kind == kind]


CHANGES: dict[str, Callable[[Journal], object]] = {
    "add a session": lambda j: j.add_entry(EntryChanges(
        kind="supervision", date=D(2025, 9, 1), duration_minutes=90,
        fields={"provider_id": j.providers.all()[0].id, "format": "group"})),
    "edit hours": lambda j: j.update_entry(supervision(j)[0].id,
                                           EntryChanges(duration_minutes=120)),
    "edit a training's hours": lambda j: j.update_entry(
        entries_of(j, "training")[0].id, EntryChanges(fields={"hours_face_to_face": 2.5})),
    "change a note's kind to supervision": lambda j: j.update_entry(
        entries_of(j, "session")[-1].id, EntryChanges(
            kind="supervision", duration_minutes=60,
            fields={"provider_id": j.providers.all()[0].id, "format": "individual"})),
    "change a session's kind to reflection": lambda j: j.update_entry(
        supervision(j)[1].id, EntryChanges(kind="reflection", fields={})),
    "add a competency tag": lambda j: j.update_entry(
        entries_of(j, "reflection")[-1].id,
        EntryChanges(competencies=(competency(j, False, 1),))),
    "remove a training's tags": lambda j: j.update_entry(
        entries_of(j, "training")[-1].id, EntryChanges(competencies=())),
    "move the earliest infant note later": lambda j: j.update_entry(
        entries_of(j, "session")[-1].id, EntryChanges(date=D(2025, 12, 1))),
    "change a note's client code": lambda j: j.update_entry(
        entries_of(j, "session")[0].id,
        EntryChanges(fields={"client_code": "NEW-001", "age_band": "7-11m"})),
    "move a session's date": lambda j: j.update_entry(
        supervision(j)[2].id, EntryChanges(date=D(2024, 12, 30))),
    "delete a session": lambda j: j.delete_entry(supervision(j)[-1].id),
    "delete an infant note": lambda j: j.delete_entry(entries_of(j, "session")[-1].id),
    "profile change": lambda j: j.profile.update(degree_date=D(2025, 4, 1)),
    "provider qualification": lambda j: j.providers.qualify(
        j.providers.all()[1].id, Qualification.NOT_ENDORSED, D(2025, 3, 1)),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_one_change_is_updated_entry_by_entry_and_equals_a_fresh_read(
        journal: Journal, counted: Counted, change: str) -> None:
    assert_kept_equals_fresh(journal)
    before = journal.endorsement.progress(OPTIONS[0])
    CHANGES[change](journal)
    assert_kept_equals_fresh(journal)
    assert counted.full_reads == 1  # the first call only
    if change not in ("profile change",):
        assert journal.endorsement.progress(OPTIONS[0]) != before  # the change showed


def test_every_change_in_a_row_with_trash_versions_import_and_merge(
        journal: Journal, counted: Counted, tmp_path: Path) -> None:
    other, _ = Journal.create(tmp_path / "other", PASSPHRASE, FAST)
    with other:
        kim = other.providers.add("Kim Park", Qualification.IMHS, D(2010, 1, 1))
        other.add_entry(EntryChanges(kind="supervision", date=D(2025, 10, 2),
                                     duration_minutes=75, fields={"provider_id": kim.id}))
        other.add_entry(EntryChanges(kind="reflection", date=D(2025, 10, 3), body=CANARY,
                                     competencies=(competency(other, False, 2),)))
        exported = other.export_json()
    assert_kept_equals_fresh(journal)
    for change in CHANGES.values():
        change(journal)
        assert_kept_equals_fresh(journal)
    session = supervision(journal)[0]
    journal.delete_entry(session.id)
    assert_kept_equals_fresh(journal)
    journal.entries.restore_from_trash(session.id)  # the trash gives it back
    assert_kept_equals_fresh(journal)
    journal.update_entry(session.id, EntryChanges(duration_minutes=45))
    journal.entries.restore_version(session.id, 1)  # back to the first version's minutes
    assert_kept_equals_fresh(journal)
    journal.import_json(exported)  # a session, its provider and a tagged reflection
    assert_kept_equals_fresh(journal)
    second, first = journal.providers.all()[1], journal.providers.all()[0]
    journal.providers.merge(second.id, first.id)  # entries follow the survivor
    assert_kept_equals_fresh(journal)
    assert counted.full_reads == 1


def test_a_rolled_back_change_leaves_the_kept_report_as_it_was(
        journal: Journal, counted: Counted) -> None:
    assert_kept_equals_fresh(journal)
    session = supervision(journal)[0]

    def failing_save() -> None:
        with journal._db.transaction():
            journal.update_entry(session.id, EntryChanges(duration_minutes=240))
            journal.endorsement.progress(OPTIONS[0])  # read inside: must not be kept
            raise RuntimeError("the save failed half-way")

    with pytest.raises(RuntimeError):
        failing_save()
    assert_kept_equals_fresh(journal)
    assert journal.endorsement.progress(OPTIONS[0]).progress.rsc.eligible_minutes == \
        fresh(journal, OPTIONS[0]).progress.rsc.eligible_minutes


def test_many_changes_are_read_again_whole(journal: Journal, counted: Counted,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    assert_kept_equals_fresh(journal)
    monkeypatch.setattr(evidence_cache, "REREAD_AFTER", 3)
    for n in range(3):
        journal.add_entry(EntryChanges(kind="reflection", body=CANARY, date=D(2025, 5, n + 1),
                                       competencies=(competency(journal, True),)))
    assert_kept_equals_fresh(journal)
    assert counted.full_reads == 2  # more changes than REREAD_AFTER: everything again


def test_a_restore_reads_everything_again(journal: Journal, counted: Counted,
                                          tmp_path: Path) -> None:
    assert_kept_equals_fresh(journal)
    backup = journal.backup(tmp_path / "before.rjbackup")
    journal.delete_entry(supervision(journal)[0].id)
    assert_kept_equals_fresh(journal)
    journal.restore_from(backup)  # a new connection: its log starts empty
    assert_kept_equals_fresh(journal)
    assert counted.full_reads == 2


def test_a_confirmation_attached_to_a_logged_session(tmp_path: Path,
                                                     counted: Counted) -> None:
    clinician, supervisor = paired_journals(tmp_path)
    with clinician, supervisor:
        clinician.profile.update(category="imhs", degree=Degree.MASTER,
                                 degree_date=D(2015, 6, 1))
        ada = clinician.providers.add("Ada", Qualification.IMHS, D(2010, 1, 1),
                                      contact="Dr. Ada Obi")
        clinician.add_entry(EntryChanges(
            kind="supervision", date=D(2025, 11, 10), duration_minutes=60,
            fields={"provider_id": ada.id, "format": "individual"}))
        note = clinician.add_entry(EntryChanges(kind="reflection", body=CANARY,
                                                date=D(2025, 11, 1)))
        assert_kept_equals_fresh(clinician)
        draft = clinician.sharing.prepare([note.id])
        clinician.sharing.write_share(draft, tmp_path / "share.rjb", to="Dr. Ada Obi",
                                      redact=[f.id for f in draft.flags])
        got = supervisor.sharing.receive_file(tmp_path / "share.rjb")
        supervisor.sharing.confirm_session(got.bundle_id, D(2025, 11, 10), 75, "individual")
        supervisor.sharing.confirm_session(got.bundle_id, D(2025, 11, 17), 60, "individual")
        supervisor.sharing.write_reply(tmp_path / "reply.rjb", to="Sam Rivera")
        result = clinician.sharing.receive_file(tmp_path / "reply.rjb")
        assert (result.sessions, result.attached) == (1, 1)
        assert_kept_equals_fresh(clinician)
        minutes = [e.duration_minutes for e in supervision(clinician)]
        assert minutes == [75, 60]  # attached (confirmed minutes win) and one new
        assert counted.full_reads == 1


def test_locking_forgets_what_was_kept(journal: Journal) -> None:
    journal.endorsement.progress(OPTIONS[0])
    cache = journal.endorsement._cache
    assert cache is not None
    assert cache.entries()
    journal.close()
    assert journal.endorsement._cache is None
    assert cache.entries() == []
    assert cache.trainings() == []
    assert cache.other_evidence(D(2026, 1, 31)) == {}


def test_a_read_that_fails_half_way_is_not_kept(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An I/O error while the changed entries are read again: the next look reads them all.

    The change log's mark had moved past them and their old readings were dropped, so the
    kept figures stayed wrong (60 minutes kept, 120 in the journal) until the next lock.
    """
    assert_kept_equals_fresh(journal)
    real, failed = evidence.competency_rows_by_key, []

    def fails_once(db, kinds, only=None):  # type: ignore[no-untyped-def]
        if only is not None and not failed:
            failed.append(True)
            raise OSError("disk I/O error while reading")
        return real(db, kinds, only)

    monkeypatch.setattr(evidence, "competency_rows_by_key", fails_once)
    journal.update_entry(supervision(journal)[0].id, EntryChanges(duration_minutes=120))
    with pytest.raises(OSError, match="disk I/O"):
        journal.endorsement.progress(OPTIONS[0])
    assert failed
    assert_kept_equals_fresh(journal)
