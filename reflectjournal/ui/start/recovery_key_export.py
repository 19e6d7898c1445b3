"""Keeping the recovery key: a small text file or a printed page, both asked for by the user."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from reflectjournal.services.files import write_chosen_file

# Neutral: the name says what the file is for, nothing about the journal's content.
DEFAULT_FILE_NAME = "reflectjournal-recovery-key.txt"

_INSTRUCTIONS = (
    "This key opens your ReflectJournal journal if you forget your passphrase: on the "
    "unlock screen choose \"Use recovery key\", type the key (dashes are optional) and "
    "choose a new passphrase.",
    "Keep it away from the computer that holds the journal, for example on paper in a "
    "drawer or on a USB stick kept elsewhere. Anyone who has this key and a copy of the "
    "journal's files can read the journal.",
)
_FILE_NOTE = ("If you saved this file on the journal's computer, copy it somewhere safe and "
              "then delete it there.")


def recovery_key_text(key: str, today: dt.date) -> str:
    """Return the contents of a saved recovery key file: the key and what to do with it."""
    paragraphs = "\n\n".join((*_INSTRUCTIONS, _FILE_NOTE))
    return (f"ReflectJournal recovery key (issued {today.isoformat()})\n\n    {key}\n\n"
            f"{paragraphs}\n")


def recovery_key_html(key: str, today: dt.date) -> str:
    """Return the printed page: a heading, the key in large type, and the instructions."""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in _INSTRUCTIONS)
    return (
        f"<h1>ReflectJournal recovery key</h1><p>Issued {today.isoformat()}</p>"
        f"<p style=\"font-family: monospace; font-size: 16pt; font-weight: bold; "
        f"white-space: nowrap;\">"
        f"{html.escape(key)}</p>{paragraphs}"
    )


def ask_save_path(parent: QWidget) -> Path | None:
    """Ask where to save the key; return None if the user cancels."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Save the recovery key", str(Path.home() / DEFAULT_FILE_NAME),
        "Text files (*.txt)")
    return Path(chosen) if chosen else None


def save_recovery_key(path: Path, key: str, today: dt.date) -> None:
    """Write the key file (owner-only on POSIX); raise JournalError or OSError."""
    write_chosen_file(path, recovery_key_text(key, today).encode("utf-8"))


def ask_printer(parent: QWidget) -> QPrinter | None:
    """Show the print dialog; return the chosen printer, or None if the user cancels."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName("ReflectJournal recovery key")
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print the recovery key")
    return printer if dialog.exec() == QDialog.DialogCode.Accepted.value else None


def print_recovery_key(printer: QPrinter, key: str, today: dt.date) -> None:
    """Print one page holding the key and what to do with it."""
    document = QTextDocument()
    document.setHtml(recovery_key_html(key, today))
    document.print_(printer)
