"""Which edits a signed supervision entry refuses: those that would change its hours.

A session confirmed by the provider's signature is evidence; its date, minutes, provider and
the facts the rules read stay as signed. The user adds a dated amendment instead, or unlinks
the confirmation first (services/confirmations.py). Only a received confirmation marks an
entry signed: ticking it by hand would be evidence nobody gave.
"""

from __future__ import annotations

from reflectjournal.domain.endorsement.records import Confirmation, SupervisionField
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.errors import InvalidInputError

LOCKED_FIELDS = (
    SupervisionField.PROVIDER_ID, SupervisionField.FORMAT, SupervisionField.MODE,
    SupervisionField.PEER, SupervisionField.SUPERVISION_TYPE, SupervisionField.ABOUT_OWN_RSC,
    SupervisionField.FOCUS, SupervisionField.CONFIRMATION,
)
_LABELS = {
    SupervisionField.PROVIDER_ID: "provider", SupervisionField.FORMAT: "format",
    SupervisionField.MODE: "mode", SupervisionField.PEER: "peer",
    SupervisionField.SUPERVISION_TYPE: "kind of supervision",
    SupervisionField.ABOUT_OWN_RSC: "about the RSC I provide",
    SupervisionField.FOCUS: "age focus", SupervisionField.CONFIRMATION: "confirmation",
}


def is_signed(entry: Entry) -> bool:
    """Return whether a provider's signed confirmation is attached to the entry."""
    return entry.fields.get(SupervisionField.CONFIRMATION) == Confirmation.SIGNED


def locked_changes(before: Entry, after: Entry) -> list[str]:
    """Return the names of what an edit changes that a signature locks (empty: allowed)."""
    if not is_signed(before):
        return []
    changed = [name for name, old, new in (
        ("kind", before.kind, after.kind), ("date", before.date, after.date),
        ("duration", before.duration_minutes, after.duration_minutes)) if old != new]
    changed += [_LABELS[f] for f in LOCKED_FIELDS if before.fields.get(f) != after.fields.get(f)]
    return changed


def check_edit(before: Entry | None, after: Entry) -> None:
    """Raise InvalidInputError if an edit by the user would change signed hours."""
    if before is not None:
        changed = locked_changes(before, after)
        if changed:
            raise InvalidInputError(
                f"This session is confirmed by your provider's signature, so its "
                f"{', '.join(changed)} cannot change.",
                "Add a dated note instead (Entry > Add a dated note…, or reflectjournal "
                "amend ID --text ...), or unlink the confirmation first (Entry > Unlink "
                "confirmation…, or reflectjournal unlink-confirmation ID).")
    if is_signed(after) and (before is None or not is_signed(before)):
        raise InvalidInputError(
            "Only a confirmation your provider signs and sends marks a session signed.",
            "For a paper log they signed, choose 'Confirmed (printed signature)'.")
