"""Making an unencrypted copy: warn, ask where, gather, render, write, and say how it went."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, TypedDict, Unpack

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QCheckBox, QFileDialog, QMessageBox, QWidget

from reflectjournal.domain import printable
from reflectjournal.services.files import write_chosen_file
from reflectjournal.ui.background.session import JournalSession, user_message
from reflectjournal.ui.copies.check_review import review_copy_flags
from reflectjournal.ui.copies.copy_kind import CopyKind
from reflectjournal.ui.copies.pdf_layout import render_pdf_bytes
from reflectjournal.ui.copies.render_thread import Render, Rendered, RenderThread

if TYPE_CHECKING:
    from reflectjournal.domain.ids import EntryId
    from reflectjournal.domain.share_selection import LocatedFlag
    from reflectjournal.services.journal import Journal

Confirm = Callable[[QWidget | None, str, bool], "Consent | None"]
ChoosePath = Callable[[QWidget | None, str, str, str], Path | None]
Tell = Callable[[QWidget | None, str], None]
Gather = Callable[["Journal", list["EntryId"], dt.date | None], printable.Document]
Found = tuple[list["LocatedFlag"], dict[str, str]]  # the flags, and their entries' titles
Review = Callable[[QWidget | None, list["LocatedFlag"], dict[str, str]], bool]

WARNING_TITLE = "Create an unencrypted copy?"
WARNING_TEXT = (
    "This creates an unencrypted copy.\n\n"
    "The file is not protected by your journal's encryption or passphrase: anyone who can "
    "open the folder you save it in can read it. It could leak from a synced folder "
    "(Dropbox, OneDrive, iCloud, Google Drive), a shared or work computer, a USB stick or "
    "an e-mail attachment.\n\n"
    "{what}\n\n"
    "You are responsible for deleting the copy when you no longer need it."
)
SKIP_CHECK = "Skip the identifier check for this copy"
SKIPPED_NOTE = ("The identifier check was skipped, as you chose: nothing looked for names, "
                "places, dates or numbers in this copy.")


@dataclass(frozen=True, slots=True)
class Consent:
    """The user's yes to an unencrypted copy, and whether they asked to skip the check."""

    skip_check: bool = False


def _entries(journal: Journal, ids: list[EntryId], today: dt.date | None) -> printable.Document:
    from reflectjournal.services import printing  # services load on the database thread

    return printing.entries_document(journal, ids, today=today)


def _agenda(journal: Journal, ids: list[EntryId], today: dt.date | None) -> printable.Document:
    from reflectjournal.services import printing

    return printing.agenda_document(journal, ids, today=today)


def render_markdown(document: printable.Document) -> Rendered:
    return printable.to_markdown(document).encode("utf-8"), 0


@dataclass(frozen=True, slots=True)
class CopySpec:
    """One kind of copy: what it holds, its neutral file name, and how it is made."""

    what: str
    caption: str
    stem: str
    suffix: str
    name_filter: str
    render: Render


@dataclass(frozen=True, slots=True)
class _Copy(CopySpec):
    """A copy of chosen entries: also how they are gathered."""

    gather: Gather = _entries


_COPIES = {
    CopyKind.ENTRIES_PDF: _Copy(
        "The PDF holds the chosen entries in full (by month, without client codes or your "
        "own tags) and the comments you received on them.",
        "Save the PDF of the chosen entries",
        "supervision-notes",
        ".pdf",
        "PDF files (*.pdf)",
        render_pdf_bytes,
        gather=_entries,
    ),
    CopyKind.AGENDA_PDF: _Copy(
        "The one-page agenda holds each chosen entry's title, month, kind, tags and a short "
        "excerpt, and your supervision prep questions.",
        "Save the supervision agenda",
        "supervision-agenda",
        ".pdf",
        "PDF files (*.pdf)",
        render_pdf_bytes,
        gather=_agenda,
    ),
    CopyKind.MARKDOWN: _Copy(
        "The Markdown file holds the chosen entries in full (by month, without client codes "
        "or your own tags) and the comments you received on them.",
        "Save the Markdown copy",
        "supervision-notes",
        ".md",
        "Markdown files (*.md)",
        render_markdown,
        gather=_entries,
    ),
}


def default_file_name(stem: str, suffix: str, today: dt.date) -> str:
    """Return a neutral name like supervision-notes-2026-11.pdf: no titles, no names."""
    return f"{stem}-{today:%Y-%m}{suffix}"


def confirm_unencrypted_copy(
    parent: QWidget | None, what: str, offer_skip: bool = False
) -> Consent | None:
    """Ask before writing an unencrypted copy; Cancel is the default (None).

    offer_skip adds the box to tick to skip the identifier check (unticked by default).
    """
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        WARNING_TITLE,
        WARNING_TEXT.format(what=what),
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    go = box.addButton("Create unencrypted copy", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    skip = QCheckBox(SKIP_CHECK)
    skip.setAccessibleName(SKIP_CHECK)
    if offer_skip:
        box.setCheckBox(skip)
    box.exec()
    chosen = Consent(skip.isChecked()) if box.clickedButton() is go else None
    box.deleteLater()
    return chosen


def choose_save_path(
    parent: QWidget | None, caption: str, default_name: str, name_filter: str
) -> Path | None:
    """Ask where to save; return None if the user cancels."""
    chosen, _ = QFileDialog.getSaveFileName(
        parent, caption, str(Path.home() / default_name), name_filter
    )
    return Path(chosen) if chosen else None


def show_result(parent: QWidget | None, text: str) -> None:
    """Tell the user how the copy went."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        "Unencrypted copy",
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
    box.deleteLater()


class ExportHooks(TypedDict, total=False):
    """The dialogs and the date an export uses; tests replace them."""

    confirm: Confirm
    choose_path: ChoosePath
    tell: Tell
    review: Review
    today: dt.date | None


# Every copy is an explicit action: the user confirms that the file will not be protected by
# the journal's encryption, then picks where it goes (the dialog suggests a neutral name,
# never an entry's title). The entries are gathered on the database thread, rendered on a
# thread of their own (render_thread.py says why), and written on the database thread.
def export_copy(
    kind: CopyKind,
    parent: QWidget | None,
    session: JournalSession,
    entry_ids: Sequence[EntryId],
    **hooks: Unpack[ExportHooks],
) -> None:
    """Ask, then save the chosen entries as the kind of copy named."""
    copy = _COPIES[kind]
    ids = list(entry_ids)
    export_document(copy, parent, session,
                    lambda journal, today: copy.gather(journal, ids, today),
                    check=lambda journal: _check_printed(journal, ids), **hooks)


def _check_printed(journal: Journal, ids: list[EntryId]) -> Found:
    from reflectjournal.services import outbound_check  # services load on the database thread

    flags = outbound_check.check_printed(journal, ids)
    return flags, outbound_check.entry_titles(journal, flags)


def export_document(
    copy: CopySpec,
    parent: QWidget | None,
    session: JournalSession,
    gather: Callable[[Journal, dt.date | None], printable.Document],
    check: Callable[[Journal], Found] | None = None,
    **hooks: Unpack[ExportHooks],
) -> None:
    """Ask, then check and gather (on the database thread), render and save one copy.

    check, for copies of entries, runs the identifier check first; what it finds is shown
    before anything is written, unless the user ticked the box to skip it.
    """
    confirm = hooks.get("confirm", confirm_unencrypted_copy)
    choose_path = hooks.get("choose_path", choose_save_path)
    tell = hooks.get("tell", show_result)
    review = hooks.get("review", review_copy_flags)
    today = hooks.get("today")
    consent = confirm(parent, copy.what, check is not None)
    if consent is None:
        return
    name = default_file_name(copy.stem, copy.suffix, today or dt.date.today())
    path = choose_path(parent, copy.caption, name, copy.name_filter)
    if path is None:
        return
    if path.suffix.lower() != copy.suffix:
        path = path.with_name(path.name + copy.suffix)
    skipped = check is not None and consent.skip_check

    def make() -> None:
        job = _CopyJob(session, copy.render, path, lambda text: tell(parent, text), skipped)
        session.call(lambda journal: gather(journal, today), job.render, job.failed)

    if check is None or skipped:
        make()
        return

    def checked(found: Found) -> None:
        flags, titles = found
        if not flags or review(parent, flags, titles):
            make()

    session.call(check, checked,
                 lambda error: tell(parent, f"Nothing was saved: {user_message(error)}"))


class _CopyJob(QObject):
    """One copy on its way from the journal into a file; a lock drops it wherever it is."""

    # Jobs in flight, held here rather than by a Qt parent: Python then frees a job and its
    # finished render thread on the GUI thread, once. (Jobs parented to the session and
    # freed with deleteLater crashed the test run inside ~QObject.) A QThread must never
    # be freed while it runs, hence the wait in _forget.
    _in_flight: ClassVar[set[_CopyJob]] = set()

    def __init__(self, session: JournalSession, render: Render, path: Path,
                 tell: Callable[[str], None], skipped_check: bool = False) -> None:
        super().__init__()
        self._skipped_check = skipped_check
        self._in_flight.add(self)
        self._session = session
        self._render = render
        self._path = path
        self._tell = tell
        self._thread: RenderThread | None = None
        self._dropped = False
        session.locked.connect(self._on_journal_locked)

    def render(self, document: printable.Document) -> None:
        """Render the gathered document off the GUI thread."""
        self._thread = RenderThread(self._render, document)
        self._thread.finished.connect(self._on_rendered)
        self._thread.start()

    def failed(self, error: BaseException) -> None:
        """Tell that nothing was saved; log a bug without content."""
        self._finish(f"Nothing was saved: {user_message(error)}")

    @Slot()
    def _on_rendered(self) -> None:
        thread = self._thread
        if self._dropped or thread is None:
            return  # the journal locked meanwhile: entry text must not reach a file now
        if thread.error is not None or thread.result is None:
            self.failed(thread.error or RuntimeError("The copy was not rendered."))
            return
        data, pages = thread.result
        path = self._path

        def write(_journal: Journal) -> int:
            write_chosen_file(path, data)
            return pages

        self._session.call(write, self._on_written, self._on_not_written)

    def _on_written(self, pages: int) -> None:
        path = self._path
        size = "" if pages <= 0 else f" ({pages} page{'s' if pages != 1 else ''})"
        self._finish(
            f"Saved an unencrypted copy{size} as {path.name} in {path.parent}.\n\n"
            "Delete it when you no longer need it."
            + (f"\n\n{SKIPPED_NOTE}" if self._skipped_check else "")
        )

    def _on_not_written(self, error: BaseException) -> None:
        if isinstance(error, OSError):  # the user's folder, not our bug: no internal-error log
            self._finish(
                f"Nothing was saved: {self._path} could not be written "
                f"({error.strerror or type(error).__name__})."
            )
        else:
            self.failed(error)

    def _finish(self, text: str) -> None:
        self._tell(text)
        self._forget()

    @Slot()
    def _on_journal_locked(self) -> None:
        self._dropped = True
        self._forget()

    def _forget(self) -> None:
        if self not in self._in_flight:
            return
        if self._thread is not None:
            # Brief (a render in flight ends within seconds), and a QThread must not be
            # freed while it runs; a lock also waits for the database thread's last call.
            self._thread.wait()
        self._session.locked.disconnect(self._on_journal_locked)
        self._in_flight.discard(self)
