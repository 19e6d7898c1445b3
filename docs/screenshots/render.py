"""Render the app's main screens, light and dark, to PNG files in this folder.

Run from the checkout: `QT_QPA_PLATFORM=offscreen python docs/screenshots/render.py`.
Everything happens in a throwaway folder with the demo journal's made-up entries; the
key derivation is lowered because these journals are deleted at once.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QWidget

from reflectjournal.services.journal import JournalOptions
from reflectjournal.store.envelope import KdfParams, KdfPolicy
from reflectjournal.ui.app import build_window
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.demo import start_demo
from reflectjournal.ui.look.app_style import apply_theme
from reflectjournal.ui.look.icons import icon
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.dialog import SettingsDialog
from reflectjournal.ui.settings.options import Settings

# The folder is the first argument when given (the test renders into a temporary one).
OUT = Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else Path(__file__).resolve().parent
SIZE = (1100, 720)
THROWAWAY = JournalOptions(kdf=KdfPolicy(min_memory_kib=8, min_iterations=1,
                                         fixed=KdfParams(64, 1, 1)))


def _settle() -> None:
    for _ in range(5):
        QApplication.processEvents()


def _save(widget: QWidget, name: str) -> None:
    _settle()
    path = OUT / f"{name}.png"
    if not widget.grab().save(str(path)):  # QPixmap.save says nothing when it fails
        raise SystemExit(f"Could not write {path}")
    print(path)


def _window(place: Path, settings: Settings) -> tuple[MainWindow, JournalSession]:
    window = build_window(place, settings, options=THROWAWAY, tasks=SyncTasks())
    session = window.session
    window.resize(*SIZE)
    window.show()
    return window, session


def _render_review(theme: str, work: Path) -> None:
    """Render the supervisor's review screen over bundles shared from two demo journals."""
    import datetime as dt

    from reflectjournal.domain.entry import EntryChanges
    from reflectjournal.domain.search import EntryFilter
    from reflectjournal.services.demo import fill_demo
    from reflectjournal.services.journal import Journal
    from reflectjournal.ui.sharing.review_dialog import ReviewDialog

    today, words = dt.date.today(), "screenshot journal passphrase"
    supervisor, _ = Journal.create(work / f"{theme}-supervisor", words, THROWAWAY)
    supervisor.sharing.my_card("Dr. Ada Obi", "Reflective supervisor")
    for name, role, picks in (
        ("Sam Rivera", "Home visitor", slice(0, 3)),
        ("Jordan Lee", "Early interventionist", slice(3, 5)),
    ):
        clinician, _ = Journal.create(work / f"{theme}-{name}", words, THROWAWAY)
        clinician.sharing.my_card(name, role)
        for me, other in ((clinician, supervisor), (supervisor, clinician)):
            contact, code = me.sharing.add_contact(other.sharing.card_bytes())
            me.sharing.verify_contact(contact.name, code)
        fill_demo(clinician, today)
        ids = [s.id for s in clinician.list_entries(EntryFilter(kinds=("session",)))][picks]
        if name == "Sam Rivera":
            clinician.loop.bring(ids[1])  # one he brings to supervision: on both agendas
            sam_ids = ids
        draft = clinician.sharing.prepare(
            ids, message="Visits I would like to bring on Thursday; the first one stays with me."
        )
        bundle = work / f"{theme}-{name}.rjb"
        # The demo is made up: every flag of the check is "not an identifier" here.
        clinician.sharing.write_share(
            draft, bundle, to="Dr. Ada Obi", allow=[f.id for f in draft.flags]
        )
        clinician.close()
        supervisor.sharing.receive_file(bundle)
    [bundle_id] = [
        b.bundle_id for b in supervisor.sharing.received_bundles() if b.sender.name == "Sam Rivera"
    ]
    first = supervisor.sharing.received_entries(bundle_id)[0].entry.id
    supervisor.sharing.add_comment(
        bundle_id,
        first,
        "The 'Bye! Back!' game sounds like the "
        "whole visit in small. What did you feel when longer visits "
        "came up? Let's start there on Thursday.",
        question=True,
    )
    supervisor.sharing.confirm_session(bundle_id, today - dt.timedelta(days=6), 60, "individual")
    # Sam reads the question, edits another shared entry and shares it again: the diff.
    supervisor.sharing.write_reply(work / f"{theme}-reply.rjb", to="Sam Rivera")
    with Journal.open(work / f"{theme}-Sam Rivera", words, THROWAWAY) as sam:
        sam.sharing.receive_file(work / f"{theme}-reply.rjb")
        edited = sam.get_entry(sam_ids[2])
        sam.update_entry(edited.id, EntryChanges(
            body=edited.body + "\n\nLooking back, the babies led and I only had to follow."))
        draft = sam.sharing.prepare([edited.id])
        sam.sharing.write_share(draft, work / f"{theme}-again.rjb", to="Dr. Ada Obi",
                                allow=[f.id for f in draft.flags])
    supervisor.sharing.receive_file(work / f"{theme}-again.rjb")
    supervisor.sharing.add_comment(bundle_id, None, "Thank you for these.")
    supervisor.close()
    session = JournalSession(work / f"{theme}-supervisor", THROWAWAY, SyncTasks())
    session.unlock(words, lambda _: None, print)
    dialog = ReviewDialog(session)
    dialog.show()
    sam = dialog.model.index(1, 0)  # the supervisees go by name: Jordan Lee, Sam Rivera
    older = dialog.model.index(1, 0, sam)  # his first bundle; the newest is the one shared again
    dialog.tree.expand(older)
    dialog.tree.setCurrentIndex(dialog.model.index(0, 0, older))
    _save(dialog, f"{theme}-review")
    dialog.close()
    _review_search(theme, session)
    session.shutdown()
    clinician = JournalSession(work / f"{theme}-Sam Rivera", THROWAWAY, SyncTasks())
    clinician.unlock(words, lambda _: None, print)
    _agenda(theme, clinician, "clinician")
    clinician.shutdown()


def _review_search(theme: str, session: JournalSession) -> None:
    """Render the review screen searching, and the caseload, at 1024x700 and the largest text."""
    from reflectjournal.ui.settings.options import FONT_POINTS
    from reflectjournal.ui.sharing.review_dialog import ReviewDialog

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    # The largest text keeps the names the README shows; the usual size says so.
    for size, points, prefix in (("largest", FONT_POINTS.high or 32, theme),
                                 ("usual", 0, f"{theme}-usual")):
        apply_theme(app, theme, points)
        dialog = ReviewDialog(session)
        dialog.resize(1024, 700)
        dialog.show()
        dialog.filters.search.setText("grandmother")
        dialog.filters.answered.setCurrentIndex(dialog.filters.answered.findData(False))
        dialog.filters.changed.emit()  # at once, not after the typing pause
        _save(dialog, f"{prefix}-review-search")
        dialog.filters.reset()
        dialog.filters.search.setText("babies led")  # the entry Sam shared again, edited
        dialog.filters.changed.emit()
        dialog.text.find("Changed since the version")  # what changed, in view
        dialog.text.centerCursor()
        _save(dialog, f"{theme}-{size}-review-diff")
        dialog.caseload_button.click()
        assert dialog.caseload is not None
        dialog.caseload.resize(1024, 700)
        _save(dialog.caseload, f"{prefix}-caseload")
        dialog.close()
        _agenda(theme, session, "supervisor", size, points)
    apply_theme(app, theme, 0)


def _agenda(theme: str, session: JournalSession, side: str, size: str = "",
            points: int | None = None) -> None:
    """Render the supervision agenda screen at 1024x700, at one text size or at both."""
    from reflectjournal.ui.settings.options import FONT_POINTS
    from reflectjournal.ui.sharing.agenda_dialog import AgendaDialog

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sizes = ([(size, points or 0)] if size else
             [("usual", 0), ("largest", FONT_POINTS.high or 32)])
    for name, font_points in sizes:
        apply_theme(app, theme, font_points)
        dialog = AgendaDialog(session)
        dialog.resize(1024, 700)
        dialog.show()
        _save(dialog, f"{theme}-{name}-agenda-{side}")
        dialog.close()
    apply_theme(app, theme, 0)


def render(theme: str, work: Path) -> None:
    """Render every screen in one theme."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_theme(app, theme, 0)
    settings = Settings(work / f"{theme}-settings.ini")

    window, session = _window(work / f"{theme}-first-run", settings)
    _save(window, f"{theme}-first-run")
    session.shutdown()
    window.close()

    window, session = _window(work / f"{theme}-demo", settings)
    start_demo(window, session)
    _settle()
    window.journal_page.table.selectRow(2)
    _save(window, f"{theme}-main-window")
    window.journal_page.search_box.setText("bath")
    window.entries.refresh()
    window.journal_page.table.selectRow(0)
    _save(window, f"{theme}-search")
    window.journal_page.search_box.clear()
    window.entries.refresh()
    window.journal_page.table.selectRow(1)
    window.editing.edit_current()
    _save(window, f"{theme}-editor")
    window.editing.close_editor()
    dialog = SettingsDialog(session, settings, window)
    dialog.show()
    _save(dialog, f"{theme}-settings")
    dialog.close()
    _history_and_trash(theme, window, session)
    _import_preview(theme, window, session)
    _import_hours(theme, window, session)
    _progress(theme, window)
    window.lock()
    _save(window, f"{theme}-unlock")
    session.shutdown()
    window.close()
    _share_preview(theme, work)
    _render_review(theme, work)
    _writing(theme, work)
    from flag_memory_shots import render_flag_memory  # beside this script

    render_flag_memory(theme, work, _save)
    from provider_shots import render_providers  # beside this script

    render_providers(theme, work, _save)


def _writing(theme: str, work: Path) -> None:
    """Render writing and reading at 1024x700, at the usual and at the largest text size:
    the list and reading pane, New entry's kind question, the editor, the F1 help and the
    template editor."""
    from reflectjournal.ui.journal.help_dialog import HelpDialog
    from reflectjournal.ui.journal.kind_dialog import KindDialog
    from reflectjournal.ui.journal.template_dialog import TemplateDialog
    from reflectjournal.ui.settings.options import FONT_POINTS

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    for size, points in (("usual", 0), ("largest", FONT_POINTS.high or 32)):
        apply_theme(app, theme, points)
        settings = Settings(work / f"{theme}-{size}-writing.ini")
        window, session = _window(work / f"{theme}-{size}-writing", settings)
        window.resize(1024, 700)
        start_demo(window, session)
        _settle()
        window.journal_page.search_box.setText("supervision")
        window.entries.refresh()
        window.journal_page.table.selectRow(0)
        _save(window, f"{theme}-{size}-reading")
        window.journal_page.search_box.clear()
        window.entries.refresh()
        kinds = KindDialog(window, window.catalog.kinds, "session")
        kinds.show()
        _save(kinds, f"{theme}-{size}-new-entry")
        kinds.close()
        window.editing.new_entry("session")
        _save(window, f"{theme}-{size}-writing")
        window.journal_page.editor.clear()
        window.editing.close_editor()
        shortcuts = HelpDialog(window, window.actions())
        shortcuts.show()
        _save(shortcuts, f"{theme}-{size}-help")
        shortcuts.close()
        templates = TemplateDialog(session, "session", window)
        templates.resize(1024, 700)
        templates.show()
        templates.prompts.setCurrentIndex(templates.model.index(1))
        _save(templates, f"{theme}-{size}-templates")
        templates.close()
        session.shutdown()
        window.close()
    apply_theme(app, theme, 0)


def _history_and_trash(theme: str, window: MainWindow, session: JournalSession) -> None:
    """Render an entry's history (an earlier version chosen) and the trash with two entries."""
    from reflectjournal.domain.entry import EntryChanges
    from reflectjournal.services.journal import Journal
    from reflectjournal.ui.journal.history_dialog import HistoryDialog
    from reflectjournal.ui.journal.trash_dialog import TrashDialog

    def fail(error: BaseException) -> None:
        raise error

    def rewrite(journal: Journal) -> tuple[str, list[str]]:
        rows = journal.list_entries()
        entry = journal.get_entry(rows[1].id)
        journal.update_entry(entry.id, EntryChanges(
            title=entry.title + " (after supervision)",
            body=entry.body + "\n\nLooking back after supervision, I was rushing the visit."))
        journal.update_entry(entry.id, EntryChanges(starred=not entry.starred))
        return entry.id, [rows[3].id, rows[5].id]

    found: list[tuple[str, list[str]]] = []
    session.call(rewrite, found.append, fail)
    entry_id, doomed = found[0]
    history = HistoryDialog(session, entry_id, window)  # type: ignore[arg-type]
    history.show()
    history.table.selectRow(2)  # the first version, against the current
    _save(history, f"{theme}-history")
    history.close()
    for victim in doomed:
        session.call(lambda j, v=victim: j.delete_entry(v), lambda _: None, fail)
    trash = TrashDialog(session, window)
    trash.show()
    _save(trash, f"{theme}-trash")
    trash.close()


def _import_preview(theme: str, window: MainWindow, session: JournalSession) -> None:
    """Render the import from another app with the Word journal sample previewed."""
    from reflectjournal.ui.journal.import_dialog import ImportDialog

    sample = Path(__file__).resolve().parents[2] / "tests/fixtures/foreign/word/journal.docx"
    dialog = ImportDialog(session, window)
    dialog.source.setCurrentIndex(dialog.source.findData("word"))
    dialog.path.setText(str(sample))
    dialog.show()
    dialog.preview()
    _save(dialog, f"{theme}-import")
    dialog.close()


def _import_hours(theme: str, window: MainWindow, session: JournalSession) -> None:
    """Render the import of a spreadsheet of past hours with the Excel sample previewed."""
    from reflectjournal.ui.journal.import_dialog import ImportDialog

    sample = (Path(__file__).resolve().parents[2]
              / "tests/fixtures/hours-csv/past-hours-excel.csv")
    dialog = ImportDialog(session, window)
    dialog.source.setCurrentIndex(dialog.source.findData("csv"))
    dialog.path.setText(str(sample))
    dialog.resize(1024, 700)
    dialog.show()
    dialog.preview()
    _save(dialog, f"{theme}-import-hours")
    dialog.close()


def _progress(theme: str, window: MainWindow) -> None:
    """Render the Progress screen on the demo journal: supervision, then the coverage grid."""
    window.open_progress()
    dialog = window.progress_dialog
    dialog.resize(1024, 700)
    _save(dialog, f"{theme}-progress")
    dialog.view.tabs.setCurrentIndex(2)
    _save(dialog, f"{theme}-coverage")
    dialog.close()


def _share_preview(theme: str, work: Path) -> None:
    """Render the share dialog over a made-up visit: one flag redacted, the rest still open."""
    import datetime as dt

    from reflectjournal.domain.entry import EntryChanges
    from reflectjournal.domain.share_decisions import FlagState
    from reflectjournal.services.journal import Journal
    from reflectjournal.ui.sharing.share_dialog import ShareDialog

    def fail(error: BaseException) -> None:
        raise error

    words = "lantern quietly harbors seven maple orbits"
    supervisor, _ = Journal.create(work / f"{theme}-share-supervisor", words, THROWAWAY)
    supervisor.sharing.my_card("Dr. Ada Obi", "Reflective supervisor")
    session = JournalSession(work / f"{theme}-share", THROWAWAY, SyncTasks())
    session.create(words, lambda _key: None, fail)

    def fill(journal: Journal) -> str:
        journal.sharing.my_card("Sam Rivera", "Home visitor")
        ada, code = journal.sharing.add_contact(supervisor.sharing.card_bytes())
        journal.sharing.verify_contact(ada.card.fingerprint, code)
        journal.sharing.set_watch_list(["Maribel"])
        return journal.add_entry(
            EntryChanges(
                kind="session",
                date=dt.date(2026, 11, 3),
                title="Feeding at the kitchen table",
                duration_minutes=60,
                fields={"setting": "home", "client_code": "QX7-KLM"},
                answers={
                    "baby": "Maribel watched her mother's face before each spoonful, then "
                    "turned away and looked at me."
                },
                body="Her grandmother opened the door before I knocked and asked me to call "
                "her at 773-555-0198 if I am late next week. I noticed how quickly I "
                "wanted to fix the feeding, and how the room slowed down when I sat on "
                "the floor instead.",
            )
        ).id

    ids: list[str] = []
    session.call(fill, ids.append, fail)
    dialog = ShareDialog(session, ids)
    dialog.resize(*SIZE)
    dialog.show()
    dialog.choose_recipient(next(iter(dialog._contacts)))
    dialog.choices.message.setPlainText("One visit I would like to bring on Thursday.")
    dialog.prepare_now()
    assert dialog.draft is not None
    named = [f.id for f in dialog.draft.flags if f.flag.text == "Maribel"]
    dialog.resolve(named, FlagState.REDACT)
    _save(dialog, f"{theme}-share-preview")
    dialog.close()
    session.shutdown()
    supervisor.close()


def main() -> int:
    """Render light and dark screens."""
    app = QApplication(sys.argv[:1])
    app.setWindowIcon(icon("app"))
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="reflectjournal-shots-") as place:
        for theme in ("light", "dark"):
            render(theme, Path(place))
    return 0


if __name__ == "__main__":
    sys.exit(main())
