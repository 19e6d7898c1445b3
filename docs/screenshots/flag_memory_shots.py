"""Screens of the check that remembers, at 1024x700, usual and largest text (render.py
calls render_flag_memory per theme): the share preview with its flags and reasons, a term
remembered as not an identifier, the watch-list offer after a share, the allow-list to
review, and the flags shown before a printed copy is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.share_decisions import FlagState
from reflectjournal.domain.share_selection import LocatedFlag
from reflectjournal.services import outbound_check
from reflectjournal.services.journal import Journal, JournalOptions
from reflectjournal.store.envelope import KdfParams, KdfPolicy
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.copies.check_review import CopyCheckDialog
from reflectjournal.ui.look.app_style import apply_theme
from reflectjournal.ui.settings.options import FONT_POINTS
from reflectjournal.ui.sharing.share_dialog import ShareDialog

SIZE = (1024, 700)
WORDS = "lantern quietly harbors seven maple orbits"
BODY = (
    "At Bright Beginnings group Maribel's mother said the Similac samples ran out, so we "
    "talked about WIC. She asked me to text her at 773-555-0198 before the visit on "
    "March 14. I noticed how quickly I wanted to fix things for her."
)


def _fail(error: BaseException) -> None:
    raise error


def render_flag_memory(theme: str, work: Path, save: Callable[[QWidget, str], None]) -> None:
    """Render the screens in one theme at the usual and the largest text size."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for size, points in (("usual", 0), ("largest", FONT_POINTS.high or 32)):
        apply_theme(app, theme, points)
        _render(theme, size, work / f"{theme}-{size}-memory", save)
    apply_theme(app, theme, 0)


def _render(theme: str, size: str, work: Path, save: Callable[[QWidget, str], None]) -> None:
    # Throwaway journals, deleted with the folder: the key derivation is lowered.
    options = JournalOptions(kdf=KdfPolicy(min_memory_kib=8, min_iterations=1,
                                           fixed=KdfParams(64, 1, 1)))
    session = JournalSession(work, options, SyncTasks())
    session.create(WORDS, lambda _key: None, _fail)

    def fill(journal: Journal) -> str:
        journal.sharing.my_card("Sam Rivera", "Home visitor")
        # Cleared once before: the programme's name is no longer flagged in this journal.
        journal.sharing.allow_terms(["Bright Beginnings"])
        return journal.add_entry(EntryChanges(
            kind="session", date=dt.date(2026, 11, 3), title="Group, then a home visit",
            duration_minutes=60, fields={"setting": "home"}, body=BODY,
        )).id

    ids: list[str] = []
    session.call(fill, ids.append, _fail)
    dialog = ShareDialog(session, ids)
    dialog.resize(*SIZE)
    dialog.show()
    dialog.choose_recipient("passphrase")
    dialog.prepare_now()
    assert dialog.draft is not None
    for located in dialog.draft.flags:
        if located.flag.text.startswith("Maribel"):
            dialog.resolve([located.id], FlagState.REDACT)
    save(dialog, f"{theme}-{size}-share-flags")

    for located in dialog.unresolved():
        state = FlagState.ALLOW if located.flag.text == "Similac" else FlagState.REDACT
        dialog.resolve([located.id], state)
    dialog.write_to(work.with_name(f"{work.name}.rjb"))
    save(dialog, f"{theme}-{size}-share-offer")

    dialog.review.remembered.click()
    terms = dialog.remembered_terms
    assert terms is not None
    save(terms, f"{theme}-{size}-allow-list")
    terms.close()
    dialog.close()

    session.call(lambda j: j.sharing.forget_allowed(), lambda _t: None, _fail)
    found: list[LocatedFlag] = []
    titles: dict[str, str] = {}

    def check(journal: Journal) -> None:
        found.extend(outbound_check.check_printed(journal, ids))
        titles.update(outbound_check.entry_titles(journal, found))

    session.call(check, lambda _n: None, _fail)
    review = CopyCheckDialog(found, titles)
    review.resize(*SIZE)
    review.show()
    save(review, f"{theme}-{size}-copy-check")
    review.close()
    session.shutdown()
