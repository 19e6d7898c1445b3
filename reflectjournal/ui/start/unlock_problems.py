"""What to tell the user when a journal does not open, and what to do next."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reflectjournal.domain.errors import (
    JournalBusyError,
    JournalDamagedError,
    JournalError,
    NewerSchemaError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from reflectjournal.services.folders import BACKUP_SUFFIX, backups_folder, newest_backups
from reflectjournal.ui.background.session import user_message


@dataclass(frozen=True, slots=True)
class Problem:
    """A plain statement of what went wrong, and the next step the user can take."""

    message: str
    next_step: str = ""


def unlock_problem(error: BaseException, folder: Path) -> Problem:
    """Return the message and next step for an error from unlocking or recovering."""
    if isinstance(error, WrongPassphraseError):
        return Problem(error.message,
                       "Check that Caps Lock is off and that the keyboard layout is the usual "
                       "one, then try again. If you have forgotten it, choose “Use recovery "
                       "key…”.")
    if isinstance(error, WrongRecoveryKeyError):
        return Problem(error.message,
                       "Compare it with the copy you saved or printed when you created the "
                       "journal; dashes and spaces do not matter. If you made a new recovery "
                       "key since, only the newest one works.")
    if isinstance(error, JournalDamagedError):
        return Problem(error.message, _restore_step(folder))
    if isinstance(error, JournalBusyError):
        return Problem(error.message,
                       "Close ReflectJournal in the other window, or wait for a running "
                       "reflectjournal command to finish, then unlock again.")
    if isinstance(error, NewerSchemaError):
        return Problem(error.message,
                       "Install the newest version of ReflectJournal and open the journal with "
                       "it. This version changed nothing.")
    if isinstance(error, JournalError):
        return Problem(error.message, error.hint)
    return Problem(user_message(error))


def _restore_step(folder: Path) -> str:
    """Say where the backups are and how to restore the newest; the damaged files are kept."""
    backups, place = newest_backups(folder), backups_folder(folder)
    how = (f"close ReflectJournal and run:\n"
           f"reflectjournal --journal \"{folder}\" restore ")
    after = ("\nThe damaged files are moved into a damaged-… folder beside it, never deleted. "
             "The journal then opens with the passphrase you had when the backup was made.")
    if backups:
        return (f"Nothing was changed. Your backups are in {place}.\nTo restore the "
                f"newest, {how}\"{backups[0]}\"{after}")
    return (f"Nothing was changed. There are no backups in {place}.\nIf you keep "
            f"backups elsewhere (files ending in {BACKUP_SUFFIX}), {how}FILE{after}")

