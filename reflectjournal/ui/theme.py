"""The app's look: calm light and dark palettes, tinted icons and contrast checks.

Everything is drawn with the Fusion style and a palette; there is no application style
sheet, because one would switch every widget to the style-sheet style and override the
palette in ways that are hard to see.
"""

from __future__ import annotations

import functools
import re

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QToolTip, QWidget
from shiboken6 import Shiboken

from reflectjournal.resources import resource_path

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

THEMES = ("system", "light", "dark")
ICON_NAMES = (
    "app", "backup", "calendar", "delete", "edit", "export", "lock", "new-entry", "preview",
    "search", "settings", "share", "star", "star-filled", "undo", "unlock",
)

# WCAG 2.x AA for normal-size text.
TEXT_CONTRAST = 4.5
# WCAG exempts disabled controls from any minimum; we still keep their labels legible at
# the large-text/UI-component level rather than the body-text level.
DISABLED_CONTRAST = 3.0

# (text, background) pairs held to TEXT_CONTRAST in the Active and Inactive groups.
TEXT_PAIRS: tuple[tuple[QPalette.ColorRole, QPalette.ColorRole], ...] = (
    (Role.Text, Role.Base),
    (Role.Text, Role.AlternateBase),
    (Role.WindowText, Role.Window),
    (Role.ButtonText, Role.Button),
    (Role.HighlightedText, Role.Highlight),
    (Role.ToolTipText, Role.ToolTipBase),
    (Role.PlaceholderText, Role.Base),
    (Role.Link, Role.Base),
    (Role.Link, Role.Window),
    (Role.LinkVisited, Role.Base),
)
# Pairs held to DISABLED_CONTRAST in the Disabled group.
DISABLED_PAIRS: tuple[tuple[QPalette.ColorRole, QPalette.ColorRole], ...] = (
    (Role.Text, Role.Base),
    (Role.WindowText, Role.Window),
    (Role.ButtonText, Role.Button),
)

# Muted teal for selection and focus: calm, and distinct from the blue of links.
_LIGHT = {
    Role.Window: "#f3f4f2",
    Role.WindowText: "#1e2a30",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f1f4f3",
    Role.Text: "#1e2a30",
    Role.PlaceholderText: "#5f6b70",
    Role.Button: "#eaedeb",
    Role.ButtonText: "#1e2a30",
    Role.BrightText: "#ffffff",
    Role.Light: "#ffffff",
    Role.Midlight: "#f7f8f7",
    Role.Mid: "#c4cac7",
    Role.Dark: "#9aa39f",
    Role.Shadow: "#5c6461",
    Role.Highlight: "#2f6f73",
    Role.HighlightedText: "#ffffff",
    Role.Accent: "#2f6f73",
    Role.Link: "#1d5f86",
    Role.LinkVisited: "#5d4a87",
    Role.ToolTipBase: "#2b363b",
    Role.ToolTipText: "#f4f6f5",
}
_LIGHT_DISABLED = {
    Role.WindowText: "#7a8489",
    Role.Text: "#7a8489",
    Role.ButtonText: "#7a8489",
    Role.PlaceholderText: "#98a1a5",
    Role.Base: "#f7f8f7",
    Role.Button: "#eef0ee",
    Role.Highlight: "#b7c2c0",
    Role.HighlightedText: "#1e2a30",
    Role.Accent: "#b7c2c0",
    Role.Link: "#7a8489",
    Role.LinkVisited: "#7a8489",
}
# Fields and lists sit a step lighter than the window: Fusion draws frames and check boxes
# in a darker shade of Window, which would vanish against a darker Base.
_DARK = {
    Role.Window: "#1f2427",
    Role.WindowText: "#e3e7e5",
    Role.Base: "#2a3034",
    Role.AlternateBase: "#2f3639",
    Role.Text: "#e3e7e5",
    Role.PlaceholderText: "#959ea2",
    Role.Button: "#343b3f",
    Role.ButtonText: "#e3e7e5",
    Role.BrightText: "#ffffff",
    Role.Light: "#4a5257",
    Role.Midlight: "#3d4449",
    Role.Mid: "#2a3034",
    Role.Dark: "#15181a",
    Role.Shadow: "#000000",
    Role.Highlight: "#2f6f73",
    Role.HighlightedText: "#ffffff",
    Role.Accent: "#2f6f73",
    Role.Link: "#7cc0e0",
    Role.LinkVisited: "#b9a7e0",
    Role.ToolTipBase: "#3d464b",
    Role.ToolTipText: "#f1f3f2",
}
_DARK_DISABLED = {
    Role.WindowText: "#858f94",
    Role.Text: "#858f94",
    Role.ButtonText: "#858f94",
    Role.PlaceholderText: "#6a7377",
    Role.Base: "#252a2e",
    Role.Button: "#2a3034",
    Role.Highlight: "#3a4347",
    Role.HighlightedText: "#aab2b5",
    Role.Accent: "#3a4347",
    Role.Link: "#858f94",
    Role.LinkVisited: "#858f94",
}


def _palette(colours: dict[QPalette.ColorRole, str],
             disabled: dict[QPalette.ColorRole, str]) -> QPalette:
    """Build a palette with every role set in every group."""
    palette = QPalette()
    for role, value in colours.items():
        palette.setColor(Group.Active, role, QColor(value))
        # Same as active, so a selection stays readable when the window loses focus.
        palette.setColor(Group.Inactive, role, QColor(value))
        palette.setColor(Group.Disabled, role, QColor(disabled.get(role, value)))
    return palette


def light_palette() -> QPalette:
    """Return the light palette."""
    return _palette(_LIGHT, _LIGHT_DISABLED)


def dark_palette() -> QPalette:
    """Return the dark palette."""
    return _palette(_DARK, _DARK_DISABLED)


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


def apply_theme(app: QApplication, theme: str, font_points: int) -> None:
    """Set the style, palette and font size (0: the system's) for the whole app."""
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}")
    if font_points < 0:
        raise ValueError("font size must be 0 (the system's) or more")
    # Fusion draws the same everywhere and honours a custom palette fully; native styles
    # (windows11, macOS) ignore parts of it. Setting it again would repolish every widget.
    if not isinstance(app.style(), ClearIndicatorStyle):
        app.setStyle(ClearIndicatorStyle("Fusion"))
    hints = app.styleHints()
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+: matches native title bars to the theme
        scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
        hints.setColorScheme(scheme.get(theme, Qt.ColorScheme.Unknown))
    if theme == "light":
        palette = light_palette()
    elif theme == "dark":
        palette = dark_palette()
    else:
        # An empty palette resolves against the platform's, and keeps following it when the
        # user switches the desktop between light and dark.
        palette = QPalette()
        palette.setResolveMask(0)
    # Setting the app palette also drops per-class palettes a platform theme may have set.
    app.setPalette(palette)
    # Some platform themes give tooltips their own palette; keep them with ours.
    QToolTip.setPalette(app.palette())
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
    if font_points:
        font.setPointSize(font_points)
    app.setFont(font)


def _linear(channel: float) -> float:
    """Return one sRGB channel (0..1) in linear light."""
    # 0.04045 is the sRGB threshold; WCAG 2.x prints 0.03928, which changes no 8-bit value.
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def _luminance(colour: QColor) -> float:
    """Return the WCAG relative luminance of an opaque colour."""
    return (0.2126 * _linear(colour.redF()) + 0.7152 * _linear(colour.greenF())
            + 0.0722 * _linear(colour.blueF()))


def contrast_ratio(fg: QColor, bg: QColor) -> float:
    """Return the WCAG 2.x contrast ratio (1 to 21) of fg drawn over an opaque bg."""
    alpha = fg.alphaF()
    if alpha < 1.0:
        # A translucent colour is seen blended over what lies beneath it.
        fg = QColor.fromRgbF(
            fg.redF() * alpha + bg.redF() * (1 - alpha),
            fg.greenF() * alpha + bg.greenF() * (1 - alpha),
            fg.blueF() * alpha + bg.blueF() * (1 - alpha),
        )
    lighter, darker = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def palette_problems(palette: QPalette) -> list[str]:
    """List the text/background pairs below TEXT_CONTRAST (DISABLED_CONTRAST when disabled)."""
    checks = [(group, TEXT_PAIRS, TEXT_CONTRAST) for group in (Group.Active, Group.Inactive)]
    checks.append((Group.Disabled, DISABLED_PAIRS, DISABLED_CONTRAST))
    problems = []
    for group, pairs, minimum in checks:
        for fg, bg in pairs:
            ratio = contrast_ratio(palette.color(group, fg), palette.color(group, bg))
            if ratio < minimum:
                problems.append(f"{group.name} {fg.name}/{bg.name}: "
                                f"{ratio:.2f}:1, needs {minimum}:1")
    return problems


_ICON_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@functools.cache
def _svg_source(name: str) -> bytes:
    """Read and check one icon's SVG text."""
    if not _ICON_NAME.fullmatch(name):
        raise ValueError(f"bad icon name {name!r}")
    data = resource_path("icons", f"{name}.svg").read_bytes()
    if not QSvgRenderer(QByteArray(data)).isValid():
        raise ValueError(f"icon {name!r} is not a valid SVG")
    return data


@functools.lru_cache(maxsize=256)
def _renderer(name: str, colour: str) -> QSvgRenderer:
    """Return a renderer for the icon with currentColor replaced by colour."""
    renderer = QSvgRenderer(QByteArray(_svg_source(name).replace(b"currentColor",
                                                                 colour.encode())))
    renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    return renderer


def _icon_colour(mode: QIcon.Mode) -> QColor:
    """Return the colour icons are drawn in for a mode, from the current app palette."""
    palette = QGuiApplication.palette()
    if mode == QIcon.Mode.Disabled:
        return palette.color(Group.Disabled, Role.WindowText)
    if mode == QIcon.Mode.Selected:
        return palette.color(Group.Active, Role.HighlightedText)
    return palette.color(Group.Active, Role.WindowText)


class _TintedSvgEngine(QIconEngine):
    """Draw an SVG icon in the palette's text colour at paint time."""

    # Tinting at paint time, not once at creation, lets icons follow a theme change.

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        """Draw the icon into rect."""
        colour = _icon_colour(mode).name(QColor.NameFormat.HexRgb)
        _renderer(self._name, colour).render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        """Return the icon drawn at size."""
        image = QImage(size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return QPixmap.fromImage(image)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        """Return the icon drawn sharply for a high-density screen."""
        # Qt 6.8+ passes the logical size here; drawing at device pixels keeps lines crisp.
        pixmap = self.pixmap(size * scale, mode, state)
        pixmap.setDevicePixelRatio(scale)
        return pixmap

    def clone(self) -> QIconEngine:
        """Return a copy."""
        # PySide does not hand a clone's ownership to the QIcon that asked for it, so without
        # a reference here Python frees the copy at once and the icon crashes on next use.
        # Copies the icons have since deleted are dropped from the list.
        _clones[:] = [engine for engine in _clones if Shiboken.isValid(engine)]
        engine = _TintedSvgEngine(self._name)
        _clones.append(engine)
        return engine

    def key(self) -> str:
        """Return the engine's name."""
        return "reflectjournal-tinted-svg"

    def iconName(self) -> str:
        """Return the icon's name."""
        return self._name

    def isNull(self) -> bool:
        """Report that the icon has something to draw."""
        return False


_clones: list[_TintedSvgEngine] = []


def icon(name: str) -> QIcon:
    """Return resources/icons/<name>.svg drawn in the current palette's text colour."""
    _svg_source(name)  # fail here on a missing or broken file, not at the first paint
    return QIcon(_TintedSvgEngine(name))
