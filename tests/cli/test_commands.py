"""The command line end to end, in this process, against real SQLCipher journals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import CliRunner


def _init(cli: CliRunner) -> str:
    result = cli("init")
    assert result.status == 0, result.err
    return result.out.strip()


def test_init_prints_recovery_key_once_and_warns(cli: CliRunner, journal_dir: Path) -> None:
    result = cli("init")
    assert result.status == 0
    key = result.out.strip()
    assert len(key.split("-")) == 8
    assert "cannot be opened by anyone" in result.err
    assert (journal_dir / "journal.key").stat().st_mode & 0o777 == 0o600
    assert journal_dir.stat().st_mode & 0o777 == 0o700


def test_add_list_show_search_edit_delete(cli: CliRunner) -> None:
    _init(cli)
    added = cli("add", "--kind", "session", "--title", "Home visit", "--date", "2026-03-04",
                "--competency", "observation & LISTENING", "--theme", "g5", "--tag", "feeding",
                "--duration", "60", "--field", "setting=home", "--field", "present=infant,parent",
                "--answer", "baby=She wanted quiet", stdin="The baby turned to the window.")
    assert added.status == 0, added.err
    entry_id = added.out.strip()

    listed = json.loads(cli("list", "--format", "json").out)
    assert [e["id"] for e in listed] == [entry_id]
    assert listed[0]["competencies"] == ["C4.01"]
    assert listed[0]["themes"] == ["G5"]
    assert listed[0]["labels"]["G5"] == "Ghost in a routine"
    assert "The baby turned to the window." in listed[0]["text"]
    assert "She wanted quiet" in listed[0]["text"]

    found = cli("search", "window")
    assert found.status == 0
    assert entry_id[:8] in found.out
    assert "[window]" in found.out

    shown = cli("show", entry_id[:8])
    assert "Home visit" in shown.out
    assert "Setting: Home" in shown.out

    edited = cli("edit", entry_id[:8], "--title", "Second visit", "--theme", "G1")
    assert edited.status == 0, edited.err
    doc = json.loads(cli("show", entry_id, "--format", "json").out)
    assert doc["title"] == "Second visit"
    assert doc["themes"] == ["G5", "G1"] or set(doc["themes"]) == {"G1", "G5"}
    assert doc["body"] == "The baby turned to the window."

    assert cli("delete", entry_id).status == 1  # no terminal to confirm on, no --yes
    assert cli("delete", entry_id, "--yes").status == 0
    assert json.loads(cli("list", "--format", "json").out) == []


def test_filters_combine_and_level_one_matches_children(cli: CliRunner) -> None:
    _init(cli)
    a = cli("add", "--kind", "session", "--competency", "C4.01", "--body", "alpha").out.strip()
    b = cli("add", "--kind", "training", "--competency", "C4", "--body", "alpha",
            "--date", "2025-01-01").out.strip()
    cli("add", "--kind", "session", "--competency", "C8", "--body", "beta", "--star")

    def ids(*args: str) -> list[str]:
        return [e["id"] for e in json.loads(cli(*args, "--format", "json").out)]

    assert set(ids("list", "--competency", "Direct Service Skills")) == {a, b}
    assert ids("list", "--competency", "C4", "--kind", "training") == [b]
    assert ids("search", "alpha", "--from", "2026-01-01", "--competency", "C4") == [a]
    assert ids("list", "--starred", "--competency", "C4") == []
    assert len(ids("list", "--limit", "1")) == 1


def test_unknown_names_fail_with_suggestions(cli: CliRunner) -> None:
    _init(cli)
    result = cli("add", "--kind", "session", "--competency", "atachment", "--body", "x")
    assert result.status == 1
    assert "Unknown competency 'atachment'" in result.err
    assert "Attachment, separation, trauma, grief & loss" in result.err
    assert "Traceback" not in result.err
    assert cli("add", "--kind", "sesion", "--body", "x").status == 1
    assert json.loads(cli("list", "--format", "json").out) == []


def test_search_syntax_error_is_a_plain_message(cli: CliRunner) -> None:
    _init(cli)
    result = cli("search", '"unclosed')
    assert result.status == 1
    assert "could not be understood" in result.err
    assert "Traceback" not in result.err
    assert cli("search", "7-month-old").status == 0


def test_missing_journal_suggests_init(cli: CliRunner) -> None:
    result = cli("list")
    assert result.status == 1
    assert "reflectjournal init" in result.err


def test_init_over_existing_journal_is_refused(cli: CliRunner, journal_dir: Path) -> None:
    _init(cli)
    before = {p.name: p.read_bytes() for p in journal_dir.iterdir() if p.is_file()}
    result = cli("init")
    assert result.status == 1
    assert "already exists" in result.err
    after = {p.name: p.read_bytes() for p in journal_dir.iterdir() if p.is_file()}
    assert after == before


def test_export_import_round_trip(cli: CliRunner, tmp_path: Path) -> None:
    _init(cli)
    cli("add", "--kind", "supervision", "--field", "mode=virtual", "--field", "format=group",
        "--duration", "90", "--tag", "Élan vital", "--body", "Parallel process, ünïcode ✓")
    out = tmp_path / "export.json"
    result = cli("export", "--format", "json", "-o", str(out))
    assert result.status == 0
    assert "UNENCRYPTED" in result.err
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "reflectjournal-export"
    assert doc["version"] == 1

    again = cli("import", str(out))
    assert again.status == 0
    assert "Imported 0 entries; skipped 1" in again.err

    md = cli("export", "--format", "markdown")
    assert "Parallel process, ünïcode ✓" in md.out


def test_malformed_import_names_the_problem_and_writes_nothing(
    cli: CliRunner, tmp_path: Path
) -> None:
    _init(cli)
    cli("add", "--kind", "reflection", "--body", "one")
    good = tmp_path / "good.json"
    cli("export", "-o", str(good))
    doc = json.loads(good.read_text())
    doc["entries"][0]["id"] = "aaaaaaaa-0000-4000-8000-000000000000"
    doc["entries"].append(dict(doc["entries"][0], id="bbbbbbbb-0000-4000-8000-000000000000",
                               date="2026-13-01"))
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc))
    result = cli("import", str(bad))
    assert result.status == 1
    assert "entries[1].date" in result.err
    assert len(json.loads(cli("list", "--format", "json").out)) == 1

    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "reflectjournal-export", "version": 1,\n "entries": [}')
    result = cli("import", str(broken))
    assert result.status == 1
    assert "line 2" in result.err


def test_passwd_and_recover(cli: CliRunner, journal_dir: Path) -> None:
    recovery = _init(cli)
    db_before = (journal_dir / "journal.db").read_bytes()
    new = "a brand new passphrase here"
    assert cli("passwd", env={"REFLECTJOURNAL_NEW_PASSPHRASE": new}).status == 0
    assert (journal_dir / "journal.db").read_bytes() == db_before
    assert cli("list").status == 1  # the old passphrase no longer opens it
    assert cli("list", env={"REFLECTJOURNAL_PASSPHRASE": new}).status == 0

    newer = "recovered with the recovery key"
    result = cli("recover", env={"REFLECTJOURNAL_RECOVERY_KEY": recovery.lower(),
                                 "REFLECTJOURNAL_NEW_PASSPHRASE": newer})
    assert result.status == 0, result.err
    assert cli("list", env={"REFLECTJOURNAL_PASSPHRASE": newer}).status == 0

    weak = cli("recover", env={"REFLECTJOURNAL_RECOVERY_KEY": recovery,
                               "REFLECTJOURNAL_NEW_PASSPHRASE": "short"})
    assert weak.status == 1
    assert "12 characters" in weak.err


def test_check_backup_restore(cli: CliRunner, journal_dir: Path, tmp_path: Path) -> None:
    _init(cli)
    entry = cli("add", "--kind", "reflection", "--body", "keep me").out.strip()
    check = cli("check")
    assert check.status == 0
    assert "Integrity:       ok" in check.out

    backup = tmp_path / "copy.rjbackup"
    assert cli("backup", "-o", str(backup)).status == 0
    cli("delete", entry, "--yes")
    restored = cli("restore", str(backup))
    assert restored.status == 0, restored.err
    assert [e["id"] for e in json.loads(cli("list", "--format", "json").out)] == [entry]
    assert list((journal_dir / "backups").glob("before-restore-*.rjbackup"))

    elsewhere = tmp_path / "new-laptop"
    result = cli("--journal", str(elsewhere), "restore", str(backup))
    assert result.status == 0, result.err
    listed = cli("--journal", str(elsewhere), "list", "--format", "json")
    assert [e["id"] for e in json.loads(listed.out)] == [entry]


def test_tags_listing_and_user_tag_lifecycle(cli: CliRunner) -> None:
    _init(cli)
    entry = cli("add", "--kind", "reflection", "--tag", "feeding", "--body", "x").out.strip()
    tags = json.loads(cli("tags", "--format", "json").out)
    feeding = next(t for t in tags if t["label"] == "feeding")
    assert feeding["entries"] == 1
    assert any(t["id"] == "C4.01" and t["parent"] == "C4" for t in tags)

    assert cli("tags", "--rename", "feeding", "mealtimes").status == 0
    assert cli("tags", "--retire", "mealtimes").status == 0
    doc = json.loads(cli("show", entry, "--format", "json").out)
    assert doc["tags"] == [feeding["id"]]
    assert doc["labels"][feeding["id"]] == "mealtimes"


@pytest.mark.parametrize("damaged", ["journal.db", "journal.key"])
def test_restore_repairs_a_damaged_journal_and_keeps_the_damaged_files(
    cli: CliRunner, journal_dir: Path, tmp_path: Path, damaged: str
) -> None:
    _init(cli)
    entry = cli("add", "--kind", "reflection", "--body", "keep me").out.strip()
    backup = tmp_path / "copy.rjbackup"
    assert cli("backup", "-o", str(backup)).status == 0
    target = journal_dir / damaged
    data = bytearray(target.read_bytes())
    data[min(200, len(data) // 2)] ^= 0xFF  # inside the first page, which every read needs
    target.write_bytes(bytes(data))
    broken = bytes(data)
    listing = cli("list")
    assert listing.status == 1
    assert "damaged" in listing.err
    restored = cli("restore", str(backup))
    assert restored.status == 0, restored.err
    assert "damaged files are kept" in restored.err
    assert [e["id"] for e in json.loads(cli("list", "--format", "json").out)] == [entry]
    [aside] = journal_dir.glob("damaged-*")
    assert (aside / damaged).read_bytes() == broken


def test_backup_folder_chosen_on_the_command_line(
    cli: CliRunner, journal_dir: Path, tmp_path: Path
) -> None:
    _init(cli)
    drive = tmp_path / "drive"
    drive.mkdir()
    chosen = cli("backup", "--folder", str(drive))
    assert chosen.status == 0, chosen.err
    [written] = drive.glob("reflectjournal-*/backup-*.rjbackup")
    assert str(written) in chosen.out
    check = cli("check")
    assert f"Backups folder:  {written.parent}" in check.out
    assert "  ! " not in check.out

    missing = cli("backup", "--folder", str(tmp_path / "nowhere"))
    assert missing.status == 1  # a problem to act on, not a usage error
    assert "no folder" in missing.err

    written.unlink()
    back = cli("backup", "--journal-folder")
    assert back.status == 0
    assert list((journal_dir / "backups").glob("backup-*.rjbackup"))
