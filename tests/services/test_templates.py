"""The user's templates in a real journal: what the editor asks changes, entries never do."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import TemplateFileError
from reflectjournal.domain.kind_change import all_prompts
from reflectjournal.domain.reading import entry_html
from reflectjournal.domain.templates import TemplatePrompt
from reflectjournal.domain.text import entry_as_text
from reflectjournal.services.journal import Journal
from reflectjournal.store import schema
from tests.helpers.journals import FAST, PASSPHRASE, copy_stored_journal, open_journal

CANARY = "Zebracanary7 prompt wording"


def _reworded_session(journal: Journal, text: str) -> None:
    current = journal.templates.get("session").template
    first, *rest = current.prompts
    journal.templates.save(replace(current, prompts=(
        replace(first, label=f"{text} (label)", text=text),
        TemplatePrompt("", "Mine", "A prompt of my own?"),
        *[replace(p, hidden=True) for p in rest])))


def test_a_reworded_prompt_asks_the_new_words_and_old_answers_keep_the_old(
    journal: Journal,
) -> None:
    old = journal.add_entry(EntryChanges(kind="session", title="Before",
                                         answers={"baby": "She reached for the cup"}))
    builtin_question = all_prompts(journal.catalog)["baby"].label
    _reworded_session(journal, "What did the baby show me today?")
    kind = journal.catalog.kind("session")
    new_id, own_id = (p.id for p in kind.prompt_set.prompts)
    assert [p.text for p in kind.prompt_set.prompts] == [
        "What did the baby show me today?", "A prompt of my own?"]
    assert new_id.startswith("u-")
    assert own_id.startswith("u-")
    # A new entry answers the new wording, through the same validation as any entry.
    new = journal.add_entry(EntryChanges(kind="session", title="After",
                                         answers={new_id: "She smiled", own_id: "Yes"}))
    again = journal.get_entry(old.id)
    assert again == old  # the entry itself did not change
    labels = journal.tag_labels()
    assert builtin_question in entry_as_text(again, labels, journal.catalog)
    assert "What did the baby show me today?" not in entry_as_text(again, labels, journal.catalog)
    assert "What did the baby show me today?" in entry_as_text(new, labels, journal.catalog)
    # Rewording it again, or resetting, leaves the second entry's question readable.
    _reworded_session(journal, "Third wording")
    journal.templates.reset("session")
    assert journal.catalog.kind("session").prompt_set.prompts[0].id == "baby"
    assert "What did the baby show me today?" in entry_html(
        new, labels, journal.catalog, ())
    assert journal.get_entry(new.id) == new


def test_templates_survive_reopening_and_resetting_brings_back_the_builtin(
    journal_dir: Path, journal: Journal,
) -> None:
    _reworded_session(journal, "Changed")
    assert journal.templates.get("session").custom
    journal.close()
    with open_journal(journal_dir) as again:
        assert again.catalog.kind("session").prompt_set.prompts[0].text == "Changed"
        assert [t.custom for t in again.templates.all()].count(True) == 1
        reset = again.templates.reset("session")
        assert not reset.custom
        assert reset.template == reset.builtin
        assert again.catalog.kind("session") == again.templates.builtin.kind("session")


def test_a_template_from_an_entry_asks_its_answered_prompts(journal: Journal) -> None:
    entry = journal.add_entry(EntryChanges(kind="session", title="t",
                                           answers={"echoes": "a", "baby": "b"}))
    made = journal.templates.from_entry(entry)
    assert [p.id for p in made.template.shown] == ["echoes", "baby"]
    assert [p.id for p in journal.catalog.kind("session").prompt_set.prompts] == [
        "echoes", "baby"]


def test_export_and_import_move_a_template_between_journals_and_errors_write_nothing(
    journal: Journal, other: Journal,
) -> None:
    _reworded_session(journal, "Exported wording")
    data = journal.templates.export("session")
    assert json.loads(data)["label"] == journal.templates.get("session").template.label
    preview = other.templates.preview_import(data)
    assert preview.replaces is None
    assert not preview.default.custom
    assert preview.new_prompts == 2
    assert not other.templates.get("session").custom  # a preview writes nothing
    imported = other.templates.import_file(data)
    assert [p.text for p in imported.template.shown] == [
        "Exported wording", "A prompt of my own?"]
    assert imported.is_default  # the kind's first of the user's
    assert other.catalog.kind("session").prompt_set.prompts[0].text == "Exported wording"
    again = other.templates.preview_import(data)
    assert again.new_prompts == 0  # now known here
    assert again.replaces == imported
    with pytest.raises(TemplateFileError):
        other.templates.import_file(data.replace(b'"session"', b'"dream"'))
    assert other.templates.get("session") == imported


def test_a_version_8_journal_migrates_to_templates_after_a_backup_and_keeps_its_prompts(
    tmp_path: Path,
) -> None:
    folder = copy_stored_journal("journal-v8-prompts", tmp_path)
    with Journal.open(folder, PASSPHRASE, FAST) as journal:
        assert journal.check().schema_version == schema.LATEST
        [_backup] = (folder / "backups").glob("before-upgrade-*.rjbackup")
        [bath] = journal.search("cup")
        entry = journal.get_entry(bath.id)
        assert entry.answers == {"baby": "She reached for the cup", "between": "A shared laugh"}
        question = all_prompts(journal.catalog)["baby"].label
        _reworded_session(journal, "A new baby question")
        assert journal.get_entry(bath.id) == entry
        text = entry_as_text(entry, journal.tag_labels(), journal.catalog)
        assert question in text
        assert "A new baby question" not in text


def test_template_wordings_live_only_inside_the_encrypted_database(
    journal_dir: Path, journal: Journal,
) -> None:
    _reworded_session(journal, CANARY)
    journal.close()
    for path in journal_dir.rglob("*"):
        if path.is_file():
            assert CANARY.encode() not in path.read_bytes(), path


def test_a_json_export_with_answers_to_own_prompts_imports_into_another_journal(
    journal: Journal, other: Journal,
) -> None:
    _reworded_session(journal, "Mine to export")
    own = journal.catalog.kind("session").prompt_set.prompts[1].id
    journal.add_entry(EntryChanges(kind="session", title="Own", answers={own: "An answer"}))
    exported = journal.export_json()
    wordings = json.loads(exported)["prompts"]
    # Only the user's wording the entry answers travels; built-in prompts mean the same anywhere.
    assert wordings == [{"id": own, "label": "Mine", "text": "A prompt of my own?"}]
    result = other.import_json(exported)
    assert (result.added, result.new_prompts) == (1, 1)
    assert not any("prompt's id" in note for note in result.notes)
    [summary] = other.list_entries()
    entry = other.get_entry(summary.id)
    assert entry.answers == {own: "An answer"}  # kept, id and all
    # The answer shows under its prompt's label in the other journal, not under its id.
    assert "## Mine\nAn answer" in entry_as_text(entry, other.tag_labels(), other.catalog)
    assert all_prompts(other.templates.catalog())[own].text == "A prompt of my own?"
    assert "<h3>Mine</h3>" in entry_html(entry, other.tag_labels(), other.catalog)
    assert other.import_json(exported).new_prompts == 0  # nothing twice
    assert other.templates.get("session").custom is False  # a wording, not a template


def test_an_import_keeps_a_wording_this_journal_already_has_and_names_unknown_prompts(
    journal: Journal, other: Journal,
) -> None:
    _reworded_session(journal, "First")
    own = journal.catalog.kind("session").prompt_set.prompts[1].id
    journal.add_entry(EntryChanges(kind="session", title="Own", answers={own: "An answer"}))
    document = json.loads(journal.export_json())
    document["prompts"][0]["label"] = "Rewritten by the file"
    # A wording this journal has keeps its own text: an id names one wording forever.
    assert journal.import_json(json.dumps(document).encode()).new_prompts == 0
    assert all_prompts(journal.catalog)[own].label == "Mine"
    # A file without the wordings (an older export) keeps the answer and says so.
    del document["prompts"]
    result = other.import_json(json.dumps(document).encode())
    assert result.added == 1
    assert any("under the prompt's id" in note for note in result.notes)
