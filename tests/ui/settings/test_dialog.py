"""The Settings dialog over a real journal: preferences, keys, backups and health."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reflectjournal.domain.errors import (
    JournalError,
    WrongPassphraseError,
    WrongRecoveryKeyError,
)
from reflectjournal.services.changes import EVERYTHING, NOTHING, Changes
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.look.theme import THEMES
from reflectjournal.ui.settings.dialog import SettingsDialog
from reflectjournal.ui.settings.options import (
    FONT_POINTS,
    LOCK_MINUTES,
    MIN_FONT_POINTS,
    THEME,
    Settings,
)
from tests.helpers.gui import call_inline, open_session, wheel
from tests.helpers.journals import FAST, PASSPHRASE
from tests.helpers.leaks import found_in

NEW_PASSPHRASE = "purple giraffe under quiet rain"


@pytest.fixture
def session(filled_journal: Path, runtime_dir: Path) -> Iterator[JournalSession]:
    """Return an unlocked session whose work runs inline."""
    session = open_session(filled_journal)
    yield session
    session.shutdown()


@pytest.fixture
def dialog(qtbot: QtBot, session: JournalSession, tmp_settings: Path) -> SettingsDialog:
    """Return the shown dialog over the unlocked journal."""
    settings_dialog = SettingsDialog(session, Settings(tmp_settings))
    qtbot.addWidget(settings_dialog)
    settings_dialog.show()
    return settings_dialog


@pytest.fixture
def confirmations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Answer every confirmation with its action button; return the texts asked."""
    asked: list[str] = []

    def accept(box: QMessageBox) -> int:
        asked.append(box.text())
        go = next(b for b in box.buttons()
                  if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole)
        go.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", accept)
    return asked


def _change_passphrase(qtbot: QtBot, dialog: SettingsDialog, current: str, new: str) -> None:
    qtbot.keyClicks(dialog.security.current_passphrase, current)
    qtbot.keyClicks(dialog.security.new_passphrase, new)
    qtbot.keyClicks(dialog.security.repeat_passphrase, new)
    qtbot.mouseClick(dialog.security.change_passphrase, Qt.MouseButton.LeftButton)


def test_lock_minutes_are_stored_and_announced_once_typing_is_done(
    qtbot: QtBot, dialog: SettingsDialog, tmp_settings: Path
) -> None:
    changes: list[None] = []
    dialog.settings_changed.connect(lambda: changes.append(None))
    dialog.lock_minutes.selectAll()
    qtbot.keyClicks(dialog.lock_minutes, "15")
    assert changes == []  # "1" of "15" was not applied on its way
    qtbot.keyClick(dialog.lock_minutes, Qt.Key.Key_Return)
    assert len(changes) == 1
    assert Settings(tmp_settings).get(LOCK_MINUTES) == 15
    with qtbot.waitSignal(dialog.settings_changed):
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    assert Settings(tmp_settings).get(THEME) == "dark"


def test_dialog_shows_the_stored_preferences(qtbot: QtBot, session: JournalSession,
                                             tmp_settings: Path) -> None:
    settings = Settings(tmp_settings)
    settings.set(LOCK_MINUTES, 7)
    settings.set(THEME, "light")
    shown = SettingsDialog(session, settings)
    qtbot.addWidget(shown)
    assert shown.lock_minutes.value() == 7
    assert shown.theme.currentData() == "light"


def test_change_passphrase_rewraps_the_key(
    qtbot: QtBot, dialog: SettingsDialog, session: JournalSession, filled_journal: Path
) -> None:
    _change_passphrase(qtbot, dialog, PASSPHRASE, NEW_PASSPHRASE)
    assert "Passphrase changed" in dialog.security.passphrase_message.text()
    assert "old passphrase" in dialog.security.passphrase_message.text()  # old backups: say so
    assert dialog.security.new_passphrase.text() == dialog.security.current_passphrase.text() == ""
    assert dialog.security.change_passphrase.isEnabled()
    session.lock()
    Journal.open(filled_journal, NEW_PASSPHRASE, FAST).close()
    with pytest.raises(WrongPassphraseError):
        Journal.open(filled_journal, PASSPHRASE, FAST)


def test_wrong_current_passphrase_changes_nothing(
    qtbot: QtBot, dialog: SettingsDialog, filled_journal: Path
) -> None:
    envelope = (filled_journal / "journal.key").read_bytes()
    _change_passphrase(qtbot, dialog, "not my passphrase at all", NEW_PASSPHRASE)
    assert "not the current passphrase" in dialog.security.passphrase_message.text()
    assert "Traceback" not in dialog.security.passphrase_message.text()
    assert (filled_journal / "journal.key").read_bytes() == envelope


@pytest.mark.parametrize(("new", "repeat", "expected"), [
    ("short", "short", "12 characters"),
    (NEW_PASSPHRASE, NEW_PASSPHRASE + "x", "differ"),
])
def test_unacceptable_new_passphrase_is_refused(
    qtbot: QtBot, dialog: SettingsDialog, filled_journal: Path, new: str, repeat: str,
    expected: str,
) -> None:
    envelope = (filled_journal / "journal.key").read_bytes()
    qtbot.keyClicks(dialog.security.current_passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.security.new_passphrase, new)
    qtbot.keyClicks(dialog.security.repeat_passphrase, repeat)
    qtbot.keyClick(dialog.security.repeat_passphrase, Qt.Key.Key_Return)
    # The same form as at first run says why, beside the field concerned.
    feedback = dialog.security.new_form.meter.label.text() + dialog.security.new_form.match.text()
    assert expected in feedback
    assert (filled_journal / "journal.key").read_bytes() == envelope


def test_new_recovery_key_is_shown_once_and_replaces_the_old_one(
    qtbot: QtBot, dialog: SettingsDialog, session: JournalSession, filled_journal: Path,
    confirmations: list[str],
) -> None:
    old_key = call_inline(session, lambda j: j.new_recovery_key())
    qtbot.mouseClick(dialog.security.new_recovery_key, Qt.MouseButton.LeftButton)
    assert "stop working" in confirmations[0]
    shown = dialog.security.key_dialog
    assert shown is not None
    assert shown.isVisible()
    new_key = shown.key.text()
    assert len(new_key.split("-")) == 8
    assert new_key != old_key
    assert not shown.key.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    assert shown.isVisible()  # not before "I have written it down"
    shown.written.setChecked(True)
    qtbot.mouseClick(shown.done_button, Qt.MouseButton.LeftButton)
    assert not shown.isVisible()
    assert shown.key.text() == ""
    session.lock()
    with pytest.raises(WrongRecoveryKeyError):
        Journal.recover(filled_journal, old_key, NEW_PASSPHRASE, FAST)
    Journal.recover(filled_journal, new_key, NEW_PASSPHRASE, FAST).close()


def test_back_up_now_writes_a_backup_and_updates_the_last_backup(
    qtbot: QtBot, dialog: SettingsDialog, filled_journal: Path
) -> None:
    assert dialog.backups.last_backup.text() == "No backup yet"
    assert dialog.backups.backups_folder.text() == str(filled_journal / "backups")
    qtbot.mouseClick(dialog.backups.back_up_now, Qt.MouseButton.LeftButton)
    written = list((filled_journal / "backups").glob("*.rjbackup"))
    assert len(written) == 1
    assert written[0].name in dialog.backups.backup_message.text()
    assert dialog.backups.last_backup.text() != "No backup yet"
    assert dialog.backups.back_up_now.isEnabled()
    assert dialog.backups.back_up_now.text() == "Back up &now"


def test_restore_brings_back_a_deleted_entry(
    qtbot: QtBot, dialog: SettingsDialog, session: JournalSession, filled_journal: Path,
    confirmations: list[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    qtbot.mouseClick(dialog.backups.back_up_now, Qt.MouseButton.LeftButton)
    backup = next((filled_journal / "backups").glob("*.rjbackup"))
    victim = call_inline(session, lambda j: j.list_entries())[0]
    call_inline(session, lambda j: j.delete_entry(victim.id))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_args, **_kwargs: (str(backup), ""))
    with qtbot.waitSignal(dialog.journal_restored):
        qtbot.mouseClick(dialog.backups.restore, Qt.MouseButton.LeftButton)
    assert "replaced" in confirmations[0]
    assert "backup of the journal as it is now" in confirmations[0]
    assert "Restored" in dialog.backups.backup_message.text()
    titles = [s.title for s in call_inline(session, lambda j: j.list_entries())]
    assert victim.title in titles
    assert len(titles) == 5
    assert len(list((filled_journal / "backups").glob("*.rjbackup"))) == 2  # safety copy


def test_a_restore_tells_every_view_that_everything_changed(
    qtbot: QtBot, dialog: SettingsDialog, session: JournalSession, filled_journal: Path,
    confirmations: list[str], monkeypatch: pytest.MonkeyPatch,
) -> None:
    heard: list[Changes] = []
    session.journal_changed.connect(heard.append)
    qtbot.mouseClick(dialog.backups.back_up_now, Qt.MouseButton.LeftButton)
    assert heard == [NOTHING]  # a backup changes nothing a view shows
    backup = next((filled_journal / "backups").glob("*.rjbackup"))
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        lambda *_args, **_kwargs: (str(backup), ""))
    with qtbot.waitSignal(dialog.journal_restored):
        qtbot.mouseClick(dialog.backups.restore, Qt.MouseButton.LeftButton)
    assert heard == [NOTHING, EVERYTHING]


def test_the_theme_box_offers_each_theme_once_in_order(dialog: SettingsDialog) -> None:
    offered = [dialog.theme.itemData(i) for i in range(dialog.theme.count())]
    assert offered == list(THEMES)
    assert dialog.theme.itemText(0) == "Same as the system"


def test_cancelled_restore_changes_nothing(
    qtbot: QtBot, dialog: SettingsDialog, session: JournalSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *_args, **_kwargs: ("", ""))
    restored: list[None] = []
    dialog.journal_restored.connect(lambda: restored.append(None))
    qtbot.mouseClick(dialog.backups.restore, Qt.MouseButton.LeftButton)
    assert restored == []
    assert dialog.backups.backup_message.text() == ""


def test_health_check_shows_the_sqlcipher_version(
    qtbot: QtBot, dialog: SettingsDialog, session: JournalSession
) -> None:
    qtbot.mouseClick(dialog.health.check_now, Qt.MouseButton.LeftButton)
    expected = call_inline(session, lambda j: j.check())
    assert dialog.health.health_values["cipher"].text() == expected.cipher_version
    assert expected.cipher_version.startswith("4.")
    assert dialog.health.health_values["result"].text().startswith("Healthy")
    assert dialog.health.health_values["entries"].text() == "5"
    assert dialog.health.health_values["schema"].text() == str(expected.schema_version)


def test_errors_are_plain_messages(
    qtbot: QtBot, dialog: SettingsDialog, session: JournalSession
) -> None:
    session.lock()  # the dialog closes; a call from it now meets a locked journal
    qtbot.mouseClick(dialog.health.check_now, Qt.MouseButton.LeftButton)
    assert dialog.health.health_message.text() == "The journal is locked."
    assert dialog.health.check_now.isEnabled()


def test_passphrases_never_reach_the_settings_file(
    qtbot: QtBot, dialog: SettingsDialog, tmp_settings: Path
) -> None:
    canary = "Heliotrope canary passphrase 4711"
    dialog.lock_minutes.setValue(9)
    _change_passphrase(qtbot, dialog, PASSPHRASE, canary)
    assert "Passphrase changed" in dialog.security.passphrase_message.text()
    dialog.close()
    data = tmp_settings.read_bytes()
    assert b"lock_minutes" in data  # the file was written, so the check below means something
    assert found_in(data, canary, PASSPHRASE) == []


def test_escape_closes_and_forgets_typed_passphrases(
    qtbot: QtBot, dialog: SettingsDialog
) -> None:
    dialog.tabs.setCurrentIndex(1)
    qtbot.keyClicks(dialog.security.current_passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.security.new_passphrase, NEW_PASSPHRASE)
    qtbot.keyClick(dialog.security.new_passphrase, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.security.current_passphrase.text() == dialog.security.new_passphrase.text() == ""


def test_locking_closes_the_dialog_and_the_recovery_key(
    qtbot: QtBot, dialog: SettingsDialog, session: JournalSession, confirmations: list[str]
) -> None:
    qtbot.mouseClick(dialog.security.new_recovery_key, Qt.MouseButton.LeftButton)
    shown = dialog.security.key_dialog
    assert shown is not None
    qtbot.keyClicks(dialog.security.current_passphrase, PASSPHRASE)
    session.lock()
    assert not dialog.isVisible()
    assert not shown.isVisible()
    assert shown.key.text() == ""
    assert dialog.security.current_passphrase.text() == ""


def _focusable(root: QWidget) -> list[QWidget]:
    widgets = [w for w in root.findChildren(QWidget)
               if w.focusPolicy() != Qt.FocusPolicy.NoFocus]
    # A spin box's inner line edit is read out as the spin box itself.
    return [w for w in widgets if not isinstance(w.parentWidget(), QAbstractSpinBox)]


def test_every_control_is_named_and_labelled(
    qtbot: QtBot, dialog: SettingsDialog, confirmations: list[str]
) -> None:
    qtbot.mouseClick(dialog.security.new_recovery_key, Qt.MouseButton.LeftButton)
    assert dialog.security.key_dialog is not None
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the question box
    widgets = _focusable(dialog)
    assert len(widgets) > 15
    assert [w for w in widgets if not w.accessibleName()] == []
    buddies = {label.buddy() for label in dialog.findChildren(QLabel) if label.buddy()}
    inputs = [w for w in widgets if isinstance(w, QLineEdit | QAbstractSpinBox | QComboBox)]
    assert [w.accessibleName() for w in inputs if w not in buddies] == []
    for i in range(dialog.tabs.count()):
        assert "&" in dialog.tabs.tabText(i)


def test_the_rotate_box_re_encrypts_with_progress_and_a_new_recovery_key(
    qtbot: QtBot, dialog: SettingsDialog, session: JournalSession, filled_journal: Path,
    confirmations: list[str],
) -> None:
    old_key_file = (filled_journal / "journal.key").read_bytes()
    steps: list[str] = []
    original = dialog.security._on_rotation_stepped

    def seen(what: str, step: int, total: int) -> None:
        original(what, step, total)
        steps.append(dialog.security.passphrase_message.text())

    dialog.security._on_rotation_stepped = seen  # type: ignore[method-assign]
    dialog.security.rotate_key.setChecked(True)
    _change_passphrase(qtbot, dialog, PASSPHRASE, NEW_PASSPHRASE)
    assert len(confirmations) == 1
    assert "shown only once" in confirmations[0]
    assert steps == ["Step 1 of 4: Making a verified backup…",
                     "Step 2 of 4: Re-encrypting the database…",
                     "Step 3 of 4: Checking the re-encrypted database…",
                     "Step 4 of 4: Saving the new key file…"]
    shown = dialog.security.key_dialog
    assert shown is not None
    new_recovery = shown.key.text()
    assert "re-encrypted under a new key" in dialog.security.passphrase_message.text()
    assert not dialog.security.rotate_key.isChecked()
    assert dialog.security.current_passphrase.text() == ""
    session.lock()
    assert len(list((filled_journal / "backups").glob("before-rekey-*"))) == 1
    Journal.open(filled_journal, NEW_PASSPHRASE, FAST).close()
    with Journal.recover(filled_journal, new_recovery, "yet another long passphrase", FAST):
        pass
    (filled_journal / "journal.key").write_bytes(old_key_file)
    with pytest.raises(JournalError):
        Journal.open(filled_journal, PASSPHRASE, FAST)


def test_the_spelling_language_is_kept_in_the_journal_not_the_settings_file(
    dialog: SettingsDialog, session: JournalSession, tmp_settings: Path
) -> None:
    heard: list[Changes] = []
    session.journal_changed.connect(heard.append)
    assert dialog.spelling.isEnabled()
    assert dialog.spelling.currentData() == "auto"
    dialog.spelling.setCurrentIndex(dialog.spelling.findData("en+es"))
    assert call_inline(session, lambda j: j.spelling.choice()) == "en+es"
    assert [c.spelling for c in heard] == [True]  # the editor's checker is rebuilt from this
    dialog.done(0)
    again = SettingsDialog(session, Settings(tmp_settings))
    assert again.spelling.currentData() == "en+es"
    again.deleteLater()
    assert not tmp_settings.exists() or b"en+es" not in tmp_settings.read_bytes()




def test_the_text_size_steps_from_the_system_size_never_to_an_unreadable_one(
    qtbot: QtBot, dialog: SettingsDialog, tmp_settings: Path
) -> None:
    box = dialog.font_points
    assert box.value() == 0
    assert box.text() == "Same as the system"
    system = QApplication.font().pointSize()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Up)  # one click of the up arrow: one past the system's
    assert box.value() == max(MIN_FONT_POINTS, system) + 1  # it went to 1 pt
    box.setValue(MIN_FONT_POINTS)
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert box.text() == "Same as the system"
    box.selectAll()
    qtbot.keyClicks(box, "3")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.value() == MIN_FONT_POINTS
    assert Settings(tmp_settings).get(FONT_POINTS) == MIN_FONT_POINTS


def test_a_stored_unreadable_text_size_reads_as_the_system_size(tmp_settings: Path) -> None:
    settings = Settings(tmp_settings)
    settings.set(FONT_POINTS, 1)  # what the old box stored after one click
    assert Settings(tmp_settings).get(FONT_POINTS) == 0
    settings.set(FONT_POINTS, 14)
    assert Settings(tmp_settings).get(FONT_POINTS) == 14


def test_scrolling_over_settings_changes_none_of_them(
    qtbot: QtBot, dialog: SettingsDialog, tmp_settings: Path
) -> None:
    before = (dialog.clipboard_seconds.value(), dialog.lock_minutes.value(),
              dialog.font_points.value(), dialog.theme.currentIndex())
    for box in (dialog.clipboard_seconds, dialog.lock_minutes, dialog.font_points, dialog.theme):
        wheel(box)
        wheel(box)
    assert (dialog.clipboard_seconds.value(), dialog.lock_minutes.value(),
            dialog.font_points.value(), dialog.theme.currentIndex()) == before
    dialog.clipboard_seconds.setFocus()  # once chosen, the wheel is the user's to use
    wheel(dialog.clipboard_seconds)
    assert dialog.clipboard_seconds.value() == before[0] - 1
