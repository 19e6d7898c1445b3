"""The journal use cases over a real SQLCipher database (fast KDF parameters)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import stat
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from reflectjournal.domain.entry import Entry, EntryChanges
from reflectjournal.domain.errors import (
    BackupError,
    EntryNotFoundError,
    EnvelopeMismatchError,
    ImportFormatError,
    InvalidInputError,
    JournalBusyError,
    JournalDamagedError,
    JournalError,
    JournalExistsError,
    JournalMissingError,
    NewerSchemaError,
    SearchSyntaxError,
    UnsupportedDriverError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.search import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    EntryFilter,
    SortOrder,
    snippet_parts,
)
from reflectjournal.services.journal import Journal, JournalOptions
from reflectjournal.store import backup as backups
from reflectjournal.store import entries as entry_sql
from reflectjournal.store import schema
from reflectjournal.store import tags as tag_sql
from reflectjournal.store.database import Database
from reflectjournal.store.envelope import PRODUCTION_KDF, Envelope, load_envelope
from tests.helpers.journals import FAST, FAST_KDF, PASSPHRASE
from tests.helpers.leaks import found_in

NEW_PASSPHRASE = "a completely different passphrase"
CANARY = "zebracanary"  # a word that appears nowhere else
D1, D2, D3, D4 = (dt.date(2026, 3, day) for day in (2, 5, 8, 10))


def _add(journal: Journal, **values: Any) -> Entry:
    values.setdefault("kind", "reflection")
    return journal.add_entry(EntryChanges(**values))


def _ids(rows: Any) -> list[EntryId]:
    return [row.id for row in rows]


def _files(folder: Path) -> dict[str, bytes]:
    """Return every file under folder with its content."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _open(folder: Path, passphrase: str = PASSPHRASE) -> Journal:
    return Journal.open(folder, passphrase, FAST)


@pytest.fixture
def other_dir(tmp_path: Path) -> Path:
    """Return a folder for a second journal."""
    return tmp_path / "other"


@pytest.fixture
def other(other_dir: Path, make_journal: Callable[[Path], Journal]) -> Journal:
    """Return a second, empty journal."""
    return make_journal(other_dir)


@pytest.fixture
def created(journal_dir: Path) -> tuple[Path, str]:
    """Create a journal holding one entry, close it, and return its folder and recovery key."""
    opened, recovery = Journal.create(journal_dir, PASSPHRASE, FAST)
    with opened:
        _add(opened, title="Kept safe", body="the first entry")
    return journal_dir, recovery


# --- entries -------------------------------------------------------------------------------

def test_add_and_get_an_entry_with_every_value(journal: Journal) -> None:
    added = _add(
        journal, kind="session", date=D1, title="  First   home visit ", body="Body text",
        answers={"baby": "calm", "echoes": "  "},
        fields={"setting": "home", "present": ["infant", "parent", "infant"],
                "client_code": "K7M-RX3"},
        duration_minutes=50, competencies=(TagId("C4.03"),), themes=(TagId("G1"),),
        starred=True,
    )
    assert added.title == "First home visit"
    assert added.answers == {"baby": "calm"}  # blank answers are not kept
    assert added.fields["present"] == ["infant", "parent"]
    assert added.created_at == added.modified_at
    assert added.created_at.tzinfo is not None
    assert journal.get_entry(added.id) == added


def test_get_entry_by_unique_prefix(journal: Journal) -> None:
    added = _add(journal)
    assert journal.get_entry(added.id[:8]).id == added.id
    assert journal.get_entry(added.id.upper()).id == added.id
    with pytest.raises(EntryNotFoundError):
        journal.get_entry(added.id[:3])
    with pytest.raises(EntryNotFoundError):
        journal.get_entry("00000000-0000-4000-8000-000000000000")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (EntryChanges(), "needs a kind"),
        (EntryChanges(kind="diary"), "Unknown entry kind"),
        (EntryChanges(kind="reflection", answers={"no_such_prompt": "x"}), "Unknown prompt"),
        (EntryChanges(kind="reflection", fields={"setting": "home"}), "no field 'setting'"),
        (EntryChanges(kind="session", fields={"setting": "garden"}), "Setting"),
        (EntryChanges(kind="session", duration_minutes=24 * 60 + 1), "duration"),
        (EntryChanges(kind="reflection", title="x" * 301), "title"),
        (EntryChanges(kind="reflection", competencies=(TagId("G1"),)), "not a competency"),
        (EntryChanges(kind="reflection", themes=(TagId("G99"),)), "Unknown tag id 'G99'"),
    ],
)
def test_invalid_entries_are_refused_and_nothing_written(
    journal: Journal, changes: EntryChanges, message: str
) -> None:
    with pytest.raises(InvalidInputError, match=message):
        journal.add_entry(changes)
    assert journal.count_entries() == 0


def test_update_changes_only_what_is_given(journal: Journal) -> None:
    added = _add(journal, title="Before", body="Body", starred=True, themes=(TagId("G2"),))
    updated = journal.update_entry(added.id, EntryChanges(title="After"))
    assert (updated.title, updated.body, updated.starred, updated.themes) == (
        "After", "Body", True, ("G2",)
    )
    assert updated.created_at == added.created_at
    assert updated.modified_at >= added.modified_at
    assert journal.get_entry(added.id) == updated


def test_update_can_clear_duration_and_tags(journal: Journal) -> None:
    added = _add(journal, kind="session", duration_minutes=45, themes=(TagId("G1"),))
    updated = journal.update_entry(added.id, EntryChanges(duration_minutes=0, themes=()))
    assert updated.duration_minutes is None
    assert updated.themes == ()


def test_changing_kind_drops_fields_the_new_kind_lacks(journal: Journal) -> None:
    added = _add(journal, kind="session", fields={"setting": "home", "client_code": "K7M-RX3"})
    moved = journal.update_entry(added.id, EntryChanges(kind="reflection"))
    assert moved.kind == "reflection"
    assert moved.fields == {}


def test_update_of_a_missing_entry(journal: Journal) -> None:
    with pytest.raises(EntryNotFoundError):
        journal.update_entry(EntryId("00000000-0000-4000-8000-000000000000"),
                             EntryChanges(title="x"))


def test_delete_and_undo_restore_the_same_entry(journal: Journal) -> None:
    added = _add(journal, kind="session", title="Undo me", themes=(TagId("G1"),), starred=True)
    deleted = journal.delete_entry(added.id)
    assert deleted == added
    with pytest.raises(EntryNotFoundError):
        journal.get_entry(added.id)
    assert journal.search("undo") == []
    journal.restore_entry(deleted)
    journal.restore_entry(deleted)  # a second undo changes nothing
    assert journal.get_entry(added.id) == added
    assert journal.count_entries() == 1
    assert _ids(journal.search("undo")) == [added.id]


def test_date_change_keeps_the_id_and_moves_the_entry_in_order(journal: Journal) -> None:
    a = _add(journal, date=D1, title="alpha")
    b = _add(journal, date=D1, title="bravo")
    c = _add(journal, date=D2, title="charlie", themes=(TagId("G1"),))
    assert _ids(journal.list_entries()) == [c.id, b.id, a.id]
    moved = journal.update_entry(a.id, EntryChanges(date=D3))
    assert moved.id == a.id
    assert moved.date == D3
    assert _ids(journal.list_entries()) == [a.id, c.id, b.id]
    # Onto a day that has entries: after them.
    journal.update_entry(b.id, EntryChanges(date=D2))
    assert _ids(journal.list_entries()) == [a.id, b.id, c.id]
    # The search index and the tag links follow the move.
    [hit] = journal.search("alpha")
    assert (hit.id, hit.date) == (a.id, D3)
    assert journal.get_entry(c.id).themes == ("G1",)


def test_entries_on_one_day_keep_their_creation_order(journal: Journal) -> None:
    first = _add(journal, date=D1)
    second = _add(journal, date=D1)
    third = _add(journal, date=D1)
    assert _ids(journal.list_entries()) == [third.id, second.id, first.id]
    assert _ids(journal.list_entries(order=SortOrder.OLDEST)) == [first.id, second.id, third.id]


def test_list_newest_and_oldest_with_paging(journal: Journal) -> None:
    entries = [_add(journal, date=day) for day in (D3, D1, D4, D2)]
    by_date = sorted(entries, key=lambda e: e.date)
    assert _ids(journal.list_entries()) == [e.id for e in reversed(by_date)]
    assert _ids(journal.list_entries(order=SortOrder.OLDEST)) == [e.id for e in by_date]
    assert _ids(journal.list_entries(limit=2, offset=1)) == [by_date[2].id, by_date[1].id]
    summary = journal.list_entries(limit=1)[0]
    assert (summary.date, summary.snippet) == (D4, "")


# --- filters -------------------------------------------------------------------------------

@pytest.fixture
def tagged(journal: Journal) -> dict[str, Entry]:
    """Add four entries with different kinds, dates, tags and stars."""
    home = journal.add_user_tag("Home visits")
    return {
        "s1": _add(journal, kind="session", date=D1, competencies=(TagId("C4.03"),),
                   themes=(TagId("G1"),), starred=True),
        "s2": _add(journal, kind="session", date=D2, competencies=(TagId("C4"),),
                   tags=(home.id,)),
        "r1": _add(journal, kind="reflection", date=D3, competencies=(TagId("C6.01"),),
                   themes=(TagId("G1"),), tags=(home.id,)),
        "t1": _add(journal, kind="training", date=D4, starred=True),
    }


def _names(journal: Journal, tagged: dict[str, Entry], where: EntryFilter) -> set[str]:
    found = set(_ids(journal.list_entries(where)))
    assert journal.count_entries(where) == len(found)
    return {name for name, entry in tagged.items() if entry.id in found}


def _group(journal: Journal, name: str, family: Any) -> tuple[TagId, ...]:
    return journal.tag_group(journal.resolve_tag(name, family))


def test_filter_by_kind(journal: Journal, tagged: dict[str, Entry]) -> None:
    assert _names(journal, tagged, EntryFilter(kinds=("session",))) == {"s1", "s2"}
    assert _names(journal, tagged, EntryFilter(kinds=("session", "training"))) == {
        "s1", "s2", "t1",
    }


def test_filter_by_date_range_includes_both_ends(
    journal: Journal, tagged: dict[str, Entry]
) -> None:
    assert _names(journal, tagged, EntryFilter(date_from=D2, date_to=D3)) == {"s2", "r1"}
    assert _names(journal, tagged, EntryFilter(date_from=D3)) == {"r1", "t1"}
    assert _names(journal, tagged, EntryFilter(date_to=D1)) == {"s1"}


def test_level_one_competency_matches_its_knowledge_areas(
    journal: Journal, tagged: dict[str, Entry]
) -> None:
    group = _group(journal, "Direct Service Skills", "competency")
    assert group[0] == "C4"
    assert "C4.03" in group
    assert _names(journal, tagged, EntryFilter(tag_groups=(group,))) == {"s1", "s2"}
    level2 = _group(journal, "C4.03", "competency")
    assert level2 == ("C4.03",)
    assert _names(journal, tagged, EntryFilter(tag_groups=(level2,))) == {"s1"}


def test_filter_by_theme_user_tag_and_star(journal: Journal, tagged: dict[str, Entry]) -> None:
    theme = _group(journal, "unresolved loss", "theme")
    user = _group(journal, "home visits", "user")
    assert _names(journal, tagged, EntryFilter(tag_groups=(theme,))) == {"s1", "r1"}
    assert _names(journal, tagged, EntryFilter(tag_groups=(user,))) == {"s2", "r1"}
    assert _names(journal, tagged, EntryFilter(starred=True)) == {"s1", "t1"}


def test_filter_conditions_combine_with_and(journal: Journal, tagged: dict[str, Entry]) -> None:
    theme = _group(journal, "G1", "theme")
    user = _group(journal, "Home visits", "user")
    c4 = _group(journal, "C4", "competency")
    assert _names(journal, tagged, EntryFilter(kinds=("session",), tag_groups=(theme,))) == {"s1"}
    assert _names(journal, tagged, EntryFilter(tag_groups=(theme, user))) == {"r1"}
    assert _names(journal, tagged, EntryFilter(tag_groups=(c4, user))) == {"s2"}
    assert _names(journal, tagged, EntryFilter(starred=True, kinds=("training",))) == {"t1"}
    assert _names(journal, tagged, EntryFilter(starred=True, date_from=D2, date_to=D3)) == set()


def test_tag_counts(journal: Journal, tagged: dict[str, Entry]) -> None:
    counts = journal.tag_counts()
    assert counts[TagId("G1")] == 2
    assert counts[TagId("C4")] == 1  # children are not rolled up
    assert TagId("G2") not in counts


# --- search --------------------------------------------------------------------------------

def test_title_matches_rank_above_body_matches(journal: Journal) -> None:
    in_title = _add(journal, date=D1, title="Attachment", body="notes about the visit today")
    in_body = _add(journal, date=D2, title="Visit notes", body="notes about attachment today")
    assert _ids(journal.search("attachment")) == [in_title.id, in_body.id]
    assert _ids(journal.search("attachment", order=SortOrder.NEWEST)) == [in_body.id, in_title.id]


def test_search_snippets_mark_the_matched_words(journal: Journal) -> None:
    _add(journal, title="Visit", body="The mother held the baby close after the feed.")
    [hit] = journal.search("baby")
    assert f"{HIGHLIGHT_START}baby{HIGHLIGHT_END}" in hit.snippet
    assert ("baby", True) in snippet_parts(hit.snippet)


def test_search_prefixes(journal: Journal) -> None:
    entry = _add(journal, body="thinking about attachment and loss")
    assert journal.search("attach") == []
    assert _ids(journal.search("attach*")) == [entry.id]
    assert _ids(journal.search("loss attach", prefix_last=True)) == [entry.id]
    assert journal.count_entries(query="attach*") == 1


def test_search_plain_text_with_punctuation_and_accents(journal: Journal) -> None:
    entry = _add(journal, body="A 7-month-old at the crèche; don't rush.")
    assert _ids(journal.search("7-month-old")) == [entry.id]
    assert _ids(journal.search("creche")) == [entry.id]
    assert _ids(journal.search("don't")) == [entry.id]


def test_search_reads_answers_but_not_prompt_ids(journal: Journal) -> None:
    entry = _add(journal, kind="session", answers={"echoes": "her grandmother's kitchen"})
    assert _ids(journal.search("grandmother")) == [entry.id]
    assert journal.search("echoes") == []


def test_search_follows_edits(journal: Journal) -> None:
    entry = _add(journal, title="Old words", body="first draft")
    journal.update_entry(entry.id, EntryChanges(title="New words", body="second draft"))
    assert journal.search("old") == []
    assert journal.search("first") == []
    assert _ids(journal.search("second")) == [entry.id]


def test_search_with_a_filter(journal: Journal) -> None:
    session = _add(journal, kind="session", body="feeding")
    _add(journal, kind="reflection", body="feeding")
    assert _ids(journal.search("feeding", EntryFilter(kinds=("session",)))) == [session.id]


def test_advanced_search_syntax_works(journal: Journal) -> None:
    entry = _add(journal, title="grief", body="loss")
    _add(journal, title="loss", body="other")
    assert _ids(journal.search("title:grief")) == [entry.id]
    assert _ids(journal.search('"grief" AND "loss"')) == [entry.id]


def test_empty_search_lists_entries(journal: Journal) -> None:
    entry = _add(journal)
    assert _ids(journal.search("  ")) == [entry.id]


@pytest.mark.parametrize("query", ['"unbalanced', "grief AND", "nosuchcolumn:grief", "NEAR("])
def test_search_syntax_errors_are_reported(journal: Journal, query: str) -> None:
    _add(journal, body="grief")
    with pytest.raises(SearchSyntaxError, match="could not be understood"):
        journal.search(query)
    with pytest.raises(SearchSyntaxError):
        journal.count_entries(query=query)


# --- tags ----------------------------------------------------------------------------------

def test_unknown_tag_names_suggest_close_matches(journal: Journal) -> None:
    with pytest.raises(InvalidInputError, match="Unknown competency 'Atachment'") as info:
        journal.resolve_tag("Atachment", "competency")
    assert "Attachment, separation, trauma, grief & loss" in info.value.hint
    with pytest.raises(InvalidInputError, match="Unknown theme"):
        journal.resolve_tag("G99", "theme")


def test_resolve_tag_by_id_label_and_alias(journal: Journal) -> None:
    assert journal.resolve_tag("c4.10", "competency").id == "C4.10"
    assert journal.resolve_tag("RSC", "competency").id == "C4.10"
    assert journal.resolve_tag("re-enactment", "theme").id == "G2"


def test_user_tags_are_created_once(journal: Journal) -> None:
    tag = journal.add_user_tag("  Home   visits ")
    assert tag.id.startswith("u-")
    assert (tag.family, tag.label) == ("user", "Home visits")
    assert journal.add_user_tag("HOME VISITS").id == tag.id
    assert journal.resolve_tag("new one", "user", create=True).label == "new one"
    assert [t.label for t in journal.tags("user")] == ["Home visits", "new one"]
    with pytest.raises(InvalidInputError):
        journal.resolve_tag("missing", "user")


@pytest.mark.parametrize("label", ["", "   ", "x" * 81])
def test_user_tag_names_must_be_reasonable(journal: Journal, label: str) -> None:
    with pytest.raises(InvalidInputError):
        journal.add_user_tag(label)


def test_renaming_a_tag_keeps_its_id_and_entries(journal: Journal) -> None:
    tag = journal.add_user_tag("NICU")
    entry = _add(journal, tags=(tag.id,))
    renamed = journal.rename_tag(tag.id, "Hospital")
    assert renamed.id == tag.id
    assert journal.get_entry(entry.id).tags == (tag.id,)
    assert journal.tag_labels()[tag.id] == "Hospital"
    assert journal.resolve_tag("hospital", "user").id == tag.id
    with pytest.raises(InvalidInputError):
        journal.rename_tag(TagId("u-00000000"), "x")


def test_retired_tags_stay_on_entries_and_in_filters(journal: Journal) -> None:
    tag = journal.add_user_tag("Old project")
    entry = _add(journal, tags=(tag.id,))
    assert journal.retire_tag(tag.id).retired
    assert tag.id not in [t.id for t in journal.tags("user", include_retired=False)]
    assert journal.get_entry(entry.id).tags == (tag.id,)
    where = EntryFilter(tag_groups=((tag.id,),))
    assert _ids(journal.list_entries(where)) == [entry.id]
    assert journal.add_user_tag("old project").id == tag.id  # naming it again revives it
    assert not journal.tags("user")[0].retired


def test_taxonomy_sync_retires_tags_the_resources_drop(journal: Journal) -> None:
    entry = _add(journal, competencies=(TagId("C4.03"),), themes=(TagId("G1"),))
    shipped = journal.catalog.competencies + journal.catalog.themes
    db: Database = journal._db
    with db.transaction():
        tag_sql.sync_builtin(db, [t for t in shipped if t.id != "G1"])
    g1 = tag_sql.get(db, TagId("G1"))
    assert g1.retired
    assert g1.label == "Unresolved loss"
    assert journal.get_entry(entry.id).themes == ("G1",)
    assert "G1" not in [t.id for t in journal.tags("theme", include_retired=False)]
    assert _ids(journal.list_entries(EntryFilter(tag_groups=((TagId("G1"),),)))) == [entry.id]
    with db.transaction():
        tag_sql.sync_builtin(db, shipped)
    assert not tag_sql.get(db, TagId("G1")).retired


def test_taxonomy_sync_keeps_a_label_the_user_chose(journal: Journal) -> None:
    journal.rename_tag(TagId("C4.03"), "Empathy")
    db: Database = journal._db
    with db.transaction():
        tag_sql.sync_builtin(db, journal.catalog.competencies + journal.catalog.themes)
    assert journal.tag_labels()["C4.03"] == "Empathy"
    assert journal.tag_labels()["C4.02"] == "Screening & assessment"


def test_taxonomy_sync_leaves_user_tags_alone(journal: Journal) -> None:
    tag = journal.add_user_tag("Mine")
    db: Database = journal._db
    with db.transaction():
        tag_sql.sync_builtin(db, [])
    assert not tag_sql.get(db, tag.id).retired
    assert tag_sql.get(db, TagId("C1")).retired


def test_client_codes_are_offered_most_recent_first(journal: Journal) -> None:
    _add(journal, kind="session", date=D1, fields={"client_code": "K7M-RX3"})
    _add(journal, kind="session", date=D2, fields={"client_code": "ACD-EFH"})
    _add(journal, kind="session", date=D3, fields={"client_code": "K7M-RX3"})
    _add(journal, kind="session", date=D4, fields={"client_code": ""})
    _add(journal, kind="reflection", date=D4)
    assert journal.client_codes() == ["K7M-RX3", "ACD-EFH"]


# --- passphrase and recovery ---------------------------------------------------------------

def test_passphrase_change_leaves_the_database_untouched(
    journal: Journal, journal_dir: Path
) -> None:
    _add(journal, title="Kept safe")
    db_hash = _digest(journal_dir / "journal.db")
    before = {name: data for name, data in _files(journal_dir).items() if name != "journal.key"}
    key_before = (journal_dir / "journal.key").read_bytes()
    journal.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    assert _digest(journal_dir / "journal.db") == db_hash
    # Nor any other file but the key file (the -wal and -shm included).
    assert {n: d for n, d in _files(journal_dir).items() if n != "journal.key"} == before
    assert (journal_dir / "journal.key").read_bytes() != key_before
    journal.close()
    with pytest.raises(WrongPassphraseError):
        _open(journal_dir)
    with _open(journal_dir, NEW_PASSPHRASE) as reopened:
        assert [e.title for e in reopened.list_entries()] == ["Kept safe"]


def test_passphrase_change_needs_the_current_one_and_a_good_new_one(
    journal: Journal, journal_dir: Path
) -> None:
    before = (journal_dir / "journal.key").read_bytes()
    with pytest.raises(WrongPassphraseError):
        journal.change_passphrase(NEW_PASSPHRASE, "another good passphrase")
    with pytest.raises(InvalidInputError):
        journal.change_passphrase(PASSPHRASE, "short")
    assert (journal_dir / "journal.key").read_bytes() == before


def test_recovery_sets_a_new_passphrase(created: tuple[Path, str]) -> None:
    folder, recovery = created
    with Journal.recover(folder, recovery.lower(), NEW_PASSPHRASE, FAST) as recovered:
        assert [e.title for e in recovered.list_entries()] == ["Kept safe"]
    with pytest.raises(WrongPassphraseError):
        _open(folder)
    _open(folder, NEW_PASSPHRASE).close()


def test_recovery_requires_a_valid_new_passphrase(created: tuple[Path, str]) -> None:
    folder, recovery = created
    before = _files(folder)
    with pytest.raises(InvalidInputError):
        Journal.recover(folder, recovery, "short", FAST)
    assert _files(folder) == before
    _open(folder).close()


def test_wrong_recovery_key_changes_nothing(created: tuple[Path, str]) -> None:
    folder, recovery = created
    before = _files(folder)
    typo = ("A" if recovery[0] != "A" else "C") + recovery[1:]
    with pytest.raises(WrongRecoveryKeyError):
        Journal.recover(folder, typo, NEW_PASSPHRASE, FAST)
    assert _files(folder) == before
    _open(folder).close()  # the lock was given back


def test_new_recovery_key_invalidates_the_old_one(created: tuple[Path, str]) -> None:
    folder, old = created
    with _open(folder) as opened:
        new = opened.new_recovery_key()
    assert new != old
    with pytest.raises(WrongRecoveryKeyError):
        Journal.recover(folder, old, NEW_PASSPHRASE, FAST)
    Journal.recover(folder, new, NEW_PASSPHRASE, FAST).close()


# --- creating and opening ------------------------------------------------------------------

def test_new_journal_is_private_and_healthy(journal: Journal, journal_dir: Path) -> None:
    assert stat.S_IMODE(journal_dir.stat().st_mode) == 0o700
    for name in ("journal.db", "journal.key"):
        assert stat.S_IMODE((journal_dir / name).stat().st_mode) == 0o600
    report = journal.check()
    assert report.ok
    assert report.problems == ()
    assert report.schema_version == schema.LATEST
    assert report.cipher_version.startswith("4.")
    assert report.entries == 0
    assert report.last_backup is None


def test_create_refuses_a_weak_passphrase_before_touching_the_disk(journal_dir: Path) -> None:
    with pytest.raises(InvalidInputError):
        Journal.create(journal_dir, "short", FAST)
    assert not journal_dir.exists()


def test_create_over_an_existing_journal_is_refused(journal: Journal, journal_dir: Path) -> None:
    _add(journal)
    before = _files(journal_dir)
    with pytest.raises(JournalExistsError, match="left untouched"):
        Journal.create(journal_dir, NEW_PASSPHRASE, FAST)
    assert _files(journal_dir) == before


@pytest.mark.parametrize("survivor", ["journal.db", "journal.key"])
def test_create_over_half_a_journal_is_refused(created: tuple[Path, str], survivor: str) -> None:
    folder, _ = created
    for name in ("journal.db", "journal.key"):
        if name != survivor:
            (folder / name).unlink()
    before = _files(folder)
    with pytest.raises(JournalExistsError):
        Journal.create(folder, NEW_PASSPHRASE, FAST)
    assert _files(folder) == before


def test_create_in_an_existing_empty_folder(journal_dir: Path) -> None:
    journal_dir.mkdir()
    Journal.create(journal_dir, PASSPHRASE, FAST)[0].close()
    _open(journal_dir).close()


def test_missing_journal_mentions_init(tmp_path: Path) -> None:
    folder = tmp_path / "nowhere"
    with pytest.raises(JournalMissingError) as info:
        _open(folder)
    assert "init" in str(info.value)
    assert not folder.exists()


@pytest.mark.parametrize("missing", ["journal.db", "journal.key"])
def test_a_missing_half_is_damage(created: tuple[Path, str], missing: str) -> None:
    folder, _ = created
    (folder / missing).unlink()
    with pytest.raises(JournalDamagedError):
        _open(folder)


def test_a_second_open_is_refused_while_the_journal_is_open(
    journal: Journal, journal_dir: Path
) -> None:
    with pytest.raises(JournalBusyError, match="open in another window or process"):
        _open(journal_dir)


def test_opening_with_sqlite3_is_refused(created: tuple[Path, str]) -> None:
    folder, _ = created
    before = _files(folder)
    with pytest.raises(UnsupportedDriverError):
        Journal.open(folder, PASSPHRASE, JournalOptions(driver=sqlite3, kdf=FAST_KDF))
    assert _files(folder) == before


def test_wrong_passphrase_leaves_every_file_byte_identical(created: tuple[Path, str]) -> None:
    folder, _ = created
    before = _files(folder)
    with pytest.raises(WrongPassphraseError):
        _open(folder, NEW_PASSPHRASE)
    assert _files(folder) == before
    assert not (folder / "journal.db-wal").exists()
    _open(folder).close()  # the lock was given back


def test_production_policy_refuses_a_weak_key_file(created: tuple[Path, str]) -> None:
    folder, _ = created
    with pytest.raises(JournalDamagedError, match="outside the safe range"):
        Journal.open(folder, PASSPHRASE, JournalOptions(kdf=PRODUCTION_KDF))


def test_swapped_key_file_is_a_mismatch(created: tuple[Path, str], other_dir: Path) -> None:
    folder, _ = created
    Journal.create(other_dir, PASSPHRASE, FAST)[0].close()
    shutil.copy(other_dir / "journal.key", folder / "journal.key")
    before = _files(folder)
    with pytest.raises(EnvelopeMismatchError):
        _open(folder)
    assert _files(folder) == before


def test_key_file_of_another_journal_id_is_a_mismatch(created: tuple[Path, str]) -> None:
    folder, _ = created
    envelope = load_envelope(folder / "journal.key")
    key = envelope.unwrap_with_passphrase(PASSPHRASE, FAST_KDF)
    forged = Envelope("00000000-0000-4000-8000-000000000000", envelope.salt, {})
    forged = forged.with_passphrase(key, PASSPHRASE, envelope.passphrase_params)
    forged, _ = forged.with_recovery_key(key)
    forged.save(folder / "journal.key")
    with pytest.raises(EnvelopeMismatchError, match="belongs to another journal"):
        _open(folder)


def test_newer_schema_is_refused_and_files_untouched(created: tuple[Path, str]) -> None:
    folder, _ = created
    key = load_envelope(folder / "journal.key").unwrap_with_passphrase(PASSPHRASE, FAST_KDF)
    db = Database.open(folder / "journal.db", key)
    db.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    db.close()
    before = _files(folder)
    with pytest.raises(NewerSchemaError):
        _open(folder)
    assert _files(folder) == before
    assert not list(folder.glob("backups/*"))


def _flip(offset: int) -> Any:
    def damage(path: Path) -> None:
        data = bytearray(path.read_bytes())
        data[offset] ^= 0xFF
        path.write_bytes(bytes(data))
    return damage


def _truncate_half(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    "damage",
    [_flip(4096 * 2 + 100), _flip(200), _truncate_half],
    ids=["page-3", "page-1", "truncated"],
)
def test_damaged_database_is_reported_as_damaged(created: tuple[Path, str], damage: Any) -> None:
    folder, _ = created
    with _open(folder) as opened:
        for i in range(20):
            _add(opened, title=f"entry {i}", body="some words to fill pages " * 40)
    database = folder / "journal.db"
    assert database.stat().st_size > 4096 * 4
    damage(database)
    try:
        with _open(folder) as opened:
            report = opened.check()
    except JournalDamagedError:
        return  # found at open or by check(); never "wrong passphrase"
    assert not report.ok, "damage went unnoticed"


# --- export and import ---------------------------------------------------------------------

@pytest.fixture
def rich(journal: Journal) -> list[Entry]:
    """Fill the journal with entries using every kind of value."""
    home = journal.add_user_tag("Home visits")
    nicu = journal.add_user_tag("NICU")
    old = journal.add_user_tag("Old project")
    journal.rename_tag(nicu.id, "Hospital")
    entries = [
        _add(journal, kind="session", date=D1, title="Feeding 👶", body="Line one\nline two",
             answers={"baby": "hungry?", "echoes": "grandmother"},
             fields={"setting": "home", "present": ["infant", "parent"], "age_band": "7-11m",
                     "client_code": "K7M-RX3", "feelings": "tender"},
             duration_minutes=50, competencies=(TagId("C4.03"), TagId("C1")),
             themes=(TagId("G1"), TagId("P2")), tags=(home.id, nicu.id), starred=True),
        _add(journal, kind="training", date=D2, title="Course",
             fields={"provider": "Assoc.", "hours_face_to_face": 16.5, "hours_independent": 6,
                     "about_rsc": True, "dei": False}),
        _add(journal, kind="reflection", date=D3, tags=(old.id,)),
    ]
    journal.retire_tag(old.id)
    return [journal.get_entry(e.id) for e in entries]


def _sorted_tags(entries: list[Entry]) -> list[Entry]:
    # The order of user tags on an entry follows each journal's own tag order.
    return [replace(e, tags=tuple(sorted(e.tags))) for e in entries]


def test_export_import_round_trip_is_lossless(
    journal: Journal, rich: list[Entry], other: Journal
) -> None:
    result = other.import_json(journal.export_json())
    assert (result.added, result.skipped) == (3, 0)
    ids = [e.id for e in rich]
    assert _sorted_tags(other.get_entries(ids)) == _sorted_tags(rich)
    theirs = {t.id: t for t in other.tags("user")}
    for tag in journal.tags("user"):
        assert (theirs[tag.id].label, theirs[tag.id].retired) == (tag.label, tag.retired)
    assert _ids(other.search("grandmother")) == [rich[0].id]
    assert other.client_codes() == ["K7M-RX3"]


def test_import_skips_entries_that_exist(
    journal: Journal, rich: list[Entry], other: Journal
) -> None:
    starred = journal.export_json(EntryFilter(starred=True))
    assert other.import_json(starred).added == 1
    result = other.import_json(journal.export_json())
    assert (result.added, result.skipped) == (2, 1)
    result = other.import_json(journal.export_json())
    assert (result.added, result.skipped) == (0, 3)
    assert other.count_entries() == 3


def test_export_of_a_search(journal: Journal, rich: list[Entry]) -> None:
    doc = json.loads(journal.export_json(query="feeding"))
    assert [e["id"] for e in doc["entries"]] == [rich[0].id]


def _broken_exports(journal: Journal) -> list[bytes]:
    good = json.loads(journal.export_json())
    bad_date = json.loads(json.dumps(good))
    bad_date["entries"][2]["date"] = "2026-13-01"
    clash = json.loads(json.dumps(good))  # a new user tag, then a family clash
    clash["tags"].append({"id": "G2", "family": "user", "label": "x", "parent": None,
                          "retired": False})
    return [json.dumps(bad_date).encode(), json.dumps(clash).encode()]


def test_malformed_import_writes_nothing(
    journal: Journal, rich: list[Entry], other: Journal, other_dir: Path
) -> None:
    bad_date, clash = _broken_exports(journal)
    with pytest.raises(ImportFormatError, match=r"entries\[2\].date"):
        other.import_json(bad_date)
    with pytest.raises(JournalError, match="G2"):
        other.import_json(clash)
    assert other.count_entries() == 0
    assert other.tags("user") == []


def test_unknown_kind_in_an_import_writes_nothing(
    journal: Journal, rich: list[Entry], other: Journal
) -> None:
    doc = json.loads(journal.export_json())
    doc["entries"][1]["kind"] = "diary"
    with pytest.raises(JournalError, match=r"entries\[1\].kind"):
        other.import_json(json.dumps(doc).encode())
    assert other.count_entries() == 0


def test_import_of_invalid_unicode_writes_nothing(
    journal: Journal, rich: list[Entry], other: Journal
) -> None:
    doc = json.loads(journal.export_json())
    doc["entries"][2]["title"] = "not text \ud800"  # unstorable: an unpaired surrogate
    with pytest.raises(ImportFormatError, match=r"entries\[2\].title"):
        other.import_json(json.dumps(doc).encode())
    assert other.count_entries() == 0
    assert other.tags("user") == []


def test_imported_entries_stay_editable(journal: Journal, other: Journal) -> None:
    # Another journal may define other fields (resources are user-editable): an import must
    # either refuse such an entry or leave it editable, never accept it and lock it.
    entry = _add(journal, kind="reflection", title="from elsewhere")
    doc = json.loads(journal.export_json())
    doc["entries"][0]["fields"] = {"mood": "tired"}
    try:
        other.import_json(json.dumps(doc).encode())
    except ImportFormatError:
        assert other.count_entries() == 0
        return
    starred = other.update_entry(entry.id, EntryChanges(starred=True))
    assert starred.starred


# --- no plaintext on disk ------------------------------------------------------------------

def test_no_plaintext_in_any_file_of_the_journal_folder(
    journal: Journal, journal_dir: Path
) -> None:
    tag = journal.add_user_tag(f"{CANARY} tag")
    _add(journal, kind="session", title=f"{CANARY} title", body=f"{CANARY} body",
         answers={"baby": f"{CANARY} answer"}, fields={"client_code": CANARY}, tags=(tag.id,))
    assert journal.search(CANARY)
    journal.backup()
    journal.close()
    for name, data in _files(journal_dir).items():
        assert found_in(data, CANARY) == [], name


# --- backups -------------------------------------------------------------------------------

def test_backup_is_a_verified_archive_with_the_key_file(
    journal: Journal, journal_dir: Path
) -> None:
    _add(journal)
    path = journal.backup()
    assert path.parent == journal_dir / "backups"
    assert path.suffix == ".rjbackup"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with zipfile.ZipFile(path) as archive:
        assert set(archive.namelist()) == {"manifest.json", "journal.key", "journal.db"}
        manifest = json.loads(archive.read("manifest.json"))
        assert archive.read("journal.key") == (journal_dir / "journal.key").read_bytes()
    assert (manifest["journal_id"], manifest["entries"]) == (journal.journal_id, 1)
    assert journal.last_backup() is not None
    assert journal.check().last_backup == journal.last_backup()
    assert [p.name for p in (journal_dir / "backups").iterdir()] == [path.name]


def test_two_backups_in_a_row_both_succeed(journal: Journal) -> None:
    first = journal.backup()
    second = journal.backup()
    assert first != second
    assert first.exists()
    assert second.exists()


def test_rotation_drops_the_oldest_automatic_backups(
    journal: Journal, journal_dir: Path
) -> None:
    # Usually all three fall within one second, so this checks how such names sort.
    made = [journal.backup(automatic=True) for _ in range(3)]
    backups.rotate(journal_dir / "backups", keep=2)
    assert sorted(p.name for p in (journal_dir / "backups").iterdir()) == sorted(
        p.name for p in made[1:]
    )


def test_backup_never_overwrites(journal: Journal, tmp_path: Path) -> None:
    dest = tmp_path / "mine.rjbackup"
    dest.write_bytes(b"precious")
    with pytest.raises(JournalError, match="already exists"):
        journal.backup(dest)
    assert dest.read_bytes() == b"precious"


def test_restore_from_brings_back_deleted_entries(
    journal: Journal, journal_dir: Path, tmp_path: Path
) -> None:
    kept = _add(journal, title="kept")
    lost = _add(journal, title="lost later")
    path = journal.backup(tmp_path / "saved.rjbackup")
    journal.delete_entry(lost.id)
    _add(journal, title="added after")
    info = journal.restore_from(path)
    assert info.entries == 2
    assert {e.title for e in journal.get_entries([kept.id, lost.id])} == {"kept", "lost later"}
    assert journal.count_entries() == 2
    assert _ids(journal.search("lost")) == [lost.id]
    _add(journal, title="still writable")
    assert journal.check().ok


def test_restore_from_keeps_an_automatic_backup_of_what_it_replaced(
    journal: Journal, journal_dir: Path, tmp_path: Path
) -> None:
    path = journal.backup(tmp_path / "saved.rjbackup")
    _add(journal, title="only in the replaced state")
    journal.restore_from(path)
    [automatic] = (journal_dir / "backups").glob("auto-*.rjbackup")
    with Journal.restore_new(tmp_path / "look", automatic, PASSPHRASE, FAST) as restored:
        assert [e.title for e in restored.list_entries()] == ["only in the replaced state"]


def test_restore_from_keeps_the_current_passphrase(
    journal: Journal, journal_dir: Path, tmp_path: Path
) -> None:
    path = journal.backup(tmp_path / "saved.rjbackup")
    journal.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    journal.restore_from(path)
    journal.close()
    _open(journal_dir, NEW_PASSPHRASE).close()


def test_restore_from_refuses_another_journals_backup(
    journal: Journal, other: Journal, journal_dir: Path, tmp_path: Path
) -> None:
    mine = _add(journal, title="mine")
    _add(other, title="theirs")
    theirs = other.backup(tmp_path / "theirs.rjbackup")
    with pytest.raises(JournalError, match="different journal"):
        journal.restore_from(theirs)
    assert _ids(journal.list_entries()) == [mine.id]
    assert not list(journal_dir.glob("backups/*"))  # refused before the safety backup
    assert not list(journal_dir.glob(".restore-*"))


@pytest.mark.parametrize("content", [b"", b"PK\x03\x04 not really", b"plain text"])
def test_restore_from_a_damaged_backup_changes_nothing(
    journal: Journal, tmp_path: Path, content: bytes
) -> None:
    entry = _add(journal)
    bad = tmp_path / "bad.rjbackup"
    bad.write_bytes(content)
    with pytest.raises(BackupError):
        journal.restore_from(bad)
    assert _ids(journal.list_entries()) == [entry.id]


def test_restore_from_a_truncated_backup_changes_nothing(
    journal: Journal, tmp_path: Path
) -> None:
    entry = _add(journal, body="words " * 2000)
    path = journal.backup(tmp_path / "saved.rjbackup")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(BackupError):
        journal.restore_from(path)
    assert _ids(journal.list_entries()) == [entry.id]


def test_restore_new_into_an_empty_folder(tmp_path: Path, journal_dir: Path) -> None:
    opened, recovery = Journal.create(journal_dir, PASSPHRASE, FAST)
    with opened:
        entry = _add(opened, title="carried over")
        path = opened.backup(tmp_path / "saved.rjbackup")
        journal_id = opened.journal_id
    target = tmp_path / "new"
    with Journal.restore_new(target, path, PASSPHRASE, FAST) as restored:
        assert restored.journal_id == journal_id
        assert restored.get_entry(entry.id).title == "carried over"
        assert restored.check().ok
    Journal.recover(target, recovery, NEW_PASSPHRASE, FAST).close()


def test_restore_new_with_the_wrong_passphrase_leaves_no_journal(
    journal: Journal, tmp_path: Path
) -> None:
    path = journal.backup(tmp_path / "saved.rjbackup")
    target = tmp_path / "new"
    with pytest.raises(WrongPassphraseError):
        Journal.restore_new(target, path, NEW_PASSPHRASE, FAST)
    assert not (target / "journal.db").exists()
    assert not (target / "journal.key").exists()
    Journal.restore_new(target, path, PASSPHRASE, FAST).close()


def test_restore_new_refuses_an_existing_journal(
    journal: Journal, journal_dir: Path, tmp_path: Path
) -> None:
    path = journal.backup(tmp_path / "saved.rjbackup")
    journal.close()
    before = _files(journal_dir)
    with pytest.raises(JournalExistsError):
        Journal.restore_new(journal_dir, path, PASSPHRASE, FAST)
    assert _files(journal_dir) == before


# --- production key derivation -------------------------------------------------------------

@pytest.mark.slow
def test_production_kdf_meets_the_floors_and_unlocks(journal_dir: Path) -> None:
    opened, _ = Journal.create(journal_dir, PASSPHRASE, JournalOptions())
    opened.close()
    params = load_envelope(journal_dir / "journal.key").passphrase_params
    assert params.memory_kib >= 64 * 1024
    assert params.iterations >= 3
    PRODUCTION_KDF.check(params)
    with Journal.open(journal_dir, PASSPHRASE) as reopened:
        assert reopened.check().ok


def test_after_restore_the_last_backup_is_the_copy_of_what_was_replaced(
    journal: Journal
) -> None:
    source = journal.backup()  # the snapshot inside holds no record of any backup
    before = journal.last_backup()
    journal.restore_from(source)
    assert len(list(journal.folder.backups.glob("auto-*"))) == 1
    after = journal.last_backup()
    assert before is not None
    assert after is not None
    assert after >= before


def test_check_records_when_it_ran(journal: Journal) -> None:
    assert journal.last_check() is None
    report = journal.check()
    assert report.checked_at is not None
    assert journal.last_check() == report.checked_at


def test_restore_damaged_with_a_wrong_passphrase_changes_nothing(
    journal: Journal, journal_dir: Path
) -> None:
    source = journal.backup()
    journal.close()
    _flip(200)(journal_dir / "journal.db")
    before = _files(journal_dir)
    with pytest.raises(WrongPassphraseError):
        Journal.restore_damaged(journal_dir, source, "not the passphrase at all", FAST)
    assert _files(journal_dir) == before
    restored, aside = Journal.restore_damaged(journal_dir, source, PASSPHRASE, FAST)
    with restored:
        assert restored.check().ok
    assert (aside / "journal.db").read_bytes() == before["journal.db"]


def test_restore_damaged_after_a_passphrase_change_uses_the_current_one(
    journal: Journal, journal_dir: Path
) -> None:
    entry = _add(journal, title="kept")
    source = journal.backup()
    journal.change_passphrase(PASSPHRASE, NEW_PASSPHRASE)
    journal.close()
    key_file = (journal_dir / "journal.key").read_bytes()
    _flip(200)(journal_dir / "journal.db")
    with pytest.raises(JournalDamagedError):
        _open(journal_dir, NEW_PASSPHRASE)
    restored, aside = Journal.restore_damaged(journal_dir, source, NEW_PASSPHRASE, FAST)
    with restored:
        assert restored.get_entry(entry.id).title == "kept"
    assert (journal_dir / "journal.key").read_bytes() == key_file  # the sound key file stays
    assert not (aside / "journal.key").exists()
    _open(journal_dir, NEW_PASSPHRASE).close()


def test_client_codes_come_from_their_index_most_recent_first(journal: Journal) -> None:
    for day, code in ((D1, "ACD-EFG"), (D2, "HJK-MNP"), (D3, "ACD-EFG")):
        _add(journal, kind="session", date=day, fields={"client_code": code})
    _add(journal, kind="session", date=D4, fields={"client_code": ""})
    _add(journal, kind="session", date=D4)
    assert journal.client_codes() == ["ACD-EFG", "HJK-MNP"]
    plan = " ".join(str(row[3]) for row in journal._db.rows(
        "EXPLAIN QUERY PLAN " + entry_sql.CLIENT_CODES_SQL))
    assert "COVERING INDEX entries_by_client_code" in plan


@pytest.mark.parametrize("where", [
    EntryFilter(), EntryFilter(date_from=D2), EntryFilter(tag_groups=((TagId("G1"),),)),
    EntryFilter(kinds=("session",)), EntryFilter(starred=True),
])
def test_search_counts_match_the_listed_results(journal: Journal, where: EntryFilter) -> None:
    for i, day in enumerate((D1, D2, D3, D4)):
        _add(journal, kind="session" if i % 2 else "reflection", date=day, starred=i == 1,
             themes=(TagId("G1"),) if i > 1 else (), body=f"the bottle again {i}")
    assert journal.count_entries(where, "bottle") == len(journal.search("bottle", where))
