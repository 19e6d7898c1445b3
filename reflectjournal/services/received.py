"""The supervisor's desk: find, filter and count what supervisees shared.

Received entries have their own index (store/received_index.py), so nothing here ever
reaches the user's own entries or their search. A supervisee is a signing key: a name
typed by the user is resolved to one key here, and asks which when two contacts share it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from reflectjournal.domain.agenda import WaitingQuestion, shown_date
from reflectjournal.domain.bundle import SharedEntry
from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.errors import ContactError, EntryNotFoundError, InvalidInputError
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.received import (
    CaseloadRow,
    ReceivedFilter,
    ReceivedItem,
    removed_name,
)
from reflectjournal.domain.search import to_fts_query
from reflectjournal.domain.supervision import Contact
from reflectjournal.domain.taxonomy import Catalog, Tag
from reflectjournal.services.tags import Tags
from reflectjournal.store import received_search as sql
from reflectjournal.store import sharing as sharing_sql
from reflectjournal.store import supervision_loop as loop_sql
from reflectjournal.store import word_forms
from reflectjournal.store.database import Database


def key_fingerprint(signing_key: bytes) -> str:
    """Return the short label of a signing key, as a contact card shows it."""
    return hashlib.sha256(signing_key).hexdigest()[:12]


@dataclass(frozen=True, slots=True)
class Supervisee:
    """Someone who shared entries: their key, and how to call them."""

    signing_key: bytes
    name: str  # as in contacts; for a removed contact "removed contact <fingerprint>"
    removed: bool
    signed_as: str  # the name their latest bundle gave


class ReceivedDesk:
    """Search, filters, read marks and the caseload over received entries."""

    def __init__(
        self,
        db: Database,
        catalog: Catalog,
        tags: Tags,
        tag_group: Callable[[Tag], tuple[TagId, ...]],
    ) -> None:
        self._db = db
        self._catalog = catalog
        self._tags = tags
        self._tag_group = tag_group

    def supervisees(self) -> list[Supervisee]:
        """Return everyone anything was received from, by name."""
        contacts = {c.card.signing_key: c for c in sharing_sql.contacts(self._db)}
        found = [
            self._supervisee(key, signed_as, contacts) for key, signed_as in sql.senders(self._db)
        ]
        found.sort(key=lambda s: (s.removed, s.name.casefold(), s.signing_key))
        return found

    @staticmethod
    def _supervisee(key: bytes, signed_as: str, contacts: dict[bytes, Contact]) -> Supervisee:
        contact = contacts.get(key)
        if contact is None:
            return Supervisee(key, removed_name(key_fingerprint(key)), True, signed_as)
        return Supervisee(key, contact.name, False, signed_as)

    def resolve_supervisee(self, name: str) -> bytes:
        """Return the signing key a contact's name (or a key fingerprint) stands for.

        Fingerprints also find people who are no longer contacts: what they shared stays,
        under their key. Two contacts with one name are told apart by fingerprint.
        """
        wanted = " ".join(name.split()).casefold()
        people = self.supervisees()
        contacts = sharing_sql.contacts(self._db)
        named = [c for c in contacts if c.name.casefold() == wanted]
        if len(named) == 1:
            return named[0].card.signing_key
        if len(named) > 1:
            shared = {p.signing_key for p in people}
            raise ContactError(
                f"{len(named)} contacts are called '{name}'; which one do you mean?",
                "Name one by its key fingerprint: "
                + "; ".join(
                    f"{c.card.fingerprint} ({c.card.role or 'no role'}"
                    + (", has shared entries)" if c.card.signing_key in shared else ")")
                    for c in named
                )
                + ".",
            )
        bare = wanted.removeprefix("removed contact").strip()
        if len(bare) >= 4:
            keys = {p.signing_key for p in people} | {c.card.signing_key for c in contacts}
            by_print = [k for k in keys if key_fingerprint(k).startswith(bare)]
            if len(by_print) == 1:
                return by_print[0]
        known = ", ".join(p.name for p in people) or "nobody yet"
        raise ContactError(
            f"Nobody who shared entries is called '{name}'.", f"Supervisees: {known}."
        )

    def make_filter(
        self,
        *,
        supervisees: Sequence[str] = (),
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        kinds: Sequence[str] = (),
        competencies: Sequence[str] = (),
        themes: Sequence[str] = (),
        read: bool | None = None,
        answered: bool | None = None,
    ) -> ReceivedFilter:
        """Return the filter these names describe (each name resolved, or a plain error)."""
        if date_from and date_to and date_from > date_to:
            raise InvalidInputError("The start date is after the end date.")
        labels = self._tags.labels()
        groups = [self._label_group(n, "competency", labels) for n in competencies]
        groups += [self._label_group(n, "theme", labels) for n in themes]
        return ReceivedFilter(
            supervisees=tuple(self.resolve_supervisee(n) for n in supervisees),
            date_from=date_from,
            date_to=date_to,
            kinds=tuple(self._kind_label(k) for k in kinds),
            tag_groups=tuple(groups),
            read=read,
            answered=answered,
        )

    def _label_group(self, name: str, family: str, labels: dict[str, str]) -> tuple[str, ...]:
        # Entries travel with labels: a level-1 area's group is its own and its knowledge
        # areas' labels, as this journal's taxonomy names them.
        tag = self._tags.resolve(name, "competency" if family == "competency" else "theme")
        return tuple(dict.fromkeys(labels.get(t, t) for t in self._tag_group(tag)))

    def _kind_label(self, kind: str) -> str:
        try:
            return self._catalog.kind(kind).label
        except InvalidInputError:
            # A kind this journal does not know may still be one a supervisee's journal has.
            wanted = kind.strip().casefold()
            if (
                self._db.scalar(
                    "SELECT 1 FROM received_facts WHERE kind = ? COLLATE NOCASE", (wanted,)
                )
                is None
            ):
                raise
            return kind.strip()

    def find(
        self, query: str = "", where: ReceivedFilter | None = None, limit: int | None = None,
        *, snippets: bool = True,
    ) -> Iterator[ReceivedItem]:
        """Yield received entries that match, the latest received first, as they are found."""
        match = to_fts_query(query, forms=self._forms) if query.strip() else None
        names = {p.signing_key: p for p in self.supervisees()}
        where = where or ReceivedFilter()
        for row in sql.find(self._db, match, where, limit, snippets=snippets):
            yield self._item(row, names)

    def _forms(self, word: str) -> list[str]:
        return word_forms.forms(self._db, word)

    def page(
        self, query: str = "", where: ReceivedFilter | None = None, limit: int | None = 200
    ) -> list[ReceivedItem]:
        """Return the first matches at once, without snippets (what the review list shows)."""
        return list(self.find(query, where, limit, snippets=False))

    @staticmethod
    def _item(row: Sequence[Any], names: dict[bytes, Supervisee]) -> ReceivedItem:
        (
            rid,
            bundle_id,
            entry_id,
            key,
            kind,
            first,
            last,
            title,
            read_at,
            answered,
            received_at,
            verified,
            *snippet,
        ) = row
        sender = bytes(key)
        who = names.get(sender)
        name = who.name if who else removed_name(key_fingerprint(sender))
        return ReceivedItem(
            int(rid),
            str(bundle_id),
            str(entry_id),
            sender,
            name,
            who.removed if who else True,
            bool(verified),
            str(kind),
            str(first) if first == last else str(first)[:7],
            str(title),
            dt.datetime.fromisoformat(str(received_at)),
            read_at is not None,
            bool(answered),
            str(snippet[0] or "") if snippet else "",
        )

    def shared_entry(self, item: ReceivedItem) -> SharedEntry:
        """Return the whole received entry an item names."""
        found = sql.entry_at(self._db, item.row)
        if found is None:
            raise EntryNotFoundError("That received entry is no longer in the journal.")
        return found

    def mark_read(self, bundle_id: str, entry_id: str) -> bool:
        """Record that a received entry was shown; return whether it was new."""
        with self._db.transaction():
            return sql.mark_read(self._db, bundle_id, entry_id, utc_now())

    def caseload(self, year: int | None = None) -> list[CaseloadRow]:
        """Return each supervisee with what waits and the sessions confirmed with them.

        Hours are those of sessions this journal's user confirmed, in the calendar year
        asked for (this year by default).
        """
        year = year or utc_now().date().year
        counts = sql.caseload_counts(self._db)
        questions = loop_sql.waiting_counts(self._db)
        sessions = sql.given_sessions(self._db, year)
        rows = []
        for person in self.supervisees():
            entries, unread, unanswered, last = counts.get(person.signing_key, (0, 0, 0, None))
            last_date, minutes = sessions.get(person.signing_key, (None, 0))
            rows.append(
                CaseloadRow(
                    person.signing_key,
                    person.name,
                    person.removed,
                    entries,
                    unread,
                    unanswered,
                    dt.datetime.fromisoformat(last) if last else None,
                    dt.date.fromisoformat(last_date) if last_date else None,
                    minutes,
                    questions.get(person.signing_key, 0),
                )
            )
        return rows

    def waiting_questions(self) -> list[WaitingQuestion]:
        """Return what supervisees brought to supervision with no comment yet, oldest first."""
        names = {p.signing_key: p.name for p in self.supervisees()}
        return [WaitingQuestion(key, names.get(key, removed_name(key_fingerprint(key))),
                                bundle_id, EntryId(entry_id), title, shown_date(first, last),
                                received_at)
                for key, bundle_id, entry_id, title, first, last, received_at
                in loop_sql.waiting_questions(self._db)]
