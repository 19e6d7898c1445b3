"""Check boxes and radio buttons whose words wrap onto more lines when the row is too narrow.

Qt's own draw their text on one line, so a long choice ("I provide reflective supervision /
consultation", a provider's full name) made its window wider than a 1024-pixel screen at the
largest text size, or was cut off. These draw the indicator as the style does and the text
word-wrapped beside it, and tell layouts the height a width needs (heightForWidth).
"""

from __future__ import annotations

from typing import ClassVar, cast

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


class _Wraps:
    """The overrides both buttons share, over the style parts of their kind (PARTS).

    A plain Python mixin listed before the Qt class, so its methods come first in the MRO
    and Qt's virtuals (paintEvent, heightForWidth, ...) dispatch to them; a shared Qt base
    (QAbstractButton) cannot sit under both QCheckBox and QRadioButton.
    """

    PARTS: ClassVar[_Parts]

    def _button(self) -> QCheckBox | QRadioButton:
        # Mixed only into the two classes below, which are one or the other.
        return cast("QCheckBox | QRadioButton", self)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return _height_for(self._button(), self.PARTS, width)

    def minimumSizeHint(self) -> QSize:
        return _minimum(self._button(), self.PARTS)

    def hitButton(self, pos: QPoint) -> bool:
        return self._button().rect().contains(pos)

    def paintEvent(self, event: QPaintEvent) -> None:
        _paint(self._button(), self.PARTS)


class WrappingCheckBox(_Wraps, QCheckBox):
    """A check box whose text wraps; the whole of it (indicator and words) is clickable."""

    PARTS = _CHECK

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        _prepare(self)


class WrappingRadioButton(_Wraps, QRadioButton):
    """A radio button whose text wraps; the whole of it is clickable."""

    PARTS = _RADIO

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        _prepare(self)
