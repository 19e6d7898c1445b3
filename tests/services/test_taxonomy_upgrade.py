"""A journal written with the 2026.11 taxonomy gains the tags added since when it opens."""

from __future__ import annotations

from pathlib import Path

from reflectjournal.services.journal import Journal
from tests.helpers.journals import FAST, PASSPHRASE, copy_stored_journal


def test_an_older_journal_gains_the_new_tags_and_keeps_its_entries(tmp_path: Path) -> None:
    folder = copy_stored_journal("journal-v4", tmp_path)
    with Journal.open(folder, PASSPHRASE, FAST) as journal:
        active = {t.id for t in journal.tags(include_retired=False)}
        # Spec C2, C3: Mentor-only TF items and Program management; none retired.
        assert {"C1.11", "C1.12", "C1.13", "C10.01"} <= active
        assert {t.id for t in journal.catalog.competencies + journal.catalog.themes} <= active
        assert journal.count_entries() > 0
        assert journal.check().ok
