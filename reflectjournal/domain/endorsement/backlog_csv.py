"""A spreadsheet of past trainings and RSC sessions (CSV), read into rows the ledger can count.

The file is read whole and checked before anything is written: a file that is not one (not
UTF-8, no header row with a Date column, two columns saying the same) raises
ImportFormatError; a row that cannot be read is refused with its line number and the reason,
and the rest are kept. Every row is marked "entered later" (spec 2.9.11). Columns, cell words
and limits: docs/import-hours-csv.md; headers and words: backlog_columns.py; dates and
durations: backlog_cells.py.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from reflectjournal.domain.endorsement import backlog_columns as cols
from reflectjournal.domain.endorsement.backlog_cells import (
    DateOrder,
    NumericDate,
    read_date,
    read_minutes,
)
from reflectjournal.domain.endorsement.backlog_columns import Column
from reflectjournal.domain.endorsement.records import SupervisionField, TrainingField
from reflectjournal.domain.entry import (
    MAX_DURATION_MINUTES,
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    FieldValue,
)
from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.foreign.model import decode_text

MAX_CSV_BYTES = 8 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 100
MAX_PROVIDER_CHARS = 200  # as provider records keep a name
MAX_FIELD_CHARS = 2000  # a text field's limit (taxonomy.FieldSpec.validate)
MAX_TRAINING_MINUTES = 1000 * 60  # an hours field's limit
HEADER_SEARCH_LINES = 10  # a title line or two above the column names is common
ENTERED_LATER = "entered_later"  # the bool field that marks a backlogged entry

_TRAINING_ONLY = frozenset({Column.FACE_HOURS, Column.FACE_MINUTES, Column.INDEPENDENT_HOURS,
                            Column.INDEPENDENT_MINUTES, Column.SPONSOR, Column.CE_CREDITS,
                            Column.DEI, Column.DIDACTIC, Column.COUNTS, Column.CERTIFICATE,
                            Column.DATE_END})
_SUPERVISION_ONLY = frozenset({Column.FORMAT, Column.GROUP_SIZE, Column.MODE, Column.PEER,
                               Column.SUPERVISION_TYPE, Column.ABOUT_OWN_RSC, Column.FOCUS,
                               Column.CONFIRMATION})
# A column named "Supervisor" says the file is a supervision log; "Provider" says nothing.
_SUPERVISOR_HEADERS = frozenset({"supervisor", "consultant", "rsc provider", "supervisor name",
                                 "reflective supervisor", "mentor", "supervisora",
                                 "supervisor a", "supervisor consultant"})
_SUPERVISION, _TRAINING = cols.KIND_SUPERVISION, cols.KIND_TRAINING


@dataclass(frozen=True, slots=True)
class BacklogRow:
    """One past training or RSC session, as the file gives it (line: where it starts)."""

    line: int
    kind: str  # supervision | training
    date: dt.date
    minutes: int  # supervision: its duration; training: face-to-face minutes
    independent_minutes: int  # training only
    provider: str  # supervision: the provider's name as written ("" for none)
    title: str
    body: str
    fields: Mapping[str, FieldValue]  # the entry's fields, but for the provider record
    source_id: str = ""  # what identifies the row on re-import (set once all are read)


@dataclass(frozen=True, slots=True)
class RefusedRow:
    """A row that will not be imported: its line number and why."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class HoursFile:
    """Everything a spreadsheet of past hours holds that can be imported, and what cannot."""

    rows: tuple[BacklogRow, ...]
    refused: tuple[RefusedRow, ...]
    columns: tuple[tuple[str, Column], ...]  # each read header, as written, and its meaning
    ignored: tuple[str, ...]  # headers of columns that are not read
    separator: str
    notes: tuple[str, ...] = ()  # how something was read (the date order, lines skipped)


class _RowError(Exception):
    """A row cannot be read; the message is the reason the preview gives."""


def _separator(text: str) -> str:
    """Return the separator of the first lines: , or ; (Spanish-locale spreadsheets) or tab."""
    sample = "\n".join(line for line in text.split("\n", HEADER_SEARCH_LINES)[:HEADER_SEARCH_LINES])
    counts = {sep: 0 for sep in (",", ";", "\t")}
    quoted = False
    for char in sample:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(counts.values())
    return next(sep for sep, n in counts.items() if n == best) if best else ","


def _records(text: str, separator: str) -> list[tuple[int, list[str]]]:
    """Return (first line number, cells) per record; a quoted cell may span lines."""
    reader = csv.reader(io.StringIO(text), delimiter=separator, strict=True)
    out: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for cells in reader:
            if len(out) > MAX_ROWS + HEADER_SEARCH_LINES:
                raise ImportFormatError(f"The file has more than {MAX_ROWS:,} rows.",
                                        "Import it in parts.")
            if len(cells) > MAX_COLUMNS:
                raise ImportFormatError(f"Line {start} has more than {MAX_COLUMNS} columns; "
                                        "this is not a log of hours.")
            out.append((start, cells))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFormatError(f"Line {reader.line_num}: the file cannot be read as CSV "
                                f"({exc}).", "Save it again from the spreadsheet as CSV.") \
            from None
    return out


def _header(records: Sequence[tuple[int, list[str]]]) -> int:
    """Return the index of the header record: the first with a Date column and another."""
    for index, (_line, cells) in enumerate(records[:HEADER_SEARCH_LINES]):
        known = [cols.column_of(c) for c in cells if c.strip()]
        if Column.DATE in known and sum(k is not None for k in known) >= 2:
            return index
    raise ImportFormatError(
        "No line with the column names (a Date column and the hours) was found in the "
        f"first {HEADER_SEARCH_LINES} lines.",
        "The first line should name the columns, e.g. Date, Kind, Hours, Supervisor "
        "(docs/import-hours-csv.md).")


def _column_map(cells: Sequence[str]) -> tuple[dict[Column, int], list[tuple[str, Column]],
                                               list[str], bool]:
    where: dict[Column, int] = {}
    named: list[tuple[str, Column]] = []
    ignored: list[str] = []
    supervisor_header = False
    for index, header in enumerate(cells):
        label = " ".join(header.split())
        if not label:
            continue
        column = cols.column_of(label)
        if column is None:
            ignored.append(label[:60])
            continue
        if column in where:
            raise ImportFormatError(
                f"The columns '{cells[where[column]].strip()[:60]}' and '{label[:60]}' both "
                f"give the {column.value}.", "Rename or delete one of them.")
        where[column] = index
        named.append((label[:60], column))
        supervisor_header |= (column == Column.PROVIDER
                              and cols.header_key(label) in _SUPERVISOR_HEADERS)
    return where, named, ignored, supervisor_header


class _Row:
    """The cells of one record, by column."""

    def __init__(self, line: int, cells: Sequence[str], where: Mapping[Column, int]) -> None:
        self.line = line
        self.cells = cells
        self._where = where

    def get(self, column: Column) -> str:
        index = self._where.get(column)
        if index is None or index >= len(self.cells):
            return ""
        return self.cells[index].strip()

    def has(self, columns: frozenset[Column]) -> bool:
        return any(self.get(c) for c in columns)


def _order(rows: Sequence[_Row], order: DateOrder,
           separator: str) -> tuple[DateOrder, str | None]:
    """Return the order numeric dates are read in, and a note when the file left it open."""
    if order != "auto":
        return order, None
    seen: Counter[DateOrder] = Counter()
    example: NumericDate | None = None
    for row in rows:
        for column in (Column.DATE, Column.DATE_END):
            value = read_date(row.get(column))
            if isinstance(value, NumericDate):
                seen[value.evidence()] += 1
                if value.ambiguous and example is None:
                    example = value
    if seen["day-first"] and not seen["month-first"]:
        return "day-first", None
    if seen["month-first"] and not seen["day-first"]:
        return "month-first", None
    if seen["day-first"] and seen["month-first"]:
        return "auto", ("Some dates are written day first and some month first; dates that "
                        "could be read either way are refused (choose the order to read them).")
    if example is None:
        return "auto", None
    # Nothing in the file says: spreadsheets in ';' locales (Spanish, most of Europe) write
    # the day first, those with ',' (the United States) the month first.
    chosen: DateOrder = "day-first" if separator == ";" else "month-first"
    read = example.read(chosen)
    words = "day first" if chosen == "day-first" else "month first"
    return chosen, (f"Dates like {example.first:02d}/{example.second:02d}/{example.year} were "
                    f"read {words}, as {read.strftime('%d %B %Y') if read else '?'}; if that "
                    "is wrong, choose the other order.")


def _date_of(cell: str, order: DateOrder, what: str) -> dt.date:
    value = read_date(cell)
    if isinstance(value, NumericDate):
        if order == "auto" and value.ambiguous:
            raise _RowError(f"the {what} '{cell[:30]}' could be read day first or month first")
        value = value.read(order)
        if value is None:
            raise _RowError(f"the {what} '{cell[:30]}' is not a date in "
                            f"{'day' if order == 'day-first' else 'month'}-first order")
    if value is None:
        raise _RowError(f"the {what} '{cell[:30]}' is not a date" if cell
                        else f"it has no {what}")
    return value


def _duration(row: _Row, hours: Column, minutes: Column, what: str) -> int | None:
    """Return a duration from an hours or a minutes column (both: they must agree)."""
    found: list[int] = []
    for column, unit in ((hours, "hours"), (minutes, "minutes")):
        cell = row.get(column)
        if not cell:
            continue
        value = read_minutes(cell, "hours" if unit == "hours" else "minutes")
        if value is None:
            raise _RowError(f"'{cell[:30]}' is not a number of {unit} ({what})")
        found.append(value)
    if len(found) == 2 and found[0] != found[1]:
        raise _RowError(f"its hours and minutes disagree ({what}: {found[0]} and "
                        f"{found[1]} minutes)")
    return found[0] if found else None


def _flag(row: _Row, column: Column) -> bool | None:
    cell = row.get(column)
    if not cell:
        return None
    value = cols.yes_no(cell)
    if value is None:
        raise _RowError(f"'{cell[:30]}' under {column.value} is not yes or no")
    return value


def _choice(row: _Row, column: Column, read: Callable[[str], str | None],
            allowed: str) -> str | None:
    cell = row.get(column)
    if not cell:
        return None
    value = read(cell)
    if value is None:
        raise _RowError(f"'{cell[:30]}' under {column.value} is not {allowed}")
    return str(value)


def _kind(row: _Row, default: str | None) -> tuple[str, dict[str, str]]:
    cell = row.get(Column.KIND)
    if cell:
        named = cols.kind_of(cell)
        if named is not None:
            return named
        # A supervision log's "Type" column often says individual or group instead.
        if (fmt := cols.format_of(cell)) is not None:
            return _SUPERVISION, {"format": fmt}
        raise _RowError(f"'{cell[:30]}' is neither training nor supervision")
    training, supervision = row.has(_TRAINING_ONLY), row.has(_SUPERVISION_ONLY)
    if training != supervision:
        return (_TRAINING if training else _SUPERVISION), {}
    if default is not None:
        return default, {}
    raise _RowError("it does not say whether it is training or supervision (add a Kind column)")


def _text(row: _Row, column: Column, limit: int) -> str:
    # Notes keep their lines; a title or a name is one line.
    value = row.get(column) if column == Column.NOTES else " ".join(row.get(column).split())
    if len(value) > limit:
        raise _RowError(f"its {column.value} is longer than {limit:,} characters")
    return value


def _supervision(row: _Row, said: Mapping[str, str]) -> dict[str, FieldValue]:
    s = SupervisionField
    fields: dict[str, FieldValue] = {
        s.FORMAT.value: said.get("format") or _choice(row, Column.FORMAT, cols.format_of,
                                                      "individual or group") or "individual"}
    size = row.get(Column.GROUP_SIZE)
    if size:
        if not size.isdigit() or not 0 < int(size) <= 1000:
            raise _RowError(f"'{size[:30]}' is not a group size")
        fields[s.GROUP_SIZE.value] = int(size)
    mode = _choice(row, Column.MODE, cols.mode_of, "in person or virtual")
    if mode:
        fields[s.MODE.value] = mode
    peer = _flag(row, Column.PEER)
    if peer is not None or "peer" in said:
        fields[s.PEER.value] = bool(peer) or "peer" in said
    kind = said.get("supervision_type") or _choice(
        row, Column.SUPERVISION_TYPE, cols.supervision_type_of,
        "reflective, consultation or administrative")
    fields[s.SUPERVISION_TYPE.value] = kind or "reflective"
    # One "About RSC" column serves a mixed log: for a session it is about the RSC I provide.
    about = _flag(row, Column.ABOUT_OWN_RSC)
    if about is None:
        about = _flag(row, Column.ABOUT_RSC)
    if about is not None:
        fields[s.ABOUT_OWN_RSC.value] = about
    focus = _choice(row, Column.FOCUS, cols.focus_of, "0-3, 3-6 or both")
    if focus:
        fields[s.FOCUS.value] = focus
    fields[s.CONFIRMATION.value] = _choice(
        row, Column.CONFIRMATION, cols.confirmation_of,
        "'by hand' or 'printed signature'") or "hand-logged"
    return fields


def _training(row: _Row, date: dt.date, order: DateOrder, independent: int,
              face: int) -> dict[str, FieldValue]:
    t = TrainingField
    fields: dict[str, FieldValue] = {t.HOURS_FACE_TO_FACE.value: face / 60}
    if independent:
        fields[t.HOURS_INDEPENDENT.value] = independent / 60
    sponsor = _text(row, Column.SPONSOR, MAX_FIELD_CHARS) or _text(row, Column.PROVIDER,
                                                                   MAX_FIELD_CHARS)
    if sponsor:
        fields[t.SPONSOR.value] = sponsor
    end_cell = row.get(Column.DATE_END)
    if end_cell:
        end = _date_of(end_cell, order, "end date")
        if end < date:
            raise _RowError(f"it ends ({end.isoformat()}) before it starts ({date.isoformat()})")
        if end != date:
            fields[t.DATE_END.value] = end.isoformat()
    for column, key in ((Column.ABOUT_RSC, t.ABOUT_RSC), (Column.DEI, t.DEI),
                        (Column.DIDACTIC, t.DIDACTIC), (Column.COUNTS, t.COUNTS),
                        (Column.CERTIFICATE, t.CERTIFICATE_KEPT)):
        value = _flag(row, column)
        if value is not None:
            fields[key.value] = value
    credits = _text(row, Column.CE_CREDITS, MAX_FIELD_CHARS)
    if credits:
        fields["ce_credits"] = credits
    return fields


def _row(row: _Row, order: DateOrder, default_kind: str | None) -> BacklogRow:
    first = next((c for c in row.cells if c.strip()), "")
    if cols.header_key(first).startswith(("total", "sum", "suma")):
        raise _RowError("it is a total line, not a training or a session")
    date = _date_of(row.get(Column.DATE), order, "date")
    kind, said = _kind(row, default_kind)
    title = _text(row, Column.TITLE, MAX_TITLE_CHARS)
    body = _text(row, Column.NOTES, MAX_TEXT_CHARS)
    total = _duration(row, Column.HOURS, Column.MINUTES, "the duration")
    if kind == _SUPERVISION:
        if not total:
            raise _RowError("it gives no duration (an Hours or Minutes column)")
        if total > MAX_DURATION_MINUTES:
            raise _RowError(f"{total / 60:g} hours is longer than a day: if the column is "
                            "in minutes, name it Minutes")
        provider = _text(row, Column.PROVIDER, MAX_PROVIDER_CHARS)
        fields = _supervision(row, said)
        fields[ENTERED_LATER] = True
        return BacklogRow(row.line, kind, date, total, 0, provider, title, body, fields)
    independent = _duration(row, Column.INDEPENDENT_HOURS, Column.INDEPENDENT_MINUTES,
                            "independent learning") or 0
    face = _duration(row, Column.FACE_HOURS, Column.FACE_MINUTES, "face-to-face")
    if face is None and total is not None:
        # Hours beside an Independent column are the whole training, of which those were
        # independent; alone they are the face-to-face hours.
        if total < independent:
            raise _RowError("its independent hours are more than its hours in all")
        face = total - independent
    face = face or 0
    if face + independent <= 0:
        raise _RowError("it gives no hours (Hours, or Face-to-face and Independent hours)")
    if max(face, independent) > MAX_TRAINING_MINUTES:
        raise _RowError("a training of more than 1,000 hours cannot be logged as one")
    fields = _training(row, date, order, independent, face)
    fields[ENTERED_LATER] = True
    return BacklogRow(row.line, kind, date, face, independent, "", title, body, fields)


def provider_key(name: str) -> str:
    """Return a provider name as matched to records: spacing and case aside."""
    return " ".join(name.split()).casefold()


def _identity(row: BacklogRow) -> str:
    # Neither the minutes nor the notes: correcting a row's hours or notes in the
    # spreadsheet and importing it again must not add it a second time.
    if row.kind == _SUPERVISION:
        return "\n".join((row.kind, row.date.isoformat(), provider_key(row.provider),
                          str(row.fields.get(SupervisionField.FORMAT.value, "")),
                          row.title.casefold()))
    sponsor = str(row.fields.get(TrainingField.SPONSOR.value, ""))
    return "\n".join((row.kind, row.date.isoformat(), row.title.casefold(),
                      provider_key(sponsor)))


def _with_source_ids(rows: Sequence[BacklogRow]) -> tuple[BacklogRow, ...]:
    """Give each row its source id: what identifies it, and which of the same it is."""
    seen: Counter[str] = Counter()
    out = []
    for row in rows:
        key = _identity(row)
        seen[key] += 1
        out.append(BacklogRow(row.line, row.kind, row.date, row.minutes,
                              row.independent_minutes, row.provider, row.title, row.body,
                              row.fields, f"{key}\n{seen[key]}"))
    return tuple(out)


def _default_kind(named: Sequence[tuple[str, Column]], supervisor_header: bool) -> str | None:
    """Return the kind every row is when the columns say so (no Kind column needed)."""
    present = {c for _, c in named}
    if Column.KIND in present:
        return None
    training = bool(present & _TRAINING_ONLY)
    supervision = bool(present & _SUPERVISION_ONLY) or supervisor_header
    if training != supervision:
        return _TRAINING if training else _SUPERVISION
    return None


def parse_hours_csv(data: bytes, order: DateOrder = "auto") -> HoursFile:
    """Read a spreadsheet of past hours; raise ImportFormatError if it is not one."""
    if len(data) > MAX_CSV_BYTES:
        raise ImportFormatError(f"The file is larger than {MAX_CSV_BYTES >> 20} MB; a log of "
                                "hours is far smaller.", "Import it in parts.")
    text = decode_text(data, "The file")
    separator = _separator(text)
    records = _records(text, separator)
    at = _header(records)
    where, named, ignored, supervisor_header = _column_map(records[at][1])
    if Column.HOURS not in where and Column.MINUTES not in where and not (
            set(where) & {Column.FACE_HOURS, Column.FACE_MINUTES, Column.INDEPENDENT_HOURS,
                          Column.INDEPENDENT_MINUTES}):
        raise ImportFormatError("The file has no column of hours or minutes.",
                                "Name one Hours (1.5 or 1:30) or Minutes (90).")
    notes: list[str] = []
    if at:
        above = records[at][0] - 1
        notes.append("Line 1, above the column names, was not read." if above == 1 else
                     f"Lines 1 to {above}, above the column names, were not read.")
    rows = [_Row(line, cells, where) for line, cells in records[at + 1:]
            if any(c.strip() for c in cells)]
    if len(rows) > MAX_ROWS:
        raise ImportFormatError(f"The file has more than {MAX_ROWS:,} rows.", "Import it in parts.")
    reading, note = _order(rows, order, separator)
    if note:
        notes.append(note)
    default_kind = _default_kind(named, supervisor_header)
    kept: list[BacklogRow] = []
    refused: list[RefusedRow] = []
    for row in rows:
        extra = [c for c in row.cells[len(records[at][1]):] if c.strip()]
        try:
            if extra:
                raise _RowError(f"it has {len(row.cells)} cells but the first line names "
                                f"{len(records[at][1])} columns")
            kept.append(_row(row, reading, default_kind))
        except _RowError as exc:
            refused.append(RefusedRow(row.line, str(exc)))
    return HoursFile(_with_source_ids(kept), tuple(refused), tuple(named), tuple(ignored),
                     separator, tuple(notes))
