"""Build and score the development corpus of the identifier check (issue 14).

    python -m benchmarks.deid_dev            # figures, then every miss and stray flag
    python -m benchmarks.deid_dev --build    # rewrite corpus.jsonl from sentences.txt

tests/fixtures/deid-dev/sentences.txt is written by hand with identifiers marked inline as
{{kind|text}}; this turns it into the JSONL format the held-out scorer reads, with offsets
computed (and checked) by code. Unlike the held-out corpus, this one is for tuning, so the
report names every miss and every stray flag.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Sequence
from pathlib import Path

from benchmarks.deid_heldout import app_detector, read_corpus, score


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())

FOLDER = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "deid-dev"
SOURCE = FOLDER / "sentences.txt"
CORPUS = FOLDER / "corpus.jsonl"
KINDS = _set(
    """address age date email handle id-number name phone place plate url"""
)
_MARK = re.compile(r"\{\{([a-z\-]+)\|([^{}|]+)\}\}")


def parse_marked(line: str) -> dict[str, object]:
    """Return one marked sentence as text and spans; raise ValueError on a bad mark."""
    text_parts: list[str] = []
    spans: list[dict[str, object]] = []
    pos = length = 0
    for m in _MARK.finditer(line):
        kind, value = m.group(1), m.group(2)
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} in {line!r}")
        before = line[pos : m.start()]
        text_parts.append(before)
        length += len(before)
        spans.append({"start": length, "end": length + len(value), "kind": kind})
        text_parts.append(value)
        length += len(value)
        pos = m.end()
    text_parts.append(line[pos:])
    text = "".join(text_parts)
    if "{{" in text or "}}" in text:
        raise ValueError(f"unclosed mark in {line!r}")
    for span, m in zip(spans, _MARK.finditer(line), strict=True):
        assert text[int(span["start"]) : int(span["end"])] == m.group(2)  # type: ignore[call-overload]
    return {"text": text, "spans": spans}


def build(source: Path = SOURCE) -> list[dict[str, object]]:
    """Return the corpus lines built from the marked sentences."""
    lines = source.read_text(encoding="utf-8").splitlines()
    return [parse_marked(line) for line in lines if line.strip() and not line.startswith("#")]


def corpus_text(corpus: Sequence[dict[str, object]]) -> str:
    """Return the corpus as JSONL text."""
    return "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in corpus)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the corpus, or print its figures with every miss and stray flag."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", action="store_true")
    parser.add_argument("--quiet", action="store_true", help="figures only")
    args = parser.parse_args(argv)
    if args.build:
        CORPUS.write_text(corpus_text(build()), encoding="utf-8")
        return 0
    corpus = read_corpus(CORPUS)
    result = score(corpus, app_detector)
    print(f"identifiers {result.identifiers}, flags {result.flags}, "
          f"clean sentences {result.clean_sentences}")
    print(f"recall {result.recall:.3f}, precision {result.precision:.3f}, "
          f"clean sentences flagged {result.clean_flagged:.1%}")
    for kind, value in result.by_kind.items():
        print(f"  {kind:<10} recall {value:.3f}")
    if args.quiet:
        return 0
    for line in corpus:
        text = str(line["text"])
        spans = [(int(s["start"]), int(s["end"]), str(s["kind"]))
                 for s in line["spans"]]  # type: ignore[attr-defined]
        hits = app_detector(text)
        for s, e, k in spans:
            if not any(a < e and s < b for a, b in hits):
                print(f"MISS {k}: {text[s:e]!r} in {text!r}")
        for a, b in hits:
            if not any(a < e and s < b for s, e, _k in spans):
                print(f"STRAY {text[a:b]!r} in {text!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
