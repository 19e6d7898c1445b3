"""Time search and filters over what a supervisor received (issue 15).

    python -m benchmarks.received            # 20 supervisees x 1,000 received entries
    python -m benchmarks --received          # the same, from the benchmarks' entry point
    python -m benchmarks.received --json     # the figures as JSON

A real supervisor's journal (SQLCipher, the app's own schema and triggers) is filled with
20 supervisees' bundles of synthetic entries (benchmarks/corpus.py, the words of the other
benchmarks), two bundles of 500 each, dated as months as sharing does by default; a third
of them shown, a fifth commented on. Bundles are filed through the store, as receiving
files them after its checks: receiving itself (decryption, the signature) is not timed.

Each case runs a filter or a search through the service (`journal.received.page`, the
first 200 rows the review screen asks for, as ReceivedItem values), rotating supervisees
and words. The baseline, in the same run, is the same SQL read raw from the same
connection: the ratio is what the service adds (names, values) to the query itself.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.common import FAST, PASSPHRASE, SEED, Stats
from benchmarks.corpus import Generator, TagPools, user_tags
from reflectjournal.domain.bundle import EntriesPayload, Manifest, SharedEntry
from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.contact_card import ContactCard
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.received import ReceivedFilter
from reflectjournal.domain.search import to_fts_query
from reflectjournal.domain.taxonomy import Catalog
from reflectjournal.services.journal import Journal
from reflectjournal.store import received_search, word_forms
from reflectjournal.store import sharing as sharing_sql

SUPERVISEES = 20
PER_SUPERVISEE = 1_000
BUNDLE_SIZE = 500  # the most one bundle holds
PAGE = 200  # what the review screen asks for
REPEATS = 40
TARGET_P95_MS = 50.0
_AGE = "age1" + "q" * 58  # a well-formed recipient; nothing is encrypted to it here


def _shared(entry: Entry, catalog: Catalog, labels: dict[str, str]) -> SharedEntry:
    kind = catalog.kind(entry.kind)
    prompts = {p.id: p.text for p in kind.prompt_set.prompts}
    return SharedEntry(
        id=entry.id, kind_label=kind.label, date=entry.date.isoformat()[:7], title=entry.title,
        answers=tuple((prompts.get(k, k), v) for k, v in entry.answers.items()), body=entry.body,
        fields=(), duration_minutes=entry.duration_minutes,
        tags=tuple(labels.get(t, t) for t in (*entry.competencies, *entry.themes)),
    )


def build(folder: Path) -> tuple[Journal, list[bytes]]:
    """Make the supervisor's journal with every supervisee's bundles; return it and the keys."""
    journal, _ = Journal.create(folder, PASSPHRASE, FAST)
    catalog = journal.catalog
    labels = journal.tags.labels()
    pools = TagPools(tuple(journal.tags("competency")), tuple(journal.tags("theme")),
                     user_tags(SEED))
    rng = random.Random(SEED)
    db = journal._db  # filed as receiving files them, without its checks
    keys = []
    now = utc_now()
    for n in range(SUPERVISEES):
        key = rng.randbytes(32)
        keys.append(key)
        card = ContactCard(f"Supervisee {n + 1:02d}", "Home visitor", _AGE, key)
        entries = Generator(SEED + n, catalog, pools).entries(PER_SUPERVISEE)
        with db.transaction():
            sharing_sql.add_contact(db, card, now)
            for start in range(0, PER_SUPERVISEE, BUNDLE_SIZE):
                shared = tuple(_shared(e, catalog, labels)
                               for e in entries[start:start + BUNDLE_SIZE])
                bundle_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
                manifest = Manifest(bundle_id, "entries", now, card, (), "")
                sharing_sql.record_received(db, manifest, True, "", now)
                sharing_sql.file_entries(db, bundle_id, EntriesPayload("", shared))
                for entry in shared:
                    if rng.random() < 0.2:
                        sharing_sql.add_review_comment(db, bundle_id, entry.id, "Noted.", now)
        with db.transaction():
            db.execute("UPDATE received_facts SET read_at = ? WHERE sender_key = ?"
                       " AND id % 3 = 0", (now.isoformat(), key))
    return journal, keys


Case = tuple[str, str, Callable[[int], tuple[str, ReceivedFilter]]]


def _cases(journal: Journal, keys: Sequence[bytes]) -> list[Case]:
    desk = journal.received
    words = ("grandmother", "feeding", "bottle", "torticollis", "peekaboo", "sleep")
    prefixes = ("gra", "fee", "bot", "sle", "tor")

    def key(i: int) -> tuple[bytes, ...]:
        return (keys[i % len(keys)],)

    competency = desk.make_filter(competencies=["C4"])
    return [
        ("filter", "everything (first page)", lambda i: ("", ReceivedFilter())),
        ("filter", "one supervisee", lambda i: ("", ReceivedFilter(supervisees=key(i)))),
        ("filter", "supervisee + months", lambda i: ("", ReceivedFilter(
            supervisees=key(i), date_from=dt.date(2022, 1 + i % 12, 1),
            date_to=dt.date(2023, 1 + i % 12, 1)))),
        ("filter", "supervisee + unanswered", lambda i: ("", ReceivedFilter(
            supervisees=key(i), answered=False))),
        ("filter", "unread, everyone", lambda i: ("", ReceivedFilter(read=False))),
        ("filter", "kind", lambda i: ("", desk.make_filter(kinds=["reflection"]))),
        ("filter", "competency area (level 1)", lambda i: ("", competency)),
        ("search", "common word", lambda i: (words[i % 3], ReceivedFilter())),
        ("search", "rare word", lambda i: (words[3 + i % 2], ReceivedFilter())),
        ("search", "prefix", lambda i: (prefixes[i % len(prefixes)] + "*", ReceivedFilter())),
        ("search", "phrase", lambda i: ('"the mother"', ReceivedFilter())),
        ("search", "word + supervisee", lambda i: (words[i % 6], ReceivedFilter(
            supervisees=key(i)))),
        ("search", "word + unanswered + kind", lambda i: (words[i % 6], desk.make_filter(
            kinds=["session"], answered=False))),
    ]


def measure(journal: Journal, keys: Sequence[bytes]) -> dict[str, Any]:
    """Time every case through the service and as raw SQL, interleaved, in one run."""
    db = journal._db  # the baseline reads the same connection
    rows: list[dict[str, Any]] = []
    every_service: list[float] = []
    every_raw: list[float] = []
    for group, name, make in _cases(journal, keys):
        service, raw, found = [], [], 0
        for i in range(REPEATS + 2):
            query, where = make(i)
            # The same MATCH text as the service's, word forms included (looked up untimed).
            match = to_fts_query(query, forms=lambda w: word_forms.forms(db, w)) if query else None
            sql, params = received_search.find_sql(match, where, PAGE, snippets=False)
            start = time.perf_counter()
            db.rows(sql, params)
            t_raw = time.perf_counter() - start
            start = time.perf_counter()
            got = journal.received.page(query, where, PAGE)
            t_service = time.perf_counter() - start
            if i >= 2:  # the first two warm the page cache
                service.append(t_service)
                raw.append(t_raw)
                found += len(got)
        s, r = Stats.of(service), Stats.of(raw)
        every_service += service
        every_raw += raw
        rows.append({"group": group, "case": name, "rows": found // REPEATS,
                     "service": s.to_dict(), "raw": r.to_dict(),
                     "ratio_p95": s.p95_ms / r.p95_ms if r.p95_ms else None})
    overall_s, overall_r = Stats.of(every_service), Stats.of(every_raw)
    return {
        "supervisees": len(keys), "entries": len(keys) * PER_SUPERVISEE, "page": PAGE,
        "repeats": REPEATS, "cases": rows, "overall": {
            "service": overall_s.to_dict(), "raw": overall_r.to_dict(),
            "ratio_p95": overall_s.p95_ms / overall_r.p95_ms,
            "target_p95_ms": TARGET_P95_MS, "met": overall_s.p95_ms < TARGET_P95_MS,
        },
    }


def report(results: dict[str, Any]) -> str:
    """Return the figures as a Markdown table."""
    lines = [
        f"{results['supervisees']} supervisees x {results['entries'] // results['supervisees']:,}"
        f" received entries ({results['entries']:,}), first {results['page']} rows,"
        f" {results['repeats']} runs a case:",
        "",
        "| case | rows | service median | service p95 | raw SQL p95 | ratio (p95) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in results["cases"]:
        s, r = row["service"], row["raw"]
        lines.append(f"| {row['group']}: {row['case']} | {row['rows']} | {s['median_ms']:.1f} ms"
                     f" | {s['p95_ms']:.1f} ms | {r['p95_ms']:.1f} ms | {row['ratio_p95']:.2f} |")
    o = results["overall"]
    lines.append(f"| **every case** | | {o['service']['median_ms']:.1f} ms |"
                 f" **{o['service']['p95_ms']:.1f} ms** | {o['raw']['p95_ms']:.1f} ms |"
                 f" {o['ratio_p95']:.2f} |")
    verdict = "met" if o["met"] else "not met"
    lines += ["", f"Target p95 < {o['target_p95_ms']:.0f} ms: {verdict}."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Build the journal in a temporary folder, measure, print."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.received")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="reflectjournal-received-bench-") as scratch:
        start = time.perf_counter()
        journal, keys = build(Path(scratch) / "supervisor")
        built = time.perf_counter() - start
        with journal:
            results = measure(journal, keys)
    results["build_s"] = built
    print(json.dumps(results, indent=2) if args.json else report(results))
    print(f"(built in {built:.0f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
