"""The printable progress summary and its CSV, laid out like the application's tabs.

Training, RSC by provider (with the checks and every excluded session), work, the checklist of
what is not hours, and competency coverage. Only what the ledger read is on it: dates,
minutes, flags, providers' names, training names and sponsors. No reflection text, prompt
answers or client codes can reach it, because the ledger's entries carry none
(store/evidence.py) and this module prints nothing else of an entry.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence

from reflectjournal.domain.endorsement.claims import SessionClaim
from reflectjournal.domain.endorsement.coverage import CoverageRow
from reflectjournal.domain.endorsement.records import (
    Confirmation,
    ProviderRecord,
    SupervisionField,
    TrainingField,
)
from reflectjournal.domain.endorsement.report_text import NOTICE, status_words
from reflectjournal.domain.endorsement.results import REASON_WORDS, Progress
from reflectjournal.domain.endorsement.sessions import SUPERVISION_KIND, TRAINING_KIND, Training
from reflectjournal.domain.endorsement.sessions import hours_words as hours
from reflectjournal.domain.endorsement.summary_tables import (
    MODE_WORDS,
    confirmed_words,
    key_fingerprint,
    rsc_blocks,
    training_blocks,
)
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.printable import Bullets, Document, Heading, Paragraph, Table
from reflectjournal.domain.wording import count_words

CONFIRMED_WORDS: Mapping[str, str] = {
    Confirmation.SIGNED: "verified signature",
    Confirmation.PRINTED_SIGNATURE: "printed signature",
    Confirmation.HAND_LOGGED: "hand-logged",
}


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def confirmation_words(entry: Entry) -> str:
    """How a session's hours are evidenced, in the summary's words."""
    value = entry.fields.get(SupervisionField.CONFIRMATION)
    return CONFIRMED_WORDS.get(str(value), "hand-logged") if value else "hand-logged"


def _confirmed_by(entry: Entry, keys: Mapping[str, str]) -> str:
    """Confirmation words; a verified signature names its signer's key fingerprint."""
    return confirmed_words(entry, keys)


def _signing_keys(entries: Sequence[Entry], providers: Sequence[ProviderRecord]) -> Table | None:
    """The public keys behind the verified signatures, so a reader can check them offline."""
    used = {str(e.fields.get(SupervisionField.PROVIDER_ID)) for e in entries
            if e.kind == SUPERVISION_KIND
            and e.fields.get(SupervisionField.CONFIRMATION) == Confirmation.SIGNED}
    rows = tuple((p.name, key_fingerprint(p.contact_key), p.contact_key) for p in providers
                 if p.id in used and p.contact_key)
    if not rows:
        return None
    return Table(("Provider", "Key fingerprint", "Ed25519 public key (hex)"), rows)


def _claim_rows(claims: Sequence[SessionClaim]) -> tuple[tuple[str, ...], ...]:
    return tuple((c.date.isoformat(), c.signer.name, str(c.minutes), c.format, c.label,
                  "; ".join(c.reasons)) for c in claims)


def _session_rows(progress: Progress, entries: Sequence[Entry], names: Mapping[str, str],
                  keys: Mapping[str, str]) -> list[tuple[str, str, int, str, str, str]]:
    """(date, provider, minutes, how it was held, counted or why not, confirmed how) per
    session; how it was held is its format, mode and whether it was about the RSC the
    applicant provides, the columns the printed table has."""
    counted = set(progress.rsc.counted_entries)
    excluded = {e.entry_id: e for e in progress.rsc.excluded}
    rows = []
    for e in sorted((e for e in entries if e.kind == SUPERVISION_KIND),
                    key=lambda e: (e.date, e.id)):
        provider = str(e.fields.get(SupervisionField.PROVIDER_ID, "") or "")
        if e.id in counted:
            state = "counted"
        elif e.id in excluded:
            state = "not counted: " + REASON_WORDS[excluded[e.id].reason]
        else:
            state = "qualifying; not needed to meet the requirement"
        held = [str(e.fields.get(SupervisionField.FORMAT) or "individual")]
        held += [MODE_WORDS[mode] for mode in (e.fields.get(SupervisionField.MODE),)
                 if isinstance(mode, str) and mode in MODE_WORDS]
        if e.fields.get(SupervisionField.ABOUT_OWN_RSC) is True:
            held.append("about own RSC")
        rows.append((e.date.isoformat(), names.get(provider, "(no provider)"),
                     e.duration_minutes or 0, "; ".join(held), state,
                     _confirmed_by(e, keys)))
    return rows


# The words of spec 2.8 (and of the EASy training tab), not the field ids ("about_rsc"
# wrapped mid-word in the printed table).
_FLAG_WORDS = (("about_rsc", "RSC"), ("dei", "DEI"), ("didactic", "didactic"))


def _training_rows(progress: Progress,
                   entries: Sequence[Entry]) -> list[tuple[str, str, str, int, str]]:
    """(date, name, sponsor, counted minutes, detail) per training, oldest first; the detail
    is its flags, then its face-to-face and independent hours as the training tab asks."""
    counted = progress.training.counted
    rows = []
    for e in sorted((e for e in entries if e.kind == TRAINING_KIND),
                    key=lambda e: (e.date, e.id)):
        seen = Training.of(e)
        detail = [", ".join(word for k, word in _FLAG_WORDS if e.fields.get(k) is True)]
        detail.append(f"face to face {seen.face_minutes} min")
        if seen.independent_minutes:
            detail.append(f"independent {seen.independent_minutes} min")
        rows.append((e.date.isoformat(), e.title or "(training)",
                     str(e.fields.get(TrainingField.SPONSOR, "") or ""),
                     counted.get(e.id, 0), "; ".join(d for d in detail if d)))
    return rows


def summary_document(progress: Progress, coverage: Iterable[CoverageRow],
                     entries: Sequence[Entry], providers: Iterable[ProviderRecord],
                     applicant: str, today: dt.date,
                     attestations: Sequence[tuple[str, str]] = (),
                     claims: Sequence[SessionClaim] = ()) -> Document:
    """Return the printable summary of `progress` (entries: the ledger's own inputs).

    `attestations`: each signed period attestation's sentence and how its signature checks
    out, listed as supporting evidence (spec 2.7).
    """
    providers = list(providers)
    keys = {p.id: p.contact_key for p in providers if p.contact_key}
    t, r = progress.training, progress.rsc
    kind = f"renewal {progress.renewal_year}" if progress.renewal_year else "application"
    who = applicant.strip() or "the applicant"
    blocks: list[Heading | Paragraph | Bullets | Table] = [
        Paragraph(NOTICE),
        Paragraph(f"{progress.provenance} Rule version {progress.rule_version}; as of "
                  f"{progress.as_of.isoformat()}."),
        Heading(2, "Training"),
        Paragraph(f"{_capital(status_words(t.status))}: {hours(t.counted_minutes)} of "
                  f"{hours(t.required_minutes)} counted"
                  + (f"; {hours(t.independent_minutes)} independent study listed apart."
                     if t.independent_minutes else ".")),
    ]
    if t.parts:
        blocks.append(Table(("Part", "Required", "Counted", "Met"), tuple(
            (p.label, hours(p.required_minutes), hours(p.counted_minutes),
             "yes" if p.met else "no") for p in t.parts), figures=frozenset({1, 2})))
    blocks += training_blocks(progress, entries)
    blocks += [Heading(2, "Reflective supervision / consultation"),
               Paragraph(f"{_capital(status_words(r.status, r.recommended))}: "
                         f"{hours(r.counted_minutes)} counted of {hours(r.required_minutes)} "
                         f"required; {hours(r.eligible_minutes)} from qualifying sessions in all.")]
    if r.providers:
        blocks.append(Table(("Provider", "In the period", "Qualifying in all", "Role"), tuple(
            (p.name, hours(p.minutes), hours(p.eligible_minutes), p.role.value)
            for p in r.providers), figures=frozenset({1, 2})))
    if r.checks:
        blocks.append(Bullets(tuple(("✓ " if c.passed else "✗ ") + c.words for c in r.checks)))
    if r.missing:
        blocks.append(Bullets(r.missing))
    blocks += rsc_blocks(progress, entries, providers, keys)
    signing = _signing_keys(entries, providers)
    if signing:
        blocks += [Paragraph("A verified signature was made by the provider's key below, "
                             "which the user verified in person with a pairing code; "
                             "docs/sharing.md says how to check one offline."), signing]
    if claims:
        blocks += [Heading(3, "Unverified claims and held sessions (not counted)"),
                   Table(("Date", "Signer", "Minutes", "Format", "Kind", "Why"),
                         _claim_rows(claims), figures=frozenset({2}))]
    if attestations:
        blocks += [Heading(3, "Supporting evidence: period attestations"),
                   Bullets(tuple(f"{words} [{check}]" for words, check in attestations))]
    blocks += [Heading(2, "Work experience"),
               Paragraph(f"Families with infants or toddlers served (by client code): "
                         f"{progress.families_0_36_months}.")]
    if progress.checklist:
        blocks += [Heading(2, "Not hours: to gather"),
                   Bullets(tuple(f"☐ {label}" for _, label in progress.checklist))]
    rows = list(coverage)
    if rows:
        blocks += [Heading(2, "Competency coverage"),
                   Table(("Area", "Trainings", "Training hours", "Other entries", "Latest"),
                         tuple((("" if row.level == 1 else "    ") + row.label,
                                str(row.training_entries), hours(row.training_minutes),
                                str(row.other_entries),
                                row.latest.isoformat() if row.latest else "")
                               for row in rows), figures=frozenset({1, 2, 3}))]
    if progress.caveats:
        blocks += [Heading(2, "About these rules"),
                   Bullets(tuple(f"[{c.mark.value}] {c.text} ({words})"
                                 for c, words in progress.caveats))]
    return Document(
        title="Progress toward Endorsement",
        subtitle=f"{who} · {progress.category_label} ({progress.category}), {kind} · "
                 f"printed {today.isoformat()}",
        blocks=tuple(blocks))


def _inert(cell: str) -> str:
    """Make a text cell that a spreadsheet would run as a formula plain text instead."""
    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + cell
    return cell


def table_csv(table: Table) -> str:
    """Return a table as CSV; cells that look like formulas are made inert.

    A provider's or a training's name is typed by someone, and a spreadsheet opening the
    file must show it, not run it. Figures are written as plain digits, which it sums.
    """
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(table.columns)
    for row in table.rows:
        w.writerow([_inert(cell) for cell in row])
    return out.getvalue()


def summary_table(progress: Progress, coverage: Iterable[CoverageRow],
                  entries: Sequence[Entry], providers: Iterable[ProviderRecord],
                  claims: Sequence[SessionClaim] = ()) -> Table:
    """Return the summary as one flat table: section, date, name, minutes, status, detail.

    Minutes are whole numbers, so a spreadsheet can sum them.
    """
    providers = list(providers)
    names = {p.id: p.name for p in providers}
    keys = {p.id: p.contact_key for p in providers if p.contact_key}
    rows: list[tuple[str, ...]] = []
    t, r = progress.training, progress.rsc
    rows.append(("training total", progress.as_of.isoformat(), "", str(t.counted_minutes),
                 t.status.value, f"required {t.required_minutes}"))
    for part in t.parts:
        rows.append(("training part", "", part.label, str(part.counted_minutes),
                     "met" if part.met else "not met", f"required {part.required_minutes}"))
    for d, name, sponsor, minutes, detail in _training_rows(progress, entries):
        rows.append(("training", d, name, str(minutes), sponsor, detail))
    rows.append(("rsc total", progress.as_of.isoformat(), "", str(r.counted_minutes),
                 r.status.value, f"required {r.required_minutes}"))
    for total in r.providers:
        rows.append(("rsc provider", "", total.name, str(total.minutes), total.role.value,
                     f"qualifying {total.eligible_minutes}"))
    for d, provider, minutes, held, state, confirmed in _session_rows(progress, entries, names,
                                                                      keys):
        rows.append(("rsc session", d, provider, str(minutes), state, f"{held}; {confirmed}"))
    for d, signer, claimed, fmt, label, why in _claim_rows(claims):
        rows.append(("rsc claim", d, signer, claimed, f"not counted: {label}", f"{fmt}; {why}"))
    for row in coverage:
        rows.append(("coverage", row.latest.isoformat() if row.latest else "", row.label,
                     str(row.training_minutes), row.status.value,
                     f"{count_words(row.training_entries, 'training', 'trainings')}, "
                     f"{count_words(row.other_entries, 'other entry', 'other entries')}"))
    return Table(("section", "date", "name", "minutes", "status", "detail"), tuple(rows),
                 figures=frozenset({3}))


def summary_csv(progress: Progress, coverage: Iterable[CoverageRow],
                entries: Sequence[Entry], providers: Iterable[ProviderRecord],
                claims: Sequence[SessionClaim] = ()) -> str:
    """Return the summary as CSV (see summary_table and table_csv)."""
    return table_csv(summary_table(progress, coverage, entries, providers, claims))
