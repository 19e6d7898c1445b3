"""Commands of the supervision loop: `bring` (a mark on an entry) and `agenda`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from reflectjournal.cli.common import open_journal, say
from reflectjournal.domain.agenda import AgendaItem, WaitingQuestion
from reflectjournal.services.journal import JournalOptions


def one_line(text: str) -> str:
    """Return text on one line: a question's line breaks must not look like other items."""
    return " ".join(text.split())


def cmd_bring(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """Mark an entry to bring to supervision, or (--done) take the mark off the agenda."""
    with open_journal(args, folder, options) as journal:
        entry = journal.get_entry(args.id)
        if args.done:
            was_open = journal.loop.bring_done(entry.id)
            say(f"{entry.id[:8]} is off your agenda." if was_open
                else f"{entry.id[:8]} was not marked to bring to supervision.")
            return 0
        added = journal.loop.bring(entry.id)
    say(f"{entry.id[:8]} is on your supervision agenda until you mark it done "
        f"(reflectjournal bring --done {entry.id[:8]}); shared, it tells your supervisor you "
        "want to talk about it." if added else f"{entry.id[:8]} was marked already.")
    return 0


def _item_json(i: AgendaItem) -> dict[str, object]:
    return {"id": i.item_id, "source": i.source, "origin": i.origin, "entry_id": i.entry_id,
            "entry_title": i.entry_title, "entry_date": i.entry_date,
            "opened_at": i.opened_at.isoformat(), "from": i.asker or None,
            "text": i.text or None}


def _waiting_json(w: WaitingQuestion) -> dict[str, object]:
    return {"origin": w.origin, "supervisee": w.sender_name, "entry_id": w.entry_id,
            "bundle_id": w.bundle_id, "entry_title": w.entry_title, "entry_date": w.entry_date,
            "received_at": w.received_at.isoformat()}


def cmd_agenda(args: argparse.Namespace, folder: Path, options: JournalOptions) -> int:
    """List the open items of the next supervision, or take one off (--answered)."""
    with open_journal(args, folder, options) as journal:
        if args.answered:
            item = journal.loop.mark_answered(args.answered)
            say(f"Answered: {one_line(item.origin)}. It is off your agenda.")
            return 0
        items = journal.loop.agenda()
        waiting = journal.received.waiting_questions()
    if args.format == "json":
        print(json.dumps({"open": [_item_json(i) for i in items],
                          "supervisees_asked": [_waiting_json(w) for w in waiting]},
                         indent=2, ensure_ascii=False))
        return 0
    for i in items:
        print(f"{i.item_id:<6} {i.opened_at.date()}  {one_line(i.origin)}")
        if i.text:
            print(f"       {one_line(i.text)}")
    if waiting:
        print("Brought to you by supervisees, no comment from you yet:")
        for w in waiting:
            print(f"  {w.entry_id[:8]}  {w.received_at.date()}  {one_line(w.origin)}")
    if not items and not waiting:
        say("Nothing open: no questions waiting and no entries marked to bring.")
    elif items:
        say("Take an item off once talked about: reflectjournal agenda --answered ID.")
    return 0
