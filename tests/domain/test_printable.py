"""Printable copies: which parts of an entry are printed, the agenda's caps, Markdown escaping."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid

import pytest

from reflectjournal.domain import printable as p
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.taxonomy import Catalog
from reflectjournal.resources import load_catalog

NOW = dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 21)
HOSTILE = "# <script>alert(1)</script> [x](http://e)"
LABELS = {
    "rel": "Relationship-based practice",
    "ghosts": "Ghosts in the nursery",
    "mine": "Family Smith",
}


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def _entry(
    title: str = "Feeding at the kitchen table",
    *,
    kind: str = "session",
    body: str = "",
    answers: dict[str, str] | None = None,
    **kw: object,
) -> Entry:
    values: dict[str, object] = {
        "id": EntryId(str(uuid.uuid4())),
        "kind": kind,
        "date": dt.date(2026, 11, 3),
        "title": title,
        "body": body,
        "answers": answers or {},
        "fields": {},
        "duration_minutes": None,
        "competencies": (TagId("rel"),),
        "themes": (TagId("ghosts"),),
        "tags": (TagId("mine"),),
        "starred": False,
        "created_at": NOW,
        "modified_at": NOW,
    }
    values.update(kw)
    return Entry(**values)  # type: ignore[arg-type]


def _comment(
    text: str = "What did you feel when she turned away?", *, verified: bool = True
) -> p.Comment:
    return p.Comment("Dr. Ada Obi", "Reflective supervisor", verified, dt.date(2026, 11, 21), text)


LONG = (
    "The seven-month-old turned away from the spoon each time her mother leaned in, and "
    "I noticed my own shoulders tighten as the mother's voice grew sharper. Later she "
    "laughed and said the baby is just like her sister. I wonder what that sister means "
    "to her, and what the baby is learning about being fed and being seen. "
) * 3


def test_entries_document_keeps_the_clinicians_words_apart_from_comments(
    catalog: Catalog,
) -> None:
    e = _entry(
        body="My own reflection.",
        answers={"baby": "She watched her mother."},
        fields={"setting": "home", "client_code": "QX7-KLM", "present": ["infant"]},
        duration_minutes=60,
    )
    doc = p.entries_document([e], {e.id: [_comment()]}, catalog, LABELS, today=TODAY)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == [
        "Heading",
        "Meta",
        "Bullets",
        "Heading",
        "Paragraph",
        "Heading",
        "Paragraph",
        "Heading",
        "Comment",
    ]
    assert doc.blocks[0] == p.Heading(2, "Feeding at the kitchen table")
    assert doc.blocks[1] == p.Meta("November 2026 · Session reflection · 60 min")
    bullets = doc.blocks[2]
    assert isinstance(bullets, p.Bullets)
    assert "Setting: Home" in bullets.items
    assert "Who was present: Infant / young child" in bullets.items
    assert "Competency areas: Relationship-based practice" in bullets.items
    # Sharing defaults: the client code and free-text user tags stay out of printed copies.
    assert not any("QX7" in item or "Family Smith" in item for item in bullets.items)
    assert doc.blocks[3] == p.Heading(3, "The baby's side")
    assert doc.blocks[6] == p.Paragraph("My own reflection.")
    assert doc.blocks[7] == p.Heading(3, "Comment received")
    assert doc.subtitle == "1 entry · prepared 2026-11-21"
    assert not doc.one_page


def test_chosen_private_parts_and_exact_dates_are_printed_when_asked(catalog: Catalog) -> None:
    e = _entry(fields={"client_code": "QX7-KLM"})
    doc = p.entries_document(
        [e], {}, catalog, LABELS, today=TODAY, include={"client_code", "tags"}, exact_dates=True
    )
    assert doc.blocks[1] == p.Meta("2026-11-03 · Session reflection")
    bullets = doc.blocks[2]
    assert isinstance(bullets, p.Bullets)
    assert "Client code: QX7-KLM" in bullets.items
    assert "My tags: Family Smith" in bullets.items


def test_a_comment_names_its_author_signature_and_date() -> None:
    assert _comment().attribution == (
        "Comment from Dr. Ada Obi, Reflective supervisor (verified signature) · 2026-11-21"
    )
    unverified = dataclasses.replace(_comment(verified=False), role="")
    assert unverified.attribution == (
        "Comment from Dr. Ada Obi (signature not verified) · 2026-11-21"
    )


def test_entries_are_separated_by_rules(catalog: Catalog) -> None:
    doc = p.entries_document([_entry("A"), _entry("B")], {}, catalog, {}, today=TODAY)
    assert sum(isinstance(b, p.Rule) for b in doc.blocks) == 1
    assert doc.subtitle.startswith("2 entries")


def test_excerpt_takes_two_sentences_cut_at_a_word() -> None:
    assert p.excerpt("One.  Two?\nThree!") == "One. Two?"
    cut = p.excerpt("word " * 100)
    assert len(cut) <= p.EXCERPT_CHARS
    assert cut.endswith("word…")


def test_agenda_lists_each_entry_briefly_and_prefers_the_telling_answer(
    catalog: Catalog,
) -> None:
    e = _entry(
        body="The body comes second.",
        answers={
            "baby": "Not this one.",
            "curiosity": "Why does she look away? What is she avoiding?",
        },
    )
    doc = p.agenda_document([e], catalog, LABELS, today=TODAY)
    assert doc.one_page
    assert doc.blocks[:4] == (
        p.Heading(2, "What I want to talk about"),
        p.Heading(3, "1. Feeding at the kitchen table"),
        p.Meta(
            "November 2026 · Session reflection · Relationship-based practice, "
            "Ghosts in the nursery"
        ),
        p.Paragraph("Why does she look away? What is she avoiding?"),
    )
    assert isinstance(doc.blocks[-1], p.Notes)


def test_agenda_caps_entries_and_lists_the_rest_by_title(catalog: Catalog) -> None:
    entries = [_entry(f"Visit {i} " + "long title " * 20, body=LONG) for i in range(11)]
    doc = p.agenda_document(entries, catalog, LABELS, today=TODAY)
    items = [b for b in doc.blocks if isinstance(b, p.Heading) and b.level == 3]
    assert len(items) == p.AGENDA_ENTRIES
    assert all(len(h.text) <= p.TITLE_CHARS + 3 for h in items)
    excerpts = [b for b in doc.blocks if isinstance(b, p.Paragraph)]
    assert all(len(b.text) <= p.EXCERPT_CHARS for b in excerpts)
    [more] = [b for b in doc.blocks if isinstance(b, p.Meta) and b.text.startswith("Also")]
    assert more.text.startswith("Also chosen (3): Visit 8")
    assert len(more.text) <= p.MORE_TITLES_CHARS


def test_supervision_prep_entries_become_the_questions(catalog: Catalog) -> None:
    prep = _entry(
        "Prep",
        kind="supervision-prep",
        answers={"want_to_bring": "The mother who laughs when the baby cries.", "why_now": ""},
    )
    doc = p.agenda_document([_entry(), prep], catalog, LABELS, today=TODAY)
    titles = [b.text for b in doc.blocks if isinstance(b, p.Heading)]
    assert titles == [
        "What I want to talk about",
        "1. Feeding at the kitchen table",
        "Questions I want to bring",
        "Notes",
    ]
    assert (
        p.Bullets(("What I want to bring: The mother who laughs when the baby cries.",))
        in doc.blocks
    )


def test_many_questions_are_capped(catalog: Catalog) -> None:
    prep = _entry(
        "Prep",
        kind="supervision-prep",
        body="And more.",
        answers={k: LONG for k in ("want_to_bring", "why_now", "feels_stuck", "hope_to_leave")},
    )
    doc = p.agenda_document([prep, prep], catalog, LABELS, today=TODAY)
    [questions] = [b for b in doc.blocks if isinstance(b, p.Bullets)]
    assert len(questions.items) == p.QUESTIONS
    assert questions.items[-1] == "… and 7 more in my supervision prep entries"
    assert all(len(q) <= p.QUESTION_CHARS for q in questions.items)


def test_markdown_keeps_hostile_text_literal(catalog: Catalog) -> None:
    e = _entry(
        HOSTILE,
        body=f"{HOSTILE}\n- not a list\n1. not a list\n> not a quote\n"
        "===\n```\n![img](http://e/x.png) &amp; www.example.org `code` *em* a|b ~~s~~",
    )
    md = p.to_markdown(
        p.entries_document([e], {e.id: [_comment(HOSTILE)]}, catalog, {}, today=TODAY)
    )
    assert "## \\# \\<script\\>alert(1)\\</script\\> \\[x\\](http\\://e)" in md
    assert "\n\\- not a list\\\n" in md
    assert "\n1\\. not a list\\\n" in md
    assert "\n\\> not a quote\\\n" in md
    assert "\n\\===\\\n" in md  # no longer a setext underline
    assert (
        "\\!\\[img\\](http\\://e/x.png) \\&amp; www\\.example.org \\`code\\` \\*em\\* "
        "a\\|b \\~\\~s\\~\\~" in md
    )
    # Nothing unescaped that Markdown could act on: every special character has its backslash.
    for line in md.splitlines():
        text = re.sub(r"\\.", "", line)
        text = re.sub(r"^(#{1,6} |> \*\*|>|- |\*|---$)", "", text).rstrip("*")
        assert not re.search(r"[<>\[\]`&|~#]", text), line


def test_markdown_sets_comments_apart_as_attributed_quotes(catalog: Catalog) -> None:
    e = _entry(body="Mine.")
    md = p.to_markdown(
        p.entries_document(
            [e],
            {e.id: [_comment("First line.\nSecond line.\n\nNew paragraph.")]},
            catalog,
            {},
            today=TODAY,
        )
    )
    assert (
        "> **Comment from Dr. Ada Obi, Reflective supervisor (verified signature) · "
        "2026-11-21**\n>\n> First line.\\\n> Second line.\n>\n> New paragraph.\n"
    ) in md
    assert md.startswith(
        "# Supervision notes\n\n*Private and confidential — an unencrypted "
        "copy from ReflectJournal*\n"
    )


def test_markdown_agenda_has_room_for_notes(catalog: Catalog) -> None:
    md = p.to_markdown(p.agenda_document([_entry()], catalog, {}, today=TODAY))
    assert "## Notes\n\n-\n-\n" in md
    assert md.endswith("-\n")


def test_agenda_puts_carried_items_first_and_counts_the_rest(catalog: Catalog) -> None:
    lines = [f"My mark on “Entry {n}” of 2026-03-0{n} (since 2026-03-0{n})" for n in range(1, 7)]
    doc = p.agenda_document([_entry()], catalog, LABELS, today=TODAY, carried=lines)
    assert doc.blocks[0] == p.Heading(2, "Carried forward")
    bullets = doc.blocks[1]
    assert isinstance(bullets, p.Bullets)
    assert bullets.items[:3] == tuple(lines[:3])
    assert bullets.items[3] == "… and 3 more open items on the agenda screen"
    assert "Carried forward" not in p.to_markdown(
        p.agenda_document([_entry()], catalog, LABELS, today=TODAY))
