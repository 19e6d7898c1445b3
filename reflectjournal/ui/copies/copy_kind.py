"""The unencrypted copies the app makes of chosen entries (light: no printing loaded)."""

from __future__ import annotations

from enum import StrEnum


class CopyKind(StrEnum):
    """Which copy: the entries as a PDF, a supervision agenda, or Markdown."""

    ENTRIES_PDF = "entries-pdf"
    AGENDA_PDF = "agenda-pdf"
    MARKDOWN = "markdown"
