"""The supervision loop: questions and "bring to supervision" marks, open until answered.

The clinician's agenda carries every open item forward, oldest first, until the user marks
it answered; a supervisor's question on an entry is also answered by sharing that entry
again with that supervisor (store/supervision_loop.answer_by_share). The supervisor's side,
the entries supervisees brought that wait for a comment, is ReceivedDesk.waiting_questions.
"""

from __future__ import annotations

from reflectjournal.domain.agenda import AgendaItem, parse_item_id
from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import EntryId
from reflectjournal.services.entries import Entries
from reflectjournal.store import shared_versions as versions
from reflectjournal.store import supervision_loop as sql
from reflectjournal.store.database import Database


class SupervisionLoop:
    """Marks, questions and the open items of the next supervision."""

    def __init__(self, db: Database, entries: Entries) -> None:
        self._db = db
        self._entries = entries

    def bring(self, entry_id: EntryId) -> bool:
        """Mark an entry to bring to supervision; return False if it was marked already."""
        self._entries.get(entry_id)  # raises if there is no such entry
        with self._db.transaction():
            return sql.add_mark(self._db, entry_id, utc_now())

    def bring_done(self, entry_id: EntryId) -> bool:
        """Mark an entry's "bring to supervision" as talked about; return whether it was open."""
        with self._db.transaction():
            return sql.answer_mark(self._db, entry_id, utc_now())

    def is_brought(self, entry_id: EntryId) -> bool:
        """Return whether an entry has an open "bring to supervision" mark."""
        return entry_id in sql.marked_ids(self._db)

    def brought_ids(self) -> set[str]:
        """Return the entries with an open mark."""
        return sql.marked_ids(self._db)

    def agenda(self) -> list[AgendaItem]:
        """Return every open item, oldest first: questions received and my own marks."""
        marks = sql.open_marks(self._db)
        by_id: dict[str, Entry] = {
            e.id: e for e in self._entries.get_many([EntryId(m[1]) for m in marks])}
        items = [AgendaItem("mark", number, EntryId(entry_id), by_id[entry_id].title,
                            by_id[entry_id].date.isoformat(), marked_at)
                 for number, entry_id, marked_at in marks if entry_id in by_id]
        for number, answers, entry_id, text, asker, received_at in sql.open_questions(self._db):
            title, date = self._as_shared(answers, entry_id)
            items.append(AgendaItem("question", number, EntryId(entry_id) if entry_id else None,
                                    title, date, received_at, asker, text))
        items.sort(key=lambda i: (i.opened_at, i.source, i.number))
        return items

    def _as_shared(self, answers: str, entry_id: str | None) -> tuple[str, str]:
        """Return the title and date the supervisor saw, as the bundle carried them.

        The entry may have been edited or deleted since; a bundle from before versions
        were kept falls back to the entry as it is, or says it is gone.
        """
        if entry_id is None:
            sent = versions.in_bundle(self._db, answers)
            return "", sent[0].sent_at.date().isoformat() if sent else ""
        kept = versions.sent_version(self._db, answers, EntryId(entry_id))
        if kept is not None:
            return kept.entry.title, kept.entry.date
        found: list[Entry] = self._entries.get_many([EntryId(entry_id)])
        if found:
            return found[0].title, found[0].date.isoformat()
        return "(an entry since deleted)", ""

    def mark_answered(self, item_id: str) -> AgendaItem:
        """Take one item off the agenda (q12: a question, m3: a mark); return it."""
        source, number = parse_item_id(item_id)
        item = next((i for i in self.agenda() if i.source == source and i.number == number),
                    None)
        if item is None:
            raise InvalidInputError(f"No open agenda item is {item_id.strip()}; `agenda` lists "
                                    "the open ones.")
        with self._db.transaction():
            if source == "question":
                sql.answer_question(self._db, number, utc_now())
            else:
                sql.answer_mark_by_id(self._db, number, utc_now())
        return item
