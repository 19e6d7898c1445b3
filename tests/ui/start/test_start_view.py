"""The start view over real journals: every unlock error, recovery, strength, Caps Lock, export."""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reflectjournal.domain.errors import WrongPassphraseError
from reflectjournal.domain.passphrase import Strength, passphrase_problem
from reflectjournal.services.journal import Journal
from reflectjournal.store import schema
from reflectjournal.store.database import Database
from reflectjournal.store.envelope import load_envelope
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.start import recovery_key_export
from reflectjournal.ui.start.start_view import StartView
from reflectjournal.ui.widgets.passphrase_field import (
    CAPS_LOCK_ON,
    MessageLabel,
    caps_lock_from_key,
)
from tests.helpers.gui import find_by_name, on_screen
from tests.helpers.journals import FAST, FAST_KDF, PASSPHRASE

NEW_PASSPHRASE = "maple otter quartz velvet canyon"

MakeView = Callable[[], StartView]


@pytest.fixture
def make_view(qtbot: QtBot, journal_dir: Path, runtime_dir: Path) -> Iterator[MakeView]:
    """Return a function that shows a start view on the journal folder as it is now."""
    sessions: list[JournalSession] = []

    def make() -> StartView:
        session = JournalSession(journal_dir, FAST, SyncTasks())
        sessions.append(session)
        view = StartView(session)
        qtbot.addWidget(view)
        view.resize(900, 720)
        view.show()
        return view

    yield make
    for session in sessions:
        session.shutdown()


@pytest.fixture
def recovery_key(journal_dir: Path) -> str:
    """Create a closed journal and return its recovery key."""
    journal, key = Journal.create(journal_dir, PASSPHRASE, FAST)
    journal.close()
    return key


def _type(qtbot: QtBot, field: QLineEdit, text: str, *, enter: bool = False) -> None:
    field.clear()
    qtbot.keyClicks(field, text)
    if enter:
        qtbot.keyClick(field, Qt.Key.Key_Return)


def _page_of(view: StartView, widget: QWidget) -> bool:
    return view.currentWidget().isAncestorOf(widget)


def _recorder(view: StartView) -> list[int]:
    opened: list[int] = []
    view.opened.connect(lambda: opened.append(1))
    return opened


# Unlock errors, each with a real journal.


def test_wrong_passphrase_says_so_and_what_to_try(recovery_key: str, make_view: MakeView,
                                                  qtbot: QtBot) -> None:
    view = make_view()
    opened = _recorder(view)
    _type(qtbot, find_by_name(view, "Passphrase"), "not the passphrase", enter=True)
    assert "does not open this journal" in find_by_name(view, "Unlock problem").text()
    assert "Caps Lock" in on_screen(view, "What to do next").text()
    assert "Use recovery key" in on_screen(view, "What to do next").text()
    field = find_by_name(view, "Passphrase")
    assert field.selectedText() == "not the passphrase"  # ready to retype
    assert not opened
    assert not view.session.is_open

    _type(qtbot, find_by_name(view, "Passphrase"), PASSPHRASE, enter=True)
    assert opened == [1]
    assert find_by_name(view, "Unlock problem").text() == ""
    assert on_screen(view, "What to do next").text() == ""
    assert find_by_name(view, "Passphrase").text() == ""


def test_an_empty_passphrase_is_not_tried(recovery_key: str, make_view: MakeView,
                                          qtbot: QtBot) -> None:
    view = make_view()
    qtbot.keyClick(find_by_name(view, "Passphrase"), Qt.Key.Key_Return)
    assert find_by_name(view, "Unlock problem").text() == "Type your passphrase."


def _damage_page_one(folder: Path) -> None:
    database = folder / "journal.db"
    data = bytearray(database.read_bytes())
    data[2048:2112] = bytes(64)  # the middle of the first 4 KiB page
    database.write_bytes(bytes(data))


@pytest.mark.parametrize("with_backup", [True, False])
def test_damaged_journal_says_where_backups_are_and_how_to_restore(
    journal_dir: Path, make_view: MakeView, qtbot: QtBot, with_backup: bool
) -> None:
    journal, _ = Journal.create(journal_dir, PASSPHRASE, FAST)
    backup = journal.backup() if with_backup else None
    journal.close()
    _damage_page_one(journal_dir)
    view = make_view()
    _type(qtbot, find_by_name(view, "Passphrase"), PASSPHRASE, enter=True)
    assert "damaged" in find_by_name(view, "Unlock problem").text()
    assert "does not open" not in find_by_name(view, "Unlock problem").text()
    step = on_screen(view, "What to do next").text()
    assert str(journal_dir / "backups") in step
    assert f'reflectjournal --journal "{journal_dir}" restore' in step
    assert "never deleted" in step  # restore sets the damaged files aside
    if backup is not None:
        assert f'"{backup}"' in step
    else:
        assert "There are no backups" in step
    assert not view.session.is_open


def test_journal_open_elsewhere_says_to_close_it_there(
    recovery_key: str, journal_dir: Path, make_view: MakeView, qtbot: QtBot
) -> None:
    view = make_view()
    held = Journal.open(journal_dir, PASSPHRASE, FAST)  # takes the journal's lock
    try:
        _type(qtbot, find_by_name(view, "Passphrase"), PASSPHRASE, enter=True)
        assert "open in another window" in find_by_name(view, "Unlock problem").text()
        next_step = on_screen(view, "What to do next").text()
        assert "Close ReflectJournal in the other window" in next_step
        assert not view.session.is_open
    finally:
        held.close()
    _type(qtbot, find_by_name(view, "Passphrase"), PASSPHRASE, enter=True)  # the advice works
    assert view.session.is_open


def test_newer_schema_says_to_update_the_app(
    recovery_key: str, journal_dir: Path, make_view: MakeView, qtbot: QtBot
) -> None:
    key = load_envelope(journal_dir / "journal.key").unwrap_with_passphrase(PASSPHRASE, FAST_KDF)
    db = Database.open(journal_dir / "journal.db", key)
    db.execute(f"PRAGMA user_version = {schema.LATEST + 1}")
    db.close()
    view = make_view()
    _type(qtbot, find_by_name(view, "Passphrase"), PASSPHRASE, enter=True)
    assert "newer version of ReflectJournal" in find_by_name(view, "Unlock problem").text()
    assert "Install the newest version" in on_screen(view, "What to do next").text()
    assert not view.session.is_open


def _to_recovery(qtbot: QtBot, view: StartView) -> None:
    qtbot.mouseClick(find_by_name(view, "Use recovery key"), Qt.MouseButton.LeftButton)
    assert _page_of(view, view.recover_page.key)


def test_recovery_key_opens_the_journal_and_sets_a_new_passphrase(
    recovery_key: str, journal_dir: Path, make_view: MakeView, qtbot: QtBot
) -> None:
    view = make_view()
    opened = _recorder(view)
    _type(qtbot, find_by_name(view, "Passphrase"), "forgotten, whatever it was", enter=True)
    _to_recovery(qtbot, view)
    page = view.recover_page
    assert find_by_name(view, "Passphrase").text() == ""
    _type(qtbot, page.key, recovery_key.lower(), enter=True)  # case does not matter
    assert page.form.new.edit.hasFocus() or not view.isActiveWindow()
    _type(qtbot, page.form.new.edit, NEW_PASSPHRASE)
    _type(qtbot, page.form.repeat.edit, NEW_PASSPHRASE, enter=True)
    assert opened == [1]
    assert view.session.is_open
    assert page.key.text() == ""
    assert page.form.new.text() == ""

    view.session.lock()
    Journal.open(journal_dir, NEW_PASSPHRASE, FAST).close()
    with pytest.raises(WrongPassphraseError):
        Journal.open(journal_dir, PASSPHRASE, FAST)


def test_a_key_of_another_journal_has_its_own_message(
    recovery_key: str, tmp_path: Path, make_view: MakeView, qtbot: QtBot
) -> None:
    other, other_key = Journal.create(tmp_path / "other", PASSPHRASE, FAST)
    other.close()
    view = make_view()
    _to_recovery(qtbot, view)
    page = view.recover_page
    _type(qtbot, page.key, other_key)
    _type(qtbot, page.form.new.edit, NEW_PASSPHRASE)
    _type(qtbot, page.form.repeat.edit, NEW_PASSPHRASE, enter=True)
    assert "does not belong to this journal" in page.error.text()
    assert "Compare it with the copy you saved or printed" in page.next_step.text()
    assert page.key.selectedText() == other_key
    assert not view.session.is_open


def test_a_mistyped_key_has_its_own_message(recovery_key: str, make_view: MakeView,
                                            qtbot: QtBot) -> None:
    view = make_view()
    _to_recovery(qtbot, view)
    page = view.recover_page
    _type(qtbot, page.key, recovery_key[:-1] + ("A" if recovery_key[-1] != "A" else "B"))
    _type(qtbot, page.form.new.edit, NEW_PASSPHRASE)
    _type(qtbot, page.form.repeat.edit, NEW_PASSPHRASE, enter=True)
    assert "not a valid recovery key" in page.error.text()
    assert not view.session.is_open


def test_recovery_asks_for_the_key_and_a_good_new_passphrase(
    recovery_key: str, journal_dir: Path, make_view: MakeView, qtbot: QtBot
) -> None:
    view = make_view()
    _to_recovery(qtbot, view)
    page = view.recover_page
    key_file = (journal_dir / "journal.key").read_bytes()
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert page.error.text() == "Type your recovery key."
    _type(qtbot, page.key, recovery_key)
    _type(qtbot, page.form.new.edit, "too short")
    assert page.form.meter.strength.level is Strength.TOO_WEAK
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert "12 characters" in page.form.meter.label.text()
    _type(qtbot, page.form.new.edit, NEW_PASSPHRASE)
    _type(qtbot, page.form.repeat.edit, NEW_PASSPHRASE + " nope", enter=True)
    assert page.form.match.text() == "The two passphrases differ."
    assert not view.session.is_open
    assert (journal_dir / "journal.key").read_bytes() == key_file


def test_esc_on_the_recovery_page_goes_back_and_forgets_the_key(
    recovery_key: str, make_view: MakeView, qtbot: QtBot
) -> None:
    view = make_view()
    _to_recovery(qtbot, view)
    page = view.recover_page
    _type(qtbot, page.key, recovery_key)
    qtbot.keyClick(page.key, Qt.Key.Key_Escape)
    assert _page_of(view, find_by_name(view, "Passphrase"))
    assert page.key.text() == ""
    _to_recovery(qtbot, view)
    qtbot.mouseClick(page.back_button, Qt.MouseButton.LeftButton)
    assert _page_of(view, find_by_name(view, "Passphrase"))


def test_strength_feedback_follows_the_typing(journal_dir: Path, make_view: MakeView,
                                              qtbot: QtBot) -> None:
    view = make_view()
    meter = view.setup_form.meter
    assert meter.bar.value() == Strength.EMPTY
    seen = []
    for text in ["maple", "a long enough passphrase", "maple otter quartz velvet",
                 "maple otter quartz velvet canyon"]:
        _type(qtbot, on_screen(view, "New passphrase"), text)
        seen.append((meter.strength.level, meter.label.text()))
        assert meter.bar.value() == meter.strength.level
        assert meter.bar.accessibleDescription() == meter.label.text()
    assert [level for level, _ in seen] == [Strength.TOO_WEAK, Strength.WEAK, Strength.GOOD,
                                           Strength.STRONG]
    assert len({message for _, message in seen}) == 4
    assert "12 characters" in seen[0][1]

    _type(qtbot, on_screen(view, "Repeat the new passphrase"), "maple otter")
    assert view.setup_form.match.text() == ""  # still typing it
    _type(qtbot, on_screen(view, "Repeat the new passphrase"), "maple otter quartz velvet canyon")
    assert view.setup_form.match.text() == "The passphrases match."
    _type(qtbot, on_screen(view, "Repeat the new passphrase"), "maple otter quartz velvet canon")
    assert view.setup_form.match.text() == "The two passphrases differ."


def test_a_passphrase_the_rules_refuse_creates_nothing(journal_dir: Path, make_view: MakeView,
                                                      qtbot: QtBot) -> None:
    view = make_view()
    _type(qtbot, on_screen(view, "New passphrase"), "abc abc abc abc")
    _type(qtbot, on_screen(view, "Repeat the new passphrase"), "abc abc abc abc", enter=True)
    assert "too few characters" in view.setup_form.meter.label.text()
    assert not journal_dir.exists()


def test_suggested_passphrase_fills_both_fields_in_view(journal_dir: Path,
                                                        make_view: MakeView,
                                                        qtbot: QtBot) -> None:
    view = make_view()
    form = view.setup_form
    qtbot.mouseClick(form.suggest, Qt.MouseButton.LeftButton)
    suggestion = on_screen(view, "New passphrase").text()
    assert on_screen(view, "Repeat the new passphrase").text() == suggestion
    assert len(suggestion.split(" ")) == 6
    assert passphrase_problem(suggestion) is None
    assert form.meter.strength.level is Strength.STRONG
    assert form.show_box.isChecked()
    for field in (on_screen(view, "New passphrase"), on_screen(view, "Repeat the new passphrase")):
        assert field.echoMode() == QLineEdit.EchoMode.Normal
        # Shown, but still kept out of on-screen keyboards' word suggestions.
        assert field.inputMethodHints() & Qt.InputMethodHint.ImhNoPredictiveText
        assert field.inputMethodHints() & Qt.InputMethodHint.ImhSensitiveData
    assert "Write it down" in form.match.text()
    qtbot.mouseClick(form.show_box, Qt.MouseButton.LeftButton)  # hide it again
    assert on_screen(view, "New passphrase").echoMode() == QLineEdit.EchoMode.Password

    qtbot.mouseClick(find_by_name(view, "Create journal"), Qt.MouseButton.LeftButton)
    assert _page_of(view, view.key_page.key_label)
    view.session.lock()
    Journal.open(journal_dir, suggestion, FAST).close()


def _key_event(text: str, shift: bool = False, key: Qt.Key | None = None) -> QKeyEvent:
    modifiers = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    code = key if key is not None else Qt.Key(ord(text.upper()))
    return QKeyEvent(QEvent.Type.KeyPress, code, modifiers, text)


def test_caps_lock_warning_appears_and_disappears(recovery_key: str, make_view: MakeView,
                                                  qtbot: QtBot) -> None:
    view = make_view()
    field = find_by_name(view, "Passphrase")
    warning = field.parentWidget().findChild(QLabel)
    assert warning.text() == CAPS_LOCK_ON
    assert warning.isHidden()
    QApplication.sendEvent(field, _key_event("A"))  # a capital without Shift
    assert not warning.isHidden()
    assert field.text() == "A"
    QApplication.sendEvent(field, _key_event("b"))
    assert warning.isHidden()
    QApplication.sendEvent(field, _key_event("c", shift=True))  # Shift lowers under Caps Lock
    assert not warning.isHidden()
    QApplication.sendEvent(field, _key_event("", key=Qt.Key.Key_CapsLock))
    assert warning.isHidden()
    QApplication.sendEvent(field, _key_event("", key=Qt.Key.Key_CapsLock))
    assert not warning.isHidden()
    QApplication.sendEvent(field, _key_event("7"))  # digits say nothing either way
    assert not warning.isHidden()

    # The state is shared: the warning follows the field being typed in.
    _to_recovery(qtbot, view)
    new = view.recover_page.form.new
    QApplication.sendEvent(new.edit, _key_event("D"))
    assert not new.caps_warning.isHidden()
    assert warning.isHidden()
    view.show_start()  # locking forgets it
    assert new.caps_warning.isHidden()


def test_caps_lock_is_read_from_letters_only() -> None:
    assert caps_lock_from_key("A", shift=False) is True
    assert caps_lock_from_key("a", shift=True) is True
    assert caps_lock_from_key("a", shift=False) is False
    assert caps_lock_from_key("É", shift=True) is False
    assert caps_lock_from_key("1", shift=False) is None
    assert caps_lock_from_key("", shift=False) is None
    assert caps_lock_from_key("语", shift=False) is None


# Keeping the recovery key.


def _create_via_gui(qtbot: QtBot, view: StartView) -> str:
    _type(qtbot, on_screen(view, "New passphrase"), NEW_PASSPHRASE)
    _type(qtbot, on_screen(view, "Repeat the new passphrase"), NEW_PASSPHRASE, enter=True)
    assert _page_of(view, view.key_page.key_label)
    return view.key_page.key_label.text()


def test_save_recovery_key_writes_a_small_private_file(
    journal_dir: Path, make_view: MakeView, qtbot: QtBot, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    view = make_view()
    key = _create_via_gui(qtbot, view)
    target = tmp_path / "export" / "my-key.txt"
    target.parent.mkdir()
    asked: list[Any] = []

    def fake_dialog(*args: Any) -> tuple[str, str]:
        asked.append(args)
        return str(target), "Text files (*.txt)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    qtbot.mouseClick(view.key_page.save_button, Qt.MouseButton.LeftButton)
    text = target.read_text(encoding="utf-8")
    assert key in text
    assert "Use recovery key" in text
    assert NEW_PASSPHRASE not in text
    assert len(text) < 2000
    if os.name == "posix":
        assert target.stat().st_mode & 0o777 == 0o600
    assert str(target) in view.key_page.export_message.text()
    assert asked[0][2].endswith(recovery_key_export.DEFAULT_FILE_NAME)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: ("", ""))
    target.unlink()
    qtbot.mouseClick(view.key_page.save_button, Qt.MouseButton.LeftButton)
    assert not target.exists()  # cancelled


def test_save_recovery_key_reports_a_failed_write(
    journal_dir: Path, make_view: MakeView, qtbot: QtBot, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    view = make_view()
    _create_via_gui(qtbot, view)
    missing = tmp_path / "no-such-folder" / "key.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(missing), ""))
    qtbot.mouseClick(view.key_page.save_button, Qt.MouseButton.LeftButton)
    assert view.key_page.export_message.text().startswith("The key was not saved")
    assert not missing.exists()


def test_print_recovery_key_to_pdf(journal_dir: Path, make_view: MakeView, qtbot: QtBot,
                                   tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    view = make_view()
    _create_via_gui(qtbot, view)
    pdf = tmp_path / "key.pdf"

    def pdf_printer(parent: QWidget) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(pdf))
        return printer

    monkeypatch.setattr(recovery_key_export, "ask_printer", pdf_printer)
    qtbot.mouseClick(view.key_page.print_button, Qt.MouseButton.LeftButton)
    assert pdf.stat().st_size > 1000
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "printer" in view.key_page.export_message.text()


def test_print_cancelled_prints_nothing(journal_dir: Path, make_view: MakeView, qtbot: QtBot,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    view = make_view()
    _create_via_gui(qtbot, view)
    monkeypatch.setattr(recovery_key_export, "ask_printer", lambda parent: None)
    qtbot.mouseClick(view.key_page.print_button, Qt.MouseButton.LeftButton)
    assert view.key_page.export_message.text() == ""


def test_the_printed_page_and_the_file_hold_the_key_and_the_date() -> None:
    day = dt.date(2026, 3, 1)
    for text in (recovery_key_export.recovery_key_html("ABCD-EFGH", day),
                 recovery_key_export.recovery_key_text("ABCD-EFGH", day)):
        assert "ABCD-EFGH" in text
        assert "2026-03-01" in text


# Keyboard and screen readers.


def _mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text)
    return found.group(1).lower() if found else None


def test_every_control_is_named_and_every_field_labelled(recovery_key: str,
                                                        make_view: MakeView) -> None:
    view = make_view()
    # Pages other than unlock are built when first needed: build them all.
    view._setup()
    view._first_run_pages()
    view._recover()
    controls = [w for w in view.findChildren(QWidget)
                if isinstance(w, QLineEdit | QAbstractButton | QProgressBar)]
    assert len(controls) > 20
    for control in controls:
        assert control.accessibleName(), control
    labels = view.findChildren(QLabel)
    buddies = {label.buddy() for label in labels if label.buddy() is not None}
    for field in view.findChildren(QLineEdit):
        assert field in buddies, field.accessibleName()
    # Within a page, no two mnemonics collide.
    for index in range(view.count()):
        page = view.widget(index)
        texts = [w.text() for w in page.findChildren(QLabel) + page.findChildren(QAbstractButton)]
        keys = [k for k in map(_mnemonic, texts) if k]
        assert len(keys) == len(set(keys)), texts


def _tab_chain(start: QWidget, count: int) -> list[QWidget]:
    chain = [start]
    widget = start
    while len(chain) < count:
        widget = widget.nextInFocusChain()
        if (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isVisible():
            chain.append(widget)
    return chain


def test_tab_order_follows_the_reading_order(recovery_key: str, make_view: MakeView) -> None:
    view = make_view()
    unlock_page = [find_by_name(view, name) for name in
                   ("Passphrase", "Show passphrase", "Unlock", "Use recovery key")]
    assert _tab_chain(unlock_page[0], 4) == unlock_page
    find_by_name(view, "Use recovery key").click()
    page = view.recover_page
    form = page.form
    assert _tab_chain(page.key, 7) == [page.key, form.new.edit, form.repeat.edit,
                                       form.show_box, form.suggest, page.open_button,
                                       page.back_button]


def test_tab_order_on_the_first_run_page(journal_dir: Path, make_view: MakeView) -> None:
    view = make_view()
    form = view.setup_form
    first = on_screen(view, "New passphrase")
    assert _tab_chain(first, 5) == [first, on_screen(view, "Repeat the new passphrase"),
                                    form.show_box, form.suggest,
                                    find_by_name(view, "Create journal")]


# Busy while the key is derived, and forgetting on lock.


class _HeldTasks(SyncTasks):
    """Holds submitted work until the test releases it, like a slow KDF."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[Callable[[], None]] = []

    def submit(self, work: Callable[[], Any], done: Any, failed: Any) -> None:
        self.held.append(lambda: SyncTasks.submit(self, work, done, failed))


def test_controls_wait_while_the_key_is_derived(recovery_key: str, journal_dir: Path,
                                                qtbot: QtBot, runtime_dir: Path) -> None:
    tasks = _HeldTasks()
    session = JournalSession(journal_dir, FAST, tasks)
    view = StartView(session)
    qtbot.addWidget(view)
    view.show()
    try:
        _type(qtbot, find_by_name(view, "Passphrase"), PASSPHRASE, enter=True)
        assert find_by_name(view, "Unlocking").isVisible()
        assert not find_by_name(view, "Unlock").isEnabled()
        assert not find_by_name(view, "Passphrase").isEnabled()
        tasks.held.pop()()
        assert not find_by_name(view, "Unlocking").isVisible()
        assert find_by_name(view, "Unlock").isEnabled()
        assert session.is_open
    finally:
        session.shutdown()


def test_show_start_forgets_everything_typed(recovery_key: str, make_view: MakeView,
                                             qtbot: QtBot) -> None:
    view = make_view()
    _type(qtbot, find_by_name(view, "Passphrase"), "something")
    find_by_name(view, "Show passphrase").setChecked(True)
    _to_recovery(qtbot, view)
    _type(qtbot, view.recover_page.key, recovery_key)
    _type(qtbot, view.recover_page.form.new.edit, "a secret in progress")
    view.show_start()
    assert _page_of(view, find_by_name(view, "Passphrase"))
    for field in view.findChildren(QLineEdit):
        assert field.text() == ""
    assert not find_by_name(view, "Show passphrase").isChecked()
    assert find_by_name(view, "Passphrase").echoMode() == QLineEdit.EchoMode.Password


def test_messages_are_plain_text_selectable_by_mouse(qtbot: QtBot) -> None:
    """A message may quote a path or what was typed: markup in it is shown as typed."""
    label = MessageLabel("Problem")
    qtbot.addWidget(label)
    assert label.isHidden()
    label.setText("<b>C:\\journal</b> & more")
    assert not label.isHidden()
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.textInteractionFlags() == Qt.TextInteractionFlag.TextSelectableByMouse
    label.clear()
    assert label.isHidden()
