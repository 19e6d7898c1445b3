"""Score the identifier check on the frozen held-out corpus (issue 14).

    python -m benchmarks.deid_heldout            # the figures, per kind and overall
    python -m benchmarks.deid_heldout --json     # the same as JSON
    python -m benchmarks.deid_heldout --corpus tests/fixtures/deid-heldout-2/corpus.jsonl

The corpus (tests/fixtures/deid-heldout/, or a later one given with --corpus) was written blind
by someone who never read the detector; it is frozen. Scoring, by overlap, because a flag that
covers part of a name still makes the user look at it:
- an identifier is found when some flag overlaps it (recall, overall and per kind);
- a flag is right when it overlaps some identifier (precision);
- a clean sentence is flagged when any flag falls in it.
Only these aggregate figures are printed, never sentences, so the people tuning the
detector do not learn the corpus from the scorer.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reflectjournal.domain.deidentify import find_flags

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "deid-heldout" / (
    "corpus.jsonl")
Detector = Callable[[str], Iterable[tuple[int, int]]]


@dataclass(frozen=True, slots=True)
class Scores:
    """What the check found on the corpus."""

    recall: float
    precision: float
    clean_flagged: float  # share of clean sentences with any flag
    by_kind: dict[str, float]  # recall per identifier kind
    identifiers: int
    flags: int
    clean_sentences: int


def read_corpus(path: Path = CORPUS) -> list[dict[str, object]]:
    """Return the corpus lines as dicts (text, spans with start, end, kind)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(corpus: Sequence[dict[str, object]], detect: Detector) -> Scores:
    """Run detect over every sentence and score it against the labels."""
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    right = flags = clean = clean_hit = 0
    for line in corpus:
        text = str(line["text"])
        spans = [(int(s["start"]), int(s["end"]), str(s["kind"]))
                 for s in line["spans"]]  # type: ignore[attr-defined]
        hits = [(int(a), int(b)) for a, b in detect(text)]
        flags += len(hits)
        right += sum(1 for h in hits if any(_overlaps(h, (s, e)) for s, e, _k in spans))
        for start, end, kind in spans:
            total[kind] += 1
            found[kind] += any(_overlaps(h, (start, end)) for h in hits)
        if not spans:
            clean += 1
            clean_hit += bool(hits)
    identifiers = sum(total.values())
    return Scores(
        recall=sum(found.values()) / identifiers if identifiers else 1.0,
        precision=right / flags if flags else 1.0,
        clean_flagged=clean_hit / clean if clean else 0.0,
        by_kind={kind: found[kind] / total[kind] for kind in sorted(total)},
        identifiers=identifiers, flags=flags, clean_sentences=clean,
    )


def app_detector(text: str) -> list[tuple[int, int]]:
    """The app's check as the share preview runs it (no watch-list)."""
    return [(flag.start, flag.end) for flag in find_flags(text)]


def argument_parser() -> argparse.ArgumentParser:
    """Return the command line parser (its own function so tests can check it without scoring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    # Each held-out corpus allows only a few scorer runs, so a spent one is replaced by a new
    # file in the same format rather than re-scored.
    parser.add_argument("--corpus", type=Path, default=CORPUS, metavar="PATH",
                        help="corpus JSONL to score (default: the first held-out corpus)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Print the held-out figures."""
    args = argument_parser().parse_args(argv)
    result = score(read_corpus(args.corpus), app_detector)
    if args.json:
        print(json.dumps(dataclasses.asdict(result), indent=2))
        return 0
    print(f"identifiers {result.identifiers}, flags {result.flags}, "
          f"clean sentences {result.clean_sentences}")
    print(f"recall {result.recall:.3f} (target >= 0.95), precision {result.precision:.3f} "
          f"(>= 0.85), clean sentences flagged {result.clean_flagged:.1%} (<= 10 %)")
    for kind, value in result.by_kind.items():
        print(f"  {kind:<10} recall {value:.3f} (>= 0.90)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
