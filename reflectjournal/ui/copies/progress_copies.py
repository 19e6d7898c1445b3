"""The progress summary as an unencrypted copy: PDF, Markdown or CSV, each warned first.

Gathered on the database thread from the same report the screen shows; the summary holds
dates, minutes, providers' and trainings' names and coverage counts, never a reflection.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Unpack

from reflectjournal.domain import printable
from reflectjournal.domain.endorsement.summary import table_csv
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.copies.export_actions import (
    CopySpec,
    ExportHooks,
    export_document,
    render_markdown,
)
from reflectjournal.ui.copies.pdf_layout import render_pdf_bytes
from reflectjournal.ui.copies.render_thread import Rendered

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from reflectjournal.services.journal import Journal
    from reflectjournal.services.progress import ProgressOptions

_WHAT = ("The summary holds your training and supervision hours (dates, minutes, your "
         "providers' names, training names and sponsors), how each session was confirmed, "
         "and your competency coverage counts. It holds no reflection text, prompt answers "
         "or client codes.")


def _csv(document: printable.Document) -> Rendered:
    [table] = [b for b in document.blocks if isinstance(b, printable.Table)]
    return table_csv(table).encode("utf-8"), 0


SUMMARY_COPIES: dict[str, CopySpec] = {
    "pdf": CopySpec(_WHAT, "Save the progress summary (PDF)", "endorsement-progress", ".pdf",
                    "PDF files (*.pdf)", render_pdf_bytes),
    "markdown": CopySpec(_WHAT, "Save the progress summary (Markdown)",
                         "endorsement-progress", ".md", "Markdown files (*.md)",
                         render_markdown),
    "csv": CopySpec(_WHAT, "Save the hours as CSV", "endorsement-hours", ".csv",
                    "CSV files (*.csv)", _csv),
}


LOG_SHEET = CopySpec(
    "The log sheet holds the dates, minutes and format of your sessions with this provider, "
    "blank rows and signature lines; nothing from any reflection.",
    "Save the RSC log sheet (PDF)", "rsc-log-sheet", ".pdf", "PDF files (*.pdf)",
    render_pdf_bytes)


def export_log_sheet(provider_id: str, parent: QWidget | None, session: JournalSession,
                     **hooks: Unpack[ExportHooks]) -> None:
    """Warn, ask where, then save the paper RSC log for one provider as a PDF."""

    def gather(journal: Journal, today: dt.date | None) -> printable.Document:
        return journal.endorsement.log_sheet(provider_id, journal.sharing.my_name(),
                                             today or dt.date.today())

    export_document(LOG_SHEET, parent, session, gather, **hooks)


def export_summary(kind: str, parent: QWidget | None, session: JournalSession,
                   options: ProgressOptions, **hooks: Unpack[ExportHooks]) -> None:
    """Warn, ask where, then save the summary for these options as the kind of copy named."""
    spec = SUMMARY_COPIES[kind]

    def gather(journal: Journal, today: dt.date | None) -> printable.Document:
        report = journal.endorsement.progress(options)
        day = today or dt.date.today()
        if kind == "csv":
            return printable.Document("Endorsement hours", "", (report.table(),))
        return report.document(journal.sharing.my_name(), day)

    export_document(spec, parent, session, gather, **hooks)
