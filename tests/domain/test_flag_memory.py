"""What the check remembers: the allow-list filter and the watch-list offer, as plain functions."""

from __future__ import annotations

import pytest

from reflectjournal.domain.deidentify import Flag, FlagKind
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.flag_memory import (
    clean_terms,
    rememberable,
    term_key,
    watch_list_offer,
    without_allowed,
)
from reflectjournal.domain.share_selection import LocatedFlag


def _flag(fid: str, text: str, kind: FlagKind = FlagKind.NAME) -> LocatedFlag:
    return LocatedFlag(fid, None, "message", Flag(0, len(text), kind, text))


def test_terms_compare_ignoring_case_spaces_and_composition() -> None:
    assert term_key("  Kangaroo \n Care ") == term_key("kangaroo care")
    assert term_key("Jose\u0301") == term_key("Jos\u00e9")
    assert clean_terms(["Similac", "SIMILAC", "", "  ", "Pack 'n  Play"]) == [
        "Similac", "Pack 'n Play"]
    with pytest.raises(InvalidInputError):
        clean_terms(["a"] * 1 + [str(i) for i in range(5001)])


def test_allowed_terms_are_dropped_but_watch_list_flags_stay() -> None:
    flags = [_flag("1", "SIMILAC"), _flag("2", "Maribel"),
             _flag("3", "similac", FlagKind.WATCH_LIST), _flag("4", "312-555-0142", FlagKind.PHONE)]
    kept = without_allowed(flags, ["Similac", "312-555-0142"])
    assert [f.id for f in kept] == ["2", "3"]
    assert without_allowed(flags, []) == flags


def test_only_allowed_flags_outside_the_watch_list_are_remembered() -> None:
    flags = [_flag("1", "Similac"), _flag("2", "Maribel", FlagKind.WATCH_LIST),
             _flag("3", "Tylenol"), _flag("4", "similac")]
    assert rememberable(flags, {"1", "2", "4"}) == ["Similac"]


def test_the_offer_holds_redacted_possible_names_not_on_the_watch_list() -> None:
    flags = [_flag("1", "Quorvendal\u2019s"), _flag("2", "Maribel"),
             _flag("3", "312-555-0142", FlagKind.PHONE), _flag("4", "Odalys")]
    assert watch_list_offer(flags, {"1", "2", "3"}, ["maribel"]) == ["Quorvendal"]
