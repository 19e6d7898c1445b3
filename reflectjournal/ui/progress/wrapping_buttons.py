"""Check boxes and radio buttons whose words wrap onto more lines when the row is too narrow.

Qt's own draw their text on one line, so a long choice ("I provide reflective supervision /
consultation", a provider's full name) made its window wider than a 1024-pixel screen at the
largest text size, or was cut off. These draw the indicator as the style does and the text
word-wrapped beside it, and tell layouts the height a width needs (heightForWidth).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QRadioButton,
    QSizePolicy,
    QStyle,
    QStyleOptionButton,
    QStylePainter,
)

_FLAGS = (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
          | Qt.TextFlag.TextWordWrap | Qt.TextFlag.TextShowMnemonic)
_TALL = 1 << 20


class _Parts:
    """The style elements a kind of button is drawn and measured with."""

    def __init__(self, control: QStyle.ControlElement, contents: QStyle.SubElement,
                 size: QStyle.ContentsType) -> None:
        self.control, self.contents, self.size = control, contents, size


_CHECK = _Parts(QStyle.ControlElement.CE_CheckBox, QStyle.SubElement.SE_CheckBoxContents,
                QStyle.ContentsType.CT_CheckBox)
_RADIO = _Parts(QStyle.ControlElement.CE_RadioButton,
                QStyle.SubElement.SE_RadioButtonContents, QStyle.ContentsType.CT_RadioButton)


def _option(button: QCheckBox | QRadioButton) -> QStyleOptionButton:
    option = QStyleOptionButton()
    button.initStyleOption(option)
    return option


def _text_size(button: QAbstractButton, width: int) -> QSize:
    """Return the size of the button's text wrapped within width."""
    box = button.fontMetrics().boundingRect(QRect(0, 0, max(width, 1), _TALL), _FLAGS,
                                            button.text())
    return box.size()


def _outer(button: QCheckBox | QRadioButton, parts: _Parts, text: QSize) -> QSize:
    """Return the button's size around text of this size (indicator, spacing, margins)."""
    return button.style().sizeFromContents(parts.size, _option(button), text, button)


def _overhead(button: QCheckBox | QRadioButton, parts: _Parts) -> int:
    return _outer(button, parts, QSize(0, 0)).width()


def _height_for(button: QCheckBox | QRadioButton, parts: _Parts, width: int) -> int:
    text = _text_size(button, width - _overhead(button, parts))
    return _outer(button, parts, text).height()


def _minimum(button: QCheckBox | QRadioButton, parts: _Parts) -> QSize:
    """As narrow as the longest word; one line high (layouts ask heightForWidth for more)."""
    metrics = button.fontMetrics()
    words = button.text().replace("&&", "\0").replace("&", "").split()
    longest = max((metrics.horizontalAdvance(w) for w in words), default=0)
    return _outer(button, parts, QSize(longest, metrics.height()))


def _paint(button: QCheckBox | QRadioButton, parts: _Parts) -> None:
    painter = QStylePainter(button)
    option = _option(button)
    text, option.text = option.text, ""
    painter.drawControl(parts.control, option)  # the indicator (and focus frame) alone
    room = button.style().subElementRect(parts.contents, option, button)
    # The contents rectangle starts after the indicator; the text takes the rest.
    room.setRight(button.width() - 1)
    painter.drawItemText(room, int(_FLAGS), button.palette(), button.isEnabled(), text)


def _prepare(button: QAbstractButton) -> None:
    policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
    policy.setHeightForWidth(True)
    button.setSizePolicy(policy)


class WrappingCheckBox(QCheckBox):
    """A check box whose text wraps; the whole of it (indicator and words) is clickable."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        _prepare(self)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return _height_for(self, _CHECK, width)

    def minimumSizeHint(self) -> QSize:
        return _minimum(self, _CHECK)

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)

    def paintEvent(self, event: QPaintEvent) -> None:
        _paint(self, _CHECK)


class WrappingRadioButton(QRadioButton):
    """A radio button whose text wraps; the whole of it is clickable."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        _prepare(self)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return _height_for(self, _RADIO, width)

    def minimumSizeHint(self) -> QSize:
        return _minimum(self, _RADIO)

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)

    def paintEvent(self, event: QPaintEvent) -> None:
        _paint(self, _RADIO)
