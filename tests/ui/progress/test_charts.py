"""The Progress charts draw what they are given, say it in words, and follow the palette."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QColor, QImage, QPalette
from pytestqt.qtbot import QtBot

from reflectjournal.domain.endorsement.coverage import CoverageRow, CoverageStatus
from reflectjournal.domain.ids import TagId
from reflectjournal.ui.progress.charts import (
    MonthBar,
    ProviderBar,
    ProviderChart,
    TimelineChart,
    hours,
)
from reflectjournal.ui.progress.coverage_table import CoverageTable

BARS = [ProviderBar("Dr. Ada Lee", 30 * 60, "main"), ProviderBar("Sam Okafor", 30 * 60, "second"),
        ProviderBar("Group at the clinic", 14 * 60, "not used")]


def _count(image: QImage, colour: QColor) -> int:
    wanted = colour.rgb()
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixel(x, y) == wanted)


def test_hours_read_as_people_write_them() -> None:
    assert hours(90) == "1.5 h"
    assert hours(1500) == "25 h"
    assert hours(61) == "1.02 h"


def test_provider_bars_are_drawn_in_the_highlight_colour_and_told_in_words(
    qtbot: QtBot, tmp_path: Path
) -> None:
    chart = ProviderChart()
    qtbot.addWidget(chart)
    chart.resize(800, chart.sizeHint().height())
    empty = chart.grab().toImage()
    chart.show_bars(BARS, 50 * 60)
    chart.resize(800, chart.sizeHint().height())  # a row a provider, and the lines' labels
    image = chart.grab().toImage()
    image.save(str(tmp_path / "providers.png"))
    highlight = chart.palette().color(QPalette.ColorRole.Highlight)
    assert _count(image, highlight) > 200 > _count(empty, highlight)
    description = chart.accessibleDescription()
    assert "Dr. Ada Lee: 30 h (main)" in description
    assert "Group at the clinic: 14 h (not used)" in description
    assert "required 50 h, of which more than 25 h from the main provider" in description


def test_the_timeline_stacks_counted_excluded_and_aged_out_minutes(
    qtbot: QtBot, tmp_path: Path
) -> None:
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.resize(800, chart.sizeHint().height())
    months = [MonthBar(f"2025-{m:02d}", 120, 60 if m % 3 == 0 else 0, 0) for m in range(1, 13)]
    chart.show_months(months, 24 * 60)
    image = chart.grab().toImage()
    image.save(str(tmp_path / "timeline.png"))
    assert _count(image, chart.palette().color(QPalette.ColorRole.Highlight)) > 200
    assert chart.accessibleDescription() == (
        "12 months, counted 24 h, excluded 4 h, aged out 0 h, required 24 h")


def test_the_timeline_draws_the_pace_line_above_the_bars(qtbot: QtBot) -> None:
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.resize(800, chart.sizeHint().height())
    months = [MonthBar(f"2025-{m:02d}", 60, 0, 0) for m in range(1, 7)]
    chart.show_months(months, 50 * 60)
    without = chart.grab().toImage()
    chart.show_months(months, 50 * 60, 150)  # 2.5 h a month: above every bar
    assert chart.accessibleDescription().endswith("pace needed 2.5 h a month")
    image = chart.grab().toImage()
    text = chart.palette().color(QPalette.ColorRole.WindowText)

    def near_text(picture: QImage) -> int:  # antialiased: close to the text colour
        return sum(1 for y in range(picture.height() // 2) for x in range(picture.width())
                   if abs(QColor(picture.pixel(x, y)).lightness() - text.lightness()) < 90)

    # A dashed line across the plot in the top half (the 1 h bars, against a 2.5 h
    # scale, stay in the lower half): hundreds more text-coloured pixels up there.
    assert near_text(image) > near_text(without) + 300


def test_the_coverage_grid_marks_unconfirmed_labels_and_says_which_cell_was_chosen(
    qtbot: QtBot
) -> None:
    table = CoverageTable()
    qtbot.addWidget(table)
    rows = [
        CoverageRow(TagId("C8"), "Reflection", None, 0, 0, 2, dt.date(2026, 3, 1),
                    CoverageStatus.OTHER_ONLY, True, "reviewers rely mainly on your ratings"),
        CoverageRow(TagId("C8.01"), "Contemplation", TagId("C8"), 1, 90, 0,
                    dt.date(2026, 2, 1), CoverageStatus.TRAINING, False),
    ]
    table.show_rows(rows)
    model = table.coverage
    assert model.index(1, 0).data() == "    Contemplation *"  # "(unconfirmed label)" before
    assert "Name not confirmed" in model.index(1, 0).data(0x03)  # the tooltip says what * is
    assert model.index(1, 2).data() == "1.5 h"
    assert model.index(0, 0).data(0x03) == "reviewers rely mainly on your ratings"  # tooltip
    with qtbot.waitSignal(table.cell_chosen) as chosen:
        table.clicked.emit(model.index(1, 1))
    assert chosen.args == ["C8.01", "training"]


def test_the_timeline_shows_every_month_between_the_first_and_the_last() -> None:
    from reflectjournal.domain.endorsement.results import MonthTotal
    from reflectjournal.ui.progress.progress_view import every_month

    bars = every_month([MonthTotal("2025-11", 60, 0, 0), MonthTotal("2026-02", 90, 30, 0)])
    assert [(b.month, b.counted, b.excluded) for b in bars] == [
        ("2025-11", 60, 0), ("2025-12", 0, 0), ("2026-01", 0, 0), ("2026-02", 90, 30)]
    assert every_month([]) == []


def _columns(image: QImage, colour: QColor, top: int = 0, bottom: int | None = None) -> list[int]:
    """Return the x of every column holding a pixel of this colour (between top and bottom)."""
    wanted = colour.rgb()
    rows = range(top, image.height() if bottom is None else bottom)
    return [x for x in range(image.width()) if any(image.pixel(x, y) == wanted for y in rows)]


def test_a_single_month_is_one_slim_bar_with_its_label_under_it(qtbot: QtBot) -> None:
    # One month's bar filled 70 % of the chart, and its label sat at the far left.
    chart = TimelineChart()
    qtbot.addWidget(chart)
    chart.show_months([MonthBar("2026-12", 60, 90, 0)], 50 * 60)
    chart.resize(800, chart.sizeHint().height())
    image = chart.grab().toImage()
    line = chart.fontMetrics().height()
    bar = _columns(image, chart.palette().color(QPalette.ColorRole.Highlight))
    assert 0 < len(bar) <= 4 * line
    assert chart.accessibleDescription().startswith("1 month, counted 1 h")
    text = chart.palette().color(QPalette.ColorRole.WindowText)
    # The label's band: just under the axis, which is 2.7 lines above the bottom.
    top = round(image.height() - 2.7 * line) + 3
    words = [x for x in range(image.width()) if any(
        abs(QColor(image.pixel(x, y)).lightness() - text.lightness()) < 60
        for y in range(top, top + line - 2))]
    label_middle = (min(words) + max(words)) / 2
    assert abs(label_middle - (bar[0] + bar[-1]) / 2) < line / 2


def test_a_provider_with_little_of_the_hours_still_has_a_bar(qtbot: QtBot) -> None:
    # A quarter-hour of 50 h drew a line two pixels wide: it read as no bar at all.
    chart = ProviderChart()
    qtbot.addWidget(chart)
    chart.show_bars([ProviderBar("Jordan Lee", 15, "main")], 50 * 60)
    chart.resize(800, chart.sizeHint().height())
    image = chart.grab().toImage()
    bar = _columns(image, chart.palette().color(QPalette.ColorRole.Highlight))
    assert len(bar) >= chart.fontMetrics().height() // 3
