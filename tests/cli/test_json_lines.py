"""The command line's JSON lines, built from stored columns, say what entry_json says.

`search` and `list --format json` write each entry from its stored text (cli/output.py
entry_json_lines) instead of parsing it into an Entry and encoding that; every entry of the
demo journal and entries with awkward text must read back exactly as entry_json gives them.
"""

from __future__ import annotations

import datetime as dt
import json

from reflectjournal.cli import output
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.search import EVERYTHING, HIGHLIGHT_END, HIGHLIGHT_START, SortOrder
from reflectjournal.services.demo import fill_demo
from reflectjournal.services.journal import Journal
from tests.helpers.journals import add_entry

AWKWARD = 'Quotes " and \\ back\\slash, tab\t, bell\x07, \x1f, é, 😊, עברית, \u2028 and\nnew line'


def _awkward_entries(journal: Journal) -> None:
    own = journal.tags.add_user_tag("Ünïcode \"tag\"")
    add_entry(journal, kind="session", date=dt.date(2026, 2, 3), title=AWKWARD, body=AWKWARD,
              answers={"baby": AWKWARD, "echoes": "second answer"},
              fields={"setting": "home", "present": ["infant", "parent"],
                      "client_code": "K7M-RX3"},
              duration_minutes=50, competencies=(TagId("C4.03"),), themes=(TagId("G1"),),
              tags=(own.id,), starred=True)
    add_entry(journal, title="", body="", date=dt.date(2026, 2, 4))  # nothing written
    add_entry(journal, title="only answers", body="", answers={"baby": "  spaced  "})


def _check_every_line(journal: Journal, query: str) -> int:
    labels = journal.tag_labels()
    checked = 0
    found = list(journal.entries.stream_stored(query, EVERYTHING, SortOrder.NEWEST))
    for stored, line in zip(found, output.entry_json_lines(found, labels), strict=True):
        assert "\n" not in line  # one entry a line, as a streaming reader expects
        expected = output.entry_json(journal.get_entry(stored.id), labels, stored.snippet)
        assert json.loads(line) == expected
        # Entries the app stored encode to the very same text as the dict did.
        assert line == json.dumps(expected, ensure_ascii=False)
        checked += 1
    return checked


def test_every_demo_entry_and_awkward_text_reads_back_as_entry_json(journal: Journal) -> None:
    demo = fill_demo(journal, dt.date(2026, 6, 1))
    _awkward_entries(journal)
    assert _check_every_line(journal, "") == demo + 3
    assert _check_every_line(journal, "baby") > 3  # with snippets
    assert _check_every_line(journal, "עברית") == 1  # the awkward one, its snippet too


def test_answers_stored_in_another_json_form_read_back_the_same(journal: Journal) -> None:
    entry = add_entry(journal, title="t", body="b", answers={"baby": "é \"q\""})
    # Minified, as SQLite's json() writes it: the line still says the same.
    journal._db.execute("UPDATE entries SET answers = json(answers), fields = json(fields)")
    [stored] = journal.entries.stream_stored("", EVERYTHING, SortOrder.NEWEST)
    assert stored.answers_json == '{"baby":"é \\"q\\""}'
    [line] = output.entry_json_lines([stored], journal.tag_labels())
    doc = json.loads(line)
    assert doc == output.entry_json(journal.get_entry(entry.id), journal.tag_labels())


def test_a_snippet_brackets_each_highlighted_run() -> None:
    snippet = f"a {HIGHLIGHT_START}cry{HIGHLIGHT_END} and {HIGHLIGHT_START}cried{HIGHLIGHT_END}…"
    assert output.snippet_text(snippet) == "a [cry] and [cried]…"
