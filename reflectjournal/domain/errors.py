"""Errors a user can act on, each with a plain message.

Anything that is not a `JournalError` is a bug: the command line and the app log it
and show a generic message, never a traceback.
"""

from __future__ import annotations


class JournalError(Exception):
    """A condition the user can understand and act on."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class JournalMissingError(JournalError):
    """No journal exists in the chosen folder."""


class JournalExistsError(JournalError):
    """`init` was asked to create a journal where one already exists."""


class WrongPassphraseError(JournalError):
    """The passphrase does not open the key envelope."""


class WrongRecoveryKeyError(JournalError):
    """The recovery key is malformed or does not open the key envelope."""


class JournalDamagedError(JournalError):
    """The database or key envelope is unreadable although the key is right."""


class EnvelopeMismatchError(JournalDamagedError):
    """The key envelope belongs to another journal (or the database was replaced)."""


class JournalBusyError(JournalError):
    """Another process holds the journal open."""


class NewerSchemaError(JournalError):
    """The journal was written by a newer version of the app."""


class UnsupportedDriverError(JournalError):
    """The SQLite library in use cannot encrypt (plain sqlite3 instead of SQLCipher)."""


class StorageFullError(JournalError):
    """The disk is full or the file system refused a write."""


class FolderRefusedError(JournalError):
    """The journal folder or one of its own files cannot be used as it is (link, mode, drive)."""


class InvalidInputError(JournalError):
    """A value given by the user is not acceptable (unknown tag, bad date ...)."""


class FileRefusedError(InvalidInputError):
    """A file given to read is not a regular file, is too large, or cannot be read."""


class EntryNotFoundError(JournalError):
    """No entry matches the given id."""


class SearchSyntaxError(JournalError):
    """The search query could not be parsed."""


class ImportFormatError(JournalError):
    """An import file is malformed; the message names where."""


class BackupError(JournalError):
    """A backup could not be written, verified or restored."""


class ContactError(JournalError):
    """A contact card is malformed, a contact is unknown, or a pairing code does not match."""


class BundleError(JournalError):
    """A supervision bundle cannot be written or opened; nothing was changed."""


class BundleFormatError(BundleError):
    """A bundle's contents are malformed (after decryption) or of an unknown version."""


class BundleDamagedError(BundleError):
    """A bundle's encryption does not check out: damaged, truncated or not a bundle."""


class BundleNotForYouError(BundleError):
    """None of this journal's keys opens the bundle."""


class BundleSenderError(BundleError):
    """The bundle's signature is invalid, or its sender is not a verified contact."""


class BundleTooLargeError(BundleError):
    """The file is over the size limit; refused before decrypting."""


class WrongBundlePassphraseError(BundleError):
    """The passphrase does not open a passphrase-mode bundle."""


class UnresolvedFlagsError(JournalError):
    """Possible identifiers were found and not yet resolved, so nothing may leave."""

    def __init__(self, message: str, flags: tuple[object, ...], hint: str = "") -> None:
        super().__init__(message, hint)
        self.flags = flags


class TemplateFileError(InvalidInputError):
    """A template file is not one ReflectJournal wrote, or is damaged; nothing was changed."""
