"""Opening a window at a size its text needs, within the screen it opens on.

Qt sizes a new window from its layout's size hint, which guesses a wrapped label's width and
then gives it too few lines (at the largest text size, words were cut off at the bottom),
and which knows nothing of the screen (dialogs opened wider than a 1024x700 screen).
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QSize
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QScrollArea,
    QStyle,
    QTableView,
    QWidget,
)

# What a window's frame (title bar, borders) takes from the screen's available room.
FRAME = QSize(16, 40)


def screen_room(parent: QWidget | None) -> QSize:
    """Return the room a window opened over parent has: its screen's available size."""
    # Found by position rather than with QWidget.screen(): that wrapper crashed later dialogs.
    screen = None
    if parent is not None:
        screen = QGuiApplication.screenAt(parent.window().frameGeometry().center())
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableSize() - FRAME


def text_width(window: QWidget, characters: int) -> int:
    """Return the width of about that many characters of the window's text."""
    return characters * window.fontMetrics().averageCharWidth()


def text_height(window: QWidget, lines: int) -> int:
    """Return the height of that many lines of the window's text."""
    return lines * window.fontMetrics().lineSpacing()


def fit_window(window: QWidget, parent: QWidget | None, width: int, height: int = 0) -> None:
    """Resize window to width and height, taller where its wrapped text needs it, within room.

    The width is at least what the layout needs; the height at least what every wrapped label
    needs at that width. Both stop at the screen's room: what then does not fit must be in a
    scroll area of the window's own.
    """
    room = screen_room(parent)
    width = min(max(width, window.minimumSizeHint().width()), room.width())
    layout = window.layout()
    needed = window.sizeHint().height()
    if layout is not None and layout.hasHeightForWidth():
        needed = layout.totalHeightForWidth(width)
    # A page in a scroll area counts whole: the area's own hint is a few lines of it.
    for area in window.findChildren(QScrollArea):
        page = area.widget()
        if area.parentWidget() is window and page is not None and area.widgetResizable():
            inner = width - (window.width() - area.width() if window.isVisible() else 0)
            inner -= area.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
            margins = layout.contentsMargins() if layout is not None else QMargins()
            inner -= margins.left() + margins.right()
            whole = page.heightForWidth(inner) if page.hasHeightForWidth() else -1
            whole = whole if whole > 0 else page.sizeHint().height()
            needed += max(0, whole - area.sizeHint().height())
    window.resize(width, min(max(height, needed), room.height()))


def widen_for_columns(window: QWidget, view: QAbstractItemView, parent: QWidget | None) -> None:
    """Widen window, within the room, until every column of view shows its text whole.

    Called once the rows are in: a column that takes the room left is cut short (a name read
    "Sa…") when the window's width was chosen before the text size was known.
    """
    header = view.horizontalHeader() if isinstance(view, QTableView) else None
    model = view.model()
    if header is None or model is None:
        return
    needed = sum(max(header.sectionSizeHint(c), view.sizeHintForColumn(c))
                 for c in range(model.columnCount()) if not header.isSectionHidden(c))
    layout = window.layout()
    if layout is not None:
        layout.activate()  # the view's width as the window's width leaves it
    # Room for a vertical scroll bar too: a few rows more and it takes it from the columns.
    short = (needed + 2 * view.frameWidth() + view.verticalScrollBar().sizeHint().width()
             - view.width())
    if short > 0:
        window.resize(min(window.width() + short, screen_room(parent).width()), window.height())


def break_groups(text: str, metrics: QFontMetrics, width: int, separator: str = "-") -> str:
    """Return text on as few lines as fit width, as even as can be, broken after a separator.

    A recovery key in its large monospace font was 1,290 px on one line at the largest
    text: it is written on paper, so it is broken between its groups, never inside one.
    """
    groups = text.split(separator)
    per_line = len(groups)
    while per_line > 1 and metrics.horizontalAdvance(
            separator.join(groups[:per_line]) + separator) > width:
        per_line -= 1
    lines = -(-len(groups) // per_line)
    per_line = -(-len(groups) // lines)  # the same number of lines, evenly filled
    return f"{separator}\n".join(separator.join(groups[i:i + per_line])
                                  for i in range(0, len(groups), per_line))



class SnugPage(QWidget):
    """A page for a scroll area: as tall as its parts' least heights need at its width.

    A scroll area asks a page with wrapping parts for its height at the width it has, and
    Qt answers from the parts' preferred heights: lists grew to their hint and the page
    scrolled at the usual text size. This answers from the least heights instead.
    """

    def heightForWidth(self, width: int) -> int:
        """Return the least height the page's layout needs at that width."""
        layout = self.layout()
        return layout.totalMinimumHeightForWidth(width) if layout is not None else -1
