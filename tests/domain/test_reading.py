"""The reading pane's rich text: some Markdown, the search words marked, no markup let through."""

from __future__ import annotations

import datetime as dt
import re

from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.reading import Comment, entry_html, markdown_html, search_terms
from reflectjournal.resources import load_catalog


def _entry(**values: object) -> Entry:
    now = dt.datetime(2026, 11, 3, 10, tzinfo=dt.UTC)
    base: dict[str, object] = dict(
        id=EntryId("0123456789abcdef-long-id"), kind="session", date=dt.date(2026, 11, 3),
        title="Bath time", body="", answers={}, fields={}, duration_minutes=None,
        competencies=(), themes=(), tags=(), starred=False, created_at=now, modified_at=now)
    base.update(values)
    return Entry(**base)  # type: ignore[arg-type]


def test_headings_lists_and_emphasis_become_html() -> None:
    shown = markdown_html("## What I want to bring\n- *one*\n- **two**\n\n1. first\n2) second\n"
                          "plain _words_ and snake_case_name")
    assert "<h4>What I want to bring</h4>" in shown
    assert "<ul><li><i>one</i></li><li><b>two</b></li></ul>" in shown
    assert "<ol><li>first</li><li>second</li></ol>" in shown
    assert "<p>plain <i>words</i> and snake_case_name</p>" in shown


def test_html_in_an_entry_is_shown_as_its_characters() -> None:
    shown = markdown_html('<img src="x"> <a href="file:///etc">go</a> **<b>bold</b>** &amp;')
    assert "<img" not in shown
    assert "<a " not in shown
    assert "&lt;img src=&quot;x&quot;&gt;" in shown
    assert "<b>&lt;b&gt;bold&lt;/b&gt;</b>" in shown
    assert "&amp;amp;" in shown


def test_search_words_are_marked_as_word_starts_never_inside_markup() -> None:
    terms = search_terms('"the baby" AND cri* NOT amp')
    assert terms == ("the", "baby", "cri", "amp")
    shown = markdown_html("The baby cried & cried; **crib** <amp>", terms)
    assert shown.count('<span class="hit">') == 6
    assert '<span class="hit">cried</span>' in shown
    assert '<b><span class="hit">crib</span></b>' in shown
    assert "&amp;" in shown  # the escaped ampersand is not split by a mark
    assert "&lt;<span class=\"hit\">amp</span>&gt;" in shown


def test_the_entry_shows_its_short_id_only_on_request() -> None:
    catalog = load_catalog()
    entry = _entry(answers={"baby": "She *looked* away"}, body="# After",
                   themes=(TagId("G2"),))
    hidden = entry_html(entry, {"G2": "Re-enactment"}, catalog)
    assert "0123456789" not in hidden
    assert "<h3>The baby&#x27;s side</h3>" in hidden or "<h3>The baby's side</h3>" in hidden
    assert "<i>looked</i>" in hidden
    assert "Re-enactment" in hidden
    shown = entry_html(entry, {}, catalog, show_id=True)
    assert "id 01234567 " not in shown
    assert "id 01234567<" in shown or "id 01234567</p>" in shown


def test_comments_are_never_markdown() -> None:
    html = entry_html(_entry(), {}, load_catalog(),
                      comments=[Comment("Comment from Ada", "**not bold** <i>x</i>")])
    assert "**not bold** &lt;i&gt;x&lt;/i&gt;" in html


def test_the_pane_marks_the_word_forms_the_journal_search_finds() -> None:
    terms = search_terms("cry", with_forms=True)
    shown = markdown_html("She cried, then crying; the crib and a crystal stayed. Cry!", terms)
    marked = re.findall(r'<span class="hit">(.*?)</span>', shown)
    # "crystal" starts with the term; "crib" is neither a form nor a prefix.
    assert marked == ["cried", "crying", "crystal", "Cry"]
    spanish = search_terms("llorar", with_forms=True)
    assert re.findall(r'<span class="hit">(.*?)</span>',
                      markdown_html("El bebé lloró y lloraba.", spanish)) == ["lloró", "lloraba"]


def test_forms_are_not_marked_where_the_search_does_not_find_them() -> None:
    text = "She cried, then wept."
    # FTS5's own syntax is passed on as written; without with_forms, words are marked as typed.
    for terms in (search_terms('"cry"', with_forms=True), search_terms("cry")):
        assert '<span class="hit">' not in markdown_html(text, terms)
    assert search_terms('"cry"', with_forms=True).with_forms is False
