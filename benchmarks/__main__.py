"""``python -m benchmarks``: build (or reuse) journals, measure each size, report.

Each build step and each size's measurements run in a fresh subprocess
(``python -m benchmarks.worker``), so peak memory is per size and per step.
``--gui`` measures the desktop app instead (benchmarks/gui.py); ``--received`` search and
filters over what a supervisor received (benchmarks/received.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from benchmarks import build, cli_stream, raw, report, unlock
from benchmarks.common import DEFAULT_DOC, DEFAULT_OUT, ROOT, SizeDir, read_json, write_json

DEFAULT_SIZES = (1_000, 10_000, 100_000)
QUICK_SIZES = (1_000, 10_000)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmarks; print the Markdown tables."""
    args = _parser().parse_args(argv)
    sizes = QUICK_SIZES if args.quick else args.sizes
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    if args.gui:
        return _main_gui(args, sizes, out)
    if args.received:
        from benchmarks import received  # its own journal: 20 supervisees' bundles

        return received.main([])
    if args.report_only:
        _publish(read_json(out / "results.json"), args)
        return 0
    results: dict[str, Any] = {"sizes": []}
    for size in sizes:
        place = SizeDir.of(out, size)
        marker = _ensure_built(place, size, rebuild=args.rebuild)
        _log(f"{size:,} entries: measuring")
        _run_step("measure", size, out)
        _log(f"{size:,} entries: raw SQL alone, without memory security")
        _run_step("raw", size, out)
        _log(f"{size:,} entries: the command line streaming, one process a case")
        for case in cli_stream.CASES:
            _run_step(f"cli-{case.key}", size, out)
        results["sizes"].append({
            "size": size, "build": marker["build"], "built_at": marker["built_at"],
            "measure": read_json(place.result("measure")),
            "raw_only": read_json(place.result("raw")),
            "cli": [read_json(place.result(f"cli-{c.key}")) for c in cli_stream.CASES],
        })
    _log("production KDF: calibrating and timing one derivation")
    results["kdf"] = unlock.measure_kdf()
    results["machine"] = _machine()
    write_json(out / "results.json", results)
    _log(f"wrote {out / 'results.json'}")
    _publish(results, args)
    return 0


def _main_gui(args: argparse.Namespace, sizes: tuple[int, ...], out: Path) -> int:
    """Measure the desktop app on each size, then its start-up; report."""
    path = out / "gui-results.json"
    if args.report_only:
        _publish_gui(read_json(path), args)
        return 0
    from benchmarks import gui  # loads Qt, which the other modes do not need

    results: dict[str, Any] = {"sizes": []}
    with tempfile.TemporaryDirectory(prefix="reflectjournal-gui-bench-") as scratch:
        env = gui.child_env(Path(scratch))
        for size in sizes:
            place = SizeDir.of(out, size)
            _ensure_built(place, size, rebuild=args.rebuild)
            _log(f"{size:,} entries: driving the main window")
            _run_step("gui", size, out, env)
            results["sizes"].append(read_json(place.result("gui")))
        _log(f"start-up: the app's unlock window against a bare QMainWindow, {gui.START_RUNS}"
             " runs each")
        # Start-up reads no entries; the largest journal stands for the user's.
        results["start"] = gui.time_start(SizeDir.of(out, max(sizes)).journal, env)
    results["machine"] = _machine() | gui.versions() | {"code": _code_version()}
    results["targets"] = gui.TARGETS
    write_json(path, results)
    _log(f"wrote {path}")
    _publish_gui(results, args)
    return 0


def _publish_gui(results: dict[str, Any], args: argparse.Namespace) -> None:
    markdown = report.render_gui(results)
    print(markdown)
    if not args.no_doc:
        report.update_doc(args.doc, markdown, report.GUI_START, report.GUI_END)
        _log(f"wrote {args.doc}")


def _code_version() -> str:
    """Return the commit measured, noting uncommitted changes to the app."""
    program = shutil.which("git")

    def git(*words: str) -> str:
        if program is None:
            return ""
        done = subprocess.run([program, *words], cwd=ROOT, capture_output=True, text=True,
                              check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown commit"
    dirty = git("status", "--porcelain", "--", "reflectjournal")
    return commit + (" with uncommitted changes in reflectjournal/" if dirty else "")


def _publish(results: dict[str, Any], args: argparse.Namespace) -> None:
    markdown = report.render(results)
    print(markdown)
    if not args.no_doc:
        report.update_doc(args.doc, markdown)
        _log(f"wrote {args.doc}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--sizes", type=_sizes, default=DEFAULT_SIZES,
                        help="comma-separated journal sizes (default 1000,10000,100000)")
    parser.add_argument("--quick", action="store_true", help="only 1000 and 10000 entries")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="folder for built journals and results.json (default"
                             " benchmarks/out/); journals are reused when they match")
    parser.add_argument("--rebuild", action="store_true",
                        help="rebuild journals even if matching ones exist")
    parser.add_argument("--doc", type=Path, default=DEFAULT_DOC,
                        help="Markdown file whose results section is replaced")
    parser.add_argument("--no-doc", action="store_true", help="do not update the doc")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: render OUT/results.json (or, with --gui,"
                             " OUT/gui-results.json) again")
    parser.add_argument("--received", action="store_true",
                        help="time search and filters over received entries instead"
                             " (benchmarks/received.py)")
    parser.add_argument("--gui", action="store_true",
                        help="measure the desktop app instead: start-up, unlock to the list,"
                             " search as you type, memory (writes OUT/gui-results.json and"
                             " the doc's Desktop app section)")
    return parser


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError("sizes are whole numbers, e.g. 1000,10000") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("give at least one size of 1 or more")
    return sizes


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _run_step(step: str, size: int, out: Path, env: Mapping[str, str] | None = None) -> None:
    subprocess.run([sys.executable, "-m", "benchmarks.worker", step, str(size), str(out)],
                   cwd=ROOT, check=True, env=None if env is None else dict(env))


def _ensure_built(place: SizeDir, size: int, *, rebuild: bool) -> dict[str, Any]:
    """Reuse a matching journal, or build one through the import path."""
    if not rebuild and build.is_built(place, size):
        _log(f"{size:,} entries: reusing {place.journal}")
        marker: dict[str, Any] = read_json(place.marker)
        return marker
    build.clear(place)
    start = time.perf_counter()
    _log(f"{size:,} entries: generating the export document")
    _run_step("generate", size, place.root.parent)
    _log(f"{size:,} entries: raw-import baseline")
    _run_step("raw-import", size, place.root.parent)
    _log(f"{size:,} entries: importing through Journal.import_json")
    _run_step("import", size, place.root.parent)
    steps = ("generate", "raw-import", "import")
    marker = {
        "identity": build.identity(size),
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "build": {k: v for step in steps for k, v in read_json(place.result(step)).items()}
        | {"total_s": time.perf_counter() - start},
    }
    write_json(place.marker, marker)
    return marker


def _machine() -> dict[str, Any]:
    cipher, sqlite = raw.cipher_version()
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu_count": os.cpu_count(), "cpu_model": _cpu_model(),
        "memory_gib": _memory_gib(), "os": platform.platform(),
        "python": platform.python_version(), "cipher_version": cipher,
        "sqlite_version": sqlite, "sqlcipher3": importlib.metadata.version("sqlcipher3"),
    }


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def _memory_gib() -> float:
    try:
        pages, page_size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError):
        return 0.0
    return float(pages * page_size) / 2**30


if __name__ == "__main__":
    sys.exit(main())
