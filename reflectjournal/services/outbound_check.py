"""The identifier check on copies that leave without a bundle: exports and printed copies.

The same check as before sharing (watch-list, patterns, possible names, this journal's
allow-list), over the entries' own words in the parts the copy holds. Printed copies hold
what a bundle holds by default (printable.LEFT_OUT names the rest), plus the comments
received; exports hold every part. Nothing here redacts: a copy is the user's own file,
so the check shows what it found and the user decides whether to write it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import replace

from reflectjournal.domain import flag_memory as memory
from reflectjournal.domain import share_selection as selection
from reflectjournal.domain.bundle import SharedEntry
from reflectjournal.domain.deidentify import find_flags
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.search import EVERYTHING, EntryFilter
from reflectjournal.services.journal import Journal

# Names of people an export carries although a bundle never does; the provider is a
# record id (its name is the user's own training provider, not a family's).
_EXPORT_ONLY_FIELDS = ("supervisor", "supervisee")


def check_printed(journal: Journal, ids: Sequence[EntryId]) -> list[selection.LocatedFlag]:
    """Return the flags in the entries and received comments a printed copy holds."""
    entries = journal.get_entries(ids)
    labels = journal.tag_labels()
    shared = [_as_shared(journal, e, labels, every_part=False) for e in entries]
    flags = _check(journal, shared)
    watch = journal.sharing.watch_list()
    for entry in entries:
        for i, comment in enumerate(journal.sharing.comments_on(entry.id)):
            flags += _located(entry.id, f"comment:{i}", comment.text, watch)
    return memory.without_allowed(flags, journal.sharing.allow_list())


def check_export(
    journal: Journal, where: EntryFilter = EVERYTHING, query: str = ""
) -> list[selection.LocatedFlag]:
    """Return the flags in the entries an export of this filter and search would write."""
    entries = journal.get_entries(journal.entries.selected(where, query))
    labels = journal.tag_labels()
    return memory.without_allowed(
        _check(journal, [_as_shared(journal, e, labels, every_part=True) for e in entries]),
        journal.sharing.allow_list())


def entry_titles(journal: Journal, flags: Sequence[selection.LocatedFlag]) -> dict[str, str]:
    """Return the title of each entry the flags are in ("" for an untitled one)."""
    ids = list(dict.fromkeys(f.entry_id for f in flags if f.entry_id is not None))
    return {e.id: e.title for e in journal.get_entries(ids)}


def _as_shared(journal: Journal, entry: Entry, labels: Mapping[str, str], *,
               every_part: bool) -> SharedEntry:
    kind = journal.catalog.kind(entry.kind)
    if not every_part:
        parts = selection.default_parts(kind)
        return selection.to_shared(entry, journal.catalog, labels, parts)
    parts = frozenset(p.id for p in selection.offered_parts(kind))
    shared = selection.to_shared(entry, journal.catalog, labels, parts)
    people = tuple((spec.label, str(entry.fields[spec.id])) for spec in kind.fields
                   if spec.id in _EXPORT_ONLY_FIELDS and entry.fields.get(spec.id))
    return replace(shared, fields=shared.fields + people) if people else shared


def _check(journal: Journal, shared: list[SharedEntry]) -> list[selection.LocatedFlag]:
    builtin = [t.label for t in journal.tags.all() if t.family != "user"]
    return selection.check(shared, "", journal.sharing.watch_list(),
                           selection.app_labels(journal.catalog, builtin))


def _located(
    entry_id: EntryId, location: str, text: str, watch_list: Sequence[str]
) -> list[selection.LocatedFlag]:
    out = []
    for flag in find_flags(text, watch_list):
        digest = hashlib.sha256(f"{entry_id}|{location}|{flag.start}|{flag.text}".encode())
        out.append(selection.LocatedFlag(digest.hexdigest()[:8], entry_id, location, flag))
    return out
