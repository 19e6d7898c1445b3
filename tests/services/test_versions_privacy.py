"""Versions and the trash live only inside the encrypted database: no file shows their text."""

from __future__ import annotations

from pathlib import Path

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from tests.helpers.journals import add_entry, open_journal
from tests.helpers.leaks import folder_bytes, found_in

FIRST = "Quokkaversionone Larch"  # only ever in a superseded version
SECOND = "Wombatversiontwo Aspen"  # a version, then current again, then superseded
TRASHED = "Numbattrashed Willow"  # only in the trash, with its earlier version
TRASHED_BEFORE = "Bilbytrashedearlier Rowan"


def _leaks(folder: Path) -> list[str]:
    return [f"{text!r} in {name}" for name, data in folder_bytes(folder).items()
            for text in found_in(data, FIRST, SECOND, TRASHED, TRASHED_BEFORE)]


def test_no_version_or_trashed_text_in_any_file_of_the_journal_folder(
    journal: Journal, journal_dir: Path,
) -> None:
    kept = add_entry(journal, kind="session", title=f"{FIRST} title", body=f"{FIRST} body",
                     answers={"baby": f"{FIRST} answer"})
    journal.update_entry(kept.id, EntryChanges(title=SECOND, body=SECOND, answers={}))
    journal.update_entry(kept.id, EntryChanges(title="plain now", body="nothing to see"))
    journal.entries.restore_version(kept.id, 2)
    journal.update_entry(kept.id, EntryChanges(title="plain again", body="still nothing"))
    gone = add_entry(journal, title=TRASHED_BEFORE, body=TRASHED_BEFORE)
    journal.update_entry(gone.id, EntryChanges(title=TRASHED, body=TRASHED))
    journal.delete_entry(gone.id)
    assert [v.entry.title for v in journal.entries.history(kept.id)][:2] == [
        f"{FIRST} title", SECOND]
    assert journal.entries.trash()[0].entry.title == TRASHED
    assert _leaks(journal_dir) == []  # open: the WAL holds the latest pages
    journal.backup()
    journal.close()
    assert _leaks(journal_dir) == []
    with open_journal(journal_dir) as reopened:
        assert reopened.entries.version(kept.id, 1).entry.body == f"{FIRST} body"
        # Negative control: the same scan finds the text once it is written out in plain.
        (journal_dir / "exported.json").write_bytes(reopened.export_json())
        reopened.entries.restore_from_trash(gone.id)
        (journal_dir / "restored.json").write_bytes(reopened.export_json())
    assert _leaks(journal_dir) == [f"{TRASHED!r} in restored.json"]
