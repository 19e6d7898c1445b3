"""Settings that may live outside the encrypted journal, each declared once.

Only layout and preferences go here (window geometry, theme, lock and clipboard times,
font size); anything that could reveal content (titles, searches, paths with names) is
never written. The INI file lives in the platform's config folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from PySide6.QtCore import QByteArray, QSettings

from reflectjournal import APP_NAME
from reflectjournal.domain.idle import DEFAULT_LOCK_MINUTES, MAX_LOCK_MINUTES, MIN_LOCK_MINUTES
from reflectjournal.ui.look.theme import THEMES


@dataclass(frozen=True, slots=True)
class Option:
    """One setting: its key, type, default and allowed range."""

    key: str
    default: Any
    low: int | None = None
    high: int | None = None
    choices: tuple[str, ...] = ()


LOCK_MINUTES = Option("security/lock_minutes", DEFAULT_LOCK_MINUTES, MIN_LOCK_MINUTES,
                      MAX_LOCK_MINUTES)
CLIPBOARD_SECONDS = Option("security/clipboard_seconds", 60, 10, 600)
THEME = Option("appearance/theme", "system", choices=THEMES)
MIN_FONT_POINTS = 8  # below it nothing is readable; 0 (the default) is the system's size
FONT_POINTS = Option("appearance/font_points", 0, MIN_FONT_POINTS, 32)
GEOMETRY = Option("window/geometry", QByteArray())
# The template New entry last used per kind lives in the journal (Templates.last_used):
# which kinds a person writes is not a preferences file's business.
OPTIONS = (LOCK_MINUTES, CLIPBOARD_SECONDS, THEME, FONT_POINTS, GEOMETRY)


def settings_path() -> Path:
    """Return the INI file's path."""
    return platformdirs.user_config_path(APP_NAME, appauthor=False) / "settings.ini"


class Settings:
    """Typed access to the whitelisted options; anything else is refused."""

    def __init__(self, path: Path | None = None) -> None:
        self._qsettings = QSettings(str(path or settings_path()), QSettings.Format.IniFormat)

    def get(self, option: Option) -> Any:
        """Return the option's value, or its default when missing or out of range."""
        value = self._qsettings.value(option.key, option.default)
        if isinstance(option.default, int):
            if not isinstance(value, int | str):  # an INI file can hold a list
                return option.default
            try:
                number = int(value)
            except ValueError:
                return option.default
            if option.low is not None and option.high is not None:
                # The default is always allowed: 0 text points is "the system's size".
                in_range = option.low <= number <= option.high or number == option.default
                return number if in_range else option.default
            return number
        if option.choices:
            return value if value in option.choices else option.default
        return value

    def set(self, option: Option, value: Any) -> None:
        """Store a declared option."""
        if option not in OPTIONS:
            raise KeyError(option.key)
        self._qsettings.setValue(option.key, value)

    def sync(self) -> None:
        """Write to disk now."""
        self._qsettings.sync()
