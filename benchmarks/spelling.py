"""How fast the editor's spell-checking runs on a 5,000-word entry (issue 13).

    QT_QPA_PLATFORM=offscreen python -m benchmarks.spelling          # the figures
    QT_QPA_PLATFORM=offscreen python -m benchmarks.spelling --json

The entry is the benchmark corpus's text (benchmarks/corpus.py) joined into paragraphs until
5,000 words, with one word in fifty misspelled by swapping two letters. It goes into a real
QPlainTextEdit with the editor's highlighter (ui/journal/spelling.py) and a checker on the
shipped English list, then on English and Spanish. Measured, as medians and p95 over every
text block: highlightBlock itself, per block; a whole rehighlight, per block; and one
keystroke in the middle of the entry (insert a letter, the highlighter reruns its block),
against the same keystroke with no highlighter, measured in the same run. Loading the word
lists is timed apart: it happens once per process, on the database thread.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from typing import Any

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from benchmarks.corpus import Generator, TagPools, user_tags
from reflectjournal.domain.spelling import Checker
from reflectjournal.resources import load_catalog
from reflectjournal.services.spelling import word_list
from reflectjournal.ui.journal.spelling import EditorSpelling, SpellingHighlighter

SEED = 13
WORDS = 5_000
TYPO_EVERY = 50
KEYSTROKES = 200


def entry_text(words: int = WORDS, seed: int = SEED) -> str:
    """Return the corpus's prose until `words` words, one in TYPO_EVERY misspelled."""
    catalog = load_catalog()
    pools = TagPools(tuple(catalog.competencies), tuple(catalog.themes), user_tags(seed))
    rng = random.Random(seed)
    paragraphs: list[str] = []
    count = 0
    for entry in Generator(seed, catalog, pools).entries(200):
        for paragraph in entry.body.split("\n\n"):
            typed = []
            for word in paragraph.split():
                if count % TYPO_EVERY == TYPO_EVERY - 1 and len(word) > 4 and word.isalpha():
                    i = rng.randrange(1, len(word) - 2)
                    word = word[:i] + word[i + 1] + word[i] + word[i + 2:]
                typed.append(word)
                count += 1
            paragraphs.append(" ".join(typed))
            if count >= words:
                return "\n".join(paragraphs)
    return "\n".join(paragraphs)


class _TimedHighlighter(SpellingHighlighter):
    """The editor's highlighter, timing each block it highlights."""

    def __init__(self, document: QTextDocument, spelling: EditorSpelling) -> None:
        super().__init__(document, spelling)
        self.setDocument(document)
        self.times: list[float] = []

    def highlightBlock(self, text: str) -> None:
        """Highlight as the editor does, timed."""
        start = time.perf_counter()
        super().highlightBlock(text)
        self.times.append(time.perf_counter() - start)


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(len(values) * 0.95) - 1)]


def _keystrokes(box: QPlainTextEdit) -> list[float]:
    """Time inserting and removing one letter in the middle block, KEYSTROKES times."""
    document = box.document()
    block = document.findBlockByNumber(document.blockCount() // 2)
    times = []
    for _ in range(KEYSTROKES):
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        start = time.perf_counter()
        cursor.insertText("x")  # the highlighter runs inside contentsChange, synchronously
        times.append(time.perf_counter() - start)
        cursor.deletePreviousChar()
    return times


def measure(languages: tuple[str, ...], text: str) -> dict[str, Any]:
    """Return the figures for a checker on these languages."""
    loaded = time.perf_counter()
    checker = Checker({lang: word_list(lang) for lang in languages})
    load_s = time.perf_counter() - loaded
    plain = QPlainTextEdit()
    plain.setPlainText(text)
    baseline = _keystrokes(plain)
    box = QPlainTextEdit()
    box.setPlainText(text)
    spelling = EditorSpelling()
    spelling.checker = checker
    highlighter = _TimedHighlighter(box.document(), spelling)
    start = time.perf_counter()
    highlighter.rehighlight()  # every block once, as when an entry opens
    whole_s = time.perf_counter() - start
    per_block = highlighter.times
    blocks = box.document().blockCount()
    highlighter.times = []
    keys = _keystrokes(box)
    marked = sum(len(checker.misspellings(b)) for b in text.split("\n"))
    return {
        "languages": list(languages), "words": len(text.split()), "blocks": blocks,
        "marked": marked, "load_s": load_s,
        "block_ms_p50": statistics.median(per_block) * 1000,
        "block_ms_p95": _p95(per_block) * 1000,
        "block_ms_max": max(per_block) * 1000,
        "whole_ms": whole_s * 1000, "whole_ms_per_block": whole_s * 1000 / blocks,
        "key_ms_p50": statistics.median(keys) * 1000, "key_ms_p95": _p95(keys) * 1000,
        "key_ms_p50_unchecked": statistics.median(baseline) * 1000,
        "key_ms_p95_unchecked": _p95(baseline) * 1000,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the figures (a Markdown table, or JSON)."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.spelling")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    _app = QApplication.instance() or QApplication([])
    text = entry_text()
    results = [measure(("en",), text), measure(("en", "es"), text)]
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print("| lists | words | blocks | marked | load | highlightBlock p50 / p95 / max "
          "| whole entry (per block) | keystroke p50 / p95 | keystroke unchecked |")
    print("| --- | --: | --: | --: | --: | --: | --: | --: | --: |")
    for r in results:
        print(f"| {'+'.join(r['languages'])} | {r['words']:,} | {r['blocks']} | {r['marked']} "
              f"| {r['load_s']:.2f} s | {r['block_ms_p50']:.2f} / {r['block_ms_p95']:.2f} / "
              f"{r['block_ms_max']:.2f} ms | {r['whole_ms']:.0f} ms "
              f"({r['whole_ms_per_block']:.2f} ms) | {r['key_ms_p50']:.2f} / "
              f"{r['key_ms_p95']:.2f} ms | {r['key_ms_p50_unchecked']:.2f} / "
              f"{r['key_ms_p95_unchecked']:.2f} ms |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
