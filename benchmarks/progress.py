"""Time progress toward Endorsement through the service and the Progress screen (issue 12).

    python -m benchmarks.progress                 # 100,000 entries (built once, then kept)
    python -m benchmarks.progress --size 20000    # another size
    python -m benchmarks.progress --json          # the figures as JSON

A real SQLCipher journal (cheap KDF) of synthetic entries from the benchmark corpus, of which
2,500 are supervision sessions with six RSC providers and 2,500 trainings with hours; the
rest are session notes and reflections, most tagged by competency. Timed, in one run:
- the baseline: the raw SQL that reads the same rows the service reads (the ledger's kinds
  with their fields, and every competency tag), fetched and nothing more;
- `Journal.endorsement.progress(...)` after a change (target p95 100 ms): before each call
  one entry is saved, in turn a supervision session's minutes, a session note's text and a
  reflection's competency tags (each edit undone by the next save of the same entry), so
  the service brings what it keeps up to date for that entry; the save itself is not timed;
- the same with what the service keeps dropped (everything read again, as on the first
  call after unlocking), and with nothing changed since the last call (what the screen
  does as the user tries categories and dates);
- the Progress screen: from the menu action to the report drawn in the dialog, offscreen,
  with the journal work run inline, after a change as above (target 300 ms).
The journal is kept in benchmarks/out/progress-SIZE/ and rebuilt when its marker differs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import random
import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks.common import DEFAULT_OUT, FAST, PASSPHRASE, SEED, Stats, read_json, write_json
from benchmarks.corpus import CORPUS_VERSION, Generator, TagPools, user_tags
from reflectjournal.domain import exchange
from reflectjournal.domain.endorsement.coverage import OTHER_EVIDENCE_KINDS, row_reach
from reflectjournal.domain.endorsement.records import LEDGER_KINDS, Degree, Qualification
from reflectjournal.domain.entry import Entry, EntryChanges, FieldValue
from reflectjournal.domain.ids import EntryId
from reflectjournal.services.journal import Journal
from reflectjournal.services.progress import ProgressOptions
from reflectjournal.store import evidence, schema

BUILD_VERSION = 1
SUPERVISION = 2_500
TRAINING = 2_500
AS_OF = dt.date(2026, 5, 31)
RUNS = 40
SCREEN_RUNS = 10
TARGET_SERVICE_P95_MS = 100.0
TARGET_SCREEN_P95_MS = 300.0
_PROVIDERS = (("Jordan Lee", Qualification.IMHS), ("Ada Obi", Qualification.IMHM_C),
              ("Sam Ortiz", Qualification.IMHS), ("Kim Park", Qualification.NOT_ENDORSED),
              ("Rae Cho", Qualification.IFS_MASTERS), ("Lou Diaz", Qualification.IMHS))


def _hours_entry(entry: Entry, kind: str, rng: random.Random,
                 provider_ids: list[str]) -> Entry:
    """Make a corpus entry a supervision session or a training the ledger can count."""
    fields: dict[str, FieldValue]
    if kind == "supervision":
        fields = {"provider_id": rng.choice(provider_ids),
                  "format": rng.choice(("individual", "individual", "group")),
                  "supervision_type": "reflective", "peer": rng.random() < 0.05}
        return replace(entry, kind=kind, fields=fields, duration_minutes=rng.choice((60, 90)))
    fields = {"hours_face_to_face": float(rng.choice((1, 2, 3, 6))),
              "about_rsc": rng.random() < 0.2, "dei": rng.random() < 0.2}
    return replace(entry, kind=kind, fields=fields, duration_minutes=None)


def _marker(size: int) -> dict[str, Any]:
    return {"size": size, "seed": SEED, "corpus": CORPUS_VERSION, "build": BUILD_VERSION,
            "schema": schema.LATEST}


def build(root: Path, size: int) -> Path:
    """Build (or reuse) the journal; return its folder."""
    folder, marker = root / "journal", root / "built.json"
    if marker.exists() and read_json(marker) == _marker(size):
        return folder
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    journal, _ = Journal.create(folder, PASSPHRASE, FAST)
    with journal:
        journal.profile.update(category="imhs", degree=Degree.MASTER,
                               degree_date=dt.date(2015, 6, 1))
        provider_ids = [journal.providers.add(name, q, dt.date(2010, 1, 1)).id
                        for name, q in _PROVIDERS]
        pools = TagPools(tuple(journal.tags("competency")), tuple(journal.tags("theme")),
                         user_tags(SEED))
        rng = random.Random(SEED)
        entries = Generator(SEED, journal.catalog, pools).entries(size)
        hours_at = rng.sample(range(size), SUPERVISION + TRAINING)
        kinds = dict.fromkeys(hours_at[:SUPERVISION], "supervision") | dict.fromkeys(
            hours_at[SUPERVISION:], "training")
        entries = [_hours_entry(e, kinds[i], rng, provider_ids) if i in kinds
                   else replace(e, kind="reflection", fields={}, duration_minutes=None)
                   if e.kind in ("supervision", "training") else e
                   for i, e in enumerate(entries)]
        journal.import_json(exchange.to_json(entries, pools.all, dt.datetime.now(dt.UTC)))
    write_json(marker, _marker(size))
    return folder


def _timed(work: Callable[[], object], runs: int) -> Stats:
    work()  # warm the page cache and the caches of the code
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return Stats.of(seconds)


def _raw_read(journal: Journal) -> Callable[[], object]:
    """The baseline: fetch exactly the rows the service reads, with no Python on top."""
    db = journal._db
    marks = ",".join("?" * len(LEDGER_KINDS))
    reach = row_reach(journal.catalog.competencies)

    def read() -> object:
        # The same statements as store/evidence.py, from the same covering indexes.
        db.rows(f"SELECT uuid, id, kind, fields, duration_minutes, starred FROM entries"
                f" INDEXED BY entries_for_progress WHERE kind IN ({marks}) ORDER BY id",
                LEDGER_KINDS)
        db.rows("SELECT id, title FROM entries INDEXED BY entries_training_names"
                " WHERE kind = 'training'")
        db.rows("SELECT id, kind, uuid FROM entries INDEXED BY entries_for_progress"
                " WHERE kind = 'training'")
        db.rows("SELECT entry_id, tag_id FROM entry_tags WHERE tag_id IN"
                " (SELECT id FROM tags WHERE family = 'competency')")
        # The other evidence, counted in SQL: one row per area comes back.
        return evidence.other_evidence(db, OTHER_EVIDENCE_KINDS, reach, AS_OF)

    return read


class _Edits:
    """Real saves, one entry each, turn by turn: what a user does between two looks."""

    def __init__(self, journal: Journal) -> None:
        db = journal._db
        sessions = [EntryId(u) for (u,) in db.rows(
            "SELECT uuid FROM entries WHERE kind = 'supervision' ORDER BY id LIMIT 40")]
        notes = [EntryId(u) for (u,) in db.rows(
            "SELECT uuid FROM entries WHERE kind = 'session' ORDER BY id DESC LIMIT 40")]
        reflections = [EntryId(u) for (u,) in db.rows(
            "SELECT uuid FROM entries WHERE kind = 'reflection' ORDER BY id DESC LIMIT 40")]
        area = journal.catalog.competencies[1].id
        self._plans: list[tuple[EntryId, Callable[[Entry], EntryChanges]]] = []
        for session, note, reflection in zip(sessions, notes, reflections, strict=True):
            self._plans += [
                (session, lambda e: EntryChanges(duration_minutes=(e.duration_minutes or 60)
                                                 + (15 if (e.duration_minutes or 60) % 2 == 0
                                                    else -15))),
                (note, lambda e: EntryChanges(body=e.body + " More." if not e.body.endswith(
                    " More.") else e.body.removesuffix(" More."))),
                (reflection, lambda e: EntryChanges(competencies=tuple(
                    t for t in e.competencies if t != area) if area in e.competencies
                    else (*e.competencies, area)))]
        self._journal, self._turn = journal, 0

    def __call__(self, journal: Journal | None = None) -> None:
        """Save the next edit (through `journal`, default the one given at first)."""
        on = journal or self._journal
        entry_id, change = self._plans[self._turn % len(self._plans)]
        self._turn += 1
        on.update_entry(entry_id, change(on.get_entry(entry_id)))


def _timed_after(change: Callable[[], object], work: Callable[[], object],
                 runs: int) -> Stats:
    """Time `work` right after `change` each run; the change itself is not timed."""
    change()
    work()
    seconds = []
    for _ in range(runs):
        change()
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return Stats.of(seconds)


def _screen(folder: Path) -> Stats:
    """Time the Progress screen from its menu action to the report drawn (offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from reflectjournal.ui.app import build_window
    from reflectjournal.ui.background.tasks import SyncTasks
    from reflectjournal.ui.settings.options import Settings

    app = QApplication.instance() or QApplication([])
    settings = Settings(folder.parent / "settings.ini")
    window = build_window(folder, settings, options=FAST, tasks=SyncTasks())
    window.show()
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QLineEdit

    [field] = [w for w in window.start.findChildren(QLineEdit)
               if w.accessibleName() == "Passphrase"]
    field.setText(PASSPHRASE)
    QTest.keyClick(field, Qt.Key.Key_Return)  # unlocks as a person does (inline tasks)
    app.processEvents()
    if not window.progress_action.isEnabled():
        raise RuntimeError("the journal did not unlock")
    seconds = []
    journal = window.session._journal
    assert journal is not None
    edit = _Edits(journal)
    for i in range(SCREEN_RUNS + 1):
        edit()  # a save between two looks (not timed), as a user does
        start = time.perf_counter()
        window.progress_action.trigger()
        dialog = window.progress_dialog
        app.processEvents()  # the dialog painted with the report in it
        if i:
            seconds.append(time.perf_counter() - start)
        if dialog.view.training_line.text() == "":
            raise RuntimeError("the Progress screen showed no report")
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
    window.session.shutdown()
    window.close()
    return Stats.of(seconds)


def run(size: int, out: Path) -> dict[str, Any]:
    """Build or reuse the journal and return every figure."""
    folder = build(out / f"progress-{size}", size)
    options = ProgressOptions(as_of=AS_OF)
    with Journal.open(folder, PASSPHRASE, FAST) as journal:
        report = journal.endorsement.progress(options)
        counts = {"supervision": sum(1 for e in report.entries if e.kind == "supervision"),
                  "training": sum(1 for e in report.entries if e.kind == "training"),
                  "coverage_rows": len(report.coverage)}
        baseline = _timed(_raw_read(journal), RUNS)
        changed = _timed_after(_Edits(journal), lambda: journal.endorsement.progress(options),
                               RUNS)
        cold = _timed_after(journal.endorsement.forget,
                            lambda: journal.endorsement.progress(options), RUNS)
        service = _timed(lambda: journal.endorsement.progress(options), RUNS)
        gc.freeze()  # what the app could do once a journal is open (see docs/benchmarks.md)
        frozen = _timed(lambda: journal.endorsement.progress(options), RUNS)
        gc.unfreeze()
    screen = _screen(folder)
    return {
        "size": size, "counts": counts, "baseline": baseline.to_dict(),
        "after_a_change": changed.to_dict(), "everything_read": cold.to_dict(),
        "ratio_median": cold.median_ms / baseline.median_ms,
        "service": service.to_dict(), "service_gc_frozen": frozen.to_dict(),
        "screen": screen.to_dict(),
        "service_target_met": changed.p95_ms < TARGET_SERVICE_P95_MS,
        "screen_target_met": screen.p95_ms < TARGET_SCREEN_P95_MS,
    }


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.progress")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.size, args.out)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    b, c, r, s, f, w = (result[k] for k in ("baseline", "after_a_change", "everything_read",
                                            "service", "service_gc_frozen", "screen"))
    print(f"{args.size:,} entries: {result['counts']}")
    rows = (("raw read of the same rows", b, ""),
            ("progress, after a change", c, f"  (target p95 < {TARGET_SERVICE_P95_MS:.0f})"),
            ("progress, everything read", r, f"  ({result['ratio_median']:.1f}x raw)"),
            ("progress, nothing changed", s, ""),
            ("the same, gc frozen", f, ""),
            ("Progress screen shown", w, f"  (target p95 < {TARGET_SCREEN_P95_MS:.0f})"))
    for label, figures, note in rows:
        print(f"  {label:<27} median {figures['median_ms']:7.1f} ms  "
              f"p95 {figures['p95_ms']:7.1f}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
