"""The supervisor's view of what changed between two shared versions of an entry."""

from __future__ import annotations

import dataclasses

from reflectjournal.domain.shared_diff import diff_text, diff_text_marked, shared_changes
from tests.domain.test_bundle import ENTRY


def test_only_the_changed_parts_show_word_by_word() -> None:
    after = dataclasses.replace(
        ENTRY, body="Text with <b>markup</b>, a new line and 👶.", tags=("Observation",),
        answers=(("The baby's experience", "She splashed and laughed."),))
    parts = shared_changes(ENTRY, after)
    assert [p.label for p in parts] == ["The baby's experience", "Text", "Tags"]
    text = diff_text(parts)
    assert "She [-splashed.-]{+splashed and laughed.+}" in text
    assert "[-Observation, Unresolved loss-]{+Observation+}" in text
    shown, marks = diff_text_marked(parts)
    assert shown == text
    # Each mark spans one bracketed run exactly, and nothing else is marked.
    assert [(m.op, shown[m.start:m.end]) for m in marks] == [
        ("removed", "[-splashed.-]"), ("added", "{+splashed and laughed.+}"),
        ("removed", "[-<b>markup</b> -]"), ("added", "{+<b>markup</b>, a new line +}"),
        ("removed", "[-Observation, Unresolved loss-]"), ("added", "{+Observation+}")]


def test_the_same_version_has_nothing_to_show() -> None:
    assert shared_changes(ENTRY, ENTRY) == []
    assert diff_text([]) == "Nothing differs."


def test_long_unchanged_text_is_cut_to_the_words_around_a_change() -> None:
    long = " ".join(f"w{i}" for i in range(200))
    before = dataclasses.replace(ENTRY, body=long)
    after = dataclasses.replace(ENTRY, body=long.replace("w100", "changed"))
    text = diff_text(shared_changes(before, after))
    assert "[-w100 -]{+changed +}" in text
    assert "w99" in text
    assert "w101" in text
    assert "w50 " not in text
    assert "…" in text
