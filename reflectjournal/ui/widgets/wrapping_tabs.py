"""A tab widget's titles in rows that wrap, when its one row of tabs is wider than it.

At the largest text the Progress screen's six tab titles took 1,660 pixels in a 980-pixel
window: Qt's tab bar then shows a few with two small scroll arrows, and the others are out
of sight until the arrows are found and pressed. Shorter titles would lose what they say.
Here, when the titles do not fit, the tab bar is hidden and the same titles show as tabs
(drawn by the style) in as many rows as they need; at sizes where they fit, the tab bar
shows as always. A title works as on the tab bar: a click or its Alt+letter shows its page,
the arrow keys move between titles, and each is a checkable button to a screen reader.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Slot
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QPushButton,
    QSizePolicy,
    QStyle,
    QStyleOptionFocusRect,
    QStyleOptionTab,
    QStylePainter,
    QTabBar,
    QTabWidget,
    QWidget,
)

from reflectjournal.ui.widgets.button_flow import FlowLayout


class TabTitle(QPushButton):
    """One page's title, drawn as the style draws a tab on top of its pages."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setCheckable(True)
        self.setAccessibleName(text.replace("&&", "\0").replace("&", "").replace("\0", "&"))
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def _option(self) -> QStyleOptionTab:
        option = QStyleOptionTab()
        option.initFrom(self)
        option.shape = QTabBar.Shape.RoundedNorth
        option.text = self.text()
        option.position = QStyleOptionTab.TabPosition.OnlyOneTab
        option.state &= ~QStyle.StateFlag.State_HasFocus  # drawn apart, around the words
        if self.isChecked():
            option.state |= QStyle.StateFlag.State_Selected
        return option

    def sizeHint(self) -> QSize:
        """Return what the tab bar would give this title (qtabbar.cpp, tabSizeHint)."""
        style, option = self.style(), self._option()
        words = self.fontMetrics().size(int(Qt.TextFlag.TextShowMnemonic), self.text())
        hspace = style.pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, option, self)
        vspace = style.pixelMetric(QStyle.PixelMetric.PM_TabBarTabVSpace, option, self)
        inner = QSize(words.width() + hspace, max(self.fontMetrics().height(),
                                                   words.height()) + vspace)
        return style.sizeFromContents(QStyle.ContentsType.CT_TabBarTab, option, inner, self)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QStylePainter(self)
        option = self._option()
        painter.drawControl(QStyle.ControlElement.CE_TabBarTab, option)
        if self.hasFocus():
            focus = QStyleOptionFocusRect()
            focus.initFrom(self)
            focus.rect = self.style().subElementRect(
                QStyle.SubElement.SE_TabBarTabText, option, self)
            painter.drawPrimitive(QStyle.PrimitiveElement.PE_FrameFocusRect, focus)


class WrappingTabs(QWidget):
    """The titles of tabs' pages in wrapping rows, shown instead of its bar when that is
    too narrow for them."""

    def __init__(self, tabs: QTabWidget) -> None:
        super().__init__()
        self._tabs = tabs
        self.setAccessibleName(f"{tabs.accessibleName() or 'Pages'}: titles")
        self.titles: list[TabTitle] = []
        self._group = QButtonGroup(self)  # one checked at a time; arrows move among them
        self._group.setExclusive(True)
        flow = FlowLayout(self, "left")
        flow.setContentsMargins(0, 0, 0, 0)
        flow.setSpacing(2)
        for index in range(tabs.count()):
            title = TabTitle(tabs.tabText(index))
            self._group.addButton(title, index)
            flow.addWidget(title)
            self.titles.append(title)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._group.idClicked.connect(tabs.setCurrentIndex)
        tabs.currentChanged.connect(self._on_current_changed)
        self._on_current_changed(tabs.currentIndex())
        _Watch(tabs, self)

    @Slot(int)
    def _on_current_changed(self, index: int) -> None:
        title = self._group.button(index)
        if title is not None:
            title.setChecked(True)

    def choose_bar(self) -> None:
        """Show the tab bar if its titles fit the tabs' width, else these rows."""
        bar = self._tabs.tabBar()
        fits = bar.sizeHint().width() <= self._tabs.width()
        if bar.isHidden() == fits:
            bar.setVisible(fits)
        if self.isHidden() != fits:
            self.setVisible(not fits)


class _Watch(QObject):
    """Chooses between the bar and the rows whenever the tabs' width or text changes."""

    def __init__(self, tabs: QTabWidget, rows: WrappingTabs) -> None:
        super().__init__(rows)
        self._rows = rows
        tabs.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.Show):
            self._rows.choose_bar()
        return False


def wrapping_tabs(tabs: QTabWidget) -> WrappingTabs:
    """Return the rows of tabs' titles, to place just above tabs; call once its tabs are in."""
    return WrappingTabs(tabs)
