"""The app's style: Fusion, drawn the same on every system, with clearer check boxes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleOption,
    QStyleOptionComboBox,
    QWidget,
)

from reflectjournal.ui.look.theme import STYLE_NAME, apply_palette


class ClearIndicatorStyle(QProxyStyle):
    """Fusion, with check boxes outlined so that they show on a dark palette too.

    Fusion outlines a check box with the window colour darkened, which on a dark window
    is about 1.1:1: the boxes in the pickers and forms all but vanish. A second outline in
    the placeholder-text colour (over 4.5:1 against the field colour in both palettes)
    makes them visible; WCAG asks 3:1 of a control's boundary.
    """

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element in (QStyle.PrimitiveElement.PE_IndicatorCheckBox,
                       QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck):
            painter.save()
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(option.palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
            painter.restore()


    def drawControl(self, element: QStyle.ControlElement, option: QStyleOption,
                    painter: QPainter, widget: QWidget | None = None) -> None:
        """End a combo box's text that does not fit with an ellipsis.

        Fusion cuts it wherever the box ends: at the largest text the review filters read
        "Every sup" and "Answerec", half a letter showing.
        """
        if (element == QStyle.ControlElement.CE_ComboBoxLabel and widget is not None
                and isinstance(option, QStyleOptionComboBox) and option.currentText):
            room = self.subControlRect(QStyle.ComplexControl.CC_ComboBox, option,
                                       QStyle.SubControl.SC_ComboBoxEditField, widget)
            width = room.width() - (option.iconSize.width() + 4
                                    if not option.currentIcon.isNull() else 0)
            text = option.fontMetrics.elidedText(option.currentText,
                                                 Qt.TextElideMode.ElideRight, width)
            if text != option.currentText:
                option = QStyleOptionComboBox(option)
                option.currentText = text
        super().drawControl(element, option, painter, widget)

    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,
                    widget: QWidget | None = None) -> int:
        """Grow check boxes and radio buttons with the text: Fusion's are 13 px at any size.

        At the largest text (32 pt) a 13-pixel box beside 50-pixel lines was hard to see and
        to hit; it now takes three quarters of a line, as it does at the usual size.
        """
        size = super().pixelMetric(metric, option, widget)
        if metric in _INDICATORS:
            metrics = (widget.fontMetrics() if widget is not None
                       else QFontMetrics(QApplication.font()))
            size = max(size, round(metrics.height() * 0.75))
        return size


_INDICATORS = (QStyle.PixelMetric.PM_IndicatorWidth, QStyle.PixelMetric.PM_IndicatorHeight,
               QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
               QStyle.PixelMetric.PM_ExclusiveIndicatorHeight)


def use_app_style(app: QApplication) -> None:
    """Give the app ClearIndicatorStyle, unless it has it already."""
    # Fusion draws the same everywhere and honours a custom palette fully; native styles
    # (windows11, macOS) ignore parts of it. Setting it again would repolish every widget.
    if not isinstance(app.style(), ClearIndicatorStyle):
        app.setStyle(ClearIndicatorStyle(STYLE_NAME))


def apply_theme(app: QApplication, theme: str, font_points: int) -> None:
    """Set the style, palette and font size (0: the system's) for the whole app."""
    use_app_style(app)
    apply_palette(app, theme, font_points)
