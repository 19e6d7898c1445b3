"""The demo sample entries: complete, valid, fictional, and loaded through the services."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest

from reflectjournal.domain.client_code import is_generated_code
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.search import EntryFilter
from reflectjournal.resources import load_catalog, load_toml, resource_path
from reflectjournal.services import demo
from reflectjournal.services.demo import (
    DEMO_FILE,
    fill_demo,
    load_demo_entries,
    parse_demo_entries,
)
from reflectjournal.services.journal import Journal

TODAY = dt.date(2031, 3, 14)

# Shapes of identifiers the Safe Harbor checklist names; none belongs in sample content.
IDENTIFIER_PATTERNS = {
    "email": re.compile(r"\S+@\S+\.\w+"),
    "url": re.compile(r"https?://|www\.|\.(com|org|net|gov|edu)\b", re.IGNORECASE),
    "phone": re.compile(r"\(?\d{3}\)?[ .-]?\d{3}[ .-]?\d{4}"),
    "long number": re.compile(r"\d{5,}"),
    "date": re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}"),
    "year": re.compile(r"\b(19|20)\d{2}\b"),
    "full name": re.compile(r"\b(Mr|Mrs|Ms|Dr)\.? [A-Z][a-z]+"),
}


def _texts(changes: EntryChanges) -> Iterator[str]:
    """Yield every piece of free text an entry carries."""
    yield changes.title or ""
    yield changes.body or ""
    yield from (changes.answers or {}).values()
    yield from (v for v in (changes.fields or {}).values() if isinstance(v, str))
    yield from changes.tags or ()


@pytest.fixture
def entries() -> list[EntryChanges]:
    """Return the demo entries dated back from TODAY."""
    return load_demo_entries(TODAY)


def test_the_demo_has_about_forty_entries_of_every_kind(entries: list[EntryChanges]) -> None:
    kinds = Counter(e.kind for e in entries)
    assert 35 <= len(entries) <= 45
    assert set(kinds) == {k.id for k in load_catalog().kinds}
    assert kinds.most_common(1)[0][0] == "session"


def test_dates_count_back_from_the_injected_day(entries: list[EntryChanges]) -> None:
    dates = [e.date for e in entries if e.date is not None]
    assert len(dates) == len(entries)
    assert max(dates) <= TODAY
    assert dt.timedelta(days=240) <= max(dates) - min(dates) <= dt.timedelta(days=330)
    later = load_demo_entries(TODAY + dt.timedelta(days=100))
    assert [e.date for e in later] == [d + dt.timedelta(days=100) for d in dates]


def test_answers_use_the_prompts_of_their_own_kind(entries: list[EntryChanges]) -> None:
    catalog = load_catalog()
    for entry in entries:
        prompts = {p.id for p in catalog.kind(entry.kind or "").prompt_set.prompts}
        assert entry.answers, entry.title
        assert set(entry.answers) <= prompts, entry.title
        # Real sentences, not stubs: every answer says at least a little.
        assert all(len(a.split()) >= 8 for a in entry.answers.values()), entry.title


def test_fields_and_durations_fit_each_kind(entries: list[EntryChanges]) -> None:
    catalog = load_catalog()
    for entry in entries:
        kind = catalog.kind(entry.kind or "")
        assert kind.validate_fields(entry.fields or {}) == entry.fields
        assert (entry.duration_minutes is not None) == kind.uses_duration, entry.title
    sessions = [e for e in entries if e.kind == "session"]
    assert {e.fields["setting"] for e in sessions if e.fields} >= {
        "home", "clinic", "hospital-nicu", "telehealth-video", "classroom", "shelter",
    }
    training = [e.fields for e in entries if e.kind == "training" and e.fields]
    assert all("hours_face_to_face" in f and "hours_independent" in f for f in training)
    assert any(f.get("about_rsc") for f in training)
    assert any(f.get("dei") for f in training)


def test_client_codes_are_in_the_apps_random_format(entries: list[EntryChanges]) -> None:
    codes = [e.fields["client_code"] for e in entries if e.fields and "client_code" in e.fields]
    assert len(codes) >= 10
    assert all(isinstance(c, str) and is_generated_code(c) for c in codes)


def test_tags_resolve_against_the_catalog(entries: list[EntryChanges]) -> None:
    catalog = load_catalog()
    competencies = {t.id: t for t in catalog.competencies}
    themes = {t.id: t for t in catalog.themes}
    used_competencies = {c for e in entries for c in e.competencies or ()}
    used_themes = {t for e in entries for t in e.themes or ()}
    assert used_competencies <= set(competencies)
    assert used_themes <= set(themes)
    assert {competencies[c].level for c in used_competencies} == {1, 2}
    assert {f"C{n}" for n in range(1, 9)} <= {
        competencies[c].parent or c for c in used_competencies
    }
    assert {themes[t].group for t in used_themes} == {t.group for t in catalog.themes}
    assert {"home visiting", "NICU follow-up"} <= {t for e in entries for t in e.tags or ()}
    assert 3 <= sum(bool(e.starred) for e in entries) <= 10


def test_no_text_looks_like_an_identifier(entries: list[EntryChanges]) -> None:
    for entry in entries:
        for text in _texts(entry):
            for what, pattern in IDENTIFIER_PATTERNS.items():
                assert not pattern.search(text), f"{what} in {entry.title!r}: {text!r}"


@pytest.mark.parametrize(
    ("what", "text"),
    [
        ("email", "write to someone@example.org"),
        ("url", "see www.example.com"),
        ("phone", "call 555-867-5309"),
        ("long number", "case 4471902"),
        ("date", "born 3/14/2030"),
        ("year", "placed in 2029"),
        ("full name", "Dr. Smith said"),
    ],
)
def test_the_identifier_check_catches_what_it_looks_for(what: str, text: str) -> None:
    assert IDENTIFIER_PATTERNS[what].search(text)


def test_the_data_file_says_its_content_is_fictional() -> None:
    head = resource_path(DEMO_FILE).read_text(encoding="utf-8")[:600]
    assert "fictional" in head.casefold()


def test_fill_demo_adds_every_entry_through_the_services(journal: Journal) -> None:
    expected = load_demo_entries(TODAY)
    assert fill_demo(journal, TODAY) == len(expected)
    assert journal.count_entries() == len(expected)
    assert journal.kind_counts() == Counter(e.kind for e in expected)
    assert journal.count_entries(EntryFilter(starred=True)) == sum(
        bool(e.starred) for e in expected
    )
    user_tags = {t.label: t.id for t in journal.tags("user")}
    assert set(user_tags) == {t for e in expected for t in e.tags or ()}
    home_visits = journal.count_entries(EntryFilter(tag_groups=((user_tags["home visiting"],),)))
    assert home_visits == sum("home visiting" in (e.tags or ()) for e in expected)
    newest = journal.list_entries(limit=1)[0]
    assert newest.date == max(e.date for e in expected if e.date is not None)


def test_the_demo_text_is_found_by_search(journal: Journal) -> None:
    fill_demo(journal, TODAY)
    hits = journal.search("peekaboo")
    assert "Peekaboo in the playroom" in {h.title for h in hits}
    entry = journal.get_entry(next(h.id for h in hits if h.title == "Peekaboo in the playroom"))
    assert entry.fields["age_band"] == "24-35m"
    assert entry.date == TODAY - dt.timedelta(days=268)


def test_fill_demo_refuses_a_journal_that_has_entries(journal: Journal) -> None:
    journal.add_entry(EntryChanges(kind="reflection", title="Mine", body="A real entry."))
    with pytest.raises(InvalidInputError):
        fill_demo(journal, TODAY)
    assert journal.count_entries() == 1


def test_fill_demo_goes_through_the_validating_services(
    journal: Journal, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = EntryChanges(kind="session", title="Bad", fields={"setting": "on-the-moon"})
    monkeypatch.setattr(demo, "load_demo_entries", lambda today: [bad])
    with pytest.raises(InvalidInputError, match="on-the-moon"):
        fill_demo(journal, TODAY)
    assert journal.count_entries() == 0


def _one(**changes: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "kind": "session", "days_ago": 3, "title": "A visit", "duration_minutes": 60,
        "fields": {"setting": "home", "client_code": "K7M-RX3"},
        "answers": {"baby": "Calm."}, "competencies": ["C4"], "themes": ["G1"],
    }
    entry.update(changes)
    return {"entry": [{k: v for k, v in entry.items() if v is not None}]}


def test_a_minimal_entry_parses() -> None:
    [entry] = parse_demo_entries(_one(tags=["home visiting"]), load_catalog(), TODAY, "t")
    assert entry.date == dt.date(2031, 3, 11)
    assert entry.tags == ("home visiting",)
    assert entry.starred is False


def test_texts_are_unwrapped_into_paragraphs() -> None:
    data = _one(answers={"baby": "\nOne line\ncontinued.\n\nSecond  paragraph.\n"})
    [entry] = parse_demo_entries(data, load_catalog(), TODAY, "t")
    assert entry.answers == {"baby": "One line continued.\n\nSecond paragraph."}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"colour": "blue"}, "unknown key 'colour'"),
        ({"kind": "diary"}, "unknown kind 'diary'"),
        ({"days_ago": -1}, "'days_ago'"),
        ({"days_ago": True}, "'days_ago'"),
        ({"title": " "}, "'title'"),
        ({"answers": {"key_ideas": "From another set."}}, "not in the 'session' prompt set"),
        ({"fields": {"setting": "on-the-moon"}}, "on-the-moon"),
        ({"fields": {"supervisor": "V."}}, "no field 'supervisor'"),
        ({"fields": {"client_code": "RB-0412"}}, "random format"),
        ({"kind": "reflection", "fields": None, "answers": {"on_my_mind": "Hm."}},
         "no duration"),
        ({"duration_minutes": 0}, "'duration_minutes'"),
        ({"competencies": ["C99"]}, "unknown competency id 'C99'"),
        ({"themes": ["C1"]}, "unknown theme id 'C1'"),
        ({"tags": [""]}, "'tags'"),
        ({"starred": "yes"}, "'starred'"),
    ],
)
def test_broken_demo_data_is_refused_with_the_entry_named(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        parse_demo_entries(_one(**changes), load_catalog(), TODAY, "demo.toml")
    assert "demo.toml: entry[0]" in str(caught.value)


def test_the_shipped_file_parses_with_its_own_name_in_errors() -> None:
    data = load_toml(DEMO_FILE)
    assert data["schema"] == 1
    assert len(parse_demo_entries(data, load_catalog(), TODAY, DEMO_FILE)) == len(data["entry"])
