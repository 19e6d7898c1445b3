"""The decrypted bundle format: round trip, strict limits, and a fuzzed parser."""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import tracemalloc
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reflectjournal.domain import bundle as fmt
from reflectjournal.domain.contact_card import (
    ContactCard,
    card_to_bytes,
    codes_match,
    pairing_code,
    parse_card,
)
from reflectjournal.domain.errors import BundleFormatError, ContactError
from reflectjournal.domain.ids import EntryId

SAM = ContactCard("Sam Rivera", "Home visitor", "age1" + "q" * 58, b"\x01" * 32)
ADA = ContactCard("Ada Obi", "Supervisor", "age1" + "p" * 58, b"\x02" * 32)
ENTRY = fmt.SharedEntry(
    id=EntryId("0b7e0b5e-6c39-4d43-9a43-3f3c1fd5d2a1"), kind_label="Session reflection",
    date="2026-11", title="Bath time", answers=(("The baby's experience", "She splashed."),),
    body="Text with <b>markup</b> and 👶.", fields=(("Setting", "Home"),), duration_minutes=45,
    tags=("Observation", "Unresolved loss"),
)


def _plaintext(payload: bytes, kind: fmt.BundleKind = "entries", **changes: Any) -> bytes:
    manifest = fmt.Manifest("5f1d4c0e-2a6b-4b8e-8c57-7d1e2f3a4b5c", kind,
                            dt.datetime(2026, 11, 21, 9, tzinfo=dt.UTC), SAM,
                            (ADA.age_recipient, SAM.age_recipient), fmt.payload_hash(payload))
    raw = fmt.manifest_bytes(manifest)
    if changes:
        doc = json.loads(raw)
        doc.update(changes)
        raw = json.dumps(doc).encode()
    return fmt.pack(raw, b"\x07" * 64, payload)


def _entries_payload() -> bytes:
    return fmt.entries_payload_bytes(fmt.EntriesPayload("For Tuesday.", (ENTRY,)))


def test_an_entries_bundle_round_trips() -> None:
    opened = fmt.open_plaintext(_plaintext(_entries_payload()))
    assert opened.manifest.sender == SAM
    assert opened.manifest.recipients == (ADA.age_recipient, SAM.age_recipient)
    assert opened.signature == b"\x07" * 64
    assert isinstance(opened.payload, fmt.EntriesPayload)
    assert opened.payload.entries == (ENTRY,)
    assert opened.payload.message == "For Tuesday."


def test_a_comments_bundle_round_trips_with_a_signed_session() -> None:
    statement = fmt.session_statement_bytes(fmt.SessionStatement(
        "9a1d4c0e-2a6b-4b8e-8c57-7d1e2f3a4b5c", ADA.signing_key, SAM.signing_key,
        dt.date(2026, 11, 10), 90, "group"))
    comment = fmt.Comment("5f1d4c0e-2a6b-4b8e-8c57-7d1e2f3a4b5c", ENTRY.id, "Say more?",
                          dt.datetime(2026, 11, 21, tzinfo=dt.UTC))
    payload = fmt.comments_payload_bytes(fmt.CommentsPayload(
        (comment,), (fmt.SignedSession(statement, b"\x09" * 64),)))
    opened = fmt.open_plaintext(_plaintext(payload, "comments"))
    assert isinstance(opened.payload, fmt.CommentsPayload)
    assert opened.payload.comments == (comment,)
    session = fmt.parse_session_statement(opened.payload.sessions[0].statement)
    assert (session.minutes, session.format, session.date) == (90, "group", dt.date(2026, 11, 10))


@pytest.mark.parametrize(("changes", "message"), [
    ({"version": 2}, "format version 2"),
    ({"version": True}, "format version"),
    ({"payload_sha256": "0" * 64}, "does not match its signed manifest"),
    ({"recipients": []}, "no recipients"),
    ({"kind": "photos"}, "kind"),
    ({"sender": {"name": "x"}}, "sender"),
])
def test_a_manifest_that_does_not_check_out_is_refused(changes: dict[str, Any],
                                                      message: str) -> None:
    with pytest.raises(BundleFormatError, match=message):
        fmt.open_plaintext(_plaintext(_entries_payload(), **changes))


def test_entry_limits_are_enforced() -> None:
    too_long = fmt.SharedEntry(**{**_fields(ENTRY), "title": "x" * 301})
    payload = fmt.entries_payload_bytes(fmt.EntriesPayload("", (too_long,)))
    with pytest.raises(BundleFormatError, match="title"):
        fmt.open_plaintext(_plaintext(payload))
    twice = fmt.entries_payload_bytes(fmt.EntriesPayload("", (ENTRY, ENTRY)))
    with pytest.raises(BundleFormatError, match="twice"):
        fmt.open_plaintext(_plaintext(twice))
    bad_date = fmt.entries_payload_bytes(fmt.EntriesPayload(
        "", (fmt.SharedEntry(**{**_fields(ENTRY), "date": "2026-13"}),)))
    with pytest.raises(BundleFormatError, match="date"):
        fmt.open_plaintext(_plaintext(bad_date))


def _fields(entry: fmt.SharedEntry) -> dict[str, Any]:
    return {name: getattr(entry, name) for name in entry.__slots__}  # type: ignore[attr-defined]


def test_deep_nesting_and_huge_numbers_are_typed_errors_in_bounded_memory() -> None:
    deep = b"[" * 200_000 + b"]" * 200_000
    huge = b'{"format": "reflectjournal-bundle", "manifest": ' + b"9" * 100_000 + b"}"
    tracemalloc.start()
    try:
        for data in (deep, huge, b"\xff\xfe", b"", b"null"):
            with pytest.raises(BundleFormatError):
                fmt.open_plaintext(data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024 * 1024


def test_an_oversized_plaintext_is_refused_before_parsing() -> None:
    with pytest.raises(BundleFormatError, match="size limit"):
        fmt.open_plaintext(b" " * (fmt.MAX_BUNDLE_BYTES + 1))


@given(st.binary(max_size=2048))
@settings(max_examples=300)
def test_fuzzed_bytes_raise_only_bundle_format_errors(data: bytes) -> None:
    with contextlib.suppress(BundleFormatError):
        fmt.open_plaintext(data)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)


def _mutate(doc: Any, path: list[int], value: Any) -> Any:
    """Replace one value somewhere inside doc, following path choices."""
    if not path or not isinstance(doc, dict | list) or not doc:
        return value
    if isinstance(doc, dict):
        key = sorted(doc)[path[0] % len(doc)]
        return {**doc, key: _mutate(doc[key], path[1:], value)}
    index = path[0] % len(doc)
    return [*doc[:index], _mutate(doc[index], path[1:], value), *doc[index + 1:]]


@given(part=st.sampled_from(["outer", "manifest", "payload"]),
       path=st.lists(st.integers(0, 50), max_size=6), value=_JSON)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_structured_mutations_raise_only_bundle_format_errors(
    part: str, path: list[int], value: Any,
) -> None:
    good = json.loads(_plaintext(_entries_payload()))
    if part == "outer":
        good = _mutate(good, path, value)
    else:
        inner = json.loads(good[part])
        good[part] = json.dumps(_mutate(inner, path, value))
        if part == "payload":  # keep the hash right, so the payload parser is reached
            manifest = json.loads(good["manifest"])
            manifest["payload_sha256"] = fmt.payload_hash(good[part].encode())
            good["manifest"] = json.dumps(manifest)
    try:
        opened = fmt.open_plaintext(json.dumps(good).encode())
    except BundleFormatError:
        return
    assert opened.manifest.bundle_id  # a mutation that kept it valid parses fully


# --- contact cards ------------------------------------------------------------------------


def test_a_card_round_trips_and_bad_cards_are_refused() -> None:
    assert parse_card(card_to_bytes(SAM)) == SAM
    doc = json.loads(card_to_bytes(SAM))
    for key, value in (("age_recipient", "age1short"), ("signing_key", "AAAA"),
                       ("name", "   "), ("version", 9), ("format", "other")):
        with pytest.raises(ContactError):
            parse_card(json.dumps({**doc, key: value}).encode())
    with pytest.raises(ContactError, match="too large"):
        parse_card(b" " * 20_000)
    with pytest.raises(ContactError):
        parse_card(b"\x00\x01")


def test_names_lose_control_characters() -> None:
    doc = json.loads(card_to_bytes(SAM))
    doc["name"] = "Sam\u202e\x1b[31m  Rivera"
    assert parse_card(json.dumps(doc).encode()).name == "Sam[31m Rivera"


def test_the_pairing_code_is_symmetric_and_depends_on_every_key() -> None:
    code = pairing_code(SAM, ADA)
    assert code == pairing_code(ADA, SAM)
    assert len(code) == 14
    assert code.replace(" ", "").isdigit()
    swapped_age = ContactCard(ADA.name, ADA.role, "age1" + "z" * 58, ADA.signing_key)
    swapped_key = ContactCard(ADA.name, ADA.role, ADA.age_recipient,
                              base64.b64decode(base64.b64encode(b"\x03" * 32)))
    assert pairing_code(SAM, swapped_age) != code
    assert pairing_code(SAM, swapped_key) != code
    renamed = ContactCard("Someone else", "", ADA.age_recipient, ADA.signing_key)
    assert pairing_code(SAM, renamed) == code  # names are not what the code vouches for
    assert codes_match(code.replace(" ", "-"), code)
    assert not codes_match(code[:-1], code)
