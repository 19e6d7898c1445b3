"""The Share dialog over real journals: parts, preview, flags, redaction and the bundle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.share_decisions import FlagState, ShareDecisions
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.sharing.flag_table import FlagTableModel
from reflectjournal.ui.sharing.share_dialog import PASSPHRASE_MODE, ShareDialog
from tests.helpers.gui import find_by_name, open_session
from tests.helpers.journals import FAST, PASSPHRASE, exchange_cards
from tests.helpers.leaks import found_in

REDACT, ALLOW, UNRESOLVED = FlagState.REDACT, FlagState.ALLOW, FlagState.UNRESOLVED
CANARY = "Zyxwvut"  # a made-up surname on the watch-list, redacted before sharing
PHONE = "312-555-0142"


@dataclass
class Setup:
    """The clinician's session (entries, paired) and the supervisor's open journal."""

    session: JournalSession
    supervisor: Journal
    entry: EntryId
    second: EntryId
    ada: str  # the supervisor's key fingerprint, as the clinician's contact
    tmp: Path


@pytest.fixture
def setup(tmp_path: Path, runtime_dir: Path) -> Iterator[Setup]:
    """Pair two journals through the services, then open the clinician's in a session."""
    clinician, _ = Journal.create(tmp_path / "clinician", PASSPHRASE, FAST)
    supervisor, _ = Journal.create(tmp_path / "supervisor", PASSPHRASE, FAST)
    with clinician:
        clinician.sharing.my_card("Sam Rivera", "Home visitor")
        supervisor.sharing.my_card("Dr. Ada Obi", "Reflective supervisor")
        exchange_cards(clinician, supervisor)
        [ada] = clinician.sharing.contacts()
        clinician.sharing.set_watch_list([CANARY])
        entry = clinician.add_entry(
            EntryChanges(
                kind="session",
                date=dt.date(2026, 11, 3),
                title="Feeding at the kitchen table",
                body=f"Mrs. {CANARY} called from {PHONE} at noon. The baby turned away "
                f"from the spoon.",
                fields={"setting": "home", "client_code": "QX7-KLM"},
                duration_minutes=60,
            )
        ).id
        second = clinician.add_entry(
            EntryChanges(
                kind="session",
                date=dt.date(2026, 11, 10),
                title="Bedtime worries",
                body="The nights are long, her father said.",
            )
        ).id
    session = open_session(tmp_path / "clinician")
    yield Setup(session, supervisor, entry, second, ada.card.fingerprint, tmp_path)
    session.shutdown()
    supervisor.close()


def _dialog(qtbot: QtBot, setup: Setup, *ids: EntryId) -> ShareDialog:
    dialog = ShareDialog(setup.session, list(ids) or [setup.entry])
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _preview(dialog: ShareDialog) -> QPlainTextEdit:
    return find_by_name(dialog, "Preview of exactly what will leave", QPlainTextEdit)


def _flags(dialog: ShareDialog) -> QTableView:
    return find_by_name(dialog, "Possible identifiers", QTableView)


def _flag_model(dialog: ShareDialog) -> FlagTableModel:
    model = _flags(dialog).model()
    assert isinstance(model, FlagTableModel)
    return model


def _label(dialog: ShareDialog, name: str) -> QLabel:
    return find_by_name(dialog, name, QLabel)


def _button(dialog: ShareDialog, name: str) -> QPushButton:
    return find_by_name(dialog, name, QPushButton)


def _message(dialog: ShareDialog) -> QPlainTextEdit:
    return find_by_name(dialog, "Covering message (optional)", QPlainTextEdit)


def _exact_dates(dialog: ShareDialog) -> QCheckBox:
    return find_by_name(dialog, "Exact dates (otherwise month only)", QCheckBox)


def _part(dialog: ShareDialog, part: str) -> QCheckBox:
    return find_by_name(dialog, f"Send {part} of Session reflection entries", QCheckBox)


def _flag(dialog: ShareDialog, text: str) -> Any:
    assert dialog.draft is not None
    return next(f for f in dialog.draft.flags if text in f.flag.text)


def _marks(dialog: ShareDialog) -> dict[str, str]:
    """Return the preview's highlighted texts and how each is underlined."""
    return {
        m.cursor.selectedText(): m.format.underlineStyle().name
        for m in _preview(dialog).extraSelections()
    }


def _write_as(monkeypatch: pytest.MonkeyPatch, path: Path, asked: list[str]) -> None:
    def fake(_parent: QWidget, _title: str, start: str, _filter: str) -> tuple[str, str]:
        asked.append(start)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)


def _click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_flags_are_listed_and_highlighted_in_the_preview(qtbot: QtBot, setup: Setup) -> None:
    dialog = _dialog(qtbot, setup)
    text = _preview(dialog).toPlainText()
    assert text.startswith("Feeding at the kitchen table\nSession reflection · 2026-11 · 60 min")
    name, phone = _flag(dialog, CANARY), _flag(dialog, "555-0142")
    assert name.flag.kind.value == "watch-list"
    model = _flag_model(dialog)
    row = model.row_of(phone.id)
    assert model.data(model.index(row, 1)) == "phone number"
    assert model.data(model.index(row, 2)) == "Feeding at the kitchen table · Reflection text"
    assert model.data(model.index(row, 3)) == UNRESOLVED
    assert model.data(model.index(model.row_of(name.id), 1)) == "on your watch-list"
    marks = _marks(dialog)
    assert marks[CANARY] == "SingleUnderline"  # not colour alone
    assert marks[PHONE] == "SingleUnderline"
    for located in dialog.draft.flags:  # every flag is marked exactly where its text is
        span = dialog.spans[located.id]
        assert text[span.start : span.end] == located.flag.text
    total = len(dialog.draft.flags)
    assert (
        _label(dialog, "Possible identifiers resolved").text()
        == f"0 of {total} possible identifiers resolved"
    )
    assert not _button(dialog, "Write bundle").isEnabled()
    assert "recipient" in _label(dialog, "Why the bundle cannot be written yet").text()

    dialog.select_flag(phone.id)  # selecting a flag selects its text in the preview
    assert _preview(dialog).textCursor().selectedText() == PHONE


def test_redacting_shows_the_placeholder_and_the_bundle_carries_no_redacted_text(
    qtbot: QtBot, setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dialog(qtbot, setup, setup.entry, setup.second)
    dialog.choose_recipient(setup.ada)
    assert not _button(dialog, "Write bundle").isEnabled()
    assert "Resolve" in _label(dialog, "Why the bundle cannot be written yet").text()
    name, phone = _flag(dialog, CANARY), _flag(dialog, "555-0142")

    dialog.select_flag(name.id)
    _click(qtbot, _button(dialog, "Redact the selected identifiers"))
    text = _preview(dialog).toPlainText()
    assert CANARY not in text
    assert _flag_model(dialog).state(name.id) == REDACT
    placeholder = dialog.spans[name.id]
    assert text[placeholder.start] == "["  # a placeholder such as [name] in its place
    assert _marks(dialog)[text[placeholder.start : placeholder.end]] == "DashUnderline"
    # The phone number, after the shortened text, is still marked exactly.
    span = dialog.spans[phone.id]
    assert text[span.start : span.end] == PHONE
    assert _marks(dialog)[PHONE] == "SingleUnderline"
    assert _flags(dialog).selectionModel().selectedRows()  # moved on to the next flag

    for located in dialog.unresolved():
        if located.id != phone.id:
            dialog.resolve([located.id], ALLOW)
    assert not _button(dialog, "Write bundle").isEnabled()
    dialog.select_flag(phone.id)
    _click(qtbot, _button(dialog, "Redact the selected identifiers"))
    assert PHONE not in _preview(dialog).toPlainText()
    total = len(dialog.draft.flags)
    assert (
        _label(dialog, "Possible identifiers resolved").text()
        == f"{total} of {total} possible identifiers resolved"
    )
    assert _button(dialog, "Write bundle").isEnabled()

    asked: list[str] = []
    bundle = setup.tmp / "out.rjb"
    _write_as(monkeypatch, bundle, asked)
    _click(qtbot, _button(dialog, "Write bundle"))
    assert Path(asked[0]).name == "supervision-2026-11.rjb" or Path(asked[0]).name.startswith(
        "supervision-"
    )
    assert _label(dialog, "Result").text().startswith("Bundle written: 2 entries to Dr. Ada Obi")

    got = setup.supervisor.sharing.receive_file(bundle)
    assert (got.entries, got.verified, got.sender) == (2, True, "Sam Rivera")
    [received] = setup.supervisor.sharing.received_bundles()
    first = setup.supervisor.sharing.received_entries(received.bundle_id)[0].entry
    assert first.title == "Feeding at the kitchen table"
    assert CANARY not in first.body
    assert PHONE not in first.body
    assert "turned away from the spoon" in first.body

    # The canary was redacted: no file anywhere holds it (journals and bundle encrypted).
    dialog.reject()
    setup.supervisor.close()
    setup.session.lock()
    files = [p for p in setup.tmp.rglob("*") if p.is_file()]
    assert bundle in files
    assert [p.name for p in files if found_in(p.read_bytes(), CANARY)] == []


def test_private_fields_are_off_and_never_offered(qtbot: QtBot, setup: Setup) -> None:
    dialog = _dialog(qtbot, setup)
    session_parts = dialog.choices.part_boxes["session"]
    assert not session_parts["client_code"].isChecked()
    assert not session_parts["tags"].isChecked()
    assert session_parts["body"].isChecked()
    assert "supervisor" not in session_parts
    assert "QX7-KLM" not in _preview(dialog).toPlainText()
    assert "Setting: Home" in _preview(dialog).toPlainText()

    session_parts["client_code"].setChecked(True)
    dialog.prepare_now()
    assert "QX7-KLM" in _preview(dialog).toPlainText()
    session_parts["body"].setChecked(True)
    session_parts["body"].setChecked(False)
    dialog.prepare_now()
    assert PHONE not in _preview(dialog).toPlainText()
    assert dialog.draft is not None
    assert not [f for f in dialog.draft.flags if f.flag.text == PHONE]


def test_dates_go_as_the_month_unless_exact_dates_are_chosen(qtbot: QtBot, setup: Setup) -> None:
    dialog = _dialog(qtbot, setup)
    assert not _exact_dates(dialog).isChecked()
    assert "2026-11-03" not in _preview(dialog).toPlainText()
    _exact_dates(dialog).setChecked(True)
    assert not _button(
        dialog, "Write bundle"
    ).isEnabled()  # until the check has run on the new text
    dialog.prepare_now()
    assert "Session reflection · 2026-11-03" in _preview(dialog).toPlainText()


def test_the_message_is_previewed_and_checked(qtbot: QtBot, setup: Setup) -> None:
    dialog = _dialog(qtbot, setup)
    name = _flag(dialog, CANARY)
    dialog.resolve([name.id], REDACT)
    _message(dialog).insertPlainText(f"Two visits this month; {CANARY} again — café talk.")
    dialog.prepare_now()
    text = _preview(dialog).toPlainText()
    assert "Message to the recipient:\nTwo visits this month;" in text
    assert "café talk." in text
    in_message = [f for f in dialog.draft.flags if f.location == "message"]
    assert [f.flag.text for f in in_message] == [CANARY]
    model = _flag_model(dialog)
    assert model.data(model.index(model.row_of(in_message[0].id), 2)) == "Covering message"
    assert _flag_model(dialog).state(name.id) == REDACT  # decisions survive a new check
    span = dialog.spans[in_message[0].id]
    assert text[span.start : span.end] == CANARY


def test_passphrase_mode_shows_six_words_and_the_bundle_opens_with_them(
    qtbot: QtBot, setup: Setup, monkeypatch: pytest.MonkeyPatch
) -> None:
    clipboard_before = QApplication.clipboard().text()
    dialog = _dialog(qtbot, setup)
    dialog.choose_recipient(PASSPHRASE_MODE)
    words = dialog.passphrase_words
    assert words is not None
    assert len(words.split()) == 6
    assert _label(dialog, "Passphrase words").text() == words
    assert dialog.choices.passphrase_panel.isVisible()
    assert (
        _label(dialog, "Passphrase words").textInteractionFlags()
        == Qt.TextInteractionFlag.NoTextInteraction
    )
    dialog.choose_recipient(setup.ada)
    dialog.choose_recipient(PASSPHRASE_MODE)
    assert dialog.passphrase_words == words  # the same words if already said
    _click(qtbot, _button(dialog, "Redact all unresolved identifiers"))
    assert _button(dialog, "Write bundle").isEnabled()
    bundle = setup.tmp / "words.rjb"
    _write_as(monkeypatch, bundle, [])
    _click(qtbot, _button(dialog, "Write bundle"))
    assert "in person or by phone" in _label(dialog, "Result").text()
    assert _label(dialog, "Passphrase words, again").text() == words
    assert words not in _label(dialog, "Result").text()  # the selectable line never holds them
    assert QApplication.clipboard().text() == clipboard_before
    got = setup.supervisor.sharing.receive_file(bundle, words)
    assert got.entries == 1
    dialog.reject()
    assert dialog.passphrase_words is None
    assert _label(dialog, "Passphrase words").text() == ""


def test_locking_closes_the_dialog_and_forgets_the_text(qtbot: QtBot, setup: Setup) -> None:
    dialog = _dialog(qtbot, setup)
    assert CANARY in _preview(dialog).toPlainText()
    setup.session.lock()
    assert not dialog.isVisible()
    assert _preview(dialog).toPlainText() == ""
    assert _flag_model(dialog).rowCount() == 0


def test_the_preview_cannot_be_copied(qtbot: QtBot, setup: Setup) -> None:
    QApplication.clipboard().setText("before")
    dialog = _dialog(qtbot, setup)
    _preview(dialog).setFocus()
    _preview(dialog).selectAll()
    qtbot.keyClick(_preview(dialog), Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "before"


def test_every_control_is_named_and_tab_goes_in_reading_order(qtbot: QtBot, setup: Setup) -> None:
    dialog = _dialog(qtbot, setup)
    dialog.choose_recipient(PASSPHRASE_MODE)
    widgets = [
        w
        for w in dialog.findChildren(QWidget)
        if w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and not isinstance(w.parentWidget(), QAbstractSpinBox)
    ]
    assert len(widgets) > 15
    assert [type(w).__name__ for w in widgets if not w.accessibleName()] == []
    chain: list[QWidget] = []
    widget: QWidget = find_by_name(dialog, "Send to", QComboBox)
    for _ in range(500):
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isVisibleTo(dialog):
            chain.append(widget)
        widget = widget.nextInFocusChain()
        if widget is find_by_name(dialog, "Send to", QComboBox):
            break
    wanted = [
        find_by_name(dialog, "Send to", QComboBox),
        _part(dialog, "Title"),
        _exact_dates(dialog),
        _message(dialog),
        _preview(dialog),
        _flags(dialog),
        _button(dialog, "Write bundle"),
        _button(dialog, "Close"),
    ]
    assert [chain.index(w) for w in wanted] == sorted(chain.index(w) for w in wanted)


def test_flag_model_is_a_well_behaved_model(qtbot: QtBot, qtmodeltester: Any, setup: Setup) -> None:
    dialog = _dialog(qtbot, setup)
    assert dialog.draft is not None
    model = FlagTableModel()
    model.set_flags(dialog.draft.flags, dialog.draft.entries, ShareDecisions())
    qtmodeltester.check(model)


def test_a_failed_check_leaves_nothing_to_write(qtbot: QtBot, setup: Setup) -> None:
    dialog = _dialog(qtbot, setup)
    dialog.choose_recipient(setup.ada)
    _click(qtbot, _button(dialog, "Redact all unresolved identifiers"))
    assert _button(dialog, "Write bundle").isEnabled()
    _message(dialog).insertPlainText("x" * 20_001)  # over the bundle's message limit
    dialog.prepare_now()
    assert "over 20000 characters" in _label(dialog, "Result").text()
    assert dialog.draft is None
    assert not _button(dialog, "Write bundle").isEnabled()
    assert "problem above" in _label(dialog, "Why the bundle cannot be written yet").text()


def test_every_entry_that_leaves_is_named_before_anything_is_written(
    qtbot: QtBot, setup: Setup
) -> None:
    dialog = _dialog(qtbot, setup, setup.entry, setup.second)
    leaving = find_by_name(dialog, "Entries that leave", QListWidget)
    qtbot.waitUntil(lambda: leaving.count() == 2)
    lines = [leaving.item(i).text() for i in range(leaving.count())]
    assert lines == ["2026-11-03 · Session reflection · Feeding at the kitchen table",
                     "2026-11-10 · Session reflection · Bedtime worries"]
    # Titles that do not go are still named here: the list is for the sender.
    _part(dialog, "Title").setChecked(False)
    assert leaving.count() == 2
    assert _button(dialog, "Write bundle").text() == "&Write bundle (2 entries)…"


def test_each_flag_says_why_it_was_raised(qtbot: QtBot, setup: Setup) -> None:
    dialog = _dialog(qtbot, setup)
    model = _flag_model(dialog)
    assert model.headerData(4, Qt.Orientation.Horizontal) == "Why"
    phone, name = _flag(dialog, "555-0142"), _flag(dialog, CANARY)
    assert model.data(model.index(model.row_of(phone.id), 4)) == phone.flag.why
    assert phone.flag.why == "a US phone number (checked by libphonenumber)"
    assert model.data(model.index(model.row_of(name.id), 4)) == "on your watch-list"
