"""The Endorsement hours ledger: a pure function of entries, providers, profile, rules, date.

Spec: ../shared/endorsement.md 2.4 (initial application), 2.5 (renewal), 2.9 (edge cases).
All arithmetic is in integer minutes. Nothing here changes an entry: possible double logs
are listed and still counted until the user resolves them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace

from reflectjournal.domain.endorsement.ledger_book import LedgerBook
from reflectjournal.domain.endorsement.records import Profile, ProviderRecord
from reflectjournal.domain.endorsement.renewal import renewal_rsc, renewal_training_rule
from reflectjournal.domain.endorsement.results import (
    REASON_WORDS,
    Duplicate,
    Progress,
    Reason,
    RscResult,
    Status,
)
from reflectjournal.domain.endorsement.rsc_initial import initial_rsc, not_required
from reflectjournal.domain.endorsement.rules import CategoryRule, RuleSet
from reflectjournal.domain.endorsement.sessions import (
    Session,
    Training,
    month_index,
    provider_identities,
)
from reflectjournal.domain.endorsement.training import training_result
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.wording import count_words

__all__ = ["REASON_WORDS", "LedgerBook", "Reason", "compute_progress", "progress_of"]


def compute_progress(entries: Iterable[Entry], providers: Iterable[ProviderRecord],
                     profile: Profile, rules: RuleSet, as_of: dt.date, *,
                     category: str | None = None, renewal_year: int | None = None,
                     count_independent: bool = False) -> Progress:
    """Return progress toward `category` (default: the profile's) as of `as_of`.

    The profile's intended submission date picks the rule version (as_of when unset);
    for a renewal the year's 1 January does, and the category defaults to the one held.
    Entries may be all of a journal or only its supervision, training and session ones.
    """
    return progress_of(LedgerBook(rules.conventions.group_hour_factor, entries), providers,
                       profile, rules, as_of, category=category, renewal_year=renewal_year,
                       count_independent=count_independent)


def progress_of(book: LedgerBook, providers: Iterable[ProviderRecord],
                profile: Profile, rules: RuleSet, as_of: dt.date, *,
                category: str | None = None, renewal_year: int | None = None,
                count_independent: bool = False) -> Progress:
    """Return progress as compute_progress does, from entries already read into a book."""
    if book.group_factor != rules.conventions.group_hour_factor:
        raise ValueError("the book read group sessions with another rule set's factor")
    cid = category or (profile.endorsed if renewal_year is not None else None) \
        or profile.category
    if not cid:
        raise InvalidInputError("No Endorsement category is chosen.",
                                "Set one with `profile set --category ID` or pass --category.")
    picked_on = (dt.date(renewal_year, 1, 1) if renewal_year is not None
                 else profile.submission_date or as_of)
    try:
        rule = rules.category(cid, picked_on)
    except KeyError:
        raise InvalidInputError(f"Unknown Endorsement category '{cid}'.",
                                f"Categories: {', '.join(rules.category_ids())}.") from None
    count_independent = count_independent or rules.conventions.count_independent_training
    records = {p.id: p for p in providers}
    read = book.read(as_of)
    identity = provider_identities(records)
    if any(rid != person for rid, person in identity.items()):
        # Copies: the book's sessions are shared with the next computation.
        read.sessions = [s if s.provider_id not in identity
                         or identity[s.provider_id] == s.person
                         else replace(s, person=identity[s.provider_id])
                         for s in read.sessions]
    notes: list[str] = []
    caveats = list(rules.caveats) + list(rule.caveats)
    if renewal_year is None:
        training = training_result(
            read.trainings, rule.training_parts, rule.training_minutes,
            rule.training_typical_minutes, as_of, count_independent,
            rules.conventions.training_lookback_years)
        if rule.rsc_minutes:
            rsc = initial_rsc(read.sessions, rule, profile, records, rules.conventions, as_of)
            notes.extend(_degree_notes(rule, profile))
            notes.extend(_old_window_note(rsc, rule, as_of))
        else:
            rsc = not_required(rule.rsc_recommended)
    else:
        renewal = rules.renewal(picked_on)
        if renewal is None:
            raise InvalidInputError("These rules have no renewal requirements.",
                                    "Use a rules file with a [[renewal]] section.")
        caveats.extend(renewal.caveats)
        parts, required = renewal_training_rule(renewal, profile)
        training = training_result(
            read.trainings, parts, required, None, as_of, count_independent, 0,
            year=renewal_year)
        rsc = renewal_rsc(read.sessions, cid, rule, renewal, profile, records, renewal_year,
                          as_of)
    notes.extend(_session_notes(rsc, read.sessions))
    return Progress(
        rule_set=rules.rule_set, rule_set_label=rules.label, rule_version=rules.version,
        provenance=rules.provenance, category=rule.id, category_label=rule.label,
        competency_list=rule.competency_list,
        rule_effective_from=rule.effective_from, rule_effective_to=rule.effective_to,
        as_of=as_of, renewal_year=renewal_year, count_independent=count_independent,
        training=training, rsc=rsc,
        duplicates=_duplicates(read.sessions, read.trainings, read.given),
        long_sessions=tuple(s.id for s in read.sessions
                            if s.minutes > rules.conventions.long_session_minutes),
        families_0_36_months=read.families_0_36_months,
        checklist=tuple((item, rules.checklist[item]) for item in rule.checklist),
        exam=rule.exam,
        caveats=tuple((c, rules.mark_words(c.mark)) for c in caveats),
        notes=tuple(notes),
    )


def _duplicates(sessions: list[Session], trainings: list[Training],
                given: list[tuple[dt.date, str, EntryId]]) -> tuple[Duplicate, ...]:
    """Return possible double logs (spec 2.9 items 1, 8 and 10)."""
    found: list[Duplicate] = []
    by_session: dict[tuple[str, dt.date, str], list[EntryId]] = defaultdict(list)
    for s in sessions:
        if s.person:
            by_session[(s.person, s.date, s.format)].append(s.id)
    for ids in by_session.values():
        if len(ids) > 1:
            found.append(Duplicate("supervision", tuple(ids),
                                   "same provider, date and format: possibly logged twice; "
                                   "both are counted until you resolve it"))
    by_training: dict[tuple[str, str, dt.date], list[EntryId]] = defaultdict(list)
    for t in trainings:
        if t.title:
            by_training[(t.title.casefold(), t.sponsor.casefold(), t.date)].append(t.id)
    for ids in by_training.values():
        if len(ids) > 1:
            found.append(Duplicate("training", tuple(ids),
                                   "same title, sponsor and date: possibly logged twice"))
    received = {(s.date, s.person): s.id for s in sessions if s.person}
    for day, provider, given_id in given:
        if (day, provider) in received:
            found.append(Duplicate(
                "co-facilitated", (received[(day, provider)], given_id),
                "supervision received and given on the same date with the same provider: "
                "if you co-facilitated, that session is RSC given, not received"))
    return tuple(found)


def _degree_notes(rule: CategoryRule, profile: Profile) -> list[str]:
    if rule.rsc_post_degree.value != "none" and profile.degree_date is None:
        return ["Your degree's completion date is not set, so sessions were not checked "
                "against it."]
    return []


def _old_window_note(rsc: RscResult, rule: CategoryRule, as_of: dt.date) -> list[str]:
    """Say so when the counted sessions all lie further back than one window from today."""
    assert rule.window_months is not None
    last = rsc.window_last
    if rsc.status is Status.MET and last is not None and \
            month_index(as_of) - month_index(last) >= rule.window_months[1]:
        return [f"The counted sessions ended in {last:%b %Y}, more than "
                f"{rule.window_months[1]} months ago; whether RSC must be recent when you "
                "apply is not confirmed by any public source we found."]
    return []


def _session_notes(rsc: RscResult, sessions: list[Session]) -> list[str]:
    notes = []
    counted = set(rsc.counted_entries)
    unfocused = sum(1 for s in sessions if s.id in counted and not s.focus)
    if unfocused:
        notes.append(count_words(unfocused, "counted session has", "counted sessions have")
                     + " no age focus recorded; they are "
                     "counted as matching (ReflectJournal's own convention).")
    no_minutes = sum(1 for s in sessions if s.minutes == 0)
    if no_minutes:
        notes.append(count_words(no_minutes, "supervision session has", "supervision sessions have")
                     + " no duration and count 0 minutes.")
    return notes
