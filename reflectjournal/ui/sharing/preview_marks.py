"""How the share preview marks flags, and why its text cannot be copied out."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from reflectjournal.domain.share_decisions import FlagState
from reflectjournal.domain.share_preview import Span


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def flag_formats(palette: QPalette) -> dict[FlagState, QTextCharFormat]:
    """Return the preview's mark for each flag state, readable in either theme.

    Never colour alone: unresolved text is also underlined (a solid line: a wavy one
    reads as dots at text size), placeholders dashed,
    and text kept as "not an identifier" dotted.
    """
    dark = _is_dark(palette)
    text = palette.color(QPalette.ColorRole.Text)
    # Amber: a warning that is not an error; both pairs are well over 4.5:1 with the text.
    unresolved = QTextCharFormat()
    unresolved.setBackground(QColor("#6b4f0e" if dark else "#ffe4a0"))
    unresolved.setForeground(text)
    unresolved.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    unresolved.setUnderlineColor(QColor("#ffb74d" if dark else "#a24a00"))
    redacted = QTextCharFormat()
    redacted.setBackground(QColor("#3b4a4d" if dark else "#e1e7e6"))
    redacted.setForeground(text)
    redacted.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
    redacted.setUnderlineColor(palette.color(QPalette.ColorRole.PlaceholderText))
    allowed = QTextCharFormat()
    allowed.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
    allowed.setUnderlineColor(palette.color(QPalette.ColorRole.PlaceholderText))
    return {FlagState.UNRESOLVED: unresolved, FlagState.REDACT: redacted, FlagState.ALLOW: allowed}


class NoCopy(QObject):
    """Keeps outgoing text off the clipboard: the preview is for reading."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Swallow copy and cut shortcuts."""
        if event.type() == QEvent.Type.ShortcutOverride or event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Copy) or event.matches(
                QKeySequence.StandardKey.Cut
            ):
                event.accept()
                return True
        return super().eventFilter(watched, event)


def flag_marks(
    preview: QPlainTextEdit,
    flag_ids: Iterable[str],
    spans: Mapping[str, Span],
    state_of: Callable[[str], FlagState],
) -> list[QTextEdit.ExtraSelection]:
    """Return a mark per flag placed in the preview, formatted for where it stands."""
    formats = flag_formats(preview.palette())
    marks = []
    for flag_id in flag_ids:
        span = spans.get(flag_id)
        if span is None:
            continue
        mark = QTextEdit.ExtraSelection()
        cursor = QTextCursor(preview.document())
        cursor.setPosition(span.start)
        cursor.setPosition(span.end, QTextCursor.MoveMode.KeepAnchor)
        mark.cursor = cursor
        mark.format = formats[FlagState.REDACT if span.redacted else state_of(flag_id)]
        marks.append(mark)
    return marks
