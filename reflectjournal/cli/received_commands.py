"""`received`: what supervisees shared, listed, searched and filtered, or the caseload."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from reflectjournal.cli import output
from reflectjournal.cli.common import open_journal, say
from reflectjournal.domain.bundle import SharedEntry
from reflectjournal.domain.entry import parse_date
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.received import CaseloadRow, ReceivedFilter, ReceivedItem
from reflectjournal.domain.share_selection import shared_entry_text
from reflectjournal.domain.shared_diff import diff_text, shared_changes
from reflectjournal.domain.shared_version import short_version
from reflectjournal.domain.wording import count_words
from reflectjournal.services.journal import Journal, JournalOptions
from reflectjournal.services.received import key_fingerprint


def cmd_received(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """List received entries (searched and filtered), show one, or the caseload."""
    with open_journal(args, folder, options) as journal:
        if args.caseload:
            return _caseload(journal, args)
        if args.id:
            return _show(journal, args)
        where = _filter(journal, args)
        if not args.search.strip() and where.is_empty and args.format == "text":
            return _by_bundle(journal, args.limit)
        return _found(journal, args, where)


def _filter(journal: Journal, args: argparse.Namespace) -> ReceivedFilter:
    try:
        date_from = parse_date(args.date_from) if args.date_from else None
        date_to = parse_date(args.date_to) if args.date_to else None
    except ValueError as exc:
        raise InvalidInputError(str(exc)) from None
    return journal.received.make_filter(
        supervisees=args.supervisee,
        date_from=date_from,
        date_to=date_to,
        kinds=args.kind,
        competencies=args.competency,
        themes=args.theme,
        read=args.read,
        answered=args.answered,
    )


def _show(journal: Journal, args: argparse.Namespace) -> int:
    """Print one received entry with its comments; it counts as read from then on."""
    sharing = journal.sharing
    got = sharing.find_received(args.id)
    [b] = [x for x in sharing.received_bundles() if x.bundle_id == got.bundle_id]
    journal.received.mark_read(got.bundle_id, got.entry.id)
    comments = [c for c in sharing.review_comments(got.bundle_id) if c.entry_id == got.entry.id]
    if args.format == "json":
        print(
            output.dump_json(
                {
                    **shared_entry_json(got.entry),
                    "bundle_id": got.bundle_id,
                    "received_at": b.received_at.isoformat(),
                    "verified": b.verified,
                    "comments": [
                        {
                            "written_at": c.written_at.isoformat(),
                            "text": c.text,
                            "sent": c.sent_in is not None,
                        }
                        for c in comments
                    ],
                }
            )
        )
        return 0
    names = {p.signing_key: p.name for p in journal.received.supervisees()}
    who = names.get(b.sender.signing_key, b.sender.name)
    print(f"Shared by {who} on {b.received_at:%Y-%m-%d} (read-only)")
    print(shared_entry_text(got.entry))
    _print_version(journal, got.bundle_id, got.entry)
    for c in comments:
        state = "sent" if c.sent_in else "not sent yet"
        print(f"\n> My comment, {c.written_at:%Y-%m-%d} ({state}):\n{c.text}")
    return 0


def _print_version(journal: Journal, bundle_id: str, entry: SharedEntry) -> None:
    """Print the entry's version and what changed since its sender shared it before."""
    print(f"\nVersion: {short_version(entry.version)}")
    earlier = journal.sharing.earlier_received(bundle_id, entry.id)
    if earlier is None:
        return
    _, received_at, before = earlier
    if before.version is not None and before.version == entry.version:
        print(f"The same version as the one received on {received_at:%Y-%m-%d}.")
        return
    print(f"Changed since the version received on {received_at:%Y-%m-%d} "
          f"({short_version(before.version)}):\n")
    print(diff_text(shared_changes(before, entry)))


def _by_bundle(journal: Journal, limit: int | None) -> int:
    """Print every bundle with its entries, the latest received first (no filter asked)."""
    sharing = journal.sharing
    names = {p.signing_key: p.name for p in journal.received.supervisees()}
    bundles = sharing.received_bundles()
    shown = 0
    for b in bundles:
        state = "verified" if b.verified else "not verified"
        who = names.get(b.sender.signing_key, b.sender.name)
        print(
            f"{b.bundle_id[:8]}  {b.received_at:%Y-%m-%d}  from {who} "
            f"({state}), {count_words(b.entry_count, 'entry', 'entries')}"
        )
        if b.message:
            print(f"    Message: {b.message}")
        for got in sharing.received_entries(b.bundle_id):
            if limit is not None and shown >= limit:
                return 0
            e = got.entry
            print(f"    {e.id[:8]}  {e.date:<10} {e.kind_label:<26} {e.title or '(no title)'}")
            shown += 1
    if not bundles:
        say("Nothing received yet. Open a bundle with: reflectjournal receive FILE")
    return 0


def _found(journal: Journal, args: argparse.Namespace, where: ReceivedFilter) -> int:
    """Print matches as the query finds them: the first at once, memory flat."""
    found = journal.received.find(args.search, where, args.limit)
    if args.format == "json":
        output.write_json_list(sys.stdout, _docs(journal, found))
        return 0
    shown = 0
    for item in found:
        print(item_line(item), flush=shown == 0)
        if item.snippet:
            print(f"    {output.snippet_text(item.snippet)}")
        shown += 1
    if not shown:
        say("No received entries match.")
    return 0


def item_line(item: ReceivedItem) -> str:
    """Return one found entry: id, date, kind, title; who, when, read and answered."""
    marks = ("" if item.read else "new, ") + ("answered" if item.answered else "unanswered")
    return (
        f"{item.entry_id[:8]}  {item.date:<10} {item.kind_label:<26} "
        f"{item.title or '(no title)'}\n    from {item.sender_name}, received "
        f"{item.received_at:%Y-%m-%d} ({marks})"
    )


def _docs(journal: Journal, items: Iterator[ReceivedItem]) -> Iterator[dict[str, Any]]:
    for item in items:
        yield {
            **shared_entry_json(journal.received.shared_entry(item)),
            "bundle_id": item.bundle_id,
            "supervisee": {
                "name": item.sender_name,
                "removed": item.removed,
                "fingerprint": key_fingerprint(item.sender_key),
            },
            "verified": item.verified,
            "received_at": item.received_at.isoformat(),
            "read": item.read,
            "answered": item.answered,
            **({"snippet": output.snippet_text(item.snippet)} if item.snippet else {}),
        }


def shared_entry_json(e: SharedEntry) -> dict[str, Any]:
    """Return a received entry's own members, as it was shared."""
    return {
        "id": e.id,
        "kind": e.kind_label,
        "date": e.date,
        "title": e.title,
        "answers": [{"prompt": p, "text": t} for p, t in e.answers],
        "body": e.body,
        "fields": [{"label": label, "value": v} for label, v in e.fields],
        "duration_minutes": e.duration_minutes,
        "tags": list(e.tags),
    }


def _caseload(journal: Journal, args: argparse.Namespace) -> int:
    rows = journal.received.caseload(args.year)
    if args.format == "json":
        output.write_json_list(sys.stdout, (_caseload_json(r) for r in rows))
        return 0
    if not rows:
        say("Nothing received yet. Open a bundle with: reflectjournal receive FILE")
        return 0
    year = args.year or "this year"
    width = max(len("Supervisee"), *(len(r.name) for r in rows))
    print(
        f"{'Supervisee':<{width}}  {'Entries':>7}  {'New':>5}  {'Unanswered':>10}  "
        f"{'Questions':>9}  {'Last session':<12}  Hours ({year})"
    )
    for r in rows:
        last = r.last_session.isoformat() if r.last_session else "none"
        print(
            f"{r.name:<{width}}  {r.entries:>7}  {r.unread:>5}  {r.unanswered:>10}  "
            f"{r.questions:>9}  {last:<12}  {r.hours_this_year:.1f}"
        )
    return 0


def _caseload_json(r: CaseloadRow) -> dict[str, Any]:
    return {
        "name": r.name,
        "fingerprint": key_fingerprint(r.signing_key),
        "removed": r.removed,
        "entries": r.entries,
        "unread": r.unread,
        "unanswered": r.unanswered,
        "questions": r.questions,  # brought to supervision, no comment yet (`agenda`)
        "last_received": r.last_received.isoformat() if r.last_received else None,
        "last_session": r.last_session.isoformat() if r.last_session else None,
        "minutes_this_year": r.minutes_this_year,
    }
