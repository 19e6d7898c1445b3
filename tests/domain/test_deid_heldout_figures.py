"""The identifier check still reaches the figures of its final held-out run, and a check with one
family of rules removed does not (issue 14).

The figures are those of the third and last scorer run (docs/deidentification.md, commit
0cf146d); they were written here only after that run, and nothing was tuned on them. The
corpus is read through the scorer, which reports aggregates only: nothing here prints a
sentence. The issue's targets (recall >= 0.95 overall and >= 0.90 per kind) are not all met;
these floors hold the ground reached so that a change cannot lose it unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from benchmarks.deid_heldout import Scores, app_detector, read_corpus, score
from reflectjournal.domain.deid import check, structured

REACHED_RECALL = 0.889
REACHED_PRECISION = 0.927
REACHED_CLEAN_FLAGGED = 0.074
REACHED_BY_KIND = {
    "address": 0.964, "age": 0.607, "date": 0.857, "email": 1.0, "handle": 0.929,
    "id-number": 1.0, "name": 0.840, "phone": 0.967, "place": 0.825, "plate": 1.0, "url": 1.0,
}
_SLACK = 0.0005  # the run printed three decimals


def _shortfalls(result: Scores) -> list[str]:
    """Return every reached figure this result falls short of."""
    short = []
    if result.recall < REACHED_RECALL - _SLACK:
        short.append("recall")
    if result.precision < REACHED_PRECISION - _SLACK:
        short.append("precision")
    if result.clean_flagged > REACHED_CLEAN_FLAGGED + _SLACK:
        short.append("clean sentences flagged")
    short += [kind for kind, floor in REACHED_BY_KIND.items()
              if result.by_kind.get(kind, 0.0) < floor - _SLACK]
    return short


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, object]]:
    return read_corpus()


def test_the_check_reaches_its_final_held_out_figures(corpus: list[dict[str, object]]) -> None:
    assert _shortfalls(score(corpus, app_detector)) == []


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


def test_removing_one_family_of_rules_fails_the_figures(
    corpus: list[dict[str, object]], one_family_removed: str
) -> None:
    assert _shortfalls(score(corpus, app_detector)), one_family_removed
