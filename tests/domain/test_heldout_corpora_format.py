"""The held-out de-identification corpora are well-formed (format only; no detector scoring).

Both corpora (tests/fixtures/deid-heldout*/corpus.jsonl) are frozen, each with its README;
every check here runs on each. What only the second one has (its README counts, the scorer's
--corpus option) is in test_heldout2_corpus_format.py.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
KINDS = frozenset({"name", "place", "address", "date", "age", "phone", "email", "url",
                   "handle", "plate", "id-number"})
SETTINGS = frozenset({"home-visit", "nicu", "classroom", "court", "supervision",
                      "rushed-note", "training", "phone-log"})
MIN_SPANS_PER_KIND = 25
CLEAN_SHARE = (0.35, 0.45)


@dataclass(frozen=True)
class Corpus:
    """One frozen corpus and the sizes its brief asked for."""

    folder: str
    min_sentences: int
    min_names: int

    @property
    def path(self) -> Path:
        return FIXTURES / self.folder / "corpus.jsonl"

    def lines(self) -> list[str]:
        return self.path.read_text(encoding="utf-8").splitlines()


CORPORA = [Corpus("deid-heldout", 400, 60), Corpus("deid-heldout-2", 600, 100)]


@pytest.fixture(scope="module", params=CORPORA, ids=lambda c: c.folder)
def corpus(request: pytest.FixtureRequest) -> Corpus:
    return request.param  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def records(corpus: Corpus) -> list[dict]:
    return [json.loads(line) for line in corpus.lines()]


def test_every_line_is_one_json_object_with_exactly_the_known_fields(corpus: Corpus) -> None:
    for number, line in enumerate(corpus.lines(), 1):
        assert line.strip(), f"line {number} is blank"
        record = json.loads(line)
        assert isinstance(record, dict), f"line {number}"
        assert set(record) == {"id", "setting", "text", "spans"}, f"line {number}"
        assert isinstance(record["id"], str)
        assert isinstance(record["text"], str)
        assert record["text"].strip(), f"line {number} has no text"
        assert isinstance(record["spans"], list)


def test_ids_and_texts_are_unique(records: list[dict]) -> None:
    for field in ("id", "text"):
        seen = Counter(r[field] for r in records)
        assert [v for v, n in seen.items() if n > 1] == [], field


def test_settings_and_kinds_are_known(records: list[dict]) -> None:
    for r in records:
        assert r["setting"] in SETTINGS, r["id"]
        for span in r["spans"]:
            assert span["kind"] in KINDS, (r["id"], span)


def test_spans_are_exact_sorted_and_do_not_overlap(records: list[dict]) -> None:
    for r in records:
        text = r["text"]
        previous_end = 0
        for span in r["spans"]:
            assert set(span) == {"start", "end", "kind", "text"}, (r["id"], span)
            start, end = span["start"], span["end"]
            for offset in (start, end):
                assert isinstance(offset, int), (r["id"], span)
                assert not isinstance(offset, bool), (r["id"], span)
            assert 0 <= start < end <= len(text), (r["id"], span)
            assert text[start:end] == span["text"], (r["id"], span)
            assert span["text"] == span["text"].strip(), (r["id"], "span has edge spaces")
            assert start >= previous_end, (r["id"], "spans overlap or are out of order")
            previous_end = end


def test_the_sizes_the_brief_asked_for(corpus: Corpus, records: list[dict]) -> None:
    assert len(records) >= corpus.min_sentences
    per_kind = Counter(s["kind"] for r in records for s in r["spans"])
    assert {k: per_kind[k] for k in KINDS if per_kind[k] < MIN_SPANS_PER_KIND} == {}
    assert per_kind["name"] >= corpus.min_names
    assert {r["setting"] for r in records} == SETTINGS
    clean = sum(1 for r in records if not r["spans"])
    low, high = CLEAN_SHARE
    assert low <= clean / len(records) <= high


def test_the_corpus_is_the_frozen_one_recorded_in_its_readme(corpus: Corpus) -> None:
    # Any change to a corpus must be recorded in its README's erratum section with a new hash.
    readme = (corpus.path.parent / "README.md").read_text(encoding="utf-8")
    match = re.search(r"Frozen SHA-256: `([0-9a-f]{64})`", readme)
    assert match, "the README records no frozen SHA-256"
    assert hashlib.sha256(corpus.path.read_bytes()).hexdigest() == match.group(1)
