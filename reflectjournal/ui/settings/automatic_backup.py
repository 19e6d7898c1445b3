"""The day's automatic backup, queued once the journal is open, and what to warn about after.

It runs on the database thread after the first page and the drafts (queued after them), so
unlocking shows the list first. What it leaves to say (it failed, the chosen folder is
missing, the last verified backup is old) goes to the journal page's note, where a person
sees it without opening Settings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from reflectjournal.domain.errors import JournalError
from reflectjournal.services.changes import NOTHING
from reflectjournal.ui.background.operations import change
from reflectjournal.ui.background.session import JournalSession, user_message

if TYPE_CHECKING:
    from reflectjournal.services.journal import Journal


def _back_up_if_due(journal: Journal) -> str:
    failed = ""
    try:
        journal.backups.backup_if_due()
    except JournalError as error:
        failed = (f"Today's automatic backup could not be made: {error} Nothing in the "
                  f"journal changed. Back up from Settings > Backups once that is fixed.")
    warnings = journal.backups.status().warnings
    return "\n".join(w for w in (failed, *warnings) if w)


def back_up_if_due(session: JournalSession, warn: Callable[[str], None]) -> None:
    """Make today's automatic backup if none was made; call warn with what to tell ("")."""
    # A backup changes no entry, tag or list any view shows.
    (change(session, _back_up_if_due, NOTHING).success(warn)
     .failure(lambda error: warn(user_message(error))).run())
