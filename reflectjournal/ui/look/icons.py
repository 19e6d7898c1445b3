"""The app's icons: SVG files in resources/icons/, drawn in the palette's text colour."""

from __future__ import annotations

import functools
import re

from PySide6.QtCore import QByteArray, QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from shiboken6 import Shiboken

from reflectjournal.resources import resource_path

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

ICON_NAMES = (
    "app", "backup", "calendar", "delete", "edit", "export", "lock", "new-entry", "preview",
    "search", "settings", "share", "star", "star-filled", "undo", "unlock",
)

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
