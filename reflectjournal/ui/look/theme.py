"""The app's look: calm light and dark palettes, the style, and contrast checks.

Everything is drawn with the Fusion style and a palette; there is no application style
sheet, because one would switch every widget to the style-sheet style and override the
palette in ways that are hard to see. Icons are in icons.py, and the style's one change to
Fusion in app_style.py: the unlock window paints before either is loaded.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QColor, QFontDatabase, QPalette
from PySide6.QtWidgets import QApplication, QComboBox, QToolTip

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

THEMES = ("system", "light", "dark")
STYLE_NAME = "Fusion"
_SCHEME = "reflectjournal_color_scheme"
"""The application property holding the colour scheme set on Qt, if any was."""

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


def apply_palette(app: QApplication, theme: str, font_points: int) -> None:
    """Set the palette and font size (0: the system's), leaving the style as it is.

    At start-up this is all the first frame needs: Fusion is chosen when the application
    is made (start_options), and app_style.apply_theme adds the app's style once the window shows.
    """
    if theme not in THEMES:
        raise ValueError(f"unknown theme {theme!r}")
    if font_points < 0:
        raise ValueError("font size must be 0 (the system's) or more")
    hints = app.styleHints()
    # Qt 6.8+: match native title bars to the theme. The "system" theme is Qt's own
    # default, so it is asked for only to undo a choice: the scheme's names live in the
    # Qt namespace, whose first use costs the first frame about 25 ms.
    if hasattr(hints, "setColorScheme") and (theme != "system" or app.property(_SCHEME)):
        from PySide6.QtCore import Qt

        scheme = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}
        hints.setColorScheme(scheme.get(theme, Qt.ColorScheme.Unknown))
        app.setProperty(_SCHEME, theme)
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
    if font_points or app.font().resolveMask():
        # A size was chosen now or earlier; with none ever chosen the app already has
        # the system's font, and asking the font database for it costs the first frame.
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.GeneralFont)
        if font_points:
            font.setPointSize(font_points)
        if font != app.font():
            app.setFont(font)
            _forget_combo_sizes(app)


def _forget_combo_sizes(app: QApplication) -> None:
    """Make every combo box measure itself again in the new font, now.

    The new font reaches the widgets in posted events: they are delivered first, so that
    whoever measures after this (the list's columns) measures the new text. Qt's combo box
    forgets its least size on a new style, not on a new font (qcombobox.cpp, changeEvent):
    a dialog left open while the text shrank from 32 pt kept its boxes 59 pixels tall and
    463 wide until it was opened again. A style change with the same style is what makes
    it measure again; nothing else about the box changes.
    """
    QCoreApplication.sendPostedEvents(None, QEvent.Type.ApplicationFontChange)
    for widget in app.allWidgets():
        # A window the collector frees during the loop (an event runs Python) leaves its
        # boxes' wrappers in the list, their C++ side gone: sending them an event raises.
        if isinstance(widget, QComboBox) and shiboken6.isValid(widget):
            QApplication.sendEvent(widget, QEvent(QEvent.Type.StyleChange))


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
