"""The command line's JSON lines, written by SQLite, say what entry_json says, byte for byte.

`search` and `list --format json` write each entry as SQLite builds it from the stored
columns (store/entry_json.py) instead of parsing it into an Entry and encoding that; every
entry of the demo journal and entries with awkward text must read back exactly as
entry_json gives them, in every order.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from reflectjournal.cli import output
from reflectjournal.domain import sort_key
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.search import EVERYTHING, HIGHLIGHT_END, HIGHLIGHT_START, SortOrder
from reflectjournal.services.demo import fill_demo
from reflectjournal.services.journal import Journal
from reflectjournal.store import entry_json as entry_json_sql
from tests.helpers.journals import add_entry

AWKWARD = 'Quotes " and \\ back\\slash, tab\t, bell\x07, \x1f, é, 😊, עברית, \u2028 and\nnew line'
EDGES = "\u3000\x85 ideographic space first, a no-break space last\xa0"


def _awkward_entries(journal: Journal) -> None:
    own = journal.tags.add_user_tag("Ünïcode \"tag\"")
    second = journal.tags.add_user_tag("a second tag")
    add_entry(journal, kind="session", date=dt.date(2026, 2, 3), title=AWKWARD, body=AWKWARD,
              answers={"baby": AWKWARD, "echoes": "second answer"},
              fields={"setting": "home", "present": ["infant", "parent"],
                      "client_code": "K7M-RX3"},
              duration_minutes=50, competencies=(TagId("C4.03"), TagId("C1.02")),
              themes=(TagId("G1"),), tags=(second.id, own.id), starred=True)
    add_entry(journal, title="", body="", date=dt.date(2026, 2, 4))  # nothing written
    add_entry(journal, title="only answers", body="", answers={"baby": "  spaced  "})
    add_entry(journal, title="edges", body=EDGES, answers={"baby": "", "echoes": EDGES})
    add_entry(journal, title="an empty answer", body="body", answers={"baby": ""},
              date=dt.date(1999, 12, 31))


def _check_every_line(journal: Journal, query: str,
                      order: SortOrder = SortOrder.NEWEST) -> int:
    labels = journal.tag_labels()
    # The summaries carry the same snippets, highlighted with the markers.
    found = list(journal.entries.stream(query, EVERYTHING, order))
    lines = list(journal.entries.stream_json(query, EVERYTHING, order))
    assert len(lines) == len(found)
    for summary, line in zip(found, lines, strict=True):
        assert isinstance(line, bytes)
        assert b"\n" not in line  # one entry a line, as a streaming reader expects
        expected = output.entry_json(journal.get_entry(summary.id), labels, summary.snippet)
        assert json.loads(line) == expected
        # Entries the app stored encode to the very same text as the dict did.
        assert line.decode("utf-8") == json.dumps(expected, ensure_ascii=False)
    return len(lines)


def test_every_demo_entry_and_awkward_text_reads_back_as_entry_json(journal: Journal) -> None:
    demo = fill_demo(journal, dt.date(2026, 6, 1))
    _awkward_entries(journal)
    assert _check_every_line(journal, "") == demo + 5
    assert _check_every_line(journal, "", SortOrder.OLDEST) == demo + 5
    assert _check_every_line(journal, "baby") > 3  # with snippets
    assert _check_every_line(journal, "baby", SortOrder.RELEVANCE) > 3
    assert _check_every_line(journal, "עברית") == 1  # the awkward one, its snippet too
    assert _check_every_line(journal, "ideographic") == 1


def test_a_renamed_tag_is_written_with_its_new_label(journal: Journal) -> None:
    add_entry(journal, title="t", body="b", competencies=(TagId("C4.03"),))
    journal.tags.rename(TagId("C4.03"), "Our own name, \"quoted\"")
    [line] = journal.entries.stream_json("")
    assert json.loads(line)["labels"] == {"C4.03": "Our own name, \"quoted\""}
    assert _check_every_line(journal, "") == 1


def test_answers_stored_in_another_json_form_read_back_the_same(journal: Journal) -> None:
    entry = add_entry(journal, title="t", body="b", answers={"baby": "é \"q\""})
    # Minified, as SQLite's json() writes it: the line still says the same.
    journal._db.execute("UPDATE entries SET answers = json(answers), fields = json(fields)")
    [line] = journal.entries.stream_json("", EVERYTHING, SortOrder.NEWEST)
    assert b'"answers": {"baby":"\xc3\xa9 \\"q\\""}' in line
    doc = json.loads(line)
    assert doc == output.entry_json(journal.get_entry(entry.id), journal.tag_labels())


def test_sqlite_quotes_and_strips_as_python_does(journal: Journal) -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    quoted = journal._db.scalar("SELECT json_quote(?)", (every,))
    assert quoted == json.dumps(every, ensure_ascii=False)
    spaces = "".join(chr(c) for c in range(0x110000) if chr(c).isspace())
    assert ",".join(str(ord(c)) for c in spaces) == entry_json_sql._WHITESPACE
    text = f"{spaces}x{spaces}y{spaces}"
    stripped = journal._db.scalar(f"SELECT trim(?, char({entry_json_sql._WHITESPACE}))", (text,))
    assert stripped == text.strip()


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(1970, 1, 1), dt.date(2024, 2, 29),
                                 dt.date(9999, 12, 31)])
def test_the_date_in_sql_is_the_keys_date(journal: Journal, day: dt.date) -> None:
    key = sort_key.first_key(day) + 7
    assert journal._db.scalar("SELECT date(1721424.5 + (? >> 32))", (key,)) == day.isoformat()
    assert sort_key.date_of_key(key) == day


def test_a_snippet_brackets_each_highlighted_run() -> None:
    snippet = f"a {HIGHLIGHT_START}cry{HIGHLIGHT_END} and {HIGHLIGHT_START}cried{HIGHLIGHT_END}…"
    assert output.snippet_text(snippet) == "a [cry] and [cried]…"


def test_an_empty_snippet_is_left_out_as_entry_json_leaves_it(journal: Journal) -> None:
    entry = add_entry(journal, title="t", body="b")
    labels = journal.tag_labels()

    def line(snippet_sql: str) -> bytes:
        return bytes(journal._db.scalar(
            f"SELECT {entry_json_sql.line_select(snippet_sql)} FROM entries e"))

    for snippet in ("", f"a {HIGHLIGHT_START}b{HIGHLIGHT_END}…"):
        expected = output.entry_json(journal.get_entry(entry.id), labels, snippet)
        quoted = "'" + snippet.replace("'", "''") + "'"
        assert line(quoted).decode() == json.dumps(expected, ensure_ascii=False)
    assert "snippet" not in json.loads(line("''"))
