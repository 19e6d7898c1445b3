"""Drafts: the editor's unsaved state kept in the encrypted journal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reflectjournal.domain.draft import changes_from_json, changes_to_json
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.services.journal import Journal, unwrap_key
from reflectjournal.store import schema
from reflectjournal.store.database import Database
from tests.helpers.journals import FAST, PASSPHRASE

FULL = EntryChanges(
    kind="session", date=dt.date(2026, 4, 2), title="Späte Notiz", body="body text",
    answers={"baby": "She watched the door."},
    fields={"setting": "home", "present": ["infant", "parent"]},
    duration_minutes=50, competencies=(TagId("C4"),), themes=(TagId("G1"),), tags=(),
    starred=True,
)


def test_changes_round_trip_through_json() -> None:
    assert changes_from_json(changes_to_json(FULL)) == FULL
    assert changes_from_json(changes_to_json(EntryChanges(title="x"))) == EntryChanges(title="x")


@pytest.mark.parametrize("text", ['[]', '{"title": 3}', '{"answers": {"a": 1}}',
                                  '{"date": "2026-13-01"}', '{"duration_minutes": true}',
                                  '{"themes": "G1"}'])
def test_malformed_draft_json_raises_value_error(text: str) -> None:
    with pytest.raises(ValueError, match=r"draft|date"):
        changes_from_json(text)


NEW_ID = EntryId("0b3a6c9e-2f57-4c1e-9a55-3d7f8b1c2e4d")


def test_a_new_entry_draft_survives_closing(journal_dir: Path, journal: Journal) -> None:
    assert journal.drafts() == []
    journal.save_draft(NEW_ID, FULL, ["home visiting", "NICU"])
    journal.close()
    with Journal.open(journal_dir, PASSPHRASE, FAST) as reopened:
        [draft] = reopened.drafts()
        assert draft.entry_id == NEW_ID
        assert draft.changes == FULL
        assert draft.tag_labels == ("home visiting", "NICU")
        assert [t.label for t in reopened.tags("user")] == []  # labels stay labels
        assert reopened.count_entries() == 0  # a draft is not an entry


def test_saving_the_entry_drops_its_draft_in_one_step(journal: Journal) -> None:
    journal.save_draft(NEW_ID, FULL)
    entry = journal.save_entry(NEW_ID, FULL)
    assert entry.id == NEW_ID
    assert journal.drafts() == []
    assert journal.get_entry(entry.id).title == "Späte Notiz"
    journal.save_draft(entry.id, EntryChanges(title="changed"))
    journal.save_entry(entry.id, EntryChanges(title="changed"), ["home visiting"])
    changed = journal.get_entry(entry.id)
    assert changed.title == "changed"
    assert [journal.tag_labels()[t] for t in changed.tags] == ["home visiting"]
    assert journal.count_entries() == 1
    assert journal.drafts() == []


def test_each_entry_keeps_its_own_draft(journal: Journal) -> None:
    first = journal.add_entry(FULL)
    journal.save_draft(NEW_ID, EntryChanges(kind="reflection", title="left by a crash"))
    journal.save_draft(first.id, EntryChanges(title="typing elsewhere"))
    journal.save_entry(first.id, EntryChanges(title="typing elsewhere"))
    [kept] = journal.drafts()
    assert kept.entry_id == NEW_ID
    assert kept.changes.title == "left by a crash"
    journal.discard_draft(NEW_ID)
    assert journal.draft(NEW_ID) is None


def test_a_failed_save_keeps_the_draft(journal: Journal) -> None:
    journal.save_draft(NEW_ID, FULL)
    with pytest.raises(InvalidInputError, match="kind"):
        journal.save_entry(NEW_ID, EntryChanges(kind="no-such-kind"))
    assert journal.draft(NEW_ID) is not None
    assert journal.count_entries() == 0


def test_draft_of_a_deleted_entry_saves_as_that_entry_again(journal: Journal) -> None:
    entry = journal.add_entry(FULL)
    journal.save_draft(entry.id, EntryChanges(title="edited"))
    journal.delete_entry(entry.id)
    saved = journal.save_entry(EntryId(entry.id), EntryChanges(kind="session", title="edited"))
    assert saved.id == entry.id
    assert journal.count_entries() == 1


def test_an_unreadable_draft_is_dropped(journal: Journal) -> None:
    journal._db.execute(
        "INSERT INTO drafts(slot, entry_uuid, changes, tag_labels, saved_at) "
        "VALUES ('x', 'x', '{\"title\": 5}', '[]', '2026-01-01T00:00')")
    assert journal.drafts() == []  # dropped; the journal still opens and works


def test_a_version_1_journal_is_backed_up_then_gains_drafts(
    journal_dir: Path, journal: Journal
) -> None:
    entry = journal.add_entry(FULL)
    journal.close()
    _, key = unwrap_key(journal_dir, PASSPHRASE, FAST)
    db = Database.open(journal_dir / "journal.db", key)
    with db.transaction():
        db.execute("ALTER TABLE entries DROP COLUMN template")  # version 18
        db.execute("DROP TABLE supervision_marks")  # version 15 (its columns go with 4 and 9)
        db.execute("DROP TABLE personal_words")  # version 13
        db.execute("DROP TABLE word_forms")  # version 12
        db.execute("DROP TABLE sent_versions")  # version 11 (its entry_comments column: 4)
        for table in ("template_prompts", "templates"):  # version 10
            db.execute(f"DROP TABLE {table}")
        for drop in ("TABLE received_fts", "VIEW received_text", "TABLE received_tags",
                     "TABLE received_facts"):  # version 9 (its triggers go with their table)
            db.execute(f"DROP {drop}")
        for index in ("entries_for_progress", "entries_training_names"):  # version 8
            db.execute(f"DROP INDEX {index}")
        db.execute("DROP TABLE session_claims")  # version 7
        for table in ("profile", "provider_qualifications", "providers", "provider_merges",
                      "entry_amendments"):  # version 6
            db.execute(f"DROP TABLE {table}")
        db.execute("DROP INDEX entries_by_provider")
        db.execute("DROP TABLE drafts")
        db.execute("DROP INDEX entries_by_client_code")
        for table in ("entry_versions", "trashed_entries"):  # version 5
            db.execute(f"DROP TABLE {table}")
        for table in ("entry_comments", "review_comments", "received_entries",
                      "received_bundles", "sent_bundles", "confirmed_sessions", "watch_list",
                      "contacts", "sharing_identity"):  # version 4
            db.execute(f"DROP TABLE {table}")
        db.execute("PRAGMA user_version = 1")
    db.close()
    with Journal.open(journal_dir, PASSPHRASE, FAST) as upgraded:
        assert schema.schema_version(upgraded._db) == schema.LATEST
        assert [p.suffix for p in (journal_dir / "backups").iterdir()] == [".rjbackup"]
        assert upgraded.get_entry(entry.id).title == entry.title
        upgraded.save_draft(NEW_ID, FULL)
        assert upgraded.draft(NEW_ID) is not None
