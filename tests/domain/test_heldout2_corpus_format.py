"""The second held-out de-identification corpus is well-formed (format only; no detector scoring).

The corpus (tests/fixtures/deid-heldout-2/corpus.jsonl) is frozen: see its README. The scorer's
loader and command line are checked against it here; the scorer itself is never run in tests.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from benchmarks import deid_heldout

FOLDER = Path(__file__).resolve().parents[1] / "fixtures" / "deid-heldout-2"
CORPUS = FOLDER / "corpus.jsonl"
KINDS = frozenset(
    {
        "name",
        "place",
        "address",
        "date",
        "age",
        "phone",
        "email",
        "url",
        "handle",
        "plate",
        "id-number",
    }
)
SETTINGS = frozenset(
    {
        "home-visit",
        "nicu",
        "classroom",
        "court",
        "supervision",
        "rushed-note",
        "training",
        "phone-log",
    }
)
MIN_SENTENCES = 600
MIN_SPANS_PER_KIND = 25
MIN_NAMES = 100
CLEAN_SHARE = (0.35, 0.45)


def _lines() -> list[str]:
    return CORPUS.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return [json.loads(line) for line in _lines()]


def test_every_line_is_one_json_object_with_exactly_the_known_fields() -> None:
    for number, line in enumerate(_lines(), 1):
        assert line.strip(), f"line {number} is blank"
        record = json.loads(line)
        assert isinstance(record, dict), f"line {number}"
        assert set(record) == {"id", "setting", "text", "spans"}, f"line {number}"
        assert isinstance(record["id"], str)
        assert isinstance(record["text"], str)
        assert record["text"].strip(), f"line {number} has no text"
        assert isinstance(record["spans"], list)


def test_ids_are_unique(records: list[dict]) -> None:
    ids = Counter(r["id"] for r in records)
    assert [i for i, n in ids.items() if n > 1] == []


def test_texts_are_unique(records: list[dict]) -> None:
    texts = Counter(r["text"] for r in records)
    assert [t for t, n in texts.items() if n > 1] == []


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


def test_no_markup_from_the_writing_step_is_left_in_the_text(records: list[dict]) -> None:
    # The sentences were written with {kind:text} markup; a leftover brace means a missed span.
    assert [r["id"] for r in records if "{" in r["text"] or "}" in r["text"]] == []


def test_there_are_enough_sentences(records: list[dict]) -> None:
    assert len(records) >= MIN_SENTENCES


def test_every_kind_has_enough_spans(records: list[dict]) -> None:
    per_kind = Counter(s["kind"] for r in records for s in r["spans"])
    short = {k: per_kind[k] for k in KINDS if per_kind[k] < MIN_SPANS_PER_KIND}
    assert short == {}
    assert per_kind["name"] >= MIN_NAMES


def test_every_setting_is_represented(records: list[dict]) -> None:
    assert {r["setting"] for r in records} == SETTINGS


def test_the_clean_share_is_about_forty_percent(records: list[dict]) -> None:
    clean = sum(1 for r in records if not r["spans"])
    low, high = CLEAN_SHARE
    assert low <= clean / len(records) <= high


def test_the_readme_counts_match_the_corpus(records: list[dict]) -> None:
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    per_kind = Counter(s["kind"] for r in records for s in r["spans"])
    for kind in KINDS:
        assert f"| {kind} | {per_kind[kind]} |" in readme, kind
    clean = sum(1 for r in records if not r["spans"])
    spans = sum(per_kind.values())
    assert f"Sentences: {len(records)}; clean (no spans): {clean} " in readme
    assert f"labeled spans: {spans}." in readme


def test_the_corpus_is_the_frozen_one_recorded_in_its_readme() -> None:
    # Any change to the corpus must be recorded in the README's erratum section with a new hash.
    readme = (FOLDER / "README.md").read_text(encoding="utf-8")
    match = re.search(r"Frozen SHA-256: `([0-9a-f]{64})`", readme)
    assert match, "the README records no frozen SHA-256"
    assert hashlib.sha256(CORPUS.read_bytes()).hexdigest() == match.group(1)


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
