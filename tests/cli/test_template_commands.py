"""`template` on the command line: every action through the real parser and a real journal."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.cli import CliRunner


def _shown_ids(cli: CliRunner, kind: str) -> list[str]:
    result = cli("template", "show", kind, "--format", "json")
    assert result.status == 0, result.err
    return [p["id"] for p in json.loads(result.out)["prompts"] if not p["hidden"]]


def test_hide_move_reword_add_trim_and_reset_change_what_a_kind_asks(cli: CliRunner) -> None:
    assert cli("init").status == 0
    listing = cli("template", "list")
    assert listing.status == 0
    assert "session" in listing.out
    assert "(built-in)" in listing.out
    builtin = _shown_ids(cli, "session")
    assert cli("template", "hide", "session", "2", "Mirrors").status == 0
    assert _shown_ids(cli, "session") == [builtin[0], *builtin[2:5], *builtin[6:]]
    assert cli("template", "move", "session", builtin[3], "1").status == 0
    assert _shown_ids(cli, "session")[0] == builtin[3]
    added = cli("template", "add", "session", "--label", "Sleep", "--text", "How did I sleep?")
    assert added.status == 0, added.err
    assert "(yours)" in added.err
    reword = cli("template", "reword", "session", "baby", "--text", "What did the baby show?")
    assert reword.status == 0
    shown = _shown_ids(cli, "session")
    assert "baby" not in shown  # a new wording, a new id
    assert shown[-1].startswith("u-")
    text = cli("template", "show", "session").out
    assert "What did the baby show?" in text
    assert "(hidden)" in text
    entry = cli("add", "--kind", "session", "--title", "t", "--answer", f"{shown[-1]}=Well",
                "--body", "b")
    assert entry.status == 0, entry.err
    assert cli("template", "reset", "session").status == 0
    assert _shown_ids(cli, "session") == builtin
    few = cli("template", "trim", "session")
    assert few.status == 0
    assert "too few entries" in few.err


def test_export_import_round_trip_and_a_bad_file_changes_nothing(
    cli: CliRunner, tmp_path: Path
) -> None:
    assert cli("init").status == 0
    assert cli("template", "hide", "reflection", "1").status == 0
    out = tmp_path / "mine.rjtemplate.json"
    exported = cli("template", "export", "reflection", "-o", str(out))
    assert exported.status == 0
    assert "unencrypted" in exported.err
    assert cli("template", "reset", "reflection").status == 0
    dry = cli("template", "import", str(out), "--dry-run")
    assert dry.status == 0
    assert "Nothing was changed" in dry.err
    assert "(built-in)" in cli("template", "list").out.split("reflection", 1)[1].split("\n")[0]
    assert cli("template", "import", str(out)).status == 0
    assert "1 hidden" in cli("template", "list").out
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "reflectjournal-template", "version": 1, "kind": "dream"}')
    refused = cli("template", "import", str(bad))
    assert refused.status == 1
    assert "unknown kind" in refused.err
    assert "Traceback" not in refused.err
    unknown = cli("template", "show", "dream")
    assert unknown.status == 1
    assert "Unknown entry kind" in unknown.err
