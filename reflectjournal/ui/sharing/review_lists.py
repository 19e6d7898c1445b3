"""The review screen's lists: comments on an entry or bundle, sessions with a supervisee."""

from __future__ import annotations

from reflectjournal.domain.bundle import FORMAT_LABELS
from reflectjournal.domain.supervision import ConfirmedSession, ReviewComment
from reflectjournal.ui.widgets.model_index import AnyIndex
from reflectjournal.ui.widgets.value_table import ValueListModel
from reflectjournal.ui.widgets.wording import local_day


def _sent(sent_in: str | None) -> str:
    return "sent" if sent_in else "not sent yet"


class CommentListModel(ValueListModel):
    """The comments on one entry, or the overall ones on a bundle."""

    def text(self, value: ReviewComment) -> str:
        """Return the date, whether it went, and the comment."""
        asked = "question · " if value.question else ""
        return f"{local_day(value.written_at)} · {asked}{_sent(value.sent_in)}\n{value.text}"

    def comment(self, index: AnyIndex) -> ReviewComment:
        """Return the comment behind a valid index."""
        found: ReviewComment = self.value(index)
        return found


class SessionListModel(ValueListModel):
    """Sessions confirmed with one supervisee."""

    def text(self, value: ConfirmedSession) -> str:
        """Return date, length, format and whether it went."""
        return (
            f"{value.date.isoformat()} · {value.minutes} min · "
            f"{FORMAT_LABELS.get(value.format, value.format).lower()} · "
            f"{_sent(value.sent_in)}"
        )
