"""Finding entries: filters, full-text search and counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from reflectjournal.domain.entry import Entry, EntryChanges
from reflectjournal.domain.errors import SearchSyntaxError
from reflectjournal.domain.ids import TagId
from reflectjournal.domain.search import (
    EVERYTHING,
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    EntryFilter,
    SortOrder,
    snippet_parts,
)
from reflectjournal.services.journal import Journal
from tests.helpers.journals import add_entry, entry_ids

D1, D2, D3, D4 = (dt.date(2026, 3, day) for day in (2, 5, 8, 10))


@pytest.fixture
def tagged(journal: Journal) -> dict[str, Entry]:
    """Add four entries with different kinds, dates, tags and stars."""
    home = journal.add_user_tag("Home visits")
    return {
        "s1": add_entry(journal, kind="session", date=D1, competencies=(TagId("C4.03"),),
                        themes=(TagId("G1"),), starred=True),
        "s2": add_entry(journal, kind="session", date=D2, competencies=(TagId("C4"),),
                        tags=(home.id,)),
        "r1": add_entry(journal, kind="reflection", date=D3, competencies=(TagId("C6.01"),),
                        themes=(TagId("G1"),), tags=(home.id,)),
        "t1": add_entry(journal, kind="training", date=D4, starred=True),
    }


def _names(journal: Journal, tagged: dict[str, Entry], where: EntryFilter) -> set[str]:
    found = set(entry_ids(journal.list_entries(where)))
    assert journal.count_entries(where) == len(found)
    return {name for name, entry in tagged.items() if entry.id in found}


def _group(journal: Journal, name: str, family: Any) -> tuple[TagId, ...]:
    return journal.tag_group(journal.resolve_tag(name, family))


def test_filter_by_kind(journal: Journal, tagged: dict[str, Entry]) -> None:
    assert _names(journal, tagged, EntryFilter(kinds=("session",))) == {"s1", "s2"}
    assert _names(journal, tagged, EntryFilter(kinds=("session", "training"))) == {
        "s1", "s2", "t1",
    }


def test_filter_by_date_range_includes_both_ends(
    journal: Journal, tagged: dict[str, Entry]
) -> None:
    assert _names(journal, tagged, EntryFilter(date_from=D2, date_to=D3)) == {"s2", "r1"}
    assert _names(journal, tagged, EntryFilter(date_from=D3)) == {"r1", "t1"}
    assert _names(journal, tagged, EntryFilter(date_to=D1)) == {"s1"}


def test_level_one_competency_matches_its_knowledge_areas(
    journal: Journal, tagged: dict[str, Entry]
) -> None:
    group = _group(journal, "Direct Service Skills", "competency")
    assert group[0] == "C4"
    assert "C4.03" in group
    assert _names(journal, tagged, EntryFilter(tag_groups=(group,))) == {"s1", "s2"}
    level2 = _group(journal, "C4.03", "competency")
    assert level2 == ("C4.03",)
    assert _names(journal, tagged, EntryFilter(tag_groups=(level2,))) == {"s1"}


def test_filter_by_theme_user_tag_and_star(journal: Journal, tagged: dict[str, Entry]) -> None:
    theme = _group(journal, "unresolved loss", "theme")
    user = _group(journal, "home visits", "user")
    assert _names(journal, tagged, EntryFilter(tag_groups=(theme,))) == {"s1", "r1"}
    assert _names(journal, tagged, EntryFilter(tag_groups=(user,))) == {"s2", "r1"}
    assert _names(journal, tagged, EntryFilter(starred=True)) == {"s1", "t1"}


def test_filter_conditions_combine_with_and(journal: Journal, tagged: dict[str, Entry]) -> None:
    theme = _group(journal, "G1", "theme")
    user = _group(journal, "Home visits", "user")
    c4 = _group(journal, "C4", "competency")
    assert _names(journal, tagged, EntryFilter(kinds=("session",), tag_groups=(theme,))) == {"s1"}
    assert _names(journal, tagged, EntryFilter(tag_groups=(theme, user))) == {"r1"}
    assert _names(journal, tagged, EntryFilter(tag_groups=(c4, user))) == {"s2"}
    assert _names(journal, tagged, EntryFilter(starred=True, kinds=("training",))) == {"t1"}
    assert _names(journal, tagged, EntryFilter(starred=True, date_from=D2, date_to=D3)) == set()


def test_tag_counts(journal: Journal, tagged: dict[str, Entry]) -> None:
    counts = journal.tag_counts()
    assert counts[TagId("G1")] == 2
    assert counts[TagId("C4")] == 1  # children are not rolled up
    assert TagId("G2") not in counts


def test_title_matches_rank_above_body_matches(journal: Journal) -> None:
    in_title = add_entry(journal, date=D1, title="Attachment", body="notes about the visit today")
    in_body = add_entry(journal, date=D2, title="Visit notes", body="notes about attachment today")
    assert entry_ids(journal.search("attachment")) == [in_title.id, in_body.id]
    newest_first = journal.search("attachment", order=SortOrder.NEWEST)
    assert entry_ids(newest_first) == [in_body.id, in_title.id]


def test_relevance_pages_rank_before_filtering_nothing_out(journal: Journal) -> None:
    # More mentions rank higher; ties go newest first; pages and filters keep that order.
    days = [dt.date(2026, 4, d) for d in range(1, 8)]
    made = [add_entry(journal, date=day, kind="session" if i % 2 else "reflection",
                      themes=(TagId("G1"),) if i < 4 else (),
                      body=" ".join(["cue"] * (1 + i % 3) + ["and"] * 40) + f" {i}")
            for i, day in enumerate(days)]
    add_entry(journal, body="nothing to find here")
    ranked = entry_ids(journal.search("cue"))
    expected = sorted(made, key=lambda e: (-(1 + made.index(e) % 3), -made.index(e)))
    assert ranked == [e.id for e in expected]
    assert entry_ids(journal.search("cue", limit=3, offset=2)) == ranked[2:5]
    sessions = EntryFilter(kinds=("session",), tag_groups=((TagId("G1"),),))
    wanted = [i for i in ranked if i in {made[1].id, made[3].id}]
    assert entry_ids(journal.search("cue", sessions)) == wanted
    assert entry_ids(journal.search("cue", sessions, limit=1, offset=1)) == wanted[1:]
    [hit] = journal.search("cue", EntryFilter(date_from=days[6]))
    assert f"{HIGHLIGHT_START}cue{HIGHLIGHT_END}" in hit.snippet


def test_search_snippets_mark_the_matched_words(journal: Journal) -> None:
    add_entry(journal, title="Visit", body="The mother held the baby close after the feed.")
    [hit] = journal.search("baby")
    assert f"{HIGHLIGHT_START}baby{HIGHLIGHT_END}" in hit.snippet
    assert ("baby", True) in snippet_parts(hit.snippet)


def test_search_prefixes(journal: Journal) -> None:
    entry = add_entry(journal, body="thinking about attachment and loss")
    assert journal.search("attac") == []  # not a word, so no form of one
    assert entry_ids(journal.search("attac*")) == [entry.id]
    assert entry_ids(journal.search("loss attac", prefix_last=True)) == [entry.id]
    assert journal.count_entries(query="attac*") == 1


def test_search_plain_text_with_punctuation_and_accents(journal: Journal) -> None:
    entry = add_entry(journal, body="A 7-month-old at the crèche; don't rush.")
    assert entry_ids(journal.search("7-month-old")) == [entry.id]
    assert entry_ids(journal.search("creche")) == [entry.id]
    assert entry_ids(journal.search("don't")) == [entry.id]


def test_search_reads_answers_but_not_prompt_ids(journal: Journal) -> None:
    entry = add_entry(journal, kind="session", answers={"echoes": "her grandmother's kitchen"})
    assert entry_ids(journal.search("grandmother")) == [entry.id]
    assert journal.search("echoes") == []


def test_search_follows_edits(journal: Journal) -> None:
    entry = add_entry(journal, title="Old words", body="first draft")
    journal.update_entry(entry.id, EntryChanges(title="New words", body="second draft"))
    assert journal.search("old") == []
    assert journal.search("first") == []
    assert entry_ids(journal.search("second")) == [entry.id]


def test_search_with_a_filter(journal: Journal) -> None:
    session = add_entry(journal, kind="session", body="feeding")
    add_entry(journal, kind="reflection", body="feeding")
    assert entry_ids(journal.search("feeding", EntryFilter(kinds=("session",)))) == [session.id]


def test_advanced_search_syntax_works(journal: Journal) -> None:
    entry = add_entry(journal, title="grief", body="loss")
    add_entry(journal, title="loss", body="other")
    assert entry_ids(journal.search("title:grief")) == [entry.id]
    assert entry_ids(journal.search('"grief" AND "loss"')) == [entry.id]


def test_empty_search_lists_entries(journal: Journal) -> None:
    entry = add_entry(journal)
    assert entry_ids(journal.search("  ")) == [entry.id]


@pytest.mark.parametrize("query", ['"unbalanced', "grief AND", "nosuchcolumn:grief", "NEAR("])
def test_search_syntax_errors_are_reported(journal: Journal, query: str) -> None:
    add_entry(journal, body="grief")
    with pytest.raises(SearchSyntaxError, match="could not be understood"):
        journal.search(query)
    with pytest.raises(SearchSyntaxError):
        journal.count_entries(query=query)


@pytest.mark.parametrize("where", [
    EntryFilter(), EntryFilter(date_from=D2), EntryFilter(tag_groups=((TagId("G1"),),)),
    EntryFilter(kinds=("session",)), EntryFilter(starred=True),
])
def test_search_counts_match_the_listed_results(journal: Journal, where: EntryFilter) -> None:
    for i, day in enumerate((D1, D2, D3, D4)):
        add_entry(journal, kind="session" if i % 2 else "reflection", date=day, starred=i == 1,
                  themes=(TagId("G1"),) if i > 1 else (), body=f"the bottle again {i}")
    assert journal.count_entries(where, "bottle") == len(journal.search("bottle", where))


def _plan(journal: Journal, sql: str, params: list[Any]) -> str:
    return " | ".join(str(r[3]) for r in journal._db.rows("EXPLAIN QUERY PLAN " + sql, params))


def test_tag_listings_read_the_tag_index_and_relevance_ranks_before_joining(
    journal: Journal,
) -> None:
    from reflectjournal.store import entries as entry_sql
    from reflectjournal.store import entry_search

    by_tag = EntryFilter(tag_groups=((TagId("G1"), TagId("G2")),))
    plan = _plan(journal, *entry_sql.list_sql(by_tag, SortOrder.NEWEST, 50))
    assert "USING COVERING INDEX entry_tags_by_tag" in plan
    plan = _plan(journal, *entry_search.search_sql(journal._db, '"cue"', EVERYTHING,
                                                SortOrder.RELEVANCE, 50))
    # The ranked page is made first, from the FTS table alone; the join then seeks its rows.
    assert plan.index("CO-ROUTINE ranked") < plan.index("SCAN ranked")
    assert "SEARCH e USING INTEGER PRIMARY KEY" in plan


def test_search_finds_the_other_forms_of_a_word(journal: Journal) -> None:
    cried = add_entry(journal, title="Bedtime", body="The baby cried at the door.")
    crying = add_entry(journal, title="Crying it out", body="She tried another way.")
    add_entry(journal, title="Calm", body="A quiet visit; crib and critic are other words.")
    both = {cried.id, crying.id}
    assert set(entry_ids(journal.search("cry"))) == both
    assert set(entry_ids(journal.search("cries"))) == both
    assert journal.count_entries(query="cry") == 2
    assert set(entry_ids(journal.search("cry", prefix_last=True))) == both  # as you type
    # The snippet marks the form that was found.
    [hit] = journal.search("cry door")
    assert f"{HIGHLIGHT_START}cried{HIGHLIGHT_END}" in hit.snippet
    # Phrases and FTS5 syntax stay exact.
    assert entry_ids(journal.search('"baby cried"')) == [cried.id]
    assert journal.search('"baby cry"') == []
    assert entry_ids(journal.search("title:crying")) == [crying.id]


def test_search_finds_spanish_word_forms_with_or_without_accents(journal: Journal) -> None:
    entry = add_entry(journal, body="La niña lloró cuando su madre salió; canciones de cuna.")
    assert entry_ids(journal.search("llorar")) == [entry.id]
    assert entry_ids(journal.search("canción")) == [entry.id]
    assert entry_ids(journal.search("cancion")) == [entry.id]
    assert entry_ids(journal.search("niñas")) == [entry.id]


def test_word_forms_follow_edits_imports_and_the_trash(journal: Journal) -> None:
    entry = add_entry(journal, body="first draft")
    journal.update_entry(entry.id, EntryChanges(body="The toddler was playing."))
    assert entry_ids(journal.search("plays")) == [entry.id]
    journal.delete_entry(entry.id)
    assert journal.search("plays") == []
    journal.entries.empty_trash()
    # A deleted entry's words are forgotten with it: only the journal's words stay.
    assert journal.entries.word_forms("play") == []
    add_entry(journal, body="They played together.")
    assert journal.entries.word_forms("play") == ["played"]


def test_imported_entries_are_found_by_their_word_forms(journal: Journal, other: Journal
                                                        ) -> None:
    entry = add_entry(journal, body="Her mother sang lullabies.")
    other.import_json(journal.export_json())
    assert entry_ids(other.search("lullaby")) == [entry.id]
