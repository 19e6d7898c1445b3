"""The contacts table: each contact's name, role, whether they are verified, and key."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from reflectjournal.ui.widgets.value_table import ValueTableModel

if TYPE_CHECKING:
    from reflectjournal.domain.supervision import Contact

VERIFIED = "Verified"
NOT_VERIFIED = "Not verified"


class ContactTableModel(ValueTableModel):
    """Name, role, verification state and key fingerprint of each contact."""

    COLUMNS = ("Name", "Role", "State", "Key fingerprint")

    def set_contacts(self, contacts: Sequence[Contact]) -> None:
        """Show these contacts (in the order given)."""
        self.set_values(contacts)

    def contact(self, row: int) -> Contact | None:
        """Return the contact on a row, if there is one."""
        found: Contact | None = self.value(row)
        return found

    def row_of(self, fingerprint: str) -> int:
        """Return the row of the contact with this key fingerprint, or -1."""
        return self.row_where(lambda c: c.card.fingerprint == fingerprint)

    def cell(self, contact: Contact, column: int) -> Any:
        """Return a cell's text; the state is words, never a colour alone."""
        state = VERIFIED if contact.verified else NOT_VERIFIED
        cells = (contact.name, contact.card.role, state, contact.card.fingerprint)
        return cells[column] if 0 <= column < len(cells) else None
