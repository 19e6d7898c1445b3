"""Strict parsing of an Endorsement rules file (schema 2) into a RuleSet.

A rules file may come from an association rather than from us, so every mistake is refused
with the file and the exact key named ("endorsement.toml: category[3] (ifs).rsc_hours: ...")
and nothing half-read is used. Unknown keys are refused too: a misspelt `rsc_hour` must not
silently become "no RSC required".
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from typing import Any

from reflectjournal.domain.endorsement.records import Degree, Qualification
from reflectjournal.domain.endorsement.rules import (
    CategoryRule,
    Caveat,
    Conventions,
    Mark,
    RenewalRule,
    RuleSet,
    RuleTrack,
    TrainingPart,
    WindowUnit,
)
from reflectjournal.domain.errors import JournalError

SCHEMA = 2
FOCUS_VALUES = ("0-3", "3-6", "both")
_TRACK_FOCUS = {RuleTrack.IMH: ("0-3", "both"), RuleTrack.ECMH: ("3-6", "both"),
                RuleTrack.BOTH: FOCUS_VALUES}


class RuleFileError(JournalError):
    """A rules file is malformed; `key` is the dotted path of the offending key."""

    def __init__(self, source: str, key: str, problem: str) -> None:
        super().__init__(f"{source}: {key}: {problem}",
                         "Fix the rules file or restore the one shipped with the app.")
        self.source = source
        self.key = key
        self.problem = problem


class MissingRuleKeyError(RuleFileError):
    """A required key is absent."""


class UnknownRuleKeyError(RuleFileError):
    """A key this schema does not define (often a misspelling)."""


class RuleTypeError(RuleFileError):
    """A key holds the wrong type of value (text for a number ...)."""


class RuleValueError(RuleFileError):
    """A key's value is of the right type but not acceptable (unknown id, bad range ...)."""


class RuleSchemaError(RuleFileError):
    """The file is of another schema version."""


_TOP_KEYS = {"schema", "rule_set", "label", "version", "note", "conventions", "marks",
             "caveat", "checklist", "category", "renewal"}
_CONVENTION_KEYS = {"window_unit", "majority_of", "group_hour_factor",
                    "count_independent_training", "training_lookback_years",
                    "long_session_hours"}
_CATEGORY_KEYS = {"id", "label", "track", "effective_from", "effective_to", "training_hours",
                  "training_typical_hours", "training_parts", "rsc_hours", "rsc_recommended",
                  "rsc_about_own_provision_hours", "window_months", "rsc_post_degree",
                  "rsc_providers", "rsc_providers_if_bachelor", "rsc_focus", "competency_list",
                  "exam", "references", "checklist", "caveats", "sources"}
_RENEWAL_KEYS = {"effective_from", "effective_to", "training_hours", "dei_hours",
                 "rsc_provider_about_rsc_hours", "rsc_hours", "rsc_categories",
                 "rsc_recommended_categories", "mentor_rsc_ends_after_years",
                 "mentor_categories", "specialist_providing_rsc_needs_mentor", "caveats",
                 "sources"}


class _Reader:
    """Typed access to one table, naming `source` and the key path in every error."""

    def __init__(self, source: str, path: str, table: object) -> None:
        self.source = source
        self.path = path
        if not isinstance(table, Mapping):
            raise RuleTypeError(source, path, "expected a table")
        self.table: Mapping[str, Any] = table

    def key(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name

    def check_keys(self, allowed: set[str]) -> None:
        for name in self.table:
            if name not in allowed:
                raise UnknownRuleKeyError(self.source, self.key(name),
                                          f"unknown key (known keys: {', '.join(sorted(allowed))})")

    def _get(self, name: str, required: bool) -> Any:
        if name not in self.table:
            if required:
                raise MissingRuleKeyError(self.source, self.key(name), "missing")
            return None
        return self.table[name]

    def text(self, name: str, default: str | None = None) -> str:
        value = self._get(name, default is None)
        if value is None:
            assert default is not None
            return default
        if not isinstance(value, str) or not value.strip():
            raise RuleTypeError(self.source, self.key(name), "expected non-empty text")
        return value

    def flag(self, name: str, default: bool) -> bool:
        value = self._get(name, False)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise RuleTypeError(self.source, self.key(name), "expected true or false")
        return value

    def integer(self, name: str, default: int | None = None) -> int:
        value = self._get(name, default is None)
        if value is None:
            assert default is not None
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise RuleTypeError(self.source, self.key(name), "expected a whole number >= 0")
        return value

    def number(self, name: str, default: float | None = None) -> float:
        value = self._get(name, default is None)
        if value is None:
            assert default is not None
            return default
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise RuleTypeError(self.source, self.key(name), "expected a number >= 0")
        return float(value)

    def minutes(self, name: str, default: int | None = None) -> int:
        """Read hours (a number) and return whole minutes; fractions of a minute are refused."""
        value = self._get(name, default is None)
        if value is None:
            assert default is not None
            return default
        hours = self.number(name)
        minutes = round(hours * 60)
        if abs(hours * 60 - minutes) > 1e-6:
            raise RuleValueError(self.source, self.key(name),
                                 f"{value} hours is not a whole number of minutes")
        return minutes

    def date(self, name: str, required: bool = True) -> dt.date | None:
        value = self._get(name, required)
        if value is None:
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                pass
        raise RuleTypeError(self.source, self.key(name), "expected a date YYYY-MM-DD")

    def texts(self, name: str) -> tuple[str, ...]:
        value = self._get(name, False)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            raise RuleTypeError(self.source, self.key(name), "expected a list of text")
        return tuple(value)

    def tables(self, name: str) -> list[_Reader]:
        value = self._get(name, False)
        if value is None:
            return []
        if not isinstance(value, list):
            raise RuleTypeError(self.source, self.key(name), "expected a list of tables")
        return [_Reader(self.source, f"{self.key(name)}[{i}]", v) for i, v in enumerate(value)]

    def choice(self, name: str, allowed: tuple[str, ...], default: str | None = None) -> str:
        value = self.text(name, default)
        if value not in allowed:
            raise RuleValueError(self.source, self.key(name),
                                 f"'{value}' is not one of: {', '.join(allowed)}")
        return value


def parse_rule_set(data: Mapping[str, Any], source: str) -> RuleSet:
    """Return the rule set in `data` (a parsed TOML file) or raise a RuleFileError."""
    top = _Reader(source, "", data)
    if "schema" not in data:
        raise MissingRuleKeyError(source, "schema", "missing")
    schema = data["schema"]
    if schema != SCHEMA:
        raise RuleSchemaError(source, "schema",
                              f"this app reads schema {SCHEMA}, the file has {schema!r}")
    top.check_keys(_TOP_KEYS)
    marks = _marks(_Reader(source, "marks", data.get("marks", {})))
    checklist = _checklist(_Reader(source, "checklist", data.get("checklist", {})))
    categories = tuple(_category(r, marks, checklist) for r in top.tables("category"))
    if not categories:
        raise MissingRuleKeyError(source, "category", "the file lists no category")
    _check_versions(source, categories)
    known = {c.id for c in categories}
    renewals = tuple(_renewal(r, marks, known) for r in top.tables("renewal"))
    _check_renewal_versions(source, renewals)
    return RuleSet(
        rule_set=top.text("rule_set"),
        label=top.text("label"),
        version=top.text("version"),
        note=top.text("note", ""),
        conventions=_conventions(_Reader(source, "conventions", data.get("conventions", {}))),
        marks=marks,
        caveats=tuple(_caveat(r, marks) for r in top.tables("caveat")),
        checklist=checklist,
        categories=categories,
        renewals=renewals,
    )


def _marks(reader: _Reader) -> dict[Mark, str]:
    values = [m.value for m in Mark]
    reader.check_keys(set(values))
    missing = [v for v in values if v not in reader.table]
    if missing:
        raise MissingRuleKeyError(reader.source, reader.key(missing[0]),
                                  "every mark needs its plain words")
    return {Mark(v): reader.text(v) for v in values}


def _checklist(reader: _Reader) -> dict[str, str]:
    return {name: reader.text(name) for name in reader.table}


def _conventions(reader: _Reader) -> Conventions:
    reader.check_keys(_CONVENTION_KEYS)
    reader.choice("majority_of", ("required",), "required")  # the only rule the sources give
    factor = reader.number("group_hour_factor", 1.0)
    if not 0 < factor <= 1:
        raise RuleValueError(reader.source, reader.key("group_hour_factor"),
                             "expected a number above 0 and at most 1")
    return Conventions(
        window_unit=WindowUnit(reader.choice("window_unit", tuple(WindowUnit),
                                             WindowUnit.CALENDAR_MONTHS.value)),
        group_hour_factor=factor,
        count_independent_training=reader.flag("count_independent_training", False),
        training_lookback_years=reader.integer("training_lookback_years", 0),
        long_session_minutes=reader.minutes("long_session_hours", 180),
    )


def _caveat(reader: _Reader, marks: Mapping[Mark, str]) -> Caveat:
    reader.check_keys({"about", "mark", "text"})
    mark = reader.choice("mark", tuple(m.value for m in marks))
    return Caveat(about=reader.text("about"), mark=Mark(mark), text=reader.text("text"))


def _qualifications(reader: _Reader, name: str) -> frozenset[Qualification]:
    allowed = tuple(q.value for q in Qualification)
    found = set()
    for value in reader.texts(name):
        if value not in allowed:
            raise RuleValueError(reader.source, reader.key(name),
                                 f"unknown qualification '{value}' (one of: {', '.join(allowed)})")
        found.add(Qualification(value))
    return frozenset(found)


def _category(reader: _Reader, marks: Mapping[Mark, str],
              checklist: Mapping[str, str]) -> CategoryRule:
    cid = reader.text("id")
    reader.path = f"{reader.path} ({cid})"
    reader.check_keys(_CATEGORY_KEYS)
    track = RuleTrack(reader.choice("track", tuple(RuleTrack)))
    rsc = reader.minutes("rsc_hours")
    window = _window(reader, required=rsc > 0)
    focus = reader.texts("rsc_focus") or _TRACK_FOCUS[track]
    for value in focus:
        if value not in FOCUS_VALUES:
            raise RuleValueError(reader.source, reader.key("rsc_focus"),
                                 f"'{value}' is not one of: {', '.join(FOCUS_VALUES)}")
    providers = _qualifications(reader, "rsc_providers")
    if rsc > 0 and not providers:
        raise MissingRuleKeyError(reader.source, reader.key("rsc_providers"),
                                  "a category that requires RSC must name who may provide it")
    about_own = reader.minutes("rsc_about_own_provision_hours", 0)
    if about_own > rsc:
        raise RuleValueError(reader.source, reader.key("rsc_about_own_provision_hours"),
                             "cannot be more than rsc_hours")
    total = reader.minutes("training_hours")
    parts = tuple(_part(r) for r in reader.tables("training_parts"))
    if sum(p.minutes for p in parts) > total:
        raise RuleValueError(reader.source, reader.key("training_parts"),
                             "the parts add up to more than training_hours")
    items = reader.texts("checklist")
    for item in items:
        if item not in checklist:
            raise RuleValueError(reader.source, reader.key("checklist"),
                                 f"'{item}' has no label in [checklist]")
    start = reader.date("effective_from")
    assert start is not None
    end = reader.date("effective_to", required=False)
    if end is not None and end < start:
        raise RuleValueError(reader.source, reader.key("effective_to"),
                             "is before effective_from")
    typical = (reader.minutes("training_typical_hours")
               if "training_typical_hours" in reader.table else None)
    return CategoryRule(
        id=cid, label=reader.text("label"), track=track, effective_from=start,
        effective_to=end, training_minutes=total, training_parts=parts,
        training_typical_minutes=typical, rsc_minutes=rsc,
        rsc_recommended=reader.flag("rsc_recommended", False),
        rsc_about_own_provision_minutes=about_own, window_months=window,
        rsc_post_degree=Degree(reader.choice("rsc_post_degree",
                                             ("none", "bachelor", "master"), "none")),
        rsc_providers=providers,
        rsc_providers_if_bachelor=_qualifications(reader, "rsc_providers_if_bachelor"),
        rsc_focus=frozenset(focus), competency_list=reader.text("competency_list", cid),
        exam=reader.flag("exam", False), references=reader.integer("references", 0),
        checklist=items, caveats=tuple(_caveat(r, marks) for r in reader.tables("caveats")),
        sources=reader.texts("sources"),
    )


def _window(reader: _Reader, required: bool) -> tuple[int, int] | None:
    value = reader.table.get("window_months")
    if value is None or value == []:
        if required:
            raise MissingRuleKeyError(reader.source, reader.key("window_months"),
                                      "a category that requires RSC needs [min, max] months")
        return None
    if (not isinstance(value, list) or len(value) != 2
            or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)):
        raise RuleTypeError(reader.source, reader.key("window_months"),
                            "expected [min, max] whole months")
    low, high = value
    if not 1 <= low <= high:
        raise RuleValueError(reader.source, reader.key("window_months"),
                             "expected 1 <= min <= max")
    return low, high


def _part(reader: _Reader) -> TrainingPart:
    reader.check_keys({"flags", "hours", "label"})
    flags = reader.texts("flags")
    if not flags:
        raise MissingRuleKeyError(reader.source, reader.key("flags"), "name at least one flag")
    return TrainingPart(flags=flags, minutes=reader.minutes("hours"), label=reader.text("label"))


def _renewal(reader: _Reader, marks: Mapping[Mark, str], known: set[str]) -> RenewalRule:
    reader.check_keys(_RENEWAL_KEYS)

    def categories(name: str) -> frozenset[str]:
        ids = reader.texts(name)
        for cid in ids:
            if cid not in known:
                raise RuleValueError(reader.source, reader.key(name),
                                     f"unknown category '{cid}'")
        return frozenset(ids)

    start = reader.date("effective_from")
    assert start is not None
    return RenewalRule(
        effective_from=start, effective_to=reader.date("effective_to", required=False),
        training_minutes=reader.minutes("training_hours"),
        dei_minutes=reader.minutes("dei_hours", 0),
        rsc_provider_about_rsc_minutes=reader.minutes("rsc_provider_about_rsc_hours", 0),
        rsc_minutes=reader.minutes("rsc_hours", 0),
        rsc_categories=categories("rsc_categories"),
        rsc_recommended_categories=categories("rsc_recommended_categories"),
        mentor_rsc_ends_after_years=reader.integer("mentor_rsc_ends_after_years", 0),
        mentor_categories=categories("mentor_categories"),
        specialist_providing_rsc_needs_mentor=reader.flag(
            "specialist_providing_rsc_needs_mentor", False),
        caveats=tuple(_caveat(r, marks) for r in reader.tables("caveats")),
        sources=reader.texts("sources"),
    )


def _check_versions(source: str, categories: tuple[CategoryRule, ...]) -> None:
    """Refuse two versions of one category in effect on the same day."""
    by_id: dict[str, list[CategoryRule]] = {}
    for rule in categories:
        by_id.setdefault(rule.id, []).append(rule)
    for cid, versions in by_id.items():
        versions.sort(key=lambda r: r.effective_from)
        for older, newer in itertools.pairwise(versions):
            if older.effective_to is None or older.effective_to >= newer.effective_from:
                raise RuleValueError(
                    source, f"category ({cid}).effective_to",
                    f"the version from {older.effective_from} overlaps the one from "
                    f"{newer.effective_from}; end the older one before the newer starts")


def _check_renewal_versions(source: str, renewals: tuple[RenewalRule, ...]) -> None:
    ordered = sorted(renewals, key=lambda r: r.effective_from)
    for older, newer in itertools.pairwise(ordered):
        if older.effective_to is None or older.effective_to >= newer.effective_from:
            raise RuleValueError(source, "renewal.effective_to",
                                 f"the renewal from {older.effective_from} overlaps the one "
                                 f"from {newer.effective_from}")
