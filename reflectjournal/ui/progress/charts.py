"""The Progress screen's two charts, drawn with QPainter from plain values.

Qt Essentials has no chart module: Qt Charts ships in PySide6-Addons (the 400 MB of extra
modules the app does not install) and Qt Graphs needs Qt Quick, and two bar charts are a
few dozen lines of painting. Every size comes from the font, so the charts grow with the
text size, and every colour from the palette, so they follow the light and dark themes.
Each chart also says what it shows in words (its accessible description), for screen
readers and for anyone who would rather read than look.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from reflectjournal.domain.endorsement.sessions import hours_words as hours
from reflectjournal.domain.wording import count_words


@dataclass(frozen=True, slots=True)
class ProviderBar:
    """One provider's minutes in the chosen window, and their role in it."""

    name: str
    minutes: int
    role: str  # main | second | not used


@dataclass(frozen=True, slots=True)
class MonthBar:
    """One calendar month's supervision minutes, by what happens to them."""

    month: str  # YYYY-MM
    counted: int
    excluded: int
    aged_out: int


LEGEND = ("counted", "aged out of the window", "excluded")
NO_SESSIONS = "No supervision sessions yet"
MONTH_LINES = 4  # a month's slot in the timeline is at most this many lines wide
NOT_COUNTED = "not counted"  # a provider's role when none of their sessions counts
_LEGEND_ROW = 1.6  # a legend row's height, in lines


def _mix(a: QColor, b: QColor, share: float) -> QColor:
    return QColor(round(a.red() * (1 - share) + b.red() * share),
                  round(a.green() * (1 - share) + b.green() * share),
                  round(a.blue() * (1 - share) + b.blue() * share))


class _Chart(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so its description is read
        # Not Fixed: that capped the height at the size hint's (drawn 40 lines wide), and a
        # narrower chart needs more (its names above the bars, its legend in rows).
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def _colours(self) -> tuple[QColor, QColor, QColor, QColor]:
        """Return text, main bar, second bar and faint colours from the palette."""
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        base = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        # The second colour leans toward the text, not the background: toward the base it
        # vanished on a dark background (the second provider's bar, aged-out months).
        return text, accent, _mix(accent, text, 0.45), _mix(text, base, 0.7)


@dataclass(frozen=True, slots=True)
class _ProviderPlan:
    """Where a ProviderChart of one width draws: names beside or above the bars."""

    stacked: bool  # names on their own line above each bar (too long to sit beside)
    label_width: int
    left: int
    right: int
    value_width: int
    row: int
    name_height: int  # 0 beside the bars
    label_rows: int  # the two requirement labels: 1 side by side, 2 when they would touch

    def bar_top(self, line: int, index: int) -> int:
        """Return the top of a bar's row (below its name when stacked)."""
        return line + index * (self.row + self.name_height) + self.name_height

    def height(self, line: int, bars: int) -> int:
        """Return the height that shows every bar and the requirement labels."""
        if not self.stacked and self.label_rows == 1:
            return (bars + 2) * self.row  # as it always was
        # A line above, the bars, the labels (the second 0.8 of a row lower), a line below.
        return (2 * line + bars * (self.row + self.name_height) + self.row
                + round((self.label_rows - 1) * self.row * 0.8))


def _without(spans: Sequence[tuple[float, float]], gaps: Sequence[tuple[float, float]]
             ) -> list[tuple[float, float]]:
    """Return the parts of the spans (start, end) outside every gap."""
    left = list(spans)
    for gap_start, gap_end in gaps:
        cut = []
        for start, end in left:
            if gap_end <= start or gap_start >= end:
                cut.append((start, end))
                continue
            if gap_start > start:
                cut.append((start, gap_start))
            if gap_end < end:
                cut.append((gap_end, end))
        left = cut
    return left


class ProviderChart(_Chart):
    """Bars of hours per provider against the required hours and the majority line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("RSC hours by provider", parent)
        self._bars: tuple[ProviderBar, ...] = ()
        self._required = 0
        self._empty = NO_SESSIONS

    def show_bars(self, bars: Sequence[ProviderBar], required_minutes: int,
                  empty: str = NO_SESSIONS) -> None:
        """Show these providers' hours against the requirement (0: none required), or
        the `empty` words when there are no bars."""
        self._bars = tuple(bars)
        self._required = required_minutes
        self._empty = empty
        words = [f"{b.name}: {hours(b.minutes)} ({b.role})" for b in self._bars]
        if required_minutes:
            words.append(f"required {hours(required_minutes)}, of which more than "
                         f"{hours(required_minutes // 2)} from the main provider")
        self.setAccessibleDescription("; ".join(words) if self._bars else empty)
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        width = 40 * self.fontMetrics().height()
        return QSize(width, self.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        line = self.fontMetrics().height()
        if not self._bars:
            return 3 * int(line * 1.8)
        return self._plan(width).height(line, len(self._bars))

    def _scale(self) -> float:
        return max([self._required, *(b.minutes for b in self._bars), 1]) * 1.05

    def _plan(self, width: int) -> _ProviderPlan:
        metrics = self.fontMetrics()
        line = metrics.height()
        row = int(line * 1.8)
        widest = max((metrics.horizontalAdvance(b.name) for b in self._bars), default=0)
        # Beside the bars while a name fits a third of the width; at large text sizes
        # (or long names) above them, whole, instead of cut to "Dr. Mar…".
        stacked = widest + line > width // 3
        label_width = 0 if stacked else widest + line
        value_width = metrics.horizontalAdvance(f"000.25 h ({NOT_COUNTED})") + line
        left = label_width
        right = max(width - value_width, left + 4 * line)
        plan = _ProviderPlan(stacked, label_width, left, right, value_width, row,
                             int(line * 1.2) if stacked else 0, 1)
        labels = self._requirement_labels(plan, width)
        touching = len(labels) == 2 and labels[0][0].adjusted(-line, 0, line, 0).intersects(
            labels[1][0])
        return _ProviderPlan(stacked, label_width, left, right, value_width, row,
                             plan.name_height, 2 if touching else 1)

    def _requirement_labels(self, plan: _ProviderPlan, width: int
                            ) -> list[tuple[QRectF, float, str, Qt.PenStyle]]:
        """Return each requirement line's label box (on one row), x and pen style."""
        if not self._required:
            return []
        metrics = self.fontMetrics()
        found = []
        for minutes, label, style in (
            (self._required, f"required {hours(self._required)}", Qt.PenStyle.SolidLine),
            (self._required / 2, f"majority: more than {hours(self._required // 2)}",
             Qt.PenStyle.DashLine),
        ):
            x = plan.left + (plan.right - plan.left) * minutes / self._scale()
            text = metrics.horizontalAdvance(label) + metrics.height() // 2
            # Centred under its line, but never past either edge.
            start = min(max(x - text / 2, 0), max(width - text, 0))
            found.append((QRectF(start, 0, text, plan.row), x, label, style))
        return found

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text, main, second, faint = self._colours()
        metrics = self.fontMetrics()
        line = metrics.height()
        if not self._bars:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter
                             | Qt.TextFlag.TextWordWrap, self._empty)
            return
        plan = self._plan(self.width())
        row, left, scale = plan.row, plan.left, self._scale()

        def x(minutes: float) -> float:
            return left + (plan.right - left) * minutes / scale

        values: list[QRectF] = []  # where each bar's hours are written
        for i, bar in enumerate(self._bars):
            y = plan.bar_top(line, i)
            painter.setPen(text)
            if plan.stacked:
                name = metrics.elidedText(bar.name, Qt.TextElideMode.ElideRight, self.width())
                painter.drawText(QRectF(0, y - plan.name_height, self.width(),
                                        plan.name_height),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                                 name)
            else:
                name = metrics.elidedText(bar.name, Qt.TextElideMode.ElideRight,
                                          plan.label_width - line // 2)
                painter.drawText(QRectF(0, y, plan.label_width - line // 2, row),
                                 Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                                 name)
            fill = {"main": main, "second": second}.get(bar.role, faint)
            # Never thinner than a third of a line: 1 h of 50 was a sliver that read as none.
            end = max(x(bar.minutes), left + line / 3) if bar.minutes else left
            painter.fillRect(QRectF(left, y + row * 0.2, end - left, row * 0.6), fill)
            value = f"{hours(bar.minutes)} ({bar.role})"
            painter.drawText(QRectF(end + line // 3, y, plan.value_width, row),
                             Qt.AlignmentFlag.AlignVCenter, value)
            values.append(QRectF(end + line // 3 - 2, y + (row - line) / 2 - 1,
                                 metrics.horizontalAdvance(value) + 4, line + 2))
        top = plan.bar_top(line, 0) - plan.name_height
        bottom = plan.bar_top(line, len(self._bars) - 1) + row
        for i, (box, at, label, style) in enumerate(self._requirement_labels(plan,
                                                                             self.width())):
            painter.setPen(QPen(text, 1.5, style))
            # Beside each bar only when the names are above them (through the names the
            # line crossed out letters), and never through a bar's hours written beside it.
            spans = ([(plan.bar_top(line, j), plan.bar_top(line, j) + row)
                      for j in range(len(self._bars))] if plan.stacked
                     else [(top - line * 0.4, bottom)])
            gaps = [(v.top(), v.bottom()) for v in values if v.left() <= at <= v.right()]
            for start, end in _without(spans, gaps):
                painter.drawLine(QPointF(at, start), QPointF(at, end))
            # A second row for the majority label when the two would run into each other.
            below = bottom + (row * 0.8 if plan.label_rows == 2 and i == 1 else 0)
            painter.drawText(box.translated(0, below),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)


class TimelineChart(_Chart):
    """Month by month: minutes counted, excluded and aged out, the running total, and the
    pace line: the minutes a month still needed to meet the requirement in time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("RSC hours month by month", parent)
        self._months: tuple[MonthBar, ...] = ()
        self._required = 0
        self._pace = 0

    def show_months(self, months: Sequence[MonthBar], required_minutes: int,
                    pace_minutes: int = 0) -> None:
        """Show these months (oldest first) against the requirement (0: none required)
        and the pace needed a month from now on (0: no pace line)."""
        self._months = tuple(months)
        self._required = required_minutes
        self._pace = pace_minutes
        total = sum(m.counted for m in self._months)
        words = [count_words(len(self._months), "month", "months"), f"counted {hours(total)}",
                 f"excluded {hours(sum(m.excluded for m in self._months))}",
                 f"aged out {hours(sum(m.aged_out for m in self._months))}"]
        if required_minutes:
            words.append(f"required {hours(required_minutes)}")
        if pace_minutes:
            words.append(f"pace needed {hours(pace_minutes)} a month")
        self.setAccessibleDescription(", ".join(words))
        self.update()

    def sizeHint(self) -> QSize:
        width = 40 * self.fontMetrics().height()
        return QSize(width, self.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        line = self.fontMetrics().height()
        # Taller by what a wrapped legend adds; one row of it as before: 12 lines.
        return 12 * line + round(self._legend_top(width) - (_LEGEND_ROW + 0.5) * line)

    def _legend_top(self, width: int) -> float:
        """Return where the bars' area starts: below the legend, however many rows it took."""
        line = self.fontMetrics().height()
        rows = len({y for _, y in self._legend_places(width)})
        return rows * _LEGEND_ROW * line + line * 0.5

    def _labels(self) -> tuple[str, ...]:
        """Return the legend's words: the three kinds of minutes, and the pace line's."""
        pace = (f"pace needed: {hours(self._pace)} a month",) if self._pace else ()
        return LEGEND + pace

    def _legend_places(self, width: int) -> list[tuple[float, float]]:
        """Return where each LEGEND item starts (x, y) at a width: an item that would
        pass the right edge starts a new row."""
        metrics = self.fontMetrics()
        line = metrics.height()
        places: list[tuple[float, float]] = []
        x, y = float(line * 3.5), 0.0
        for label in self._labels():
            needed = line * 1.3 + metrics.horizontalAdvance(label)
            if places and x + needed > width:
                x, y = float(line * 3.5), y + _LEGEND_ROW * line
            places.append((x, y))
            x += needed + line
        return places

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text, main, second, faint = self._colours()
        metrics = self.fontMetrics()
        line = metrics.height()
        if not self._months:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "No supervision sessions yet")
            return
        top = self._legend_top(self.width())
        area = QRectF(line * 3.5, top, self.width() - line * 4.5,
                      self.height() - top - line * 2.7)
        for (x, y), colour, label in zip(self._legend_places(self.width()),
                                            (main, second, faint, None), self._labels(),
                                            strict=False):
            if colour is None:  # the pace line's sample: a dash of it
                painter.setPen(QPen(text, 1.5, Qt.PenStyle.DashLine))
                painter.drawLine(QPointF(x, y + line * 0.75), QPointF(x + line, y + line * 0.75))
            else:
                painter.fillRect(QRectF(x, y + line * 0.3, line * 0.9, line * 0.9), colour)
            painter.setPen(text)
            painter.drawText(QPointF(x + line * 1.3, y + line * 1.05), label)
        month_top = max(self._pace, *(m.counted + m.excluded + m.aged_out
                                      for m in self._months)) or 1
        # A month's slot is at most a few lines wide, from the left: one month alone
        # filled 70 % of the chart, its label far from its bar at the left edge.
        step = min(area.width() / len(self._months), line * MONTH_LINES)
        bar_width = max(step * 0.7, 1.0)
        for i, month in enumerate(self._months):
            x0 = area.left() + i * step + (step - bar_width) / 2
            y = area.bottom()
            for minutes, colour in ((month.counted, main), (month.aged_out, second),
                                    (month.excluded, faint)):
                height = area.height() * minutes / month_top
                painter.fillRect(QRectF(x0, y - height, bar_width, height), colour)
                y -= height
        painter.setPen(QPen(text, 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawText(QRectF(0, area.top() - line / 2, area.left() - line / 3, line),
                         Qt.AlignmentFlag.AlignRight, hours(month_top))
        if self._pace:
            # Dashed, in the text colour: it must read on both themes and over the bars.
            y = area.bottom() - area.height() * self._pace / month_top
            painter.setPen(QPen(text, 1.5, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            # Its words are in the legend: written at the line they covered the bars above it.
            painter.setPen(QPen(text, 1))
        wide = metrics.horizontalAdvance("0000-00 ")
        every = max(1, int(wide // max(step, 1)) + 1)
        for i, month in enumerate(self._months):
            if i % every == 0:
                # Centred under its bar, but never past the chart's left edge.
                middle = area.left() + (i + 0.5) * step
                painter.drawText(QRectF(max(middle - wide / 2, 0), area.bottom() + 2, wide,
                                        line * 1.2), Qt.AlignmentFlag.AlignHCenter,
                                 month.month)
        if self._required:
            total = sum(m.counted for m in self._months)
            painter.drawText(QRectF(area.left(), area.bottom() + line * 1.2, area.width(),
                                    line * 1.2), Qt.AlignmentFlag.AlignRight,
                             f"counted {hours(total)} of {hours(self._required)} required")
