"""A folder of Markdown notes and the front matter Obsidian writes."""

from __future__ import annotations

import datetime as dt

import pytest

from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.foreign.front_matter import FrontMatterError, read_note
from reflectjournal.domain.foreign.markdown import NoteFile, parse_markdown
from tests.domain.foreign.samples import MARKDOWN, NEW_YORK

MTIME = dt.datetime(2024, 1, 15, 17, 45, tzinfo=dt.UTC).timestamp()


def _notes(folder: str) -> list[NoteFile]:
    root = MARKDOWN / folder
    return [NoteFile(p.relative_to(root).as_posix(), p.read_bytes(), MTIME)
            for p in sorted(root.rglob("*"))
            if p.suffix in (".md", ".markdown") and ".obsidian" not in p.parts]


def test_front_matter_date_title_and_tags() -> None:
    journal = parse_markdown(_notes("vault"), zone=NEW_YORK)
    by_path = {e.source_id: e for e in journal.entries}
    visit = by_path["2024-03-10 Home visit.md"]
    assert visit.title == "Home visit with the Lee family"
    assert visit.written_at.isoformat() == "2024-03-10T21:30:00-05:00"  # its own offset kept
    assert visit.tags == ("home visit", "feeding")
    assert visit.body.startswith("The baby was calm")
    assert "## Afterwards" in visit.body
    daily = by_path["Daily/2024-03-11.md"]
    assert daily.title == "2024-03-11"  # no title: the file name, as Obsidian shows it
    assert daily.written_at.isoformat() == "2024-03-11T08:05:00-04:00"  # `created`, local
    assert daily.tags == ("supervision", "parallel process", "Feeding")
    clocks = by_path["Daily/2024-11-03 clocks.markdown"]
    assert clocks.tags == ("clocks", "daylight saving")
    assert clocks.written_at.date() == dt.date(2024, 11, 3)


def test_without_a_date_the_file_date_counts_in_the_zone() -> None:
    journal = parse_markdown(_notes("vault"), zone=NEW_YORK)
    plain = next(e for e in journal.entries if e.source_id.startswith("Plain note"))
    assert plain.written_at.isoformat() == "2024-01-15T12:45:00-05:00"
    assert plain.body == "Just text, dated by the file itself.\nWith two lines."


def test_broken_notes_are_skipped_with_reasons_and_the_rest_kept() -> None:
    journal = parse_markdown(_notes("broken-vault"), zone=NEW_YORK)
    assert [e.title for e in journal.entries] == ["Good one"]
    reasons = {s.what: s.why for s in journal.skipped}
    assert reasons == {
        "Bad date.md": "its date 'yesterday-ish' is not a date like 2024-03-10 or "
                       "2024-03-10T21:30",
        "Bad quote.md": "line 2 of its front matter has an unclosed quote",
        "Latin-1.md": "it is not UTF-8 text (byte 0)",
        "Unclosed front matter.md": "its front matter has no closing '---' line",
    }


def test_empty_note_is_skipped_and_an_empty_folder_is_an_error() -> None:
    journal = parse_markdown(_notes("vault"), zone=NEW_YORK)
    assert ("Empty.md", "it is empty") in {(s.what, s.why) for s in journal.skipped}
    with pytest.raises(ImportFormatError, match="holds no Markdown notes"):
        parse_markdown([])


@pytest.mark.parametrize(("text", "values"), [
    ("---\ntags: [a, 'b c', \"d\"]\n---\n", {"tags": ["a", "b c", "d"]}),
    ("---\ntags:\n- a\n-   b\n---\n", {"tags": ["a", "b"]}),
    ("---\ntitle: Re: the visit\n---\n", {"title": "Re: the visit"}),
    ("---\ndate: 2024-01-05  # a comment\n---\n", {"date": "2024-01-05"}),
    ("---\nDue date: 2024-01-05\n---\n", {"due date": "2024-01-05"}),
    ("---\n# only a comment\n\n---\n", {}),
    ("---\nplace:\n  city: X\n---\n", {"place": []}),
    ("---\ntitle: 'it''s'\n---\n", {"title": "it's"}),
])
def test_front_matter_values(text: str, values: dict[str, object]) -> None:
    assert read_note(text + "body").values == values
    assert read_note(text + "body").body == "body"


def test_front_matter_errors_and_notes_without_any() -> None:
    assert read_note("no front matter\n---\n").values == {}
    with pytest.raises(FrontMatterError, match=r"line 2 .* not 'key: value'"):
        read_note("---\njust words\n---\n")
    with pytest.raises(FrontMatterError, match="no closing ']'"):
        read_note("---\ntags: [a, b\n---\n")
