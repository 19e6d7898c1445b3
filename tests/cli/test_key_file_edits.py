"""Key-derivation settings edited in journal.key are refused before deriving, as a changed file.

Through the real command line (the production policy): a ceiling such as 1 GiB x 64 passes
x 16 lanes would make every try run for minutes, and parameters under the floor (32 MiB, 2
passes) would weaken the file; both, and an in-range edit (6 passes), are told as "this key
file was changed or damaged", never as a wrong passphrase, and nothing changes. With the
slot's check removed too (as if written before checks), out-of-range values are still
refused before deriving; an in-range edit can then only be told by its failed wrap.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers.cli import isolated_env, run_subprocess
from tests.helpers.journals import PASSPHRASE
from tests.helpers.leaks import folder_bytes

CEILING = {"memory_kib": 1024 * 1024, "iterations": 64, "lanes": 16}
UNDER_MEMORY = {"memory_kib": 32 * 1024}
UNDER_PASSES = {"iterations": 2}
IN_RANGE = {"iterations": 6}


def _edit(key_file: Path, changes: dict[str, int], *, drop_check: bool) -> None:
    doc = json.loads(key_file.read_bytes())
    doc["slots"]["passphrase"].update(changes)
    if drop_check:
        doc["slots"]["passphrase"].pop("check")
    key_file.write_text(json.dumps(doc, indent=2, sort_keys=True))


@pytest.mark.parametrize("drop_check", [False, True])
@pytest.mark.parametrize("changes", [CEILING, UNDER_MEMORY, UNDER_PASSES, IN_RANGE])
def test_edited_kdf_settings_are_a_changed_key_file_not_a_wrong_passphrase(
    floor_journal: Path, tmp_path: Path, changes: dict[str, int], drop_check: bool
) -> None:
    _edit(floor_journal / "journal.key", changes, drop_check=drop_check)
    before = folder_bytes(floor_journal)
    env = isolated_env(tmp_path / "home", REFLECTJOURNAL_PASSPHRASE=PASSPHRASE)
    # A minute is far less than 1 GiB x 64 passes would take here: a run means a derivation.
    result = run_subprocess(["--journal", str(floor_journal), "list"], env, timeout=60)
    assert result.status == 1
    assert "internal error" not in result.err
    if drop_check and changes is IN_RANGE:
        assert "or its key file was changed or damaged" in result.err
    else:
        assert "This key file was changed or damaged" in result.err
        assert "does not open this journal" not in result.err
    assert folder_bytes(floor_journal) == before
