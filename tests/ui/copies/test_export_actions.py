"""Unencrypted copies: asked for first, neutral names, owner-only files, user text kept as text.

The copy is gathered and written on the database thread and rendered on its own thread.
"""

from __future__ import annotations

import datetime as dt
import re
import stat
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QPageSize, QTextDocument
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.share_selection import LocatedFlag
from reflectjournal.services import printing
from reflectjournal.services.files import write_chosen_file
from reflectjournal.services.journal import Journal
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import Tasks
from reflectjournal.ui.copies import export_actions
from reflectjournal.ui.copies.copy_kind import CopyKind
from reflectjournal.ui.copies.export_actions import (
    Consent,
    confirm_unencrypted_copy,
    export_copy,
)
from reflectjournal.ui.copies.pdf_layout import build_text_document, render_pdf
from tests.helpers.gui import call_inline, open_session
from tests.helpers.journals import FAST, PASSPHRASE
from tests.helpers.leaks import found_in

T = TypeVar("T")
TODAY = dt.date(2026, 11, 21)
HOSTILE = "# <script>alert(1)</script> [x](http://e)"
COMMENT = "What did you feel when she turned away? <b>x</b>"
LONG = (
    "The seven-month-old turned away from the spoon each time her mother leaned in, and "
    "I noticed my own shoulders tighten as the mother's voice grew sharper. Later she "
    "laughed and said the baby is just like her sister. I wonder what that sister means "
    "to her, and what the baby is learning about being fed and being seen. "
) * 4


def _add_entries(journal: Journal) -> list[EntryId]:
    comps = tuple(t.id for t in journal.tags("competency"))[:5]
    themes = tuple(t.id for t in journal.tags("theme"))[:3]
    ids = [
        journal.add_entry(
            EntryChanges(
                kind="session",
                date=dt.date(2026, 11, 1 + i),
                title=f"Visit {i}: feeding at the kitchen table, and what the baby wanted from all",
                body=LONG,
                answers={"baby": LONG, "curiosity": LONG},
                competencies=comps,
                themes=themes,
                fields={"setting": "home", "client_code": "QX7-KLM"},
                duration_minutes=60,
            )
        ).id
        for i in range(8)
    ]
    ids.append(
        journal.add_entry(
            EntryChanges(
                kind="supervision-prep",
                title="Prep",
                body=LONG,
                answers={"want_to_bring": LONG, "feels_stuck": LONG, "why_now": LONG},
            )
        ).id
    )
    return ids


def _comment_on(clinician: Journal, entry_id: EntryId, tmp: Path) -> None:
    """Send the entry to a supervisor, who comments; file the reply in the clinician's journal."""
    supervisor, _ = Journal.create(tmp / "supervisor", PASSPHRASE, FAST)
    with supervisor:
        clinician.sharing.my_card("Sam Rivera", "Home visitor")
        supervisor.sharing.my_card("Dr. Ada Obi", "Reflective supervisor")
        contact, code = clinician.sharing.add_contact(supervisor.sharing.card_bytes())
        back, code_back = supervisor.sharing.add_contact(clinician.sharing.card_bytes())
        clinician.sharing.verify_contact(contact.name, code_back)
        supervisor.sharing.verify_contact(back.name, code)
        draft = clinician.sharing.prepare([entry_id])
        clinician.sharing.write_share(
            draft, tmp / "out.rjb", to="Dr. Ada Obi", redact=[f.id for f in draft.flags]
        )
        supervisor.sharing.receive_file(tmp / "out.rjb")
        [bundle] = supervisor.sharing.received_bundles()
        supervisor.sharing.add_comment(bundle.bundle_id, entry_id, COMMENT)
        supervisor.sharing.write_reply(tmp / "reply.rjb", to="Sam Rivera")
    clinician.sharing.receive_file(tmp / "reply.rjb")


class Opened:
    """An unlocked session over a journal with eight long entries and a prep entry."""

    def __init__(
        self, qtbot: QtBot, session: JournalSession, ids: list[EntryId], out: Path
    ) -> None:
        self.qtbot = qtbot
        self.session = session
        self.ids = ids
        self.out = out
        self.asked: list[tuple[str, str]] = []
        self.told: list[str] = []
        self.offered_skip: list[bool] = []
        self.reviewed: list[tuple[list[LocatedFlag], dict[str, str]]] = []
        self.skip_check = False
        self.write_flagged = True

    def confirm(self, _parent: object, what: str, offer_skip: bool) -> Consent:
        self.asked.append(("confirm", what))
        self.offered_skip.append(offer_skip)
        return Consent(skip_check=self.skip_check)

    def review(self, _parent: object, flags: list[LocatedFlag], titles: dict[str, str]) -> bool:
        self.reviewed.append((flags, titles))
        return self.write_flagged

    def choose(self, name: str | None = None):  # type: ignore[no-untyped-def]
        def choose_path(_parent: object, caption: str, default: str, _filter: str) -> Path:
            self.asked.append((caption, default))
            return self.out / (name or default)

        return choose_path

    def gather(self, work: Callable[[Journal], T]) -> T:
        return call_inline(self.session, work)

    def tell(self, _parent: object, text: str) -> None:
        self.told.append(text)

    def run(
        self, kind: CopyKind, ids: list[EntryId] | None = None, name: str | None = None
    ) -> None:
        """Make the copy and wait until the user is told how it went (it renders on a thread)."""
        told = len(self.told)
        export_copy(
            kind,
            None,
            self.session,
            self.ids if ids is None else ids,
            confirm=self.confirm,
            choose_path=self.choose(name),
            tell=self.tell,
            review=self.review,
            today=TODAY,
        )
        self.qtbot.waitUntil(lambda: len(self.told) > told)


@pytest.fixture
def opened(qtbot: QtBot, journal_dir: Path, runtime_dir: Path, tmp_path: Path) -> Iterator[Opened]:
    journal, _ = Journal.create(journal_dir, PASSPHRASE, FAST)
    with journal:
        ids = _add_entries(journal)
        journal.add_entry(EntryChanges(kind="session", title=HOSTILE, body="<b>x</b>"))
        _comment_on(journal, ids[0], tmp_path)
    session = open_session(journal_dir)
    out = tmp_path / "out"
    out.mkdir()
    yield Opened(qtbot, session, ids, out)
    session.shutdown()


def _pages(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def _private(path: Path) -> bool:
    return stat.S_IMODE(path.stat().st_mode) == 0o600


def test_the_agenda_fits_one_page_for_eight_long_entries(opened: Opened) -> None:
    opened.run(CopyKind.AGENDA_PDF)
    path = opened.out / "supervision-agenda-2026-11.pdf"
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    assert _pages(data) == 1
    assert _private(path)
    assert opened.told == [
        f"Saved an unencrypted copy (1 page) as {path.name} in "
        f"{opened.out}.\n\nDelete it when you no longer need it."
    ]
    # On the shorter Letter paper too.
    document = opened.gather(lambda j: printing.agenda_document(j, opened.ids, today=TODAY))
    letter = opened.out / "letter.pdf"
    assert render_pdf(document, letter, page_size=QPageSize(QPageSize.PageSizeId.Letter)) == 1
    assert _pages(letter.read_bytes()) == 1


def test_the_entries_pdf_carries_comments_apart_from_the_clinicians_words(
    opened: Opened,
) -> None:
    opened.run(CopyKind.ENTRIES_PDF)
    path = opened.out / "supervision-notes-2026-11.pdf"
    data = path.read_bytes()
    assert data.startswith(b"%PDF")
    pages = _pages(data)
    assert pages > 4
    assert f"({pages} pages)" in opened.told[0]
    assert _private(path)
    # The PDF's metadata carries the neutral title, never an entry's.
    assert "Supervision notes".encode("utf-16-be") in data
    assert found_in(data, "Visit 0", "feeding at the kitchen") == []

    document = opened.gather(lambda j: printing.entries_document(j, opened.ids[:2], today=TODAY))
    text = build_text_document(document).toPlainText()
    written = opened.gather(lambda j: j.sharing.comments_on(opened.ids[0])[0].written_at)
    attribution = (
        "Comment from Dr. Ada Obi, Reflective supervisor (verified signature) · "
        f"{written.date().isoformat()}"
    )
    assert f"Comment received\n{attribution}\n{COMMENT}" in text
    assert text.count(attribution) == 1  # only under the entry it answers
    assert "QX7-KLM" not in text  # client codes stay out of printed copies


def test_markdown_export_attributes_the_comment_and_keeps_markup_inert(
    opened: Opened,
) -> None:
    hostile_id = opened.gather(lambda j: j.list_entries()[0].id)
    opened.run(CopyKind.MARKDOWN, [opened.ids[0], hostile_id])
    path = opened.out / "supervision-notes-2026-11.md"
    md = path.read_text(encoding="utf-8")
    assert _private(path)
    written = opened.gather(lambda j: j.sharing.comments_on(opened.ids[0])[0].written_at)
    assert (
        "> **Comment from Dr. Ada Obi, Reflective supervisor (verified signature) · "
        f"{written.date().isoformat()}**\n>\n> What did you feel when she turned away? "
        "\\<b\\>x\\</b\\>\n"
    ) in md
    # Qt's own CommonMark reader sees the hostile title as text: no link, no HTML.
    read = QTextDocument()
    read.setMarkdown(md)
    assert HOSTILE in read.toPlainText()
    assert "<b>x</b>" in read.toPlainText()
    html = read.toHtml()
    assert "<a " not in html
    assert "<script" not in html
    assert 'font-weight:700;">x<' not in html


def test_a_name_without_its_suffix_gets_one(opened: Opened) -> None:
    opened.run(CopyKind.MARKDOWN, name="notes")
    assert (opened.out / "notes.md").exists()


def test_default_file_names_are_neutral(opened: Opened) -> None:
    for kind in (CopyKind.ENTRIES_PDF, CopyKind.AGENDA_PDF, CopyKind.MARKDOWN):
        opened.run(kind)
    defaults = [default for caption, default in opened.asked if caption != "confirm"]
    assert defaults == [
        "supervision-notes-2026-11.pdf",
        "supervision-agenda-2026-11.pdf",
        "supervision-notes-2026-11.md",
    ]
    warnings = [what for kind, what in opened.asked if kind == "confirm"]
    assert len(warnings) == 3


@pytest.mark.parametrize("kind", list(CopyKind))
def test_cancel_at_the_warning_or_the_file_dialog_writes_nothing(
    opened: Opened,
    kind: CopyKind,
) -> None:
    chosen: list[str] = []

    def choose(*_args: object) -> Path:
        chosen.append("asked")
        return opened.out / "x"

    export_copy(
        kind,
        None,
        opened.session,
        opened.ids,
        confirm=lambda *_: None,
        choose_path=choose,
        tell=opened.tell,
    )
    export_copy(
        kind,
        None,
        opened.session,
        opened.ids,
        confirm=lambda *_: Consent(),
        review=lambda *_: True,
        choose_path=lambda *_: None,
        tell=opened.tell,
    )
    assert chosen == []  # no file dialog after Cancel at the warning
    assert list(opened.out.iterdir()) == []
    assert opened.told == []


def test_the_warning_says_unencrypted_and_defaults_to_cancel(
    qtbot: QtBot, runtime_dir: Path
) -> None:
    seen: dict[str, Any] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen["text"] = box.text()
        seen["buttons"] = [b.text() for b in box.buttons()]
        seen["default"] = box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        box.defaultButton().click()

    QTimer.singleShot(0, answer)
    assert confirm_unencrypted_copy(None, "What it holds.") is None
    text = str(seen["text"])
    assert text.startswith("This creates an unencrypted copy.")
    assert "not protected by your journal's encryption" in text
    assert "synced folder" in text
    assert "shared or work computer" in text
    assert "responsible for deleting" in text
    assert "What it holds." in text
    assert sorted(seen["buttons"]) == ["Cancel", "Create unencrypted copy"]
    assert seen["default"] is True


def test_a_failed_write_says_nothing_was_saved(opened: Opened) -> None:
    opened.run(CopyKind.AGENDA_PDF, name="missing-folder/agenda.pdf")
    assert opened.told[0].startswith("Nothing was saved:")


def test_a_lock_while_the_copy_renders_writes_and_tells_nothing(opened: Opened) -> None:
    export_copy(
        CopyKind.ENTRIES_PDF,
        None,
        opened.session,
        opened.ids,
        confirm=opened.confirm,
        choose_path=opened.choose(),
        tell=opened.tell,
        review=opened.review,
        today=TODAY,
    )
    opened.session.lock()  # the entries are on the render thread now; the lock waits for it
    QCoreApplication.processEvents()  # deliver the render's end, queued meanwhile
    assert opened.told == []
    assert list(opened.out.iterdir()) == []


def test_the_copy_is_written_on_the_database_thread(
    qtbot: QtBot, filled_journal: Path, runtime_dir: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    writers: list[str] = []

    def write_and_note_the_thread(path: Path, data: bytes) -> None:
        writers.append(threading.current_thread().name)
        write_chosen_file(path, data)

    monkeypatch.setattr(export_actions, "write_chosen_file", write_and_note_the_thread)
    session = JournalSession(filled_journal, FAST, Tasks())
    session.unlock(PASSPHRASE, lambda _: None, pytest.fail)
    qtbot.waitUntil(lambda: session.is_open)
    ids: list[EntryId] = []
    session.call(lambda j: [s.id for s in j.list_entries()], ids.extend, pytest.fail)
    qtbot.waitUntil(lambda: len(ids) == 5)
    told: list[str] = []
    export_copy(
        CopyKind.AGENDA_PDF,
        None,
        session,
        ids,
        confirm=lambda *_: Consent(),
        review=lambda *_: True,
        choose_path=lambda *_: tmp_path / "agenda.pdf",
        tell=lambda _parent, text: told.append(text),
        today=TODAY,
    )
    assert told == []  # nothing waited on the database or the render
    qtbot.waitUntil(lambda: told != [])
    assert told[0].startswith("Saved an unencrypted copy (1 page) as agenda.pdf")
    assert _pages((tmp_path / "agenda.pdf").read_bytes()) == 1
    assert writers == ["journal-db_0"]
    session.shutdown()


def test_the_agenda_carries_open_items_forward_and_still_fits_one_page(opened: Opened) -> None:
    opened.gather(lambda j: [j.loop.bring(i) for i in opened.ids])  # every entry marked
    document = opened.gather(lambda j: printing.agenda_document(j, opened.ids, today=TODAY))
    text = printing.printable.to_markdown(document)
    assert "## Carried forward" in text
    assert text.count("- My mark on “") == printing.printable.CARRIED - 1
    assert "more open items on the agenda screen" in text
    for size in (QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter):
        out = opened.out / f"carried-{size.name}.pdf"
        assert render_pdf(document, out, page_size=QPageSize(size)) == 1
    # Answered, an item is no longer carried.
    opened.gather(lambda j: [j.loop.bring_done(i) for i in opened.ids])
    after = opened.gather(lambda j: printing.agenda_document(j, opened.ids, today=TODAY))
    assert "Carried forward" not in printing.printable.to_markdown(after)
