"""Every dialog at the largest text size fits a 1024x700 screen: nothing cut off (issue 13).

Each dialog opens over a real journal (a supervisor's desk: two clinicians who shared entries
with her), at 32 pt, within 1024x700, and tests/helpers/fit.py finds no misfit: no window
larger than the room, no child outside its parent, no label or button short of its text, and
(checked here) no page that scrolls sideways. A tabbed dialog is checked on every tab. The
Progress screen and its provider dialogs have their own test (tests/ui/progress/).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reflectjournal.domain.deid.kinds import Flag, FlagKind
from reflectjournal.domain.endorsement.records import Amendment
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.share_selection import LocatedFlag
from reflectjournal.domain.supervision import Contact
from reflectjournal.services.journal import Journal
from reflectjournal.store.envelope import format_recovery_key
from reflectjournal.ui.app import build_window
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.copies.check_review import CopyCheckDialog
from reflectjournal.ui.journal.confirmation_flow import NoteDialog
from reflectjournal.ui.journal.help_dialog import HelpDialog
from reflectjournal.ui.journal.history_dialog import HistoryDialog
from reflectjournal.ui.journal.import_dialog import ImportDialog
from reflectjournal.ui.journal.kind_dialog import KindDialog
from reflectjournal.ui.journal.template_dialog import TemplateDialog
from reflectjournal.ui.journal.trash_dialog import TrashDialog
from reflectjournal.ui.main_window import MainWindow
from reflectjournal.ui.settings.dialog import SettingsDialog
from reflectjournal.ui.settings.options import Settings
from reflectjournal.ui.settings.security_tab import RecoveryKeyDialog
from reflectjournal.ui.sharing.agenda_dialog import AgendaDialog
from reflectjournal.ui.sharing.attest_dialog import AttestDialog
from reflectjournal.ui.sharing.caseload_dialog import CaseloadDialog
from reflectjournal.ui.sharing.claims_dialog import ClaimsDialog
from reflectjournal.ui.sharing.confirm_session_dialog import ConfirmSessionDialog
from reflectjournal.ui.sharing.contacts_dialog import ContactsDialog
from reflectjournal.ui.sharing.flag_memory_parts import RememberedTermsDialog
from reflectjournal.ui.sharing.group_session_dialog import GroupSessionDialog, Participant
from reflectjournal.ui.sharing.receive_bundle import BundlePassphraseDialog
from reflectjournal.ui.sharing.review_dialog import ReviewDialog
from reflectjournal.ui.sharing.send_comments_dialog import SendCommentsDialog
from reflectjournal.ui.sharing.share_dialog import ShareDialog
from reflectjournal.ui.widgets.provider_dialog import NewProviderDialog
from reflectjournal.ui.widgets.window_room import FRAME
from tests.helpers.desk import desk_journals
from tests.helpers.fit import misfits
from tests.helpers.gui import call_inline, on_screen, open_session, unlock
from tests.helpers.journals import FAST, PASSPHRASE

# A 1024x700 screen, less what the window's frame (title bar, borders) takes of it.
ROOM = QSize(1024, 700) - FRAME
HOURS_CSV = Path(__file__).resolve().parents[1] / "fixtures" / "hours-csv" / "past-hours-excel.csv"


@dataclass
class Desk:
    """What the dialogs open over: the clinician's and the supervisor's journal folders."""

    tmp: Path
    edited: EntryId  # one of Sam's entries, edited once (it has a history)
    qtbot: QtBot
    sessions: list[JournalSession]
    windows: list[MainWindow]

    def session(self, who: str) -> JournalSession:
        session = open_session(self.tmp / who)
        self.sessions.append(session)
        return session

    def window(self, unlocked: bool = True) -> MainWindow:
        window = build_window(self.tmp / "sam", Settings(self.tmp / "settings.ini"),
                              options=FAST, tasks=SyncTasks())
        self.qtbot.addWidget(window)
        self.windows.append(window)
        window.resize(ROOM)
        window.show()
        if unlocked:
            unlock(self.qtbot, window)
            self.qtbot.waitUntil(lambda: window.journal_page.model.rowCount() > 0)
        return window


@pytest.fixture(scope="module")
def made_desk(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, EntryId]:
    """Make the journals once (a few seconds); each test opens its own copy of them."""
    folder = tmp_path_factory.mktemp("desk")
    journals = desk_journals(folder)
    sam = journals.sam
    edited = sam.add_entry(EntryChanges(kind="session", date=dt.date(2026, 3, 12),
                                        title="Naptime", body="The baby slept at last."))
    sam.update_entry(edited.id, EntryChanges(kind="session", date=dt.date(2026, 3, 12),
                                             title="Naptime, and after",
                                             body="The baby slept at last; her mother too."))
    lee, _ = Journal.create(folder / "lee", PASSPHRASE, FAST)
    with lee:
        lee.sharing.my_card("Lee Chen", "Infant mental health specialist")
        (folder / "lee.rjcard").write_bytes(lee.sharing.card_bytes())
    gone = sam.add_entry(EntryChanges(kind="reflection", title="A draft I did not keep"))
    sam.delete_entry(gone.id)
    journals.close()
    return folder, edited.id


@pytest.fixture
def desk(qtbot: QtBot, tmp_path: Path, runtime_dir: Path,
         made_desk: tuple[Path, EntryId]) -> Iterator[Desk]:
    folder, edited = made_desk
    shutil.copytree(folder, tmp_path, dirs_exist_ok=True)
    made = Desk(tmp_path, edited, qtbot, [], [])
    yield made
    for window in made.windows:
        window.session.shutdown()
    for session in made.sessions:
        session.shutdown()


def _contact(session: JournalSession, index: int = 0) -> Contact:
    return call_inline(session, lambda journal: journal.sharing.contacts()[index])


def _flags() -> list[LocatedFlag]:
    text = "Mrs. Zyxwvut called from 312-555-0142 at noon."
    return [LocatedFlag("f1", EntryId("e1"), "body",
                        Flag(5, 12, FlagKind.NAME, "Zyxwvut", "a capitalised name after Mrs.")),
            LocatedFlag("f2", EntryId("e1"), "body",
                        Flag(25, 37, FlagKind.PHONE, text[25:37], "a phone number"))]


def _note() -> list[Amendment]:
    return [Amendment("e1", dt.datetime(2026, 3, 5, 9, 30),
                      "The session ran ten minutes longer than written: the family arrived late.")]


def _entry_ids(session: JournalSession) -> list[EntryId]:
    return call_inline(session, lambda journal: journal.entries.selected()[:2])


def _hours_preview(dialog: ImportDialog) -> ImportDialog:
    """Preview a spreadsheet of past hours, as a user who chose it would see it."""
    dialog.source.setCurrentIndex(dialog.source.findData("csv"))
    dialog.path.setText(str(HOURS_CSV))
    dialog.preview()
    assert dialog.preview_text.toPlainText()
    return dialog


def _six_words(dialog: SendCommentsDialog) -> SendCommentsDialog:
    """Choose to lock the reply with six words, which the dialog then shows large."""
    dialog.by_words.setChecked(True)
    assert dialog.passphrase_words
    return dialog


def _wrong_code(desk: Desk, dialog: ContactsDialog) -> ContactsDialog:
    """Import a new card and type a pairing code that does not match (issue 13's squash)."""
    dialog.import_card_file(desk.tmp / "lee.rjcard")
    dialog.heard.setText("0000 0000 0000")
    dialog.verify.click()
    assert "does not match" in dialog.pairing_message.text()
    return dialog


def _wrong_passphrase(window: MainWindow) -> MainWindow:
    """Type a wrong passphrase and press Enter: the window says what went wrong."""
    field = on_screen(window.start, "Passphrase", QLineEdit)
    field.setText("not the passphrase at all")
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert on_screen(window.start, "Unlock problem", QLabel).text()
    return window


def _recovering(window: MainWindow) -> MainWindow:
    """Choose 'Use recovery key…' on the unlock page."""
    on_screen(window.start, "Use recovery key", QPushButton).click()
    assert window.start.recover_page is not None
    return window


def _first_run(desk: Desk, steps: int) -> MainWindow:
    """Open the window on a folder with no journal; take that many first-run steps."""
    window = MainWindow(JournalSession(desk.tmp / "new", FAST, SyncTasks()),
                        Settings(desk.tmp / "first.ini"))
    desk.windows.append(window)
    window.resize(ROOM)
    start = window.start
    if steps >= 1:
        for name in ("New passphrase", "Repeat the new passphrase"):
            on_screen(start, name, QLineEdit).setText("a long enough passphrase")
        desk.qtbot.keyClick(on_screen(start, "Repeat the new passphrase"), Qt.Key.Key_Return)
        assert start.key_page is not None
    if steps >= 2:
        assert start.key_page is not None
        key = start.key_page.key_label.text()
        start.key_page.confirm.setText(key.rsplit("-", 1)[1])
        desk.qtbot.keyClick(start.key_page.confirm, Qt.Key.Key_Return)
        assert start.disk_page is not None
    return window


Build = Callable[[Desk], QWidget]
DIALOGS: dict[str, Build] = {
    "help": lambda d: HelpDialog(w := d.window(), w.actions()),
    "new entry kind": lambda d: KindDialog(w := d.window(), w.catalog.kinds, "session"),
    "unlock window": lambda d: d.window(unlocked=False),
    "unlock window, a wrong passphrase": lambda d: _wrong_passphrase(d.window(unlocked=False)),
    "recovery key instead of the passphrase": lambda d: _recovering(d.window(unlocked=False)),
    "first run": lambda d: _first_run(d, 0),
    "first run, the recovery key": lambda d: _first_run(d, 1),
    "first run, disk encryption": lambda d: _first_run(d, 2),
    "settings": lambda d: SettingsDialog(d.session("sam"), Settings(d.tmp / "s.ini")),
    "recovery key": lambda d: RecoveryKeyDialog(format_recovery_key(bytes(range(16)))),
    "import": lambda d: ImportDialog(d.session("sam")),
    "import hours (CSV)": lambda d: _hours_preview(ImportDialog(d.session("sam"))),
    "templates": lambda d: TemplateDialog(d.session("sam"), "session"),
    "history": lambda d: HistoryDialog(d.session("sam"), d.edited),
    "trash": lambda d: TrashDialog(d.session("sam")),
    "dated note": lambda d: NoteDialog(d.window(), _note(), lambda _: None),
    "copy check": lambda d: CopyCheckDialog(_flags(), {"e1": "Feeding at the kitchen table"}),
    "new provider": lambda d: NewProviderDialog(None, "Dr. Ada Obi"),
    "contacts": lambda d: ContactsDialog(d.session("sam")),
    "contacts, a wrong pairing code": lambda d: _wrong_code(d, ContactsDialog(d.session("sam"))),
    "share preview": lambda d: ShareDialog(s := d.session("sam"), _entry_ids(s)),
    "remembered terms": lambda d: RememberedTermsDialog(d.session("sam")),
    "bundle words": lambda d: BundlePassphraseDialog("Those words do not open this bundle."),
    "review received": lambda d: ReviewDialog(d.session("supervisor")),
    "send comments": lambda d: SendCommentsDialog(
        s := d.session("supervisor"), _contact(s)),
    "send comments by six words": lambda d: _six_words(SendCommentsDialog(
        s := d.session("supervisor"), _contact(s))),
    "confirm session": lambda d: ConfirmSessionDialog("Sam Rivera"),
    "group session": lambda d: GroupSessionDialog(
        [Participant("Sam Rivera", True, "b1"), Participant("Jo Park", False, "b2")]),
    "period attestation": lambda d: AttestDialog(d.session("supervisor")),
    "claims": lambda d: ClaimsDialog(d.session("supervisor")),
    "caseload": lambda d: CaseloadDialog(d.session("supervisor")),
    "agenda": lambda d: AgendaDialog(d.session("sam")),
    "agenda, the supervisor's": lambda d: AgendaDialog(d.session("supervisor")),
}


def sideways(window: QWidget) -> list[str]:
    """Return a line for each shown page that is wider than its scroll area's room."""
    return [f"{area.accessibleName() or type(area.widget()).__name__} scrolls sideways: "
            f"{area.widget().width()} px in {area.viewport().width()}"
            for area in window.findChildren(QScrollArea)
            if area.isVisibleTo(window) and area.widget() is not None
            and area.widget().width() > area.viewport().width() + 1]


def cut_titles(window: QWidget) -> list[str]:
    """Return a line for each shown table column narrower than its title."""
    found = []
    for table in window.findChildren(QTableView):
        header = table.horizontalHeader()
        if not table.isVisibleTo(window) or header.isHidden() or table.model() is None:
            continue
        for column in range(header.count()):
            if header.isSectionHidden(column):
                continue
            title = table.model().headerData(column, Qt.Orientation.Horizontal)
            if header.sectionSize(column) + 1 < header.sectionSizeHint(column):
                found.append(f"{table.accessibleName()} column {title!r}: "
                             f"{header.sectionSize(column)} px of {header.sectionSizeHint(column)}")
    return found


def states(window: QWidget) -> Iterator[str]:
    """Show each tab of each tab widget in turn, naming it; the window as it opens first."""
    yield "as it opens"
    for tabs in window.findChildren(QTabWidget):
        if not tabs.isVisibleTo(window):
            continue
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            yield tabs.tabText(index).replace("&", "")


def shown(qtbot: QtBot, window: QWidget) -> QWidget:
    """Show window as the app does, then within the room (the offscreen screen is 800x800)."""
    qtbot.addWidget(window)
    window.show()
    window.resize(window.size().boundedTo(ROOM))
    for _ in range(3):
        QApplication.processEvents()
    return window


@pytest.mark.usefixtures("largest")
@pytest.mark.parametrize("name", DIALOGS)
def test_every_dialog_fits_1024x700_at_the_largest_text(
    name: str, desk: Desk, qtbot: QtBot,
) -> None:
    window = shown(qtbot, DIALOGS[name](desk))
    for state in states(window):
        QApplication.processEvents()
        found = misfits(window, ROOM) + sideways(window) + cut_titles(window)
        assert found == [], f"{name}, {state}: " + "; ".join(found)
    window.close()


# The offscreen screen is 800x800: narrower than the room, so widths are checked harder, but
# taller, and Qt sizes a new window from its screen (a 700-pixel screen cut a dialog's note
# that an 800-pixel one did not). So the same checks also run on a 1024x700 screen.
SCREEN = {"screens": [{"name": "1024x700", "x": 0, "y": 0, "width": 1024, "height": 700,
                       "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}
ON_THE_SCREEN = "REFLECTJOURNAL_FITS_ON_1024X700"


def test_every_dialog_fits_on_a_1024x700_screen(tmp_path: Path) -> None:
    if os.environ.get(ON_THE_SCREEN):
        pytest.skip("this is the run on that screen")
    config = tmp_path / "screen.json"
    config.write_text(json.dumps(SCREEN), encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
           ON_THE_SCREEN: "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", __file__, "-q", "-p", "no:cacheprovider",
         "-p", "no:xdist", "-k", "test_every_dialog_fits_1024x700_at_the_largest_text"],
        env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-4000:]
    assert f"{len(DIALOGS)} passed" in done.stdout, done.stdout[-500:]
