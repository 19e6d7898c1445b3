"""One benchmark step in its own process: ``python -m benchmarks.worker STEP SIZE OUT``.

A fresh process per step and size keeps peak-RSS figures about that step alone.
The result is written as JSON to ``OUT/journal-SIZE/STEP-result.json``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks import build, cli_stream, measure
from benchmarks.common import SizeDir, write_json

STEPS: dict[str, Callable[[SizeDir, int], dict[str, Any]]] = {
    "generate": build.generate,
    "raw-import": build.raw_import,
    "import": build.import_export,
    "measure": lambda place, _size: measure.measure(place),
    "raw": lambda place, _size: measure.measure_raw(place),
    "gui": lambda place, size: _gui_measure(place, size),
} | {
    f"cli-{case.key}": lambda place, _size, key=case.key: cli_stream.measure_case(place, key)
    for case in cli_stream.CASES
}


def _gui_measure(place: SizeDir, size: int) -> dict[str, Any]:
    # Imported here: the other steps' processes should not load Qt (peak RSS).
    from benchmarks import gui

    return gui.measure(place, size)


def main(argv: list[str] | None = None) -> None:
    """Run one step and write its result."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.worker")
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("size", type=int)
    parser.add_argument("out", type=Path)
    args = parser.parse_args(argv)
    place = SizeDir.of(args.out, args.size)
    result = STEPS[args.step](place, args.size)
    write_json(place.result(args.step), result)


if __name__ == "__main__":
    main()
