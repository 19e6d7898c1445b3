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


def _listed(cli: CliRunner) -> list[dict[str, object]]:
    result = cli("template", "list", "--format", "json")
    assert result.status == 0, result.err
    return [t for t in json.loads(result.out) if t["kind"] == "session"]


def test_several_named_templates_of_a_kind_by_id_label_and_default(
    cli: CliRunner, tmp_path: Path,
) -> None:
    assert cli("init").status == 0
    visit = cli("template", "new", "session", "--label", "After a home visit")
    assert visit.status == 0, visit.err
    assert "the default of its kind" in visit.err
    dyadic = cli("template", "new", "session", "--label", "Dyadic session")
    assert "default" not in dyadic.err
    taken = cli("template", "new", "session", "--label", "dyadic SESSION")
    assert taken.status == 1
    assert "already a Session reflection template named “Dyadic session”" in taken.err
    [builtin, home, dyad] = _listed(cli)
    assert (builtin["id"], builtin["default"]) == ("built-in", False)
    assert (home["label"], home["default"]) == ("After a home visit", True)
    assert str(dyad["id"]).startswith("t-")
    text = cli("template", "list").out
    assert f"* {home['id']}  session" in text
    assert f"  {dyad['id']}  session" in text
    # Edit commands take --template; a KIND alone still means its default.
    hidden = cli("template", "hide", "session", "Mirrors", "--template", "Dyadic session")
    assert hidden.status == 0, hidden.err
    added = cli("template", "add", "session", "--template", str(dyad["id"]), "--label",
                "The dyad", "--text", "What passed between them?")
    assert added.status == 0, added.err
    shown = cli("template", "show", "session", "--template", "dyadic session").out
    assert "Mirrors (hidden)" in shown
    assert "The dyad" in shown
    assert "The dyad" not in cli("template", "show", "session").out
    assert "Mirrors (hidden)" not in cli("template", "show", "session").out
    # add asks the chosen template's prompts, named by label or number among those asked.
    entry = cli("add", "--kind", "session", "--template", "Dyadic session", "--title", "Bath",
                "--answer", "The dyad=A shared laugh", "--answer", "1=She looked up",
                "--body", "b")
    assert entry.status == 0, entry.err
    shown_json = json.loads(cli("show", entry.out.strip(), "--format", "json").out)
    dyad_prompt = next(p for p in json.loads(cli(
        "template", "show", "session", "--template", "Dyadic session", "--format", "json").out
    )["prompts"] if p["label"] == "The dyad")
    assert shown_json["answers"] == {"baby": "She looked up", dyad_prompt["id"]: "A shared laugh"}
    wrong = cli("add", "--kind", "reflection", "--template", "Dyadic session", "--title", "x",
                "--body", "b")
    assert wrong.status == 1
    assert "no template “Dyadic session” for Free reflection entries" in wrong.err
    assert cli("template", "default", str(dyad["id"])).status == 0
    assert [t["default"] for t in _listed(cli)] == [False, False, True]
    renamed = cli("template", "rename", str(dyad["id"]), "--label", "Parent and baby")
    assert renamed.status == 0, renamed.err
    assert [t["label"] for t in _listed(cli)][2] == "Parent and baby"
    made = cli("template", "from-entry", entry.out.strip()[:8], "--label", "From the bath")
    assert made.status == 0, made.err
    deleted = cli("template", "delete", str(dyad["id"]))
    assert deleted.status == 0, deleted.err
    assert "the built-in Session reflection prompts" in deleted.err
    assert [(t["label"], t["default"]) for t in _listed(cli)] == [
        ("Guided session reflection", True), ("After a home visit", False),
        ("From the bath", False)]
    # An entry written with a deleted template keeps its answers and their questions.
    assert json.loads(cli("show", entry.out.strip(), "--format", "json").out)[
        "answers"] == shown_json["answers"]


def test_import_adds_a_new_template_or_replaces_the_one_of_its_name(
    cli: CliRunner, tmp_path: Path,
) -> None:
    assert cli("init").status == 0
    assert cli("template", "new", "session", "--label", "Dyadic session").status == 0
    assert cli("template", "hide", "session", "1", "--template", "Dyadic session").status == 0
    out = tmp_path / "dyadic.rjtemplate.json"
    assert cli("template", "export", "session", "--template", "Dyadic session", "-o",
               str(out)).status == 0
    assert json.loads(out.read_text())["label"] == "Dyadic session"
    dry = cli("template", "import", str(out), "--dry-run")
    assert "added under a number" in dry.err
    assert len(_listed(cli)) == 2
    assert cli("template", "import", str(out)).status == 0
    assert [t["label"] for t in _listed(cli)] == [
        "Guided session reflection", "Dyadic session", "Dyadic session (2)"]
    assert cli("template", "unhide", "session", "1").status == 0
    replaced = cli("template", "import", str(out), "--replace")
    assert replaced.status == 0, replaced.err
    assert "it replaces your “Dyadic session”" in replaced.err
    first = _listed(cli)[1]
    assert first["default"] is True
    assert first["prompts"][0]["hidden"] is True  # type: ignore[index]
