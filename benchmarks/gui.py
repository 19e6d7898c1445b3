"""The desktop app, measured: start-up, unlock to the list, search as you type, memory.

Start-up runs fresh ``python -m benchmarks.gui_start`` processes: the real entry point
against a bare QMainWindow. The rest runs in one worker per size (``python -m
benchmarks.worker gui SIZE OUT``): the real MainWindow, built the way
``reflectjournal.ui.app`` builds it, over the benchmark journal with the real threaded
Tasks, driven with QTest and compared with the same service calls, without any GUI, in
the same process. A figure stops at the first frame that shows the result: the entry
table's viewport painted with the first page's rows and the count in the status line.
"""

from __future__ import annotations

import compileall
import gc
import itertools
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QWidget

from benchmarks import vocabulary
from benchmarks.common import FAST, PASSPHRASE, ROOT, SEED, SizeDir, Stats, peak_rss_mib
from reflectjournal.domain.search import EntryFilter, SortOrder
from reflectjournal.services.journal import Journal, unwrap_key
from reflectjournal.ui.app import build_window
from reflectjournal.ui.background.tasks import Tasks
from reflectjournal.ui.journal.entry_table import PAGE_SIZE
from reflectjournal.ui.look.app_style import apply_theme
from reflectjournal.ui.look.icons import icon
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.options import FONT_POINTS, THEME, Settings

START_RUNS = 15
"""Timed start-ups of each kind (after one warm-up each), bare and app alternating."""
UNLOCK_RUNS = 10
"""Timed unlock and lock cycles (after one warm-up), GUI and service calls alternating."""
SEARCH_PASSES = 3
"""Timed passes over the search words (after one warm-up pass)."""
SEARCH_WORDS = 10
"""Words of each kind typed per pass: common words, rare words, prefixes."""
SCROLL_PAGES = 20
"""Model pages (of PAGE_SIZE rows) scrolled through, a screen at a time."""
TIMEOUT_S = 120.0
"""Longest wait for any one frame before the run is declared broken."""

TARGETS: dict[str, float] = {
    "start_ratio": 1.5,  # app start / bare QMainWindow start, medians
    "unlock_ms": 300.0,  # unlock to the list shown, KDF apart, p95 at 100,000 entries
    "search_ms": 100.0,  # debounce fired to results shown, p95 at 100,000 entries
    "rss_mib": 300.0,  # peak RSS with 100,000 entries open, scrolled and searched
}
TARGET_SIZE = 100_000


def versions() -> dict[str, str]:
    """Return the Qt and PySide6 versions, for the machine line."""
    import PySide6
    from PySide6.QtCore import qVersion

    return {"pyside6": PySide6.__version__, "qt": qVersion(), "qpa": "offscreen"}


# --- start-up: fresh processes ----------------------------------------------------------

def child_env(scratch: Path) -> dict[str, str]:
    """Return the environment for GUI processes: offscreen Qt, private XDG folders.

    The app writes its settings (window geometry) on quit and may write an error log;
    both go under `scratch`, never into the user's own folders.
    """
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("CONFIG", "CACHE", "STATE", "DATA"):
        folder = scratch / name.lower()
        folder.mkdir(parents=True, exist_ok=True)
        env[f"XDG_{name}_HOME"] = str(folder)
    runtime = scratch / "runtime"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env["XDG_RUNTIME_DIR"] = str(runtime)
    return env


def time_start(folder: Path, env: Mapping[str, str], runs: int = START_RUNS) -> dict[str, Any]:
    """Time process start to the first painted window: the app's unlock form, a bare window."""
    # An installed app starts from compiled bytecode (pip compiles it when installing); a
    # checkout may have none, or be run with PYTHONDONTWRITEBYTECODE, and would then
    # compile every module on every start.
    compileall.compile_dir(ROOT / "reflectjournal", quiet=1)
    seconds: dict[str, list[float]] = {"bare": [], "app": []}
    rss: dict[str, list[float]] = {"bare": [], "app": []}
    for run in range(runs + 1):  # run 0 warms the OS file cache and the .pyc files
        for kind in (("bare", "app") if run % 2 else ("app", "bare")):
            shown, peak = _start_once(kind, folder, env)
            if run:
                seconds[kind].append(shown)
                rss[kind].append(peak)
    bare, app = Stats.of(seconds["bare"]), Stats.of(seconds["app"])
    return {
        "bare": bare.to_dict(), "app": app.to_dict(),
        "ratio_median": app.median_ms / bare.median_ms,
        "rss_mib": {kind: statistics.median(values) for kind, values in rss.items()},
        "runs": runs,
    }


def _start_once(kind: str, folder: Path, env: Mapping[str, str]) -> tuple[float, float]:
    """Return seconds from spawning to the first frame, and the child's peak RSS."""
    command = [sys.executable, "-m", "benchmarks.gui_start", kind]
    if kind == "app":
        command.append(str(folder))
    # CLOCK_MONOTONIC is system-wide, so the child's reading compares with ours.
    spawned = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, env=dict(env), capture_output=True, text=True,
                          timeout=TIMEOUT_S, check=False)
    words = done.stdout.split()
    if done.returncode != 0 or len(words) != 5 or words[0] != "shown":
        raise RuntimeError(f"{kind} start failed ({done.returncode}): {done.stderr[-2000:]}")
    return float(words[2]) - spawned, float(words[4])


# --- the main window: one worker process per size ----------------------------------------

def measure(place: SizeDir, size: int) -> dict[str, Any]:
    """Drive the real main window over one journal; return JSON-ready results."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory(prefix="reflectjournal-gui-bench-") as scratch:
        bench = _Bench(app, place, Path(scratch) / "settings.ini")
        try:
            return bench.run(size)
        finally:
            bench.close()


class _FrameProbe(QObject):
    """Marks the first frame of the entry table that shows what a step waits for.

    It watches the table's viewport for Paint events and, for searches, the debounce
    timer for its Timer event (just before the timeout signal starts the query).
    """

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self._window = window
        self._viewport = window.journal_page.table.viewport()
        self._viewport.installEventFilter(self)
        # The debounce timer is private; it is where "after the debounce" begins.
        self._timer = window.entries.search_timer
        self._timer.installEventFilter(self)
        window.journal_page.model.modelReset.connect(self._on_reset)
        self._reset_seen = False
        self._ready: Callable[[], bool] | None = None
        self.timer_fired: float | None = None
        self.stopped: float | None = None

    def arm_list(self) -> None:
        """Wait for a new result set: the model reset, then its first rows painted."""
        self._reset_seen = False
        self._arm(lambda: self._reset_seen and self._first_rows_shown())

    def arm_visible_rows(self) -> None:
        """Wait for every row in the viewport to be loaded and painted."""
        self._arm(self.visible_rows_loaded)

    def _arm(self, ready: Callable[[], bool]) -> None:
        self._ready = ready
        self.timer_fired = None
        self.stopped = None

    def _on_reset(self) -> None:
        self._reset_seen = True

    def _first_rows_shown(self) -> bool:
        model = self._window.journal_page.model
        rows = model.rowCount()
        status = self._window.journal_page.status.text()
        if rows == 0:
            return bool(status)
        return model.summary(0) is not None and status == _entries_text(rows)

    def visible_rows_loaded(self) -> bool:
        """Return whether every row in the viewport has its page loaded."""
        table, model = self._window.journal_page.table, self._window.journal_page.model
        top = table.rowAt(0)
        bottom = table.rowAt(self._viewport.height() - 1)
        if top < 0:
            return False
        if bottom < 0:
            bottom = model.rowCount() - 1
        return all(model.summary(row) is not None for row in range(top, bottom + 1))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._timer and event.type() == QEvent.Type.Timer:
            self.timer_fired = time.perf_counter()
        elif (watched is self._viewport and event.type() == QEvent.Type.Paint
              and self._ready is not None and self._ready()):
            self._ready = None
            # The rows are about to be painted; the next loop turn is after the frame.
            QTimer.singleShot(0, self._on_frame)
        return False

    def _on_frame(self) -> None:
        self.stopped = time.perf_counter()

    def wait(self) -> float:
        """Run the event loop until the armed frame is shown; return when it was."""
        _spin_until(lambda: self.stopped is not None, "the awaited frame")
        assert self.stopped is not None
        return self.stopped


def _entries_text(total: int) -> str:
    """Return the status line MainWindow shows for a non-empty result."""
    return f"{total} entr{'y' if total == 1 else 'ies'}"


def _spin_until(done: Callable[[], bool], what: str) -> float:
    """Process events (sleeping in the loop, never busy-waiting) until done() holds."""
    deadline = time.perf_counter() + TIMEOUT_S
    # Wakes the loop now and then, so the deadline is checked even when nothing happens.
    waker = QTimer()
    waker.start(100)
    try:
        while not done():
            if time.perf_counter() > deadline:
                raise RuntimeError(f"gave up waiting for {what} after {TIMEOUT_S:.0f} s")
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        waker.stop()
    return time.perf_counter()


class _Bench:
    """The app's window over one journal, and the steps that time it."""

    def __init__(self, app: QApplication, place: SizeDir, settings_path: Path) -> None:
        # Built by the app's build_window, with the benchmark's cheap KDF (the journal was
        # created with it) and a private settings file; styled as the app is.
        app.setApplicationName("ReflectJournal")
        self.place = place
        self.settings = Settings(settings_path)
        apply_theme(app, self.settings.get(THEME), self.settings.get(FONT_POINTS))
        app.setWindowIcon(icon("app"))
        self.tasks = Tasks()
        self.window = build_window(place.journal, self.settings, options=FAST, tasks=self.tasks)
        self.session = self.window.session
        self.window.show()
        self.probe = _FrameProbe(self.window)
        self.rss: dict[str, float] = {"window": peak_rss_mib()}
        self._total = -1  # the entry count, known after the first unlock without GUI

    def close(self) -> None:
        """Lock, stop the database thread and close the window."""
        self.window.close()
        self.session.shutdown()
        self.window.deleteLater()
        QApplication.processEvents()

    def run(self, size: int) -> dict[str, Any]:
        """Run every step; return the results."""
        _progress(f"  GUI, {size:,} entries: unlocking and locking")
        unlock = self.time_unlock()
        self.rss["unlocked"] = peak_rss_mib()
        _progress("  GUI: searching as you type")
        self.unlock()
        search = self.time_search()
        self.rss["searched"] = peak_rss_mib()
        _progress(f"  GUI: scrolling {SCROLL_PAGES} pages")
        scroll = self.time_scroll()
        self.rss["scrolled"] = peak_rss_mib()
        end = self.time_end_jump()
        self.rss["end"] = peak_rss_mib()
        return {"size": size, "unlock": unlock, "search": search, "scroll": scroll | end,
                "rss_mib": self.rss}

    # --- unlocking ---------------------------------------------------------------------

    def time_unlock(self) -> dict[str, Any]:
        """Time unlock cycles through the start view against the same calls without GUI."""
        samples: dict[str, list[float]] = {}
        first: dict[str, float] = {}
        for run in range(UNLOCK_RUNS + 1):  # run 0 warms up (reported apart)
            gc.collect()
            steps = (self._unlock_gui, self._unlock_calls)
            for step in (steps if run % 2 else steps[::-1]):
                for key, value in step().items():
                    if run:
                        samples.setdefault(key, []).append(value)
                    else:
                        first[key] = value * 1000
        return {key: Stats.of(values).to_dict() for key, values in samples.items()} | {
            "first_ms": first, "cycles": UNLOCK_RUNS + 1}

    def unlock(self) -> float:
        """Type the passphrase, click Unlock; return the click's time."""
        field = _visible(self.window, QLineEdit, "Passphrase")
        button = _visible(self.window, QPushButton, "Unlock")
        field.setText(PASSPHRASE)
        self.probe.arm_list()
        clicked = time.perf_counter()
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        return clicked

    def _unlock_gui(self) -> dict[str, float]:
        clicked = self.unlock()
        shown = self.probe.wait()
        # Everything unlocking queued (sidebar counts, draft check, later pages).
        idle = _spin_until(lambda: not self.tasks.busy, "the database thread to go idle")
        shown = self.window.journal_page.model.rowCount()
        if self._total >= 0 and shown != self._total:
            raise RuntimeError(f"the list shows {shown} entries, expected {self._total}")
        self.window.lock()
        _spin_until(lambda: not self.session.is_open and not self.tasks.busy, "locking")
        QApplication.processEvents()  # paint the start view before the next run
        return {"gui_list": shown - clicked, "gui_idle": idle - clicked}

    def _unlock_calls(self) -> dict[str, float]:
        """Time the service calls unlocking makes, in the app's order, without GUI.

        They run on the database thread while the window is locked, as the app's own do:
        SQLite's memory then comes from the same malloc arena, so the baseline does not
        inflate the peak RSS of the GUI.
        """
        timings: dict[str, float] = self.tasks.run_now(self._unlock_calls_here)
        return timings

    def _unlock_calls_here(self) -> dict[str, float]:
        where = EntryFilter()
        marks = [time.perf_counter()]
        envelope, key = unwrap_key(self.place.journal, PASSPHRASE, FAST)
        marks.append(time.perf_counter())
        journal = Journal.open_with_key(self.place.journal, envelope, key, FAST)
        try:
            marks.append(time.perf_counter())
            self._total = journal.count_entries(where, "", prefix_last=True)
            journal.tag_labels()
            marks.append(time.perf_counter())
            journal.search("", where, SortOrder.NEWEST, PAGE_SIZE, 0, prefix_last=True)
            marks.append(time.perf_counter())
            # The other work MainWindow._on_opened queues (as of this writing; compare it
            # when the figures move): the sidebar's counts ...
            journal.tags()
            journal.tag_counts()
            journal.kind_counts()
            journal.count_entries(EntryFilter(starred=True))
            marks.append(time.perf_counter())
            # ... and the drafts to offer back, with the editor's context.
            journal.drafts()
            journal.tags(include_retired=True)
            marks.append(time.perf_counter())
            journal.client_codes()
            marks.append(time.perf_counter())
        finally:
            journal.close()
        kdf, opened, counted, paged, filters, draft, codes = (
            b - a for a, b in itertools.pairwise(marks))
        return {
            "calls_list": opened + counted + paged, "calls_all": sum(
                (opened, counted, paged, filters, draft, codes)),
            "kdf_fast": kdf, "open": opened, "count": counted, "first_page": paged,
            "sidebar_counts": filters, "draft": draft, "client_codes": codes,
        }

    # --- searching ---------------------------------------------------------------------

    def time_search(self) -> dict[str, Any]:
        """Type words into the search box; time debounce-fired to results shown."""
        _spin_until(lambda: not self.tasks.busy, "the unlocked list")
        words = [(kind, word) for kind, pool in (
            ("common", vocabulary.COMMON_WORDS), ("rare", vocabulary.RARE_WORDS),
            ("prefix", vocabulary.PREFIXES),
        ) for word in pool[:SEARCH_WORDS] if word.isascii()]  # keyClicks types ASCII only
        gui: dict[str, list[float]] = {}
        calls: dict[str, list[tuple[float, float]]] = {}
        hits: dict[str, list[int]] = {}
        for rep in range(SEARCH_PASSES + 1):  # rep 0 warms up
            random.Random(SEED + rep).shuffle(words)
            gc.collect()
            for n, (kind, word) in enumerate(words):
                if (n + rep) % 2:
                    shown, total = self._search_gui(word)
                    counting, paging, expected = self._search_calls(word)
                else:
                    counting, paging, expected = self._search_calls(word)
                    shown, total = self._search_gui(word)
                if total != expected:
                    raise RuntimeError(f"search {word!r}: list shows {total}, "
                                       f"the service counts {expected}")
                if rep:
                    gui.setdefault(kind, []).append(shown)
                    calls.setdefault(kind, []).append((counting, paging))
                    hits.setdefault(kind, []).append(total)
        kinds = list(gui)
        groups = {kind: _pair(gui[kind], calls[kind]) | {
            "words": len(hits[kind]) // SEARCH_PASSES,
            "hits_median": statistics.median(hits[kind])} for kind in kinds}
        every = _pair([s for k in kinds for s in gui[k]], [c for k in kinds for c in calls[k]])
        return {"groups": groups, "all": every, "debounce_ms": self._timer_ms(),
                "typed": len(words) * (SEARCH_PASSES + 1)}

    def _timer_ms(self) -> int:
        return int(self.window.entries.search_timer.interval())

    def _search_gui(self, word: str) -> tuple[float, int]:
        """Replace the search text with word as a user types it; time the debounced part."""
        box = self.window.journal_page.search_box
        box.setFocus()
        box.selectAll()
        self.probe.arm_list()
        QTest.keyClicks(box, word)
        shown = self.probe.wait()
        fired = self.probe.timer_fired
        if fired is None:
            raise RuntimeError(f"search {word!r}: the debounce timer was not seen firing")
        # Let later pages and the selection settle, so the next sample starts clean.
        _spin_until(lambda: not self.tasks.busy, "the search to settle")
        return shown - fired, self.window.journal_page.model.rowCount()

    def _search_calls(self, word: str) -> tuple[float, float, int]:
        """Time refresh()'s service calls for word on the database thread, no GUI.

        Returns the time of the count (with the tag labels), of the first page, and the
        count.
        """
        where = self.window.entries.current_filter()
        result: list[tuple[float, float, int]] = []

        def work(journal: Journal) -> tuple[float, float, int]:
            start = time.perf_counter()
            total = journal.count_entries(where, word, prefix_last=True)
            journal.tag_labels()
            counted = time.perf_counter()
            journal.search(word, where, SortOrder.NEWEST, PAGE_SIZE, 0, prefix_last=True)
            return counted - start, time.perf_counter() - counted, total

        errors: list[BaseException] = []
        # An exception raised in a Qt callback would only be printed: carry it out.
        self.session.call(work, result.append, errors.append)
        _spin_until(lambda: bool(result or errors), "the service calls")
        if errors:
            raise errors[0]
        return result[0]

    # --- scrolling and memory ----------------------------------------------------------

    def time_scroll(self) -> dict[str, Any]:
        """Clear the search, then scroll down a screen at a time through SCROLL_PAGES pages."""
        box = self.window.journal_page.search_box
        box.selectAll()
        self.probe.arm_list()
        QTest.keyClick(box, Qt.Key.Key_Backspace)
        self.probe.wait()
        _spin_until(lambda: not self.tasks.busy, "the full list")
        table = self.window.journal_page.table
        bar = table.verticalScrollBar()
        plain: list[float] = []
        loading: list[float] = []
        while table.rowAt(0) < SCROLL_PAGES * PAGE_SIZE and bar.value() < bar.maximum():
            self.probe.arm_visible_rows()
            start = time.perf_counter()
            bar.setValue(bar.value() + bar.pageStep())
            needs_page = not self.probe.visible_rows_loaded()
            shown = self.probe.wait()
            (loading if needs_page else plain).append(shown - start)
            _spin_until(lambda: not self.tasks.busy, "scrolling to settle")
        return {"screens": len(plain) + len(loading), "rows": table.rowAt(0),
                "target_rows": SCROLL_PAGES * PAGE_SIZE,
                "step": Stats.of(plain).to_dict() if plain else None,
                "page_load": Stats.of(loading).to_dict() if loading else None}

    def time_end_jump(self) -> dict[str, Any]:
        """Time dragging the scroll bar to the bottom: the oldest entries, deepest offset."""
        bar = self.window.journal_page.table.verticalScrollBar()
        if bar.value() > 0:  # back to the top first, so the jump moves (and repaints)
            self.probe.arm_visible_rows()
            bar.setValue(0)
            self.probe.wait()
        self.probe.arm_visible_rows()
        start = time.perf_counter()
        bar.setValue(bar.maximum())
        shown = self.probe.wait()
        _spin_until(lambda: not self.tasks.busy, "the jump to settle")
        return {"end_jump_ms": (shown - start) * 1000}


def _pair(gui: list[float], calls: list[tuple[float, float]]) -> dict[str, Any]:
    """Summarise GUI samples against the calls' (count, first page) samples."""
    app, bare = Stats.of(gui), Stats.of([count + page for count, page in calls])
    return {"gui": app.to_dict(), "calls": bare.to_dict(),
            "count": Stats.of([count for count, _page in calls]).to_dict(),
            "first_page": Stats.of([page for _count, page in calls]).to_dict(),
            "ratio_median": app.median_ms / bare.median_ms}


def _visible(window: QWidget, kind: type[QWidget], name: str) -> Any:
    """Return the visible widget of this type with this accessible name."""
    for widget in window.findChildren(kind):
        if widget.accessibleName() == name and widget.isVisible():
            return widget
    raise RuntimeError(f"no visible {kind.__name__} named {name!r}")


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)
