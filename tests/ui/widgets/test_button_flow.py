"""A row of buttons that wraps: one line where it fits, more lines where not, nothing cut."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from reflectjournal.ui.widgets.button_flow import button_flow


def _shown(qtbot: QtBot, width: int, *widgets: QWidget, **kw: object) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(button_flow(*widgets, **kw))  # type: ignore[arg-type]
    layout.addStretch()
    window.resize(width, 400)
    window.show()
    return window


def _lines(*buttons: QWidget) -> int:
    return len({button.y() for button in buttons})


def test_buttons_that_fit_stay_on_one_line_first_left_rest_right(qtbot: QtBot) -> None:
    first, second, third = QPushButton("Import"), QPushButton("Verify"), QPushButton("Remove")
    window = _shown(qtbot, 600, first, second, third, align="split")
    assert _lines(first, second, third) == 1
    assert first.x() == 0
    assert third.geometry().right() == window.width() - 1
    assert second.geometry().right() < third.x()  # the two on the right, side by side
    for button in (first, second, third):
        assert button.size() == button.sizeHint()


def test_a_row_too_wide_wraps_and_keeps_every_button_whole(qtbot: QtBot) -> None:
    buttons = [QPushButton(text) for text in ("Save bundle…", "Write the last reply again…",
                                              "Close")]
    width = max(b.sizeHint().width() for b in buttons) + 10
    window = _shown(qtbot, width, *buttons)
    assert _lines(*buttons) >= 2
    holder = buttons[0].parentWidget()
    for button in buttons:
        assert button.size() == button.sizeHint()
        assert holder.rect().contains(button.geometry())
        assert button.geometry().right() <= window.width()
    # The holder is as tall as its lines, no more: what follows is not pushed down.
    assert holder.height() == max(b.geometry().bottom() for b in buttons) + 1


def test_a_wrapped_label_takes_one_line_when_it_fits_and_more_when_not(qtbot: QtBot) -> None:
    label = QLabel("The check found no possible identifiers")
    label.setWordWrap(True)
    button = QPushButton("Redact all")
    wide = _shown(qtbot, 800, label, button, align="split")
    assert label.height() < 2 * label.fontMetrics().lineSpacing()  # one line, not a guess
    assert label.x() == 0
    assert button.geometry().right() == wide.width() - 1
    narrow = QLabel("The check found no possible identifiers")
    narrow.setWordWrap(True)
    small = _shown(qtbot, 120, narrow, QPushButton("Redact all"))
    assert narrow.width() <= small.width()
    assert narrow.height() >= narrow.heightForWidth(narrow.width()) - 1  # wrapped, whole
