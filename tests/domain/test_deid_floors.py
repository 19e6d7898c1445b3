"""The identifier check keeps the figures it landed with on both development sets, and a check
with one family of rules removed does not reach them (issue 14).

The two sets are tests/fixtures/deid-dev/ (written for tuning) and tests/fixtures/deid-heldout/
(the first blind corpus; it was scored three times while frozen, then opened for tuning, see
docs/deidentification.md). Both are tuned on now, so these floors guard against regressions;
they are not the fair figures, which come from the second frozen corpus and its scorer alone.
Each floor sits a little under the figure measured when it was landed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.deid_heldout import Scores, app_detector, read_corpus, score
from reflectjournal.domain.deid import check, structured

_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@dataclass(frozen=True)
class Floors:
    """The lowest figures a corpus may fall to."""

    recall: float
    precision: float
    clean_flagged: float  # the highest share of clean sentences flagged
    by_kind: dict[str, float]


FLOORS = {
    # measured (commit 7c78bc1) 0.988 recall, 0.988 precision, 0.8 % clean flagged; names
    # 0.986, places 0.959, every other kind 1.0
    "deid-dev": Floors(0.985, 0.98, 0.012, {
        "address": 1.0, "age": 1.0, "date": 1.0, "email": 1.0, "handle": 1.0, "id-number": 1.0,
        "name": 0.98, "phone": 1.0, "place": 0.95, "plate": 1.0, "url": 1.0,
    }),
    # measured (commit 7c78bc1) 0.993 recall, 0.998 precision, 0.4 % clean flagged; names
    # 0.992, places 0.950, every other kind 1.0
    "deid-heldout": Floors(0.99, 0.99, 0.01, {
        "address": 1.0, "age": 1.0, "date": 1.0, "email": 1.0, "handle": 1.0, "id-number": 1.0,
        "name": 0.985, "phone": 1.0, "place": 0.945, "plate": 1.0, "url": 1.0,
    }),
}


def shortfalls(result: Scores, floors: Floors) -> list[str]:
    """Return every figure this result falls short of."""
    short = []
    if result.recall < floors.recall:
        short.append(f"recall {result.recall:.3f}")
    if result.precision < floors.precision:
        short.append(f"precision {result.precision:.3f}")
    if result.clean_flagged > floors.clean_flagged:
        short.append(f"clean sentences flagged {result.clean_flagged:.3f}")
    short += [f"{kind} {result.by_kind.get(kind, 0.0):.3f}" for kind, floor in
              floors.by_kind.items() if result.by_kind.get(kind, 0.0) < floor]
    return short


@pytest.fixture(scope="module", params=sorted(FLOORS))
def corpus(request: pytest.FixtureRequest) -> tuple[str, list[dict[str, object]]]:
    name = str(request.param)
    return name, read_corpus(_FIXTURES / name / "corpus.jsonl")


def test_the_check_keeps_its_landed_figures(corpus: tuple[str, list[dict[str, object]]]) -> None:
    name, lines = corpus
    assert shortfalls(score(lines, app_detector), FLOORS[name]) == [], name


def test_a_worse_check_is_caught(corpus: tuple[str, list[dict[str, object]]]) -> None:
    """The floors are close enough to catch one kind of identifier going missing."""
    name, lines = corpus

    def no_dates(text: str) -> list[tuple[int, int]]:
        return [(f.start, f.end) for f in check.find_flags(text)
                if f.kind.value not in ("date", "birth-date")]

    assert shortfalls(score(lines, no_dates), FLOORS[name]), name


@pytest.fixture(params=["names and places", "words and context", "structured patterns"])
def one_family_removed(request: pytest.FixtureRequest) -> Iterator[str]:
    """Run the check with one family of rules switched off."""
    family = str(request.param)
    with pytest.MonkeyPatch.context() as patch:
        if family == "names and places":
            patch.setattr(check, "name_spans", lambda text: [])
        elif family == "words and context":
            patch.setattr(structured, "wording_spans", lambda text: [])
        else:
            patch.setattr(check, "structured_spans", structured.wording_spans)
        yield family


def test_removing_one_family_of_rules_fails_the_floors(
    corpus: tuple[str, list[dict[str, object]]], one_family_removed: str
) -> None:
    name, lines = corpus
    assert shortfalls(score(lines, app_detector), FLOORS[name]), (name, one_family_removed)
