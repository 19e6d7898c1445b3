"""Versions of shared entries: one definition, stable across machines, carried and checked."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json

import pytest

from reflectjournal.domain import bundle as fmt
from reflectjournal.domain.errors import BundleFormatError
from reflectjournal.domain.shared_version import (
    UNKNOWN_VERSION,
    bundle_version,
    content_version,
    short_version,
)
from tests.domain.test_bundle import ENTRY

# Pinned: a change to the serialisation would change every version on every machine, and
# comments written before it would no longer match what the clinician kept.
PINNED = "cb69d057b80f13ea0c786ce2b8363cd46ed2a94b4a1098db0cb4aa4c7925fb91"


def test_the_version_is_the_documented_recipe_and_does_not_drift() -> None:
    content = json.loads(fmt.entries_payload_bytes(fmt.EntriesPayload("", (ENTRY,))))
    entry = content["entries"][0]
    carried = entry.pop("version")
    # docs/sharing.md, "Versions": the label line, then JSON with sorted keys and no spaces.
    by_hand = hashlib.sha256(
        b"reflectjournal-shared-entry-version-1\n"
        + json.dumps(entry, sort_keys=True, ensure_ascii=False,
                     separators=(",", ":")).encode("utf-8")).hexdigest()
    assert carried == by_hand == ENTRY.version == content_version(entry) == PINNED


def test_any_change_to_what_left_is_another_version() -> None:
    seen = {ENTRY.version}
    for change in ({"body": ENTRY.body + " "}, {"title": "Bath"}, {"date": "2026-12"},
                   {"tags": ("Observation",)}, {"duration_minutes": 46},
                   {"answers": (("The baby's experience", "She splashed!"),)}):
        seen.add(dataclasses.replace(ENTRY, **change).version)  # type: ignore[arg-type]
    assert len(seen) == 7
    assert short_version(ENTRY.version) == PINNED[:12]
    assert short_version(None) == UNKNOWN_VERSION


def test_a_bundle_carries_each_version_and_refuses_one_that_does_not_match() -> None:
    payload = fmt.entries_payload_bytes(fmt.EntriesPayload("", (ENTRY,)))
    [parsed] = fmt.parse_entries_payload(payload).entries
    assert parsed.versioned
    assert parsed.version == PINNED
    tampered = json.loads(payload)
    tampered["entries"][0]["body"] = "Something else."
    with pytest.raises(BundleFormatError, match="version does not match"):
        fmt.parse_entries_payload(json.dumps(tampered).encode())
    tampered["entries"][0]["version"] = "not hex"
    with pytest.raises(BundleFormatError, match="64 lowercase hex"):
        fmt.parse_entries_payload(json.dumps(tampered).encode())


def test_an_older_bundle_without_versions_reads_as_version_not_known() -> None:
    older = json.loads(fmt.entries_payload_bytes(fmt.EntriesPayload("", (ENTRY,))))
    del older["entries"][0]["version"]
    [parsed] = fmt.parse_entries_payload(json.dumps(older).encode()).entries
    assert not parsed.versioned
    assert parsed.version is None
    # Filed and read again, it stays unversioned: no version is made up for it later.
    again = fmt.entries_payload_bytes(fmt.EntriesPayload("", (parsed,)))
    assert "version" not in json.loads(again)["entries"][0]


def test_comments_and_statements_name_a_version_only_when_known() -> None:
    written = dt.datetime(2026, 11, 22, 10, tzinfo=dt.UTC)
    bundle = "5f1d4c0e-2a6b-4b8e-8c57-7d1e2f3a4b5c"
    comments = (fmt.Comment(bundle, ENTRY.id, "Known", written, ENTRY.version),
                fmt.Comment(bundle, ENTRY.id, "Older", written))
    statement = fmt.SessionStatement(
        "7d1e2f3a-4b5c-4b8e-8c57-5f1d4c0e2a6b", b"\x02" * 32, b"\x01" * 32,
        dt.date(2026, 11, 20), 60, "group", answers_version=bundle_version([PINNED]))
    raw = fmt.session_statement_bytes(statement)
    payload = fmt.comments_payload_bytes(fmt.CommentsPayload(
        comments, (fmt.SignedSession(raw, b"\x00" * 64),)))
    assert b'"version"' in payload
    assert payload.count(b'"version"') == 1
    parsed = fmt.parse_comments_payload(payload)
    assert [c.version for c in parsed.comments] == [PINNED, None]
    assert fmt.parse_session_statement(raw).answers_version == bundle_version([PINNED])
    older = dataclasses.replace(statement, answers_version=None)
    assert b"answers_version" not in fmt.session_statement_bytes(older)
