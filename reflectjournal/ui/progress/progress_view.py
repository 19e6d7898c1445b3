"""What the Progress screen shows of one report: status lines, charts, tables, in tabs.

Everything here reads a ProgressReport (services/progress.py), so the screen, the command
line and the printed summary say the same numbers. No reflection text is ever in a report.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from reflectjournal.domain.endorsement.coverage import UNCONFIRMED_NOTE
from reflectjournal.domain.endorsement.records import ProviderRecord
from reflectjournal.domain.endorsement.report_text import pace_needed, status_words
from reflectjournal.domain.endorsement.results import (
    REASON_WORDS,
    Excluded,
    MonthTotal,
    Progress,
    Status,
    TrainingPartResult,
)
from reflectjournal.domain.endorsement.sessions import hours_words as hours
from reflectjournal.domain.endorsement.summary_tables import (
    NOT_COUNTED_COLUMNS,
    TRAINING_COLUMNS,
    training_tables,
)
from reflectjournal.domain.printable import Table
from reflectjournal.domain.wording import count_words
from reflectjournal.services.attestations import Attested
from reflectjournal.services.progress import ProgressReport
from reflectjournal.ui.progress.charts import (
    NO_SESSIONS,
    NOT_COUNTED,
    MonthBar,
    ProviderBar,
    ProviderChart,
    TimelineChart,
)
from reflectjournal.ui.progress.coverage_table import CoverageTable
from reflectjournal.ui.widgets.table_fit import few_rows, wrap_column
from reflectjournal.ui.widgets.value_table import ValueTableModel, row_table
from reflectjournal.ui.widgets.wrapping_tabs import wrapping_tabs


def _label(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # provider names are typed by someone
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setAccessibleName(name)
    return label


class _ExcludedModel(ValueTableModel):
    COLUMNS = ("Date", "Minutes", "Why it does not count")

    def cell(self, value: Any, column: int) -> Any:
        e: Excluded = value
        return (e.date.isoformat(), str(e.minutes), e.detail or REASON_WORDS[e.reason])[column]


class _RowsModel(ValueTableModel):
    """The rows of a printable table (the summary's), under its column titles."""

    def __init__(self, columns: tuple[str, ...]) -> None:
        super().__init__()
        self.COLUMNS = columns

    def show_table(self, table: Table | None) -> None:
        """Show the table's rows (its columns are the ones given at the start)."""
        assert table is None or table.columns == self.COLUMNS, table.columns
        self.set_values(table.rows if table is not None else ())

    def cell(self, value: Any, column: int) -> Any:
        return value[column]


class _PartsModel(ValueTableModel):
    COLUMNS = ("Part", "Required", "Counted", "Met")

    def cell(self, value: Any, column: int) -> Any:
        p: TrainingPartResult = value
        return (p.label, hours(p.required_minutes), hours(p.counted_minutes),
                "yes" if p.met else "not yet")[column]


def _hours(minutes: int) -> str:
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".")


def signature_words(attested: Attested) -> str:
    """Return whether an attestation's signer is a contact verified with the pairing code."""
    if attested.verified:
        return f"verified signature (key {attested.other_fingerprint})"
    return f"signed, but not by a verified contact (key {attested.other_fingerprint})"


class _AttestationModel(ValueTableModel):
    COLUMNS = ("Period", "From", "Sessions", "Hours", "Signature")

    def cell(self, value: Any, column: int) -> Any:
        a: Attested = value
        t = a.attestation
        return (f"{t.date_from} to {t.date_to}", a.other_name, str(t.sessions),
                _hours(t.minutes), signature_words(a))[column]


def every_month(months: Sequence[MonthTotal]) -> list[MonthBar]:
    """Return a bar for every calendar month from the first to the last, empty ones too.

    The ledger lists only months with sessions; a timeline that skipped the others would
    put May beside July and hide a gap the reader needs to see.
    """
    by_month = {m.month: m for m in months}
    if not by_month:
        return []
    first, last = min(by_month), max(by_month)
    index, end = int(first[:4]) * 12 + int(first[5:7]) - 1, int(last[:4]) * 12 + int(last[5:7]) - 1
    bars = []
    for i in range(index, end + 1):
        label = f"{i // 12:04d}-{i % 12 + 1:02d}"
        m = by_month.get(label)
        bars.append(MonthBar(label, m.counted, m.excluded, m.aged_out) if m
                    else MonthBar(label, 0, 0, 0))
    return bars


CHECKLIST_INTRO = ("Besides hours, the application asks for these (a list to plan with: "
                   "nothing here is ticked off):")
NONE_COUNTS = "None of these sessions counts yet: the table below says why."


def provider_bars(p: Progress, records: Sequence[ProviderRecord]) -> list[ProviderBar]:
    """Return a bar for every provider the ledger counts from, then one of no hours for
    each other provider with sessions: one whose qualification is not known had no bar,
    and the chart read as if those sessions had not been logged."""
    bars = [ProviderBar(x.name, x.minutes, x.role.value) for x in p.rsc.providers]
    shown = {x.id for x in p.rsc.providers}
    names = {record.id: record.name for record in records}
    for e in p.rsc.excluded:
        if e.provider_id and e.provider_id not in shown and e.provider_id in names:
            shown.add(e.provider_id)
            bars.append(ProviderBar(names[e.provider_id], 0, NOT_COUNTED))
    return bars


def _status_line(what: str, status: Status, counted: int, required: int,
                 recommended: bool = False) -> str:
    if status is Status.NOT_REQUIRED:
        return f"{what}: {status_words(status, recommended)}."
    return (f"{what}: {status_words(status, recommended)}, {hours(counted)} of "
            f"{hours(required)}.")


class ProgressView(QWidget):
    """A report's status lines above tabs: supervision, training, competencies, checklist."""

    coverage_cell_chosen = Signal(str, str)  # tag id, column

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = _label(name="Progress summary")
        self.training_line = _label(name="Training status")
        self.rsc_line = _label(name="Reflective supervision status")
        self.missing = _label(name="What is missing")
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Progress details")
        self.providers = ProviderChart()
        self.timeline = TimelineChart()
        self.excluded = _ExcludedModel()
        supervision = QWidget()
        box = QVBoxLayout(supervision)
        box.addWidget(self.providers)
        box.addWidget(self.timeline)
        box.addWidget(_label("Sessions that do not count:"))
        box.addWidget(few_rows(wrap_column(row_table(
            self.excluded, "Sessions that do not count", stretch=2), 2), 2), 1)
        self.tabs.addTab(supervision, "&Supervision")
        self.parts = _PartsModel()
        training = QWidget()
        box = QVBoxLayout(training)
        self.training_detail = _label(name="Training detail")
        box.addWidget(self.training_detail)
        # Only the categories with flagged parts (DEI, about RSC) have rows here: for the
        # others an empty table was all the tab showed, and the trainings were not listed.
        self.parts_table = few_rows(wrap_column(row_table(self.parts, "Training parts",
                                                          stretch=0), 0), 3)
        box.addWidget(self.parts_table, 1)
        # The trainings as the printed summary lists them, with their flags and a total.
        self.trainings = _RowsModel(TRAINING_COLUMNS)
        self.trainings_heading = _label("Trainings counted:")
        box.addWidget(self.trainings_heading)
        box.addWidget(few_rows(wrap_column(row_table(self.trainings, "Trainings counted",
                                                     stretch=1), 1), 2), 2)
        self.not_counted = _RowsModel(NOT_COUNTED_COLUMNS)
        self.not_counted_heading = _label("Trainings not counted:")
        self.not_counted_table = few_rows(wrap_column(row_table(
            self.not_counted, "Trainings not counted", stretch=3), 3), 1)
        box.addWidget(self.not_counted_heading)
        box.addWidget(self.not_counted_table, 1)
        self.tabs.addTab(training, "&Training")
        self.coverage = CoverageTable()
        self.coverage.cell_chosen.connect(self.coverage_cell_chosen)
        self.cell_entries = _label(name="Entries in the chosen cell")
        competencies = QWidget()
        box = QVBoxLayout(competencies)
        box.addWidget(few_rows(wrap_column(self.coverage, 0), 6), 1)
        self.unconfirmed = _label(UNCONFIRMED_NOTE, "About names marked *")
        box.addWidget(self.unconfirmed)
        box.addWidget(self.cell_entries)
        self.tabs.addTab(competencies, "&Competencies")
        self.checklist = _label(name="Checklist of what is not hours")
        # A bulleted list (its labels escaped): a long item wraps under its own words.
        self.checklist.setTextFormat(Qt.TextFormat.RichText)
        self.tabs.addTab(self._padded(self.checklist), "Chec&klist")
        self.rules = _label(name="About these rules")
        self.tabs.addTab(self._padded(self.rules), "About the &rules")
        # Last, after the tabs of what counts: supporting evidence, never counted itself.
        self.attestations = _AttestationModel()
        self.attestation_table = wrap_column(row_table(
            self.attestations, "Period attestations received", stretch=1), 1)
        self.attestation_table.selectionModel().selectionChanged.connect(
            self._on_attestation_chosen)
        self.attestation_words = _label(name="The attestation's signed words")
        self.attestation_note = _label(name="About period attestations")
        attested = QWidget()
        box = QVBoxLayout(attested)
        box.addWidget(self.attestation_note)
        box.addWidget(few_rows(self.attestation_table, 3), 1)
        box.addWidget(self.attestation_words)
        self.tabs.addTab(attested, "Attestatio&ns")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.heading, self.training_line, self.rsc_line, self.missing):
            layout.addWidget(widget)
        # At the largest text the six titles are wider than the window: they wrap into
        # rows above the pages instead of hiding behind the tab bar's scroll arrows.
        self.tab_rows = wrapping_tabs(self.tabs)
        pages = QVBoxLayout()
        pages.setSpacing(0)  # the titles sit on the pages, as the tab bar does
        pages.addWidget(self.tab_rows)
        pages.addWidget(self.tabs, 1)
        layout.addLayout(pages, 1)

    @staticmethod
    def _padded(label: QLabel) -> QWidget:
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(label)
        box.addStretch(1)
        return page

    def show_report(self, report: ProgressReport) -> None:
        """Show every part of the report."""
        p = report.progress
        kind = f"renewal {p.renewal_year}" if p.renewal_year else "application"
        self.heading.setText(f"{p.category_label} ({p.category}), {kind}, as of "
                             f"{p.as_of:%d %B %Y} · rules {p.rule_set_label} {p.rule_version}")
        t, r = p.training, p.rsc
        self.training_line.setText(_status_line("Training", t.status, t.counted_minutes,
                                                t.required_minutes))
        self.rsc_line.setText(_status_line("Reflective supervision / consultation", r.status,
                                           r.counted_minutes, r.required_minutes,
                                           r.recommended))
        self.missing.setText("\n".join(self._missing(p)))
        self.missing.setVisible(bool(self.missing.text()))
        self.providers.show_bars(provider_bars(p, report.providers), r.required_minutes,
                                 NONE_COUNTS if r.excluded else NO_SESSIONS)
        pace = r.pace.needed_minutes_per_month if (
            r.pace is not None and r.status is Status.NOT_MET) else 0
        self.timeline.show_months(every_month(r.timeline), r.required_minutes, pace)
        self.excluded.set_values(r.excluded)
        extra = (f" {hours(t.independent_minutes)} of independent study are listed apart"
                 + (" and counted." if p.count_independent else ", not counted.")
                 if t.independent_minutes else "")
        self.training_detail.setText(
            f"{hours(t.counted_minutes)} counted of {hours(t.required_minutes)} required."
            + extra + "".join(f"\n{line}" for line in t.missing))
        self.parts.set_values(t.parts)
        self.parts_table.setVisible(bool(t.parts))
        counted, not_counted = training_tables(p, report.entries)
        self.trainings.show_table(counted)
        self.trainings_heading.setText("Trainings counted:" if counted is not None else
                                       "Trainings counted: none yet.")
        self.not_counted.show_table(not_counted)
        for widget in (self.not_counted_heading, self.not_counted_table):
            widget.setVisible(not_counted is not None)
        self.coverage.show_rows(report.coverage)
        self.unconfirmed.setVisible(any(not row.confirmed for row in report.coverage))
        self.cell_entries.setText("Choose a cell to list its entries.")
        self._show_attestations(report.attestations)
        # Bullets, not "☐": the boxes looked tickable and were not. Nothing here is ticked
        # off (spec 2.6: no tick-box exercise); the printed summary keeps boxes for a pen.
        self.checklist.setText(
            f"<p>{escape(CHECKLIST_INTRO)}</p><ul>"
            + "".join(f"<li>{escape(label)}</li>" for _, label in p.checklist) + "</ul>"
            if p.checklist else "Nothing besides hours is listed.")
        self.rules.setText("\n\n".join([p.provenance, *(f"[{c.mark.value}] {c.text} ({w})"
                                                        for c, w in p.caveats),
                                        *p.notes]))

    @staticmethod
    def _missing(p: Progress) -> Sequence[str]:
        # The ledger's own words already name the first month it can be met.
        lines = [line[:1].upper() + line[1:] for line in p.rsc.missing]
        pace = p.rsc.pace
        if pace is not None and p.rsc.status is Status.NOT_MET:
            lines.append(f"Pace: {pace_needed(pace)}.")
        lines += [count_words(len(p.duplicates), "possible double log", "possible double logs")
                  + ": see Supervision."] if p.duplicates else []
        return lines

    def _show_attestations(self, attested: Sequence[Attested]) -> None:
        self.attestations.set_values(attested)
        self.attestation_note.setText(
            "Period attestations your supervisors signed and sent you: your own supporting "
            "evidence and audit trail, listed on the summary; the hours count from the "
            "sessions themselves. EASy collects your RSC provider's reference rating itself."
            if attested else "No period attestations yet. A supervisor who uses "
            "ReflectJournal can sign one for a period (Supervision > Attest a period of "
            "supervision); it comes with their reply.")
        if attested:
            self.attestation_table.selectRow(0)
        else:
            self.attestation_words.setText("")

    def _on_attestation_chosen(self) -> None:
        rows = self.attestation_table.selectionModel().selectedRows()
        chosen: Attested | None = self.attestations.value(rows[0].row()) if rows else None
        self.attestation_words.setText(
            f"{chosen.attestation.words(chosen.other_name, 'you')}\n{signature_words(chosen)}"
            if chosen else "")

    def show_cell_entries(self, lines: Sequence[str]) -> None:
        """List the entries behind a chosen coverage cell (date and kind)."""
        self.cell_entries.setText("\n".join(lines) if lines else "No entries in this cell.")
