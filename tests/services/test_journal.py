"""The Journal front: the focused services it hands out, and nothing in plaintext on disk."""

from __future__ import annotations

from pathlib import Path

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from reflectjournal.store.envelope import DataKey
from tests.helpers.journals import add_entry, entry_ids
from tests.helpers.leaks import folder_bytes, found_in

CANARY = "zebracanary"  # a word that appears nowhere else


def test_no_plaintext_in_any_file_of_the_journal_folder(
    journal: Journal, journal_dir: Path
) -> None:
    tag = journal.add_user_tag(f"{CANARY} tag")
    add_entry(journal, kind="session", title=f"{CANARY} title", body=f"{CANARY} body",
              answers={"baby": f"{CANARY} answer"}, fields={"client_code": CANARY}, tags=(tag.id,))
    assert journal.search(CANARY)
    journal.backup()
    journal.close()
    for name, data in folder_bytes(journal_dir).items():
        assert found_in(data, CANARY) == [], name


def test_the_front_hands_out_one_service_per_part(journal: Journal) -> None:
    entry = journal.entries.add(EntryChanges(kind="reflection", title="through the service"))
    assert journal.get_entry(entry.id) == entry  # the older method reads the same entries
    assert journal.tags() == journal.tags.all()  # calling the tag service lists tags
    tag = journal.tags.add_user_tag("home visits")
    assert journal.resolve_tag("home visits", "user") == tag
    assert journal.exchange.markdown([entry.id]) == journal.markdown([entry.id])
    assert journal.backups.last_backup() is None
    assert journal.keys.journal_id == journal.journal_id


def test_services_taken_before_a_restore_read_the_restored_journal(journal: Journal) -> None:
    kept = add_entry(journal, title="in the backup")
    source = journal.backup()
    entries, sharing = journal.entries, journal.sharing
    sharing.my_card("Sam Supervisee")
    add_entry(journal, title="after the backup")
    journal.restore_from(source)
    assert entry_ids(entries.summaries()) == [kept.id]
    assert sharing.my_name() == ""  # the name was set after the backup was taken
    assert journal.check().ok


def test_tracing_reports_the_statements_the_journal_runs(journal: Journal) -> None:
    seen: list[str] = []
    journal.trace_sql(seen.append)
    journal.list_entries()
    assert any("FROM entries" in statement for statement in seen)
    journal.trace_sql(None)
    count = len(seen)
    journal.list_entries()
    assert len(seen) == count


def test_closing_forgets_the_data_key(journal: Journal) -> None:
    assert journal.keys.key.key
    journal.close()
    assert journal.keys.key == DataKey(b"", b"")
