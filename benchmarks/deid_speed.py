"""How fast the identifier check runs (issue 14: 200,000 characters in under 1 s).

    python -m benchmarks.deid_speed            # the figures
    python -m benchmarks.deid_speed --json

Three measurements, each the median of several runs, with a baseline measured in the same
run (one pass of a plain word pattern over the same text) so a loaded machine shows up as a
slow baseline rather than as a slow check:
- realistic: the development corpus repeated to 200,000 characters;
- hostile: inputs built to make patterns rescan ("a dot a dot ...", "O'O'O'...", digits,
  colons, "@", "mom (jess) " repeated), each at 0.5 MB and 1 MB: the ratio of the two times
  stays near 2 when the check is linear;
- the first call, which also reads the word lists.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Callable, Sequence

from benchmarks.deid_dev import CORPUS
from benchmarks.deid_heldout import read_corpus
from reflectjournal.domain.deid.lexicon import lexicon
from reflectjournal.domain.deidentify import find_flags

TARGET_CHARS = 200_000
LIMIT_SECONDS = 1.0
HOSTILE = {
    "a dot": "a dot ",
    "O'": "O'",
    "digits": "1",
    "colons": ":",
    "at signs": "@",
    "mom (jess)": "mom (jess) ",
    "spoken digits": "five ",
    "capitals": "Aa ",
    "underscores": "x_",
    "tags": "tags AB1 ",
}
_BASELINE = re.compile(r"\w+")


def _median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def realistic_text(size: int = TARGET_CHARS) -> str:
    """Return the development corpus repeated to size characters."""
    text = "\n".join(str(line["text"]) for line in read_corpus(CORPUS))
    return ((text + "\n") * (size // len(text) + 1))[:size]


def measure(repeat: int = 5) -> dict[str, object]:
    """Return the timings, in seconds, and the ratios."""
    start = time.perf_counter()
    lexicon()
    find_flags("Warm up with Maria on March 3.")
    first_call = time.perf_counter() - start
    text = realistic_text()
    check = _median_seconds(lambda: find_flags(text), repeat)
    baseline = _median_seconds(lambda: sum(1 for _ in _BASELINE.finditer(text)), repeat)
    hostile: dict[str, dict[str, float]] = {}
    for name, piece in HOSTILE.items():
        half = (piece * (500_000 // len(piece) + 1))[:500_000]
        full = (piece * (1_000_000 // len(piece) + 1))[:1_000_000]
        t_half = _median_seconds(lambda h=half: find_flags(h), 1)  # type: ignore[misc]
        t_full = _median_seconds(lambda f=full: find_flags(f), 1)  # type: ignore[misc]
        hostile[name] = {"0.5MB": round(t_half, 3), "1MB": round(t_full, 3),
                         "ratio": round(t_full / t_half, 2) if t_half else 0.0}
    return {
        "chars": len(text), "check_s": round(check, 3), "limit_s": LIMIT_SECONDS,
        "baseline_s": round(baseline, 4), "check_over_baseline": round(check / baseline, 1),
        "first_call_s": round(first_call, 3), "hostile": hostile,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Print the figures; exit 1 if 200,000 characters take 1 s or more."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    result = measure(args.repeat)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{result['chars']} characters: {result['check_s']} s (limit {LIMIT_SECONDS} s); "
              f"a plain word pass {result['baseline_s']} s, the check "
              f"{result['check_over_baseline']}x that; first call {result['first_call_s']} s")
        for name, row in result["hostile"].items():  # type: ignore[attr-defined]
            print(f"  hostile {name:<14} 0.5 MB {row['0.5MB']} s, 1 MB {row['1MB']} s, "
                  f"ratio {row['ratio']}")
    return 0 if float(result["check_s"]) < LIMIT_SECONDS else 1  # type: ignore[arg-type]


if __name__ == "__main__":
    raise SystemExit(main())
