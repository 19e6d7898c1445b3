"""`history`, `restore-version` and `trash` on the command line, in this process."""

from __future__ import annotations

import json

from tests.helpers.cli import CliRunner


def _entry_with_three_versions(cli: CliRunner) -> str:
    assert cli("init").status == 0
    added = cli("add", "--kind", "reflection", "--title", "First words", "--body",
                "The baby looked at the door.")
    assert added.status == 0, added.err
    entry_id = added.out.strip()
    assert cli("edit", entry_id[:8], "--body", "The baby looked away.").status == 0
    assert cli("edit", entry_id[:8], "--title", "Second thoughts", "--tag", "door").status == 0
    return entry_id


def test_history_lists_every_saved_version_with_what_changed(cli: CliRunner) -> None:
    entry_id = _entry_with_three_versions(cli)
    listed = cli("history", entry_id[:8])
    assert listed.status == 0, listed.err
    lines = listed.out.splitlines()
    assert len(lines) == 3
    assert lines[0].split()[0] == "1"
    assert "First words" in lines[0]
    assert "first saved" in lines[0]
    assert "changed: Text" in lines[1]
    assert "changed: Title, Tags" in lines[2]
    assert lines[2].endswith("(current)")
    docs = json.loads(cli("history", entry_id, "--format", "json").out)
    assert [d["version"] for d in docs] == [1, 2, 3]
    assert [d["current"] for d in docs] == [False, False, True]
    assert docs[0]["entry"]["body"] == "The baby looked at the door."
    assert docs[2]["changed"] == ["Title", "Tags"]


def test_history_n_shows_a_version_against_the_current(cli: CliRunner) -> None:
    entry_id = _entry_with_three_versions(cli)
    shown = cli("history", entry_id[:8], "1")
    assert shown.status == 0, shown.err
    assert "Version 1 of 3" in shown.out
    assert "The baby looked at the door." in shown.out
    assert "Title:\n    this version: First words\n    current:      Second thoughts" \
        in shown.out
    doc = json.loads(cli("history", entry_id, "2", "--format", "json").out)
    assert [d["part"] for d in doc["differences_from_current"]] == ["Title", "Tags"]
    missing = cli("history", entry_id, "7")
    assert missing.status == 1
    assert "no version 7" in missing.err
    assert "1 to 3" in missing.err


def test_restore_version_saves_it_again_and_keeps_every_version(cli: CliRunner) -> None:
    entry_id = _entry_with_three_versions(cli)
    restored = cli("restore-version", entry_id[:8], "1")
    assert restored.status == 0, restored.err
    assert "saved as version 4" in restored.err
    doc = json.loads(cli("show", entry_id, "--format", "json").out)
    assert (doc["title"], doc["body"]) == ("First words", "The baby looked at the door.")
    docs = json.loads(cli("history", entry_id, "--format", "json").out)
    assert [d["entry"]["title"] for d in docs] == [
        "First words", "First words", "Second thoughts", "First words"]
    bad = cli("restore-version", entry_id, "9")
    assert bad.status == 1
    assert "no version 9" in bad.err


def test_delete_goes_to_the_trash_and_trash_restore_brings_it_back(cli: CliRunner) -> None:
    entry_id = _entry_with_three_versions(cli)
    deleted = cli("delete", entry_id[:8], "--yes")
    assert deleted.status == 0
    assert "trash" in deleted.err
    assert cli("list").out == ""
    listed = cli("trash")
    assert listed.status == 0
    assert entry_id[:8] in listed.out
    assert "Second thoughts" in listed.out
    [doc] = json.loads(cli("trash", "--format", "json").out)
    assert doc["id"] == entry_id
    assert doc["earlier_versions"] == 2
    assert cli("show", entry_id).status == 1
    restored = cli("trash", "restore", entry_id[:8])
    assert restored.status == 0, restored.err
    assert json.loads(cli("show", entry_id, "--format", "json").out)["title"] == \
        "Second thoughts"
    assert len(json.loads(cli("history", entry_id, "--format", "json").out)) == 3
    assert cli("trash").out == ""
    again = cli("trash", "restore", entry_id[:8])
    assert again.status == 1
    assert "No entry in the trash" in again.err


def test_trash_empty_asks_or_needs_yes(cli: CliRunner) -> None:
    entry_id = _entry_with_three_versions(cli)
    assert cli("trash", "empty").status == 0  # nothing to forget: nothing to ask
    cli("delete", entry_id, "--yes")
    refused = cli("trash", "empty")
    assert refused.status == 1
    assert "--yes" in refused.err
    assert len(json.loads(cli("trash", "--format", "json").out)) == 1
    emptied = cli("trash", "empty", "--yes")
    assert emptied.status == 0
    assert "1 entry and their versions" in emptied.err
    assert json.loads(cli("trash", "--format", "json").out) == []
    assert "empty" in cli("trash").err
