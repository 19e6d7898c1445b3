"""Changes: combined with |, asked with touches, and a restore touches every part."""

from __future__ import annotations

from reflectjournal.services.changes import (
    ENTRIES,
    EVERYTHING,
    NOTHING,
    RECEIVED,
    TAGS,
    Changes,
)


def test_changes_combine_part_by_part() -> None:
    both = ENTRIES | TAGS
    assert both == Changes(entries=True, tags=True)
    assert both.touches("tags")
    assert not both.touches("received", "contacts")
    assert (NOTHING | RECEIVED) == RECEIVED


def test_a_restore_touches_every_part() -> None:
    assert EVERYTHING.touches("entries")
    assert EVERYTHING.touches("received")
    assert not NOTHING.touches("entries", "tags", "drafts", "received", "contacts")
