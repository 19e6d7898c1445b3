"""Where each flag (or its placeholder) lands in the share preview, without Qt."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from reflectjournal.domain import share_selection as selection
from reflectjournal.domain.bundle import SharedEntry
from reflectjournal.domain.deidentify import Flag, FlagKind, placeholder
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.share_preview import (
    ENTRY_SEPARATOR,
    MESSAGE_HEADING,
    Span,
    part_words,
    place,
    preview_text,
)

WATCH = ["Zyxwvut", "Qorvath"]
PHONE = "312-555-0142"


@dataclass(frozen=True)
class Draft:
    """What would leave, resolved as the services' ShareDraft resolves it."""

    entries: tuple[SharedEntry, ...]
    message: str
    flags: tuple[selection.LocatedFlag, ...]

    def resolved(self, redact: Collection[str]) -> tuple[tuple[SharedEntry, ...], str]:
        chosen = [f for f in self.flags if f.id in redact]
        return (
            tuple(selection.apply_redactions(e, chosen) for e in self.entries),
            selection.redact_message(self.message, chosen),
        )


def _entry(number: int, **values: object) -> SharedEntry:
    base: dict[str, object] = {
        "id": EntryId(f"entry-{number}"),
        "kind_label": "Session reflection",
        "date": "2026-11",
        "title": "A visit",
        "answers": (),
        "body": "",
        "fields": (),
        "duration_minutes": None,
        "tags": (),
    }
    base.update(values)
    return SharedEntry(**base)  # type: ignore[arg-type]


def _draft(*entries: SharedEntry, message: str = "") -> Draft:
    return Draft(entries, message, tuple(selection.check(entries, message, WATCH)))


def _by_text(draft: Draft, text: str) -> selection.LocatedFlag:
    [found] = [f for f in draft.flags if f.flag.text == text]
    return found


def _leaves(draft: Draft, redact: Collection[str]) -> str:
    """Return the text that leaves, put together the way the supervisor's app shows it."""
    entries, message = draft.resolved(redact)
    text = ENTRY_SEPARATOR.join(selection.shared_entry_text(e) for e in entries)
    if message:
        text += (ENTRY_SEPARATOR if entries else "") + MESSAGE_HEADING + message
    return text


def _covered(text: str, spans: dict[str, Span], flag_id: str) -> str:
    span = spans[flag_id]
    return text[span.start : span.end]


def test_with_nothing_redacted_every_flag_covers_its_own_text() -> None:
    draft = _draft(_entry(1, body=f"Mrs. Zyxwvut called from {PHONE} at noon."))
    text, spans = preview_text(draft, set())
    assert text == _leaves(draft, set())
    assert len(draft.flags) >= 2
    for located in draft.flags:
        assert _covered(text, spans, located.id) == located.flag.text
        assert not spans[located.id].redacted


def test_a_redacted_flag_covers_its_placeholder_and_later_flags_still_land() -> None:
    draft = _draft(_entry(1, body=f"Mrs. Zyxwvut called from {PHONE}, then Qorvath came."))
    name, phone, other = (_by_text(draft, t) for t in ("Zyxwvut", PHONE, "Qorvath"))
    text, spans = preview_text(draft, {name.id, other.id})
    assert text == _leaves(draft, {name.id, other.id})
    assert "Zyxwvut" not in text
    assert "Qorvath" not in text
    assert _covered(text, spans, name.id) == placeholder(FlagKind.WATCH_LIST)
    assert spans[name.id].redacted
    assert _covered(text, spans, other.id) == placeholder(FlagKind.WATCH_LIST)
    # Between two redactions that changed the length, the phone is still marked exactly.
    assert _covered(text, spans, phone.id) == PHONE
    assert not spans[phone.id].redacted


def test_allowed_flags_keep_their_text_and_are_not_marked_as_redacted() -> None:
    draft = _draft(_entry(1, body=f"Zyxwvut and Qorvath, {PHONE}."))
    name, other, phone = (_by_text(draft, t) for t in ("Zyxwvut", "Qorvath", PHONE))
    # Only redactions change the text; a flag kept as not an identifier is left as it is.
    text, spans = preview_text(draft, {phone.id})
    assert _covered(text, spans, name.id) == "Zyxwvut"
    assert _covered(text, spans, other.id) == "Qorvath"
    assert not spans[name.id].redacted
    assert not spans[other.id].redacted
    assert _covered(text, spans, phone.id) == placeholder(FlagKind.PHONE)


def test_flags_across_entries_parts_and_the_message_land_where_they_are_read() -> None:
    first = _entry(
        1,
        title="Zyxwvut at home",
        answers=(("What stood out?", "Qorvath laughed."),),
        fields=(("Setting", f"Call {PHONE}"),),
        tags=("Qorvath",),
    )
    second = _entry(2, title="Bedtime", body="Zyxwvut again, and Qorvath.")
    draft = _draft(first, second, message="Zyxwvut asked about Qorvath.")
    places = {(f.entry_id, f.location) for f in draft.flags}
    assert {("entry-1", "title"), ("entry-1", "answer:0"), ("entry-1", "field:0")} <= places
    assert {("entry-1", "tag:0"), ("entry-2", "body"), (None, "message")} <= places
    redact = {f.id for f in draft.flags if f.flag.text == "Zyxwvut"}
    text, spans = preview_text(draft, redact)
    assert text == _leaves(draft, redact)
    separator = text.index(ENTRY_SEPARATOR)
    heading = text.index(MESSAGE_HEADING)
    for located in draft.flags:
        want = placeholder(located.flag.kind) if located.id in redact else located.flag.text
        assert _covered(text, spans, located.id) == want
        start = spans[located.id].start
        if located.entry_id == "entry-1":
            assert start < separator
        elif located.entry_id == "entry-2":
            assert separator < start < heading
        else:
            assert start > heading


def test_a_flag_inside_a_redacted_one_is_left_unmarked() -> None:
    text = "Mary Ann Zyx came."
    outer = selection.LocatedFlag("outer", None, "message", Flag(0, 12, FlagKind.NAME, text[:12]))
    inner = selection.LocatedFlag("inner", None, "message", Flag(5, 8, FlagKind.NAME, "Ann"))
    shown = "[name] came."
    spans = place(text, shown, [outer, inner], {"outer"})
    assert spans == {"outer": Span(0, 6, True)}  # never a mark on the wrong words


def test_parts_are_named_as_the_preview_shows_them() -> None:
    entry = _entry(1, answers=(("What stood out?", "x"),), fields=(("Setting", "Home"),))
    assert part_words(entry, "answer:0") == "What stood out?"
    assert part_words(entry, "field:0") == "Setting"
    assert part_words(entry, "body") == "Reflection text"
    assert part_words(entry, "title") == "Title"
    assert part_words(entry, "tag:3") == "Tags"
    assert part_words(None, "message") == "Message"
    assert part_words(entry, "field:9") == "field"  # out of range: still words, no crash


def test_a_message_alone_gets_its_heading_and_no_separator() -> None:
    draft = _draft(message="Zyxwvut called.")
    [name] = draft.flags
    text, spans = preview_text(draft, {name.id})
    assert text == MESSAGE_HEADING + "[name] called."
    assert _covered(text, spans, name.id) == "[name]"


def test_an_empty_draft_previews_as_nothing() -> None:
    empty: Sequence[SharedEntry] = ()
    assert preview_text(Draft(tuple(empty), "", ()), set()) == ("", {})
