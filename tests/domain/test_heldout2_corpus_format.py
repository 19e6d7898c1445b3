"""What only the second held-out corpus has: its README's counts, markup-free sentences, and the
scorer's loader and --corpus option (format only; the scorer itself never runs in tests).

The checks both frozen corpora share are in test_heldout_corpora_format.py.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import deid_heldout
from tests.domain.test_heldout_corpora_format import KINDS

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "deid-heldout-2"
CORPUS = FOLDER / "corpus.jsonl"

def _lines() -> list[str]:
    return CORPUS.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [json.loads(line) for line in _lines()]


def test_no_markup_from_the_writing_step_is_left_in_the_text(records: list[dict]) -> None:
    # The sentences were written with {kind:text} markup; a leftover brace means a missed span.
    assert [r["id"] for r in records if "{" in r["text"] or "}" in r["text"]] == []


def test_the_readme_counts_match_the_corpus(records: list[dict]) -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    per_kind = Counter(s["kind"] for r in records for s in r["spans"])
    for kind in KINDS:
        assert f"| {kind} | {per_kind[kind]} |" in readme, kind
    clean = sum(1 for r in records if not r["spans"])
    spans = sum(per_kind.values())
    assert f"Sentences: {len(records)}; clean (no spans): {clean} " in readme
    assert f"labeled spans: {spans}." in readme


def test_the_scorer_loader_reads_the_second_corpus_as_written(records: list[dict]) -> None:
    loaded = deid_heldout.read_corpus(CORPUS)
    assert loaded == records
    for record in loaded:
        spans = record["spans"]
        assert isinstance(spans, list)
        for span in spans:
            # What the scorer uses from each span: integer offsets and a kind.
            assert isinstance(span["start"], int)
            assert isinstance(span["end"], int)
            assert span["kind"] in KINDS


def test_the_scorer_command_line_takes_a_corpus_path() -> None:
    parser = deid_heldout.argument_parser()
    assert parser.parse_args([]).corpus == deid_heldout.CORPUS
    args = parser.parse_args(["--corpus", str(CORPUS), "--json"])
    assert args.corpus == CORPUS
    assert args.json is True
