"""The review screen's tree: supervisee > bundle > entry, each supervisee one signing key."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont

from reflectjournal.domain.bundle import SharedEntry
from reflectjournal.domain.contact_card import ContactCard
from reflectjournal.domain.share_selection import shared_entry_text
from reflectjournal.domain.shared_diff import DiffMark, diff_text_marked
from reflectjournal.domain.shared_version import short_version
from reflectjournal.domain.supervision import Contact, ReceivedBundle
from reflectjournal.domain.visible import visible_controls
from reflectjournal.services.review import BundleReview, ReviewData, SuperviseeReview
from reflectjournal.ui.widgets.model_index import AnyIndex
from reflectjournal.ui.widgets.node_tree import NodeTreeModel
from reflectjournal.ui.widgets.wording import count_words, local_day


class RowKind(StrEnum):
    """What a row of the tree stands for."""

    ROOT = "root"
    SUPERVISEE = "supervisee"
    BUNDLE = "bundle"
    ENTRY = "entry"


SUPERVISEE, BUNDLE, ENTRY = RowKind.SUPERVISEE, RowKind.BUNDLE, RowKind.ENTRY
RowKey = tuple[str, str, str, str]
NOBODY = SuperviseeReview(ContactCard("", "", "", b""), None, ())
NOTHING_SHARED = (
    'When a supervisee sends you a bundle of entries, open it with "Open a '
    'bundle…". Their entries appear here, read-only, for you to comment on.'
)


def trust(verified: bool) -> str:
    """Return how a supervisee's card stands, as the screen words it."""
    return "verified" if verified else "not verified"


@dataclass(eq=False)
class ReviewNode:
    """One row of the tree; the values it points at are immutable."""

    kind: RowKind
    label: str
    person: SuperviseeReview
    reviewed: BundleReview | None = None
    entry: SharedEntry | None = None
    tooltip: str = ""
    parent: ReviewNode | None = None
    children: list[ReviewNode] = field(default_factory=list)

    def add(self, child: ReviewNode) -> ReviewNode:
        """Append a child and return it."""
        child.parent = self
        self.children.append(child)
        return child

    def row(self) -> int:
        """Return this node's position under its parent."""
        return self.parent.children.index(self) if self.parent else 0

    @property
    def key(self) -> RowKey:
        """Return what identifies this row across reloads."""
        return row_key(self.kind, self.person.signing_key, self.bundle, self.entry)

    @property
    def bundle(self) -> ReceivedBundle | None:
        """Return the bundle this row is or belongs to (None for a supervisee)."""
        return self.reviewed.bundle if self.reviewed else None

    @property
    def contact(self) -> Contact | None:
        """Return the supervisee's contact, if they still are one."""
        return self.person.contact

    @property
    def name(self) -> str:
        """Return the supervisee's name (as in contacts, else as the bundle said)."""
        return self.person.name

    def supervisee(self) -> ReviewNode:
        """Return the supervisee row this row belongs to."""
        node = self
        while node.kind != SUPERVISEE and node.parent is not None:
            node = node.parent
        return node

    def newest_bundle(self) -> ReceivedBundle | None:
        """Return this row's bundle, or for a supervisee the newest one received."""
        if self.bundle is not None:
            return self.bundle
        return self.person.bundles[0].bundle if self.person.bundles else None


def row_key(
    kind: RowKind, sender: bytes, bundle: ReceivedBundle | None, entry: SharedEntry | None
) -> RowKey:
    """Return the key of the row for this supervisee, bundle and entry."""
    return (
        kind,
        sender.hex(),
        bundle.bundle_id if bundle else "",
        str(entry.id) if entry else "",
    )


def entry_label(entry: SharedEntry) -> str:
    """Return an entry's row: month, title and kind (the part a narrow tree cuts off)."""
    return f"{entry.date} · {visible_controls(entry.title) or '(no title)'} · {entry.kind_label}"


def row_heading(node: ReviewNode) -> str:
    """Return the heading over a row's text: who, and for what they shared, when."""
    person = node.person
    if node.kind == SUPERVISEE:
        return f"{person.name} · {trust(person.verified)}"
    assert node.bundle is not None
    return f"Shared by {person.name} on {local_day(node.bundle.created_at)} · read-only"


def row_text_marked(node: ReviewNode) -> tuple[str, tuple[DiffMark, ...]]:
    """Return a row's text (a summary, a bundle's message and entries, or an entry) and
    where the changes since an earlier version of the entry are in it."""
    person = node.person
    if node.kind == SUPERVISEE:
        return (
            f"{count_words(len(person.bundles), 'bundle', 'bundles')} received from "
            f"{person.name}, {count_words(person.entry_count, 'entry', 'entries')} in all."
            "\n\nChoose a bundle or an entry to read it and comment on it."
        ), ()
    if node.entry is not None:
        assert node.bundle is not None
        text = shared_entry_text(node.entry)
        version, marks = _version_text(node.person, node.bundle, node.entry)
        return text + version, tuple(m.moved(len(text)) for m in marks)
    assert node.bundle is not None
    message = node.bundle.message
    lines = [
        f"Message from {person.name}:\n\n{message}"
        if message
        else f"{person.name} sent no covering message.",
        "",
        "Entries in this bundle:",
    ]
    lines += [f"• {entry_label(c.entry)}" for c in node.children if c.entry]
    return "\n".join(lines), ()


def _version_text(person: SuperviseeReview, bundle: ReceivedBundle, entry: SharedEntry,
                  ) -> tuple[str, tuple[DiffMark, ...]]:
    """Return the shown entry's version and, if it was shared before, what changed since."""
    lines = ["", "", "—" * 3, f"Version: {short_version(entry.version)}"]
    marks: tuple[DiffMark, ...] = ()
    earlier = person.earlier_version(bundle.bundle_id, entry.id)
    if earlier is not None:
        when = local_day(earlier.reviewed.bundle.received_at)
        if earlier.entry.version is not None and earlier.entry.version == entry.version:
            lines.append(f"The same version as the one you received on {when}.")
        else:
            lines += [f"Changed since the version you received on {when} "
                      f"({short_version(earlier.entry.version)}); removed words in [- -], "
                      "added ones in {+ +}:", ""]
            diff, found = diff_text_marked(earlier.changes_to(entry))
            before = len("\n".join(lines)) + 1  # the diff starts on the next line
            marks = tuple(m.moved(before) for m in found)
            lines.append(diff)
        if earlier.comments:
            many = len(earlier.comments)
            lines += ["", f"Your {count_words(many, 'comment', 'comments')} on the version "
                      f"received {when} {'stays' if many == 1 else 'stay'} with that version."]
    return "\n".join(lines), marks


def _supervisee_tooltip(person: SuperviseeReview) -> str:
    role = f" ({person.role})" if person.role else ""
    how = (
        "pairing code compared; replies go to their key."
        if person.verified
        else "pairing code not compared; reply with a passphrase."
    )
    return f"{person.name}{role}: {how}"


def build_tree(data: ReviewData) -> ReviewNode:
    """Return the rows: supervisees by name, their bundles newest first, then entries."""
    root = ReviewNode(RowKind.ROOT, "", NOBODY)
    for person in data.supervisees:
        holder = root.add(
            ReviewNode(
                SUPERVISEE,
                f"{person.name} · {trust(person.verified)}",
                person,
                tooltip=_supervisee_tooltip(person),
            )
        )
        for reviewed in person.bundles:
            bundle = reviewed.bundle
            label = (f"received {local_day(bundle.received_at)} · "
                     + count_words(len(reviewed.entries), "entry", "entries"))
            if not bundle.verified:
                label += " · not verified"
            node = holder.add(
                ReviewNode(
                    BUNDLE,
                    label,
                    person,
                    reviewed,
                    tooltip=f"Shared by {person.name} on {local_day(bundle.created_at)}",
                )
            )
            for entry in reviewed.entries:
                earlier = person.earlier_version(bundle.bundle_id, entry.id)
                # The row says so too: a re-shared entry is what a supervisor looks for.
                again = "" if earlier is None else (
                    " · shared again, unchanged" if earlier.entry.version == entry.version
                    and entry.version is not None else " · shared again, changed")
                node.add(
                    ReviewNode(
                        ENTRY, entry_label(entry) + again, person, reviewed, entry,
                        tooltip=entry_label(entry) + again,
                    )
                )
    return root


class ReviewTreeModel(NodeTreeModel):
    """A read-only tree over ReviewNodes."""

    def __init__(self) -> None:
        super().__init__(build_tree(ReviewData()))

    def find(self, key: RowKey) -> QModelIndex:
        """Return the index of the row with this key, or an invalid index."""
        return self.find_first(lambda node: node.key == key)

    def node(self, index: AnyIndex) -> ReviewNode:
        """Return the node behind an index (the root for an invalid one)."""
        node: ReviewNode = super().node(index)
        return node

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self.node(index)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return node.label
        if role == Qt.ItemDataRole.ToolTipRole:
            # Qt renders a tooltip that looks like markup as markup: escape, then mark it
            # as rich text so that the escaped text shows exactly as written.
            return f"<p>{html.escape(node.tooltip or node.label)}</p>"
        if role == Qt.ItemDataRole.FontRole and node.kind == SUPERVISEE:
            font = QFont()
            font.setBold(True)
            return font
        return None
