"""The allow-list command, the watch-list offer after a share, and the check before an export."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.cli import CliRunner
from tests.helpers.leaks import found_in

CANARY = "Quorvendal"


def _init(cli: CliRunner) -> None:
    assert cli("init").status == 0


def test_export_lists_the_flags_and_writes_nothing_until_told(
    cli: CliRunner, tmp_path: Path
) -> None:
    _init(cli)
    cli("add", "--kind", "reflection", "--title", "Visit",
        "--body", f"We met {CANARY} at the park; she called 312-555-0142.")
    out = tmp_path / "export.md"
    for fmt in ("json", "markdown"):
        refused = cli("export", "--format", fmt, "-o", str(out))
        assert refused.status != 0
        assert f'"{CANARY}"' in refused.err
        assert "312-555-0142" in refused.err
        assert "phone number" in refused.err
        assert "nothing was written" in refused.err
        assert "--skip-check" in refused.err
        assert not out.exists()
        assert refused.out == ""  # nothing reached standard output either
    written = cli("export", "--format", "markdown", "--skip-check", "-o", str(out))
    assert written.status == 0
    assert "identifier check was skipped" in written.err
    assert CANARY in out.read_text(encoding="utf-8")


def test_a_clean_export_passes_the_check_without_a_skip_warning(
    cli: CliRunner, tmp_path: Path
) -> None:
    _init(cli)
    cli("add", "--kind", "reflection", "--title", "Visit", "--body", "we sat on the floor.")
    result = cli("export", "--format", "json")
    assert result.status == 0, result.err
    assert json.loads(result.out)["format"] == "reflectjournal-export"
    assert "skipped" not in result.err


def test_the_allow_list_clears_a_term_for_the_export_and_can_be_cleared(
    cli: CliRunner, tmp_path: Path, journal_dir: Path
) -> None:
    _init(cli)
    cli("add", "--kind", "reflection", "--title", "Visit", "--body", f"We met {CANARY} today.")
    assert cli("allow-list").out == ""
    assert cli("allow-list", "--add", CANARY).status == 0
    assert cli("allow-list").out.splitlines() == [CANARY]
    assert cli("export", "--format", "markdown").status == 0
    assert found_in(b"".join(p.read_bytes() for p in journal_dir.rglob("*") if p.is_file()),
                    CANARY) == []  # kept encrypted
    assert cli("allow-list", "--remove", "Tylenol").status != 0
    assert cli("allow-list", "--clear").status == 0
    assert cli("allow-list").out == ""
    assert cli("export", "--format", "markdown").status != 0


def test_share_remembers_allowed_flags_and_offers_redacted_names(
    cli: CliRunner, tmp_path: Path
) -> None:
    _init(cli)
    cli("contact", "card", "--name", "Sam Rivera", "-o", str(tmp_path / "sam.rjcard"))
    cli("add", "--kind", "session", "--title", "Visit", "--date", "2026-11-04",
        "--body", f"We met {CANARY} by the door and Maribel laughed.")
    dry = cli("share", "--passphrase", "--kind", "session", "--dry-run")
    assert dry.out.startswith("Would share 1 entry with the person you tell the bundle's words")
    ids = {line.split()[0]: line for line in dry.out.splitlines() if '"' in line}
    [canary_id] = [i for i, line in ids.items() if f'"{CANARY}"' in line]
    written = cli("share", "--passphrase", "--kind", "session", "--redact-flags",
                  "--allow-flag", canary_id, "--remember-allowed",
                  "-o", str(tmp_path / "b.rjb"))
    assert written.status == 0, written.err
    assert cli("allow-list").out.splitlines() == [CANARY]
    # Maribel was redacted: offered for the watch-list, not added.
    assert "watch-list --add Maribel" in written.err
    assert cli("watch-list").out == ""
    again = cli("share", "--passphrase", "--kind", "session", "--dry-run")
    assert f'"{CANARY}"' not in again.out
    assert '"Maribel"' in again.out
