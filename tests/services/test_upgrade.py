"""Journals written by earlier versions open, are backed up, migrated, and keep their entries."""

from __future__ import annotations

from pathlib import Path

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.ids import TagId, new_entry_id
from reflectjournal.domain.search import EntryFilter, SortOrder
from reflectjournal.services.journal import Journal
from reflectjournal.store import schema
from tests.helpers.bundles import share
from tests.helpers.journals import FAST, PASSPHRASE, copy_stored_journal


def _migrated(fixture: str, tmp_path: Path) -> tuple[Journal, Path]:
    """Open a copy of a journal stored at an older schema; return it and its one backup.

    Opening migrates it to the latest schema, after a verified backup of it as it was.
    """
    folder = copy_stored_journal(fixture, tmp_path)
    journal = Journal.open(folder, PASSPHRASE, FAST)
    assert journal.check().schema_version == schema.LATEST
    [backup] = (folder / "backups").glob("before-upgrade-*.rjbackup")  # taken before migrating
    return journal, backup


def test_a_version_1_journal_upgrades_to_the_latest_schema(tmp_path: Path) -> None:
    journal, backup = _migrated("journal-v1", tmp_path)
    with journal:
        entries = journal.get_entries([s.id for s in journal.list_entries()])
        assert [e.title for e in entries] == ["After supervision", "Bath time"]
        bath = entries[1]
        assert bath.fields == {"setting": "home", "client_code": "ACD-EFG"}
        assert bath.duration_minutes == 45
        assert bath.competencies == (TagId("C4.01"),)
        assert bath.themes == (TagId("G1"),)
        assert [s.title for s in journal.search("water")] == ["Bath time"]
        assert journal.client_codes() == ["ACD-EFG"]  # from the version 3 index
        draft_id = new_entry_id()
        journal.save_draft(draft_id, EntryChanges(kind="reflection", title="new"))
        assert journal.draft(draft_id) is not None  # the version 2 table
        assert journal.check().ok
    with Journal.restore_new(tmp_path / "from-backup", backup, PASSPHRASE, FAST) as old:
        assert old.count_entries() == 2  # the backup itself migrates when opened


def test_a_version_3_journal_gains_the_sharing_tables_and_keeps_its_entries(
    tmp_path: Path,
) -> None:
    journal, _backup = _migrated("journal-v3", tmp_path)
    with journal:
        titles = [s.title for s in journal.list_entries()]
        assert titles == ["RSC with my supervisor", "Tummy time"]
        card = journal.sharing.my_card("Sam Rivera", "Clinician")
        assert card.name == "Sam Rivera"
        assert journal.sharing.contacts() == []
        assert journal.check().ok


def test_a_version_4_journal_migrates_and_keeps_the_state_before_its_next_save(
    tmp_path: Path,
) -> None:
    journal, _backup = _migrated("journal-v4", tmp_path)
    with journal:
        titles = [s.title for s in journal.list_entries()]
        assert titles == ["Nap routine", "Walk in the park"]
        [walk] = journal.search("toddler")
        before = journal.get_entry(walk.id)
        assert before.body.endswith("checking in.")
        assert before.competencies == (TagId("C4.01"),)
        assert [v.current for v in journal.entries.history(walk.id)] == [True]
        journal.update_entry(walk.id, EntryChanges(body="rewritten"))
        first, second = journal.entries.history(walk.id)
        assert first.entry == before
        assert second.entry.body == "rewritten"
        journal.delete_entry(walk.id)
        assert journal.search("toddler") == []
        assert [t.entry.title for t in journal.entries.trash()] == ["Walk in the park"]
        assert journal.check().ok


def test_a_version_5_journal_turns_typed_supervisors_into_provider_records(
    tmp_path: Path,
) -> None:
    journal, backup = _migrated("journal-v5", tmp_path)
    with journal:
        providers = journal.providers.all()
        # One record per distinct name as typed: "Dr. Lee" and "Jordan Lee" stay two people
        # until the user merges them; the trashed entry's name has its record too.
        assert [p.name for p in providers] == ["A. Kim", "Dr. Lee", "Jordan Lee", "Sam Ortiz"]
        assert all(p.qualifications == () and p.contact_key is None for p in providers)
        by_name = {p.name: p.id for p in providers}
        records = journal.endorsement_records()
        sessions = {e.title: e for e in journal.get_entries(
            [s.id for s in journal.list_entries(EntryFilter(kinds=("supervision",)))])}
        assert {e.id for e in records.entries if e.kind == "supervision"} == {
            e.id for e in sessions.values()}
        assert set(sessions) == {"RSC January", "RSC February", "Group RSC", "Peer talk",
                                 "No supervisor named"}
        assert sessions["RSC January"].fields == {
            "provider_id": by_name["Dr. Lee"], "format": "individual"}
        assert sessions["RSC February"].fields["provider_id"] == by_name["Dr. Lee"]
        assert sessions["Group RSC"].fields["provider_id"] == by_name["Jordan Lee"]
        assert sessions["Peer talk"].fields == {
            "provider_id": by_name["A. Kim"], "format": "individual", "peer": True}
        assert sessions["No supervisor named"].fields == {"format": "group"}
        assert sessions["RSC January"].duration_minutes == 60
        [training] = [e for e in records.entries if e.kind == "training"]
        assert training.fields["hours_face_to_face"] == 6.0
        # The prep entry is not a session: its free text stays as it was.
        [prep] = journal.list_entries(EntryFilter(kinds=("supervision-prep",)))
        assert journal.get_entry(prep.id).fields == {"supervisor": "Dr. Lee"}
        [trashed] = journal.entries.trash()
        assert trashed.entry.fields["provider_id"] == by_name["Sam Ortiz"]
        restored = journal.entries.restore_from_trash(trashed.entry.id)
        assert "supervisor" not in restored.fields
        # A migrated entry is edited like any other, and merging follows the survivor.
        journal.update_entry(sessions["RSC January"].id, EntryChanges(duration_minutes=50))
        journal.providers.merge("Jordan Lee", "Dr. Lee")
        assert journal.get_entry(sessions["Group RSC"].id).fields["provider_id"] == \
            by_name["Dr. Lee"]
        assert journal.check().ok
    with Journal.restore_new(tmp_path / "from-backup", backup, PASSPHRASE, FAST) as old:
        assert old.count_entries() == 8  # the backup is the journal as it was, and migrates


def test_a_version_8_journal_indexes_what_it_had_received_apart_from_its_entries(
    tmp_path: Path,
) -> None:
    journal, backup = _migrated("journal-v8", tmp_path)
    with journal:
        found = list(journal.received.find("grandmother"))
        assert [i.title for i in found] == ["Grandmother's visit"]
        assert found[0].date == "2026-03"
        assert found[0].answered
        assert not found[0].read
        assert [i.title for i in journal.received.find("rooted")] == ["Grandmother's visit"]
        # Schema 14 noted the received words: other forms find them, as in one's own search.
        assert [i.title for i in journal.received.find("rooting")] == ["Grandmother's visit"]
        assert journal.search("rooting") == []
        where = journal.received.make_filter(competencies=["Observation & listening"],
                                             supervisees=["Sam Rivera"])
        assert [i.title for i in journal.received.find(where=where)] == ["Grandmother's visit"]
        assert journal.search("grandmother") == []  # not in the user's own index
        assert journal.check().ok
    assert backup.stat().st_size > 0


def test_a_version_10_journal_keeps_its_comment_with_the_version_not_known(
    tmp_path: Path,
) -> None:
    journal, backup = _migrated("journal-v10-shared", tmp_path)
    with journal:
        [bath] = journal.list_entries()
        [comment] = journal.sharing.comments_on(bath.id)
        assert comment.text == "What did you notice in yourself?"
        assert comment.version is None  # the reply was written before versions existed
        [answered] = journal.sharing.answered_comments(bath.id)
        assert answered.answered is None
        assert not answered.current
        # Shared before versions were kept: nothing to compare an edit with, so no marker.
        journal.update_entry(bath.id, EntryChanges(body="Edited after the upgrade."))
        assert journal.sharing.share_state(bath.id).shared == ()
        assert journal.sharing.changed_since_shared() == {}
        assert journal.check().ok
    with Journal.restore_new(tmp_path / "from-backup", backup, PASSPHRASE, FAST) as old:
        assert old.count_entries() == 1


def test_a_version_8_journal_finds_word_forms_after_upgrading(tmp_path: Path) -> None:
    journal, backup = _migrated("journal-v8-words", tmp_path)
    with journal:
        assert [s.title for s in journal.search("crying")] == ["Bedtime"]  # "cried"
        assert [s.title for s in journal.search("llorar")] == ["Canciones de cuna"]
        assert [s.title for s in journal.search('"baby cried"')] == ["Bedtime"]
        # A trashed entry's words were not in the table; restoring it records them.
        [trashed] = journal.entries.trash()
        journal.entries.restore_from_trash(trashed.entry.id)
        assert [s.title for s in journal.search("plays")] == ["Nap"]
        oldest = journal.search("cry", order=SortOrder.OLDEST)
        assert [s.title for s in oldest] == ["Bedtime", "Nap"]
        assert journal.check().ok
    with Journal.restore_new(tmp_path / "from-backup", backup, PASSPHRASE, FAST) as old:
        assert old.count_entries() == 2  # the backup is the journal before the upgrade


def test_a_version_12_journal_gains_an_empty_personal_dictionary(tmp_path: Path) -> None:
    journal, backup = _migrated("journal-v12", tmp_path)
    with journal:
        assert journal.spelling.personal_words() == []
        assert journal.spelling.choice() == "auto"
        checker = journal.spelling.checker("en")
        [unknown] = checker.misspellings("Quorvelina")
        journal.spelling.add_word("Quorvelina")
        assert journal.spelling.checker("en").misspellings("Quorvelina") == []
        assert unknown.length == len("Quorvelina")
        assert [s.title for s in journal.search("cry")] == ["Bedtime"]
        assert journal.check().ok
    with Journal.restore_new(tmp_path / "from-backup", backup, PASSPHRASE, FAST) as old:
        assert old.spelling.personal_words() == []  # the backup is from before the word


def test_version_13_journals_gain_the_supervision_loop(tmp_path: Path) -> None:
    sam, sam_backup = _migrated("journal-v13-loop/clinician", tmp_path / "sam")
    ada, ada_backup = _migrated("journal-v13-loop/supervisor", tmp_path / "ada")
    with sam, ada:
        [bath] = sam.list_entries()
        [comment] = sam.sharing.comments_on(bath.id)
        assert (comment.text, comment.question) == ("What did you notice in yourself?", False)
        assert sam.loop.agenda() == []  # a comment from before questions is no agenda item
        assert [r.questions for r in ada.received.caseload()] == [0]
        # The received index's trigger was made again: a mark that comes in now is read.
        sam.loop.bring(bath.id)
        share(sam, [bath.id], tmp_path / "again.rjb", to="Dr. Ada Obi")
        ada.sharing.receive_file(tmp_path / "again.rjb")
        [waiting] = ada.received.waiting_questions()
        assert (waiting.entry_title, waiting.sender_name) == ("Bath time", "Sam Rivera")
        assert [r.questions for r in ada.received.caseload()] == [1]
        assert [i.title for i in ada.received.find("splashed")] == ["Bath time", "Bath time"]
        assert sam.check().ok
        assert ada.check().ok
    for backup, folder in ((sam_backup, "old-sam"), (ada_backup, "old-ada")):
        with Journal.restore_new(tmp_path / folder, backup, PASSPHRASE, FAST) as old:
            assert old.count_entries() == (1 if folder == "old-sam" else 0)


def test_a_version_15_journal_keeps_its_template_as_the_session_default(
    tmp_path: Path,
) -> None:
    journal, backup = _migrated("journal-v15-templates", tmp_path)
    with journal:
        [builtin, visit] = journal.templates.of_kind("session")
        assert (builtin.custom, builtin.is_default) == (False, False)
        assert (visit.template.label, visit.custom, visit.is_default) == (
            "After a home visit", True, True)
        assert visit.template.id.startswith("t-")
        assert len(visit.template.id) == 10
        assert [(p.id, p.label, p.text) for p in visit.template.shown] == [
            ("u-c4ea9f36", "What the baby showed", "What did the baby show me on the visit?"),
            ("u-84f38f9e", "My body", "What did I notice in my body?")]
        assert len(visit.template.prompts) == len(builtin.template.prompts) + 1  # others hidden
        session = journal.catalog.kind("session").prompt_set
        assert (session.label, [p.id for p in session.prompts]) == (
            "After a home visit", ["u-c4ea9f36", "u-84f38f9e"])
        [reflection] = journal.templates.of_kind("reflection")
        assert not reflection.custom
        assert journal.catalog.kind("reflection") == journal.templates.builtin.kind("reflection")
        porch, quiet = journal.get_entries([s.id for s in journal.list_entries(
            order=SortOrder.OLDEST)])
        assert (porch.title, porch.kind, porch.answers) == ("Porch visit", "session", {
            "u-c4ea9f36": "He crawled to the door", "u-84f38f9e": "Tight shoulders"})
        assert (quiet.title, quiet.kind) == ("Quiet week", "reflection")
        assert [s.title for s in journal.search("crawled")] == ["Porch visit"]
        assert journal.check().ok
        # The migrated row behaves as one made today: a second template joins it.
        journal.templates.new("session", "Dyadic session")
        assert journal.templates.get("session") == visit
    with Journal.restore_new(tmp_path / "from-backup", backup, PASSPHRASE, FAST) as old:
        assert [k.template.label for k in old.templates.of_kind("session")] == [
            "Guided session reflection", "After a home visit"]  # from before the new one
