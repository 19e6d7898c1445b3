"""The held-out scorer counts what it says it counts (on a corpus made up here)."""

from __future__ import annotations

from benchmarks.deid_heldout import read_corpus, score

CORPUS = [
    {"text": "Call Ana at home", "spans": [{"start": 5, "end": 8, "kind": "name"}]},
    {"text": "Met at 12 Elm St today",
     "spans": [{"start": 7, "end": 16, "kind": "address"}]},
    {"text": "A Clean Heading", "spans": []},
    {"text": "nothing here", "spans": []},
]


def test_overlap_finds_an_identifier_and_stray_flags_cost_precision() -> None:
    def detect(text: str) -> list[tuple[int, int]]:
        flags = {"Call Ana at home": [(5, 7)], "Met at 12 Elm St today": [(17, 22)],
                 "A Clean Heading": [(2, 7)]}
        return flags.get(text, [])

    result = score(CORPUS, detect)
    assert result.by_kind == {"address": 0.0, "name": 1.0}
    assert result.recall == 0.5
    assert result.precision == 1 / 3
    assert result.clean_flagged == 0.5


def test_the_frozen_corpus_reads() -> None:
    corpus = read_corpus()
    assert len(corpus) >= 400
