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


def _mix(a: QColor, b: QColor, share: float) -> QColor:
    return QColor(round(a.red() * (1 - share) + b.red() * share),
                  round(a.green() * (1 - share) + b.green() * share),
                  round(a.blue() * (1 - share) + b.blue() * share))


class _Chart(QWidget):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # reachable, so its description is read
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def _colours(self) -> tuple[QColor, QColor, QColor, QColor]:
        """Return text, main bar, second bar and faint colours from the palette."""
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        base = palette.color(QPalette.ColorRole.Base)
        accent = palette.color(QPalette.ColorRole.Highlight)
        # The second colour leans toward the text, not the background: toward the base it
        # vanished on a dark background (the second provider's bar, aged-out months).
        return text, accent, _mix(accent, text, 0.45), _mix(text, base, 0.7)


class ProviderChart(_Chart):
    """Bars of hours per provider against the required hours and the majority line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("RSC hours by provider", parent)
        self._bars: tuple[ProviderBar, ...] = ()
        self._required = 0

    def show_bars(self, bars: Sequence[ProviderBar], required_minutes: int) -> None:
        """Show these providers' hours against the requirement (0: none required)."""
        self._bars = tuple(bars)
        self._required = required_minutes
        words = [f"{b.name}: {hours(b.minutes)} ({b.role})" for b in self._bars]
        if required_minutes:
            words.append(f"required {hours(required_minutes)}, of which more than "
                         f"{hours(required_minutes // 2)} from the main provider")
        self.setAccessibleDescription("; ".join(words) or "No supervision sessions yet")
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(40 * line, (max(len(self._bars), 1) + 2) * int(line * 1.8))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text, main, second, faint = self._colours()
        metrics = self.fontMetrics()
        line = metrics.height()
        row = int(line * 1.8)
        if not self._bars:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter,
                             "No supervision sessions yet")
            return
        label_width = min(max(metrics.horizontalAdvance(b.name) for b in self._bars) + line,
                          self.width() // 3)
        value_width = metrics.horizontalAdvance("000.25 h (not used)") + line
        left, right = label_width, max(self.width() - value_width, label_width + 4 * line)
        top = line
        scale = max([self._required, *(b.minutes for b in self._bars), 1]) * 1.05

        def x(minutes: float) -> float:
            return left + (right - left) * minutes / scale

        for i, bar in enumerate(self._bars):
            y = top + i * row
            painter.setPen(text)
            name = metrics.elidedText(bar.name, Qt.TextElideMode.ElideRight,
                                      label_width - line // 2)
            painter.drawText(QRectF(0, y, label_width - line // 2, row),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, name)
            fill = {"main": main, "second": second}.get(bar.role, faint)
            painter.fillRect(QRectF(left, y + row * 0.2, x(bar.minutes) - left, row * 0.6), fill)
            painter.drawText(QRectF(x(bar.minutes) + line // 3, y, value_width, row),
                             Qt.AlignmentFlag.AlignVCenter,
                             f"{hours(bar.minutes)} ({bar.role})")
        bottom = top + len(self._bars) * row
        if self._required:
            for minutes, label, style in (
                (self._required, f"required {hours(self._required)}", Qt.PenStyle.SolidLine),
                (self._required / 2, f"majority: more than {hours(self._required // 2)}",
                 Qt.PenStyle.DashLine),
            ):
                painter.setPen(QPen(text, 1.5, style))
                painter.drawLine(QPointF(x(minutes), top - line * 0.4),
                                 QPointF(x(minutes), bottom))
                painter.drawText(QRectF(x(minutes) - 12 * line, bottom, 24 * line, row),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                                 label)


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
        words = [f"{len(self._months)} months", f"counted {hours(total)}",
                 f"excluded {hours(sum(m.excluded for m in self._months))}",
                 f"aged out {hours(sum(m.aged_out for m in self._months))}"]
        if required_minutes:
            words.append(f"required {hours(required_minutes)}")
        if pace_minutes:
            words.append(f"pace needed {hours(pace_minutes)} a month")
        self.setAccessibleDescription(", ".join(words))
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(40 * line, 12 * line)

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
        legend = line * 1.6
        area = QRectF(line * 3.5, legend + line * 0.5, self.width() - line * 4.5,
                      self.height() - legend - line * 3.2)
        self._legend(painter, text, ((main, "counted"), (second, "aged out of the window"),
                                     (faint, "excluded")), line)
        month_top = max(self._pace, *(m.counted + m.excluded + m.aged_out
                                      for m in self._months)) or 1
        step = area.width() / len(self._months)
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
            label = f"pace needed: {hours(self._pace)} a month"
            painter.drawText(QRectF(area.right() - metrics.horizontalAdvance(label) - line,
                                    y - line * 1.1, metrics.horizontalAdvance(label) + line,
                                    line), Qt.AlignmentFlag.AlignRight, label)
            painter.setPen(QPen(text, 1))
        every = max(1, int(metrics.horizontalAdvance("0000-00 ") // max(step, 1)) + 1)
        for i, month in enumerate(self._months):
            if i % every == 0:
                painter.drawText(QRectF(area.left() + i * step - line, area.bottom() + 2,
                                        step * every + 2 * line, line * 1.2),
                                 Qt.AlignmentFlag.AlignLeft, month.month)
        if self._required:
            total = sum(m.counted for m in self._months)
            painter.drawText(QRectF(area.left(), area.bottom() + line * 1.2, area.width(),
                                    line * 1.2), Qt.AlignmentFlag.AlignRight,
                             f"counted {hours(total)} of {hours(self._required)} required")

    @staticmethod
    def _legend(painter: QPainter, text: QColor, items: Sequence[tuple[QColor, str]],
                line: int) -> None:
        x = float(line * 3.5)
        for colour, label in items:
            painter.fillRect(QRectF(x, line * 0.3, line * 0.9, line * 0.9), colour)
            painter.setPen(text)
            x += line * 1.3
            painter.drawText(QPointF(x, line * 1.05), label)
            x += painter.fontMetrics().horizontalAdvance(label) + line
