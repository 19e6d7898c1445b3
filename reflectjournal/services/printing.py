"""Printable copies for supervision: gather entries, labels and comments into a Document.

The result is what the app turns into a PDF and what the Markdown export writes; both are
unencrypted copies, so callers ask the user first (security.md, leak checklist).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reflectjournal.domain import printable
from reflectjournal.domain.agenda import AgendaItem
from reflectjournal.domain.ids import EntryId
from reflectjournal.services.journal import Journal


def _today() -> dt.date:
    return dt.date.today()


def comments_by_entry(
    journal: Journal, ids: Sequence[EntryId]
) -> dict[str, list[printable.Comment]]:
    """Return the comments received on each of the entries, oldest first."""
    found: dict[str, list[printable.Comment]] = {}
    for entry_id in ids:
        comments = journal.sharing.comments_on(entry_id)
        if comments:
            found[entry_id] = [
                printable.Comment(c.author, c.author_role, c.verified, c.written_at.date(), c.text)
                for c in comments
            ]
    return found


def entries_document(
    journal: Journal, ids: Sequence[EntryId], *, today: dt.date | None = None
) -> printable.Document:
    """Return the chosen entries in full with the comments received on them."""
    entries = journal.get_entries(ids)
    return printable.entries_document(
        entries,
        comments_by_entry(journal, [e.id for e in entries]),
        journal.catalog,
        journal.tag_labels(),
        today=today or _today(),
    )


def agenda_document(
    journal: Journal, ids: Sequence[EntryId], *, today: dt.date | None = None
) -> printable.Document:
    """Return a one-page supervision agenda: the open items, then the chosen entries."""
    return printable.agenda_document(
        journal.get_entries(ids), journal.catalog, journal.tag_labels(), today=today or _today(),
        carried=[agenda_line(i) for i in journal.loop.agenda()],
    )


def agenda_line(item: AgendaItem) -> str:
    """Return one open item as the printed agenda says it: where from, then the question."""
    since = f" (since {item.opened_at.date().isoformat()})"
    return f"{item.origin}{since}: {item.text}" if item.text else f"{item.origin}{since}"


def entries_markdown(
    journal: Journal, ids: Sequence[EntryId], *, today: dt.date | None = None
) -> str:
    """Return the chosen entries and their comments as Markdown."""
    return printable.to_markdown(entries_document(journal, ids, today=today))


def agenda_markdown(
    journal: Journal, ids: Sequence[EntryId], *, today: dt.date | None = None
) -> str:
    """Return the supervision agenda as Markdown."""
    return printable.to_markdown(agenda_document(journal, ids, today=today))
