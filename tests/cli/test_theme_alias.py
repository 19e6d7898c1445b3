"""--theme finds entries tagged with the theme's alias (R4 and P2, both "Parallel process")."""

from __future__ import annotations

import json

from tests.helpers.cli import CliRunner


def test_list_by_a_theme_finds_entries_tagged_with_its_alias(cli: CliRunner) -> None:
    assert cli("init").status == 0
    ids = []
    for theme in ("P2", "R4", "G1"):
        added = cli("add", "--kind", "reflection", "--theme", theme, "--date", "2026-03-04",
                    stdin="x")
        assert added.status == 0, added.err
        ids.append(added.out.strip())
    for theme in ("P2", "R4"):
        listed = json.loads(cli("list", "--theme", theme, "--format", "json").out)
        assert sorted(e["id"] for e in listed) == sorted(ids[:2])
    listed = json.loads(cli("list", "--theme", "G1", "--format", "json").out)
    assert [e["id"] for e in listed] == [ids[2]]
