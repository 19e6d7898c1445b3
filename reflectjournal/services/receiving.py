"""Opening a bundle someone sent: verify it, then file its entries or its reply.

A bundle that fails any check writes nothing. `Sharing.receive` hands over to this. A reply's
session confirmations count only when a verified contact signed them and they look like
ordinary sessions; the others are kept apart as claims (services/claims.py, issue 18).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reflectjournal.domain import bundle as fmt
from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.contact_card import ContactCard
from reflectjournal.domain.errors import (
    BundleError,
    BundleFormatError,
    BundleNotForYouError,
    BundleSenderError,
    BundleTooLargeError,
    FileRefusedError,
)
from reflectjournal.domain.supervision import Contact
from reflectjournal.services import attestations, shared_state
from reflectjournal.services.claims import Claims
from reflectjournal.services.confirmations import Confirmations
from reflectjournal.services.entries import Entries
from reflectjournal.store import sealed_bundle as sealed
from reflectjournal.store import sharing as sql
from reflectjournal.store.database import Database
from reflectjournal.store.files import read_regular_file


class PassphraseNeededError(BundleError):
    """The bundle is locked with a passphrase; ask for it and try again."""


@dataclass(frozen=True, slots=True)
class ReceiveResult:
    """What opening a bundle did."""

    kind: str
    bundle_id: str
    sender: str
    verified: bool
    entries: int = 0
    comments: int = 0
    sessions: int = 0  # confirmations that became new entries
    attached: int = 0  # confirmations attached to sessions already logged by hand
    attestations: int = 0  # period attestations kept
    unverified: int = 0  # sessions kept as unverified claims: nothing counted
    held: int = 0  # a verified contact's sessions held as implausible: nothing counted
    not_verified_because: str = ""  # why the sender is not verified, in plain words
    already_filed: bool = False
    warnings: tuple[str, ...] = field(default_factory=tuple)


def read_bundle_file(path: Path) -> bytes:
    """Read a bundle file, refusing an oversized one before reading it."""
    try:
        size = path.stat().st_size
        if size > fmt.MAX_BUNDLE_BYTES:
            raise BundleTooLargeError(
                f"The file is {size // (1024 * 1024)} MiB; a ReflectJournal bundle is at most "
                f"{fmt.MAX_BUNDLE_BYTES // (1024 * 1024)} MiB. It was not opened.",
            )
        return read_regular_file(path, fmt.MAX_BUNDLE_BYTES, "bundle")
    except FileRefusedError as exc:
        raise BundleError(str(exc)) from None
    except OSError as exc:
        raise BundleError(f"Cannot read {path.name}: {exc.strerror or exc}.") from None


class Receiving:
    """Files what bundles bring into one open journal."""

    def __init__(self, db: Database, entries: Entries) -> None:
        self._db = db
        self._entries = entries
        self._confirmations = Confirmations(db, entries)
        self._claims = Claims(db, entries)

    def _identity(self) -> tuple[sealed.Identity, str, str]:
        with self._db.transaction():
            return sql.identity(self._db)

    def receive_file(self, path: Path, passphrase: str | None = None) -> ReceiveResult:
        """Open a bundle file of either kind (see `receive`)."""
        return self.receive(read_bundle_file(path), passphrase)

    def receive(self, data: bytes, passphrase: str | None = None) -> ReceiveResult:
        """Verify a bundle and file what it carries; any failure writes nothing."""
        if len(data) > fmt.MAX_BUNDLE_BYTES:
            raise BundleTooLargeError("The file is over the bundle size limit; it was not opened.")
        header = sealed.read_header(data)
        ident, _, _ = self._identity()
        if header.passphrase_mode:
            if passphrase is None:
                raise PassphraseNeededError(
                    "This bundle is locked with a passphrase.",
                    "Type the words the sender told you in person.",
                )
            plaintext = sealed.unseal_with_passphrase(data, passphrase)
        else:
            plaintext = sealed.unseal(data, ident.age_secret)
        opened = fmt.open_plaintext(plaintext)
        manifest = opened.manifest
        sender = manifest.sender
        if not sealed.verify(sender.signing_key, opened.manifest_bytes, opened.signature):
            raise BundleSenderError(
                "The bundle's signature does not match its contents: it may have been altered.",
                "Nothing was filed. Ask the sender for a fresh copy.",
            )
        if sender.signing_key == ident.signing_key:
            raise BundleError("This is a bundle you wrote yourself; it is already in your "
                              "journal's records.", "Send it to the person it is for.")
        if header.passphrase_mode:
            if manifest.recipients != (fmt.PASSPHRASE_RECIPIENT,):
                raise BundleFormatError("The bundle's manifest does not match how it is locked.")
        elif ident.age_recipient not in manifest.recipients:
            raise BundleNotForYouError(
                "The bundle's signed manifest does not name you as a recipient.",
                "It was made for someone else and passed on. Nothing was filed.",
            )
        contact = sql.contact_by_key(self._db, sender.signing_key)
        # A reply from someone unverified is still opened: its sessions become claims.
        if (not header.passphrase_mode and manifest.kind == "entries"
                and (contact is None or not contact.verified)):
            who = f"{contact.name} is" if contact else f"'{sender.name}' is not a contact and"
            raise BundleSenderError(
                f"The bundle is signed by a key you have not verified: {who} not verified.",
                "Import their card and compare the pairing code first. Nothing was filed.",
            )
        verified = contact is not None and contact.verified
        shown_name = contact.name if contact else sender.name
        if sql.was_received(self._db, manifest.bundle_id):
            return ReceiveResult(manifest.kind, manifest.bundle_id, shown_name, verified,
                                 already_filed=True)
        if isinstance(opened.payload, fmt.EntriesPayload):
            return self._file_entries(manifest, opened.payload, verified, shown_name, contact)
        why = "" if verified else self._why_not_verified(header.passphrase_mode, sender,
                                                        contact)
        return self._file_comments(manifest, opened.payload, why, shown_name, ident)

    def _why_not_verified(self, passphrase_mode: bool, sender: ContactCard,
                          contact: Contact | None) -> str:
        """Say plainly why a sender's signature proves nothing about who they are."""
        if contact is None:
            same_name = [c for c in sql.contacts(self._db)
                         if c.verified and c.name.casefold() == sender.name.casefold()]
            if same_name:
                return (f"signed with a key that differs from the one you verified for "
                        f"{same_name[0].name}")
        if passphrase_mode:
            return "sent with a passphrase: anyone who knows the words could have written it"
        if contact is None:
            return f"signed by '{sender.name}', who is not among your contacts"
        return f"signed by {contact.name}, a contact you have not verified"

    def _file_entries(self, manifest: fmt.Manifest, payload: fmt.EntriesPayload, verified: bool,
                      name: str, contact: Contact | None) -> ReceiveResult:
        with self._db.transaction():
            if contact is None:
                # Passphrase mode from someone new: keep their card so a reply can be sent.
                sql.add_contact(self._db, manifest.sender, utc_now())
            sql.record_received(self._db, manifest, verified, payload.message, utc_now())
            sql.file_entries(self._db, manifest.bundle_id, payload)
        return ReceiveResult("entries", manifest.bundle_id, name, verified,
                             entries=len(payload.entries))

    def _file_comments(self, manifest: fmt.Manifest, payload: fmt.CommentsPayload,
                       not_verified: str, name: str, ident: sealed.Identity) -> ReceiveResult:
        verified = not not_verified
        sender_key = manifest.sender.signing_key
        for comment in payload.comments:
            sent = sql.sent_entries(self._db, comment.answers)
            if sent is None or (sent[0] is not None and sent[0] != sender_key):
                raise BundleFormatError(
                    "The reply comments on a bundle you did not send to its author. "
                    "Nothing was filed.")
            if comment.entry_id is not None and comment.entry_id not in sent[1]:
                raise BundleFormatError(
                    "The reply comments on an entry the bundle it answers did not carry. "
                    "Nothing was filed.")
        version_notes = shared_state.check_comments(self._db, self._entries, payload.comments)
        statements = []
        for signed in payload.sessions:
            statement = fmt.parse_session_statement(signed.statement)
            if (statement.supervisor_key != sender_key
                    or statement.supervisee_key != ident.signing_key
                    or not sealed.verify(sender_key, signed.statement, signed.signature)):
                raise BundleSenderError(
                    "A confirmed session in the reply is not signed by its sender for you. "
                    "Nothing was filed.")
            statements.append((statement, signed))
        attested = attestations.check_received(
            [(a.statement, a.signature) for a in payload.attestations], sender_key,
            ident.signing_key)
        filed = []
        unverified = held = 0
        with self._db.transaction():
            sql.record_received(self._db, manifest, verified, "", utc_now())
            sql.file_comments(self._db, manifest.bundle_id, payload.comments)
            fresh = [(st, sg) for st, sg in statements
                     if not sql.session_exists(self._db, st.id)
                     and not self._claims.is_held(st.id)]
            odd = self._claims.reasons_to_hold([st for st, _ in fresh], sender_key,
                                               utc_now().date())
            for statement, signed in fresh:
                pair = (signed.statement, signed.signature)
                if not verified or statement.id in odd:
                    reasons = ([not_verified] if not_verified else []) + odd.get(statement.id, [])
                    self._claims.hold(statement, pair, manifest.sender, verified, reasons,
                                      manifest.bundle_id)
                    unverified += not verified
                    held += verified
                    continue
                filed.append(self._confirmations.file_received(
                    statement, manifest.sender, name, pair, manifest.bundle_id))
            kept = attestations.file_received(self._db, attested, manifest.sender, name,
                                              verified, manifest.bundle_id)
        added_sessions = sum(not f.attached for f in filed)
        warnings = tuple(
            f"A confirmed session's minutes differ from those you logged "
            f"({f.logged_minutes} min); the confirmed minutes now count, yours are kept with "
            f"the confirmation." for f in filed if f.minutes_differ) + tuple(version_notes)
        return ReceiveResult("comments", manifest.bundle_id, name, verified,
                             comments=len(payload.comments), sessions=added_sessions,
                             attached=len(filed) - added_sessions, unverified=unverified,
                             held=held, not_verified_because=not_verified, attestations=kept,
                             warnings=warnings)
