"""A standing note above the list that can shrink to one line, its whole text one click away."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QToolButton, QWidget

_GAP = 6  # between the line and its Details button


class FoldingNote(QWidget):
    """Wrapped text as a label shows it; folded, its first line elided beside "Details"."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._text = ""
        self._folded = False
        # No layout: a layout answers for this widget's height (QWidgetItem asks it, not
        # heightForWidth below), and a row's answer for a wrapped label went stale.
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)  # messages may quote what was typed
        self.label.setAccessibleName(name)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QToolButton(self)
        self.details.setText("Details")
        self.details.setAccessibleName(f"{name}: show all of it")
        self.details.setCheckable(True)
        self.details.toggled.connect(self._on_details_toggled)
        self.details.hide()
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        """Return the whole note, folded or not."""
        return self._text

    def setText(self, text: str) -> None:
        """Show this note (folded if the note is folded)."""
        self._text = text
        self.label.setToolTip(text if self._folded else "")
        self._fill()

    def set_folded(self, folded: bool) -> None:
        """Fold to one line (the narrow layout) or show the whole note wrapped."""
        if folded == self._folded:
            return
        self._folded = folded
        self.details.setChecked(False)
        self.label.setToolTip(self._text if folded else "")
        self._fill()

    @property
    def folded(self) -> bool:
        """Return whether the note shows one line only (until Details is pressed)."""
        return self._folded and not self.details.isChecked()

    @Slot(bool)
    def _on_details_toggled(self, _checked: bool) -> None:
        self._fill()

    def _button_width(self) -> int:
        return self.details.sizeHint().width() + _GAP if self._folded else 0

    def heightForWidth(self, width: int) -> int:
        label_width = max(width - self._button_width(), 1)
        height = self.label.heightForWidth(label_width) if self.label.wordWrap() else -1
        if height < 0:
            height = self.label.sizeHint().height()
        return max(height, self.details.sizeHint().height() if self._folded else 0)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._button_width() + self.label.fontMetrics().averageCharWidth() * 8,
                     self.heightForWidth(self.width()))

    def sizeHint(self) -> QSize:
        width = max(self.width(), self.label.sizeHint().width() + self._button_width())
        return QSize(width, self.heightForWidth(self.width() or width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.folded:
            self._fill()
        self._place()

    def _place(self) -> None:
        button = self._button_width()
        self.label.setGeometry(0, 0, max(self.width() - button, 0), self.height())
        if button:
            self.details.setGeometry(self.width() - button + _GAP, 0,
                                     button - _GAP, self.details.sizeHint().height())

    def _fill(self) -> None:
        """Put the whole text, or the line that fits, into the label."""
        self.details.setVisible(self._folded)
        self.details.setText("Less" if self.details.isChecked() else "Details")
        folded = self.folded
        self.label.setWordWrap(not folded)
        if not folded:
            self.label.setText(self._text)
        else:
            self.label.setText(self._line())
        self._place()
        self.updateGeometry()  # the layouts above cache this widget's height for its width

    def _line(self) -> str:
        """Return the note's first line elided to the label's width, marked if cut."""
        first = self._text.split("\n", 1)[0]
        width = max(self.width() - self._button_width(), 1)
        metrics = self.label.fontMetrics()
        line = metrics.elidedText(first, Qt.TextElideMode.ElideRight, width)
        if line != self._text and not line.endswith("…"):
            line = first.rstrip() + " …"  # later lines are hidden: say that there is more
            line = metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
        return line
