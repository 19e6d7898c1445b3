"""The supervision round trip: cards, pairing, sharing, receiving, comments and sessions.

Each method that writes is one transaction; a bundle that fails any check writes nothing.
The GUI and the command line both call these methods (through `Journal.sharing`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reflectjournal.domain import bundle as fmt
from reflectjournal.domain import share_selection as selection
from reflectjournal.domain.contact_card import (
    ContactCard,
    card_to_bytes,
    clean_name,
    codes_match,
    pairing_code,
    parse_card,
)
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import (
    BundleError,
    BundleFormatError,
    BundleNotForYouError,
    BundleSenderError,
    BundleTooLargeError,
    ContactError,
    EntryNotFoundError,
    InvalidInputError,
    UnresolvedFlagsError,
)
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.passphrase import suggest_passphrase
from reflectjournal.store import sealed_bundle as sealed
from reflectjournal.store import sharing as sql
from reflectjournal.store.database import Database
from reflectjournal.store.files import atomic_write, make_private_file, storage_error
from reflectjournal.store.sharing import (
    ConfirmedSession,
    Contact,
    EntryComment,
    ReceivedBundle,
    ReceivedEntry,
    ReviewComment,
)

if TYPE_CHECKING:
    from reflectjournal.services.journal import Journal

BUNDLE_SUFFIX = ".rjb"
CARD_SUFFIX = ".rjcard"
PASSPHRASE_WORDS = 6


class PassphraseNeededError(BundleError):
    """The bundle is locked with a passphrase; ask for it and try again."""


@dataclass(frozen=True, slots=True)
class ShareDraft:
    """What would leave, before redaction, and every flag the check raised in it."""

    entries: tuple[fmt.SharedEntry, ...]
    message: str
    flags: tuple[selection.LocatedFlag, ...]

    def unresolved(self, redact: Collection[str], allow: Collection[str]) -> list[
        selection.LocatedFlag
    ]:
        """Return the flags neither redacted nor allowed."""
        return [f for f in self.flags if f.id not in redact and f.id not in allow]

    def resolved(self, redact: Collection[str]) -> tuple[tuple[fmt.SharedEntry, ...], str]:
        """Return the entries and message as they leave, redactions applied."""
        chosen = [f for f in self.flags if f.id in redact]
        return (tuple(selection.apply_redactions(e, chosen) for e in self.entries),
                selection.redact_message(self.message, chosen))


@dataclass(frozen=True, slots=True)
class WrittenBundle:
    """A bundle written to a file."""

    path: Path
    bundle_id: str
    entries: int = 0
    comments: int = 0
    sessions: int = 0
    passphrase: str | None = None  # the words to say in person, in passphrase mode


@dataclass(frozen=True, slots=True)
class ReceiveResult:
    """What opening a bundle did."""

    kind: str
    bundle_id: str
    sender: str
    verified: bool
    entries: int = 0
    comments: int = 0
    sessions: int = 0
    already_filed: bool = False
    warnings: tuple[str, ...] = field(default_factory=tuple)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def bundle_file_name(kind: str, when: dt.date) -> str:
    """Return a neutral file name: no client, no supervisor, only the month."""
    stem = "supervision" if kind == "entries" else "supervision-comments"
    return f"{stem}-{when:%Y-%m}{BUNDLE_SUFFIX}"


def new_bundle_passphrase() -> str:
    """Return six random words for a passphrase-mode bundle (said in person, never sent)."""
    return suggest_passphrase(PASSPHRASE_WORDS)


def read_bundle_file(path: Path) -> bytes:
    """Read a bundle file, refusing an oversized one before reading it."""
    try:
        size = path.stat().st_size
        if size > fmt.MAX_BUNDLE_BYTES:
            raise BundleTooLargeError(
                f"The file is {size // (1024 * 1024)} MiB; a ReflectJournal bundle is at most "
                f"{fmt.MAX_BUNDLE_BYTES // (1024 * 1024)} MiB. It was not opened.",
            )
        return path.read_bytes()
    except OSError as exc:
        raise BundleError(f"Cannot read {path.name}: {exc.strerror or exc}.") from None


class Sharing:
    """Sharing for one open journal."""

    def __init__(self, journal: Journal, db: Database) -> None:
        self._journal = journal
        self._db = db

    # --- identity and contacts -----------------------------------------------------------

    def _identity(self) -> tuple[sealed.Identity, str, str]:
        with self._db.transaction():
            return sql.identity(self._db)

    def my_name(self) -> str:
        """Return the name on this journal's card ("" until set)."""
        return self._identity()[1]

    def my_card(self, name: str | None = None, role: str | None = None) -> ContactCard:
        """Return this journal's card; name and role change it when given."""
        with self._db.transaction():
            ident, stored_name, stored_role = sql.identity(self._db)
            if name is not None or role is not None:
                new_name = clean_name(name) if name is not None else stored_name
                new_role = clean_name(role) if role is not None else stored_role
                if not new_name or len(new_name) > 80 or len(new_role) > 80:
                    raise InvalidInputError("A card needs a name of 1 to 80 characters "
                                            "(and a role of at most 80).")
                sql.set_name(self._db, new_name, new_role)
                stored_name, stored_role = new_name, new_role
        if not stored_name:
            raise ContactError("Your contact card needs your name first.",
                               "Give it once with --name; it is kept.")
        return ContactCard(stored_name, stored_role, ident.age_recipient, ident.signing_key)

    def card_bytes(self) -> bytes:
        """Return this journal's card file (public keys and name only)."""
        return card_to_bytes(self.my_card())

    def _my_keys_card(self) -> ContactCard:
        ident, name, role = self._identity()
        return ContactCard(name, role, ident.age_recipient, ident.signing_key)

    def read_card(self, data: bytes) -> ContactCard:
        """Parse a card file, refusing this journal's own card."""
        card = parse_card(data)
        if card.signing_key == self._my_keys_card().signing_key:
            raise ContactError("This is your own contact card.",
                               "Import the card of the person you share with.")
        return card

    def add_contact(self, data: bytes) -> tuple[Contact, str]:
        """Import someone's card; return the contact and the pairing code to compare."""
        card = self.read_card(data)
        with self._db.transaction():
            contact = sql.add_contact(self._db, card, _now())
        return contact, self.pairing_code(contact)

    def contacts(self) -> list[Contact]:
        """Return every contact, by name."""
        return sql.contacts(self._db)

    def contact(self, name: str) -> Contact:
        """Return the contact with this name (as on their card) or key fingerprint."""
        wanted = " ".join(name.split()).casefold()
        everyone = self.contacts()
        found = [c for c in everyone if c.name.casefold() == wanted]
        if not found and len(wanted) >= 4:
            found = [c for c in everyone if c.card.fingerprint.startswith(wanted)]
        if len(found) == 1:
            return found[0]
        if found:
            raise ContactError(
                f"{len(found)} contacts are called '{name}'.",
                "Name one by its key fingerprint: "
                + ", ".join(c.card.fingerprint for c in found) + ".",
            )
        names = ", ".join(c.name for c in everyone) or "none yet"
        raise ContactError(f"No contact called '{name}'.", f"Contacts: {names}.")

    def pairing_code(self, contact: Contact) -> str:
        """Return the code both people should see for this pair of cards."""
        return pairing_code(self._my_keys_card(), contact.card)

    def verify_contact(self, name: str, code: str) -> Contact:
        """Mark a contact verified if the code they read out matches ours."""
        contact = self.contact(name)
        if not codes_match(code, self.pairing_code(contact)):
            raise ContactError(
                f"The code does not match the one for {contact.name}'s card. "
                "The contact stays unverified.",
                "Check you both imported each other's latest card, and read the code again. "
                "If it still differs, a card may have been swapped: exchange cards in person.",
            )
        with self._db.transaction():
            sql.mark_verified(self._db, contact.id, _now())
        return self.contact(contact.card.fingerprint)

    def remove_contact(self, name: str) -> Contact:
        """Forget a contact; what they sent stays in the journal."""
        contact = self.contact(name)
        with self._db.transaction():
            sql.remove_contact(self._db, contact.id)
        return contact

    # --- watch-list ----------------------------------------------------------------------

    def watch_list(self) -> list[str]:
        """Return the names and places the check always flags."""
        return sql.watch_list(self._db)

    def set_watch_list(self, terms: Sequence[str]) -> list[str]:
        """Replace the watch-list (blank and duplicate lines dropped)."""
        cleaned = list(dict.fromkeys(t for t in (" ".join(x.split()) for x in terms) if t))
        if any(len(t) > 200 for t in cleaned) or len(cleaned) > 5000:
            raise InvalidInputError("Watch-list lines are at most 200 characters, 5000 lines.")
        with self._db.transaction():
            sql.set_watch_list(self._db, cleaned)
        return self.watch_list()

    # --- sending -------------------------------------------------------------------------

    def prepare(
        self, entry_ids: Sequence[EntryId], *, parts: Mapping[str, Collection[str]] | None = None,
        exact_dates: bool = False, message: str = "",
    ) -> ShareDraft:
        """Build what would leave for these entries and run the identifier check on it.

        parts maps a kind id to the part ids to send; kinds not named use their defaults.
        """
        if not entry_ids:
            raise InvalidInputError("Choose at least one entry to share.")
        if len(entry_ids) > fmt.MAX_ENTRIES:
            raise InvalidInputError(f"A bundle holds at most {fmt.MAX_ENTRIES} entries.")
        catalog = self._journal.catalog
        labels = self._journal.tag_labels()
        shared = []
        for entry in self._journal.get_entries(list(dict.fromkeys(entry_ids))):
            kind = catalog.kind(entry.kind)
            chosen = (parts or {}).get(kind.id)
            shared.append(selection.to_shared(
                entry, catalog, labels,
                selection.default_parts(kind) if chosen is None else chosen,
                exact_date=exact_dates,
            ))
        message = message.strip()
        if len(message) > fmt.MAX_MESSAGE_CHARS:
            raise InvalidInputError(f"The message is over {fmt.MAX_MESSAGE_CHARS} characters.")
        builtin = [t.label for t in self._journal.tags() if t.family != "user"]
        flags = selection.check(shared, message, self.watch_list(),
                                selection.app_labels(catalog, builtin))
        return ShareDraft(tuple(shared), message, tuple(flags))

    def write_share(
        self, draft: ShareDraft, dest: Path, *, to: str | None = None,
        passphrase: str | None = None, redact: Collection[str] = (),
        allow: Collection[str] = (),
    ) -> WrittenBundle:
        """Write an entries bundle once every flag is resolved (redacted or allowed)."""
        open_flags = draft.unresolved(redact, allow)
        if open_flags:
            raise UnresolvedFlagsError(
                f"{len(open_flags)} possible identifier(s) are not resolved; nothing was "
                "written.",
                tuple(open_flags),
                "Redact each one or mark it as not an identifier.",
            )
        entries, message = draft.resolved(redact)
        payload = fmt.entries_payload_bytes(fmt.EntriesPayload(message, entries))
        return self._write(dest, "entries", payload, to, passphrase,
                           [e.id for e in entries], counts={"entries": len(entries)})

    def _write(
        self, dest: Path, kind: fmt.BundleKind, payload: bytes, to: str | None,
        passphrase: str | None, entry_ids: Sequence[str], *, counts: Mapping[str, int],
        after: object = None,
    ) -> WrittenBundle:
        if (to is None) == (passphrase is None):
            raise InvalidInputError("Send either to a verified contact or with a passphrase.")
        ident, _, _ = self._identity()
        me = self.my_card()
        contact: Contact | None = None
        if to is not None:
            contact = self.contact(to)
            if not contact.verified:
                raise ContactError(
                    f"{contact.name} is not verified yet.",
                    "Compare the pairing code with them first (contact verify), or send "
                    "with a passphrase you tell them in person.",
                )
            recipients: tuple[str, ...] = (contact.card.age_recipient, me.age_recipient)
        else:
            assert passphrase is not None
            if len(passphrase.split()) < 4:
                raise InvalidInputError("A bundle passphrase needs at least four words.")
            recipients = (fmt.PASSPHRASE_RECIPIENT,)
        now = _now()
        manifest = fmt.Manifest(
            bundle_id=str(uuid.uuid4()), kind=kind, created_at=now, sender=me,
            recipients=recipients, payload_sha256=fmt.payload_hash(payload),
        )
        signed = fmt.manifest_bytes(manifest)
        plaintext = fmt.pack(signed, ident.sign(signed), payload)
        if contact is not None:
            data = sealed.seal(plaintext, recipients)
        else:
            assert passphrase is not None
            data = sealed.seal_with_passphrase(plaintext, passphrase)
        with self._db.transaction():
            sql.record_sent(self._db, manifest,
                            contact.card.signing_key if contact else None, entry_ids)
            if callable(after):
                after(manifest.bundle_id)
            # Written inside the transaction: if the file cannot be written, nothing is
            # recorded as sent, and comments stay unsent.
            try:
                atomic_write(dest, data)
                make_private_file(dest)
            except OSError as exc:
                raise storage_error(exc, dest) from exc
        return WrittenBundle(dest, manifest.bundle_id, counts.get("entries", 0),
                             counts.get("comments", 0), counts.get("sessions", 0), passphrase)

    # --- receiving -----------------------------------------------------------------------

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
        if not header.passphrase_mode and (contact is None or not contact.verified):
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
        return self._file_comments(manifest, opened.payload, verified, shown_name, ident)

    def _file_entries(self, manifest: fmt.Manifest, payload: fmt.EntriesPayload, verified: bool,
                      name: str, contact: Contact | None) -> ReceiveResult:
        with self._db.transaction():
            if contact is None:
                # Passphrase mode from someone new: keep their card so a reply can be sent.
                sql.add_contact(self._db, manifest.sender, _now())
            sql.record_received(self._db, manifest, verified, payload.message, _now())
            sql.file_entries(self._db, manifest.bundle_id, payload)
        return ReceiveResult("entries", manifest.bundle_id, name, verified,
                             entries=len(payload.entries))

    def _file_comments(self, manifest: fmt.Manifest, payload: fmt.CommentsPayload,
                       verified: bool, name: str, ident: sealed.Identity) -> ReceiveResult:
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
        added_sessions = 0
        with self._db.transaction():
            sql.record_received(self._db, manifest, verified, "", _now())
            sql.file_comments(self._db, manifest.bundle_id, payload.comments)
            for statement, signed in statements:
                if sql.session_exists(self._db, statement.id):
                    continue
                entry = self._journal.add_entry(EntryChanges(
                    kind="supervision", date=statement.date,
                    title=f"Supervision with {name} (confirmed)",
                    duration_minutes=statement.minutes,
                    fields={"supervisor": name, "format": statement.format, "peer": False},
                    body=f"Confirmed and signed by {name} in a reply received "
                         f"{_now():%Y-%m-%d}.",
                ))
                sql.add_session(self._db, "received", statement, manifest.sender,
                                signed.statement, signed.signature, entry_id=entry.id,
                                received_in=manifest.bundle_id)
                added_sessions += 1
        return ReceiveResult("comments", manifest.bundle_id, name, verified,
                             comments=len(payload.comments), sessions=added_sessions)

    # --- reviewing (the supervisor's side) ------------------------------------------------

    def received_bundles(self) -> list[ReceivedBundle]:
        """Return the entries bundles received, newest first."""
        return sql.received_bundles(self._db, "entries")

    def received_entries(self, bundle_id: str) -> list[ReceivedEntry]:
        """Return a received bundle's entries."""
        return sql.received_entries(self._db, bundle_id)

    def find_received(self, id_or_prefix: str) -> ReceivedEntry:
        """Return the received entry with this id (or unique prefix), from its latest bundle."""
        prefix = id_or_prefix.strip().lower()
        if len(prefix) < 4 or any(c not in "0123456789abcdef-" for c in prefix):
            raise InvalidInputError(f"'{id_or_prefix}' is not an entry id (or 4+ characters "
                                    "of one).")
        rows = self._db.rows(
            "SELECT e.entry_uuid, e.bundle_id FROM received_entries e JOIN received_bundles b "
            "USING (bundle_id) WHERE e.entry_uuid LIKE ? || '%' "
            "ORDER BY b.received_at DESC, e.id DESC", (prefix,))
        ids = {r[0] for r in rows}
        if not ids:
            raise EntryNotFoundError(f"No received entry has an id starting '{id_or_prefix}'.")
        if len(ids) > 1:
            raise InvalidInputError(f"'{id_or_prefix}' matches {len(ids)} received entries; "
                                    "give more of the id.")
        bundle_id = str(rows[0][1])
        return next(e for e in self.received_entries(bundle_id) if e.entry.id == rows[0][0])

    def add_comment(self, bundle_id: str, entry_id: EntryId | None, text: str) -> ReviewComment:
        """Write a comment on a received entry (or, with no entry, on the whole bundle)."""
        text = text.strip()
        if not text or len(text) > fmt.MAX_COMMENT_CHARS:
            raise InvalidInputError(f"A comment is 1 to {fmt.MAX_COMMENT_CHARS} characters.")
        if sql.received_bundle(self._db, bundle_id) is None or (
            entry_id is not None and entry_id not in sql.received_entry_ids(self._db, bundle_id)
        ):
            raise EntryNotFoundError("That entry was not received in that bundle.")
        with self._db.transaction():
            comment_id = sql.add_review_comment(self._db, bundle_id, entry_id, text, _now())
        return next(c for c in self.review_comments(bundle_id) if c.id == comment_id)

    def review_comments(self, bundle_id: str) -> list[ReviewComment]:
        """Return the comments written on a received bundle."""
        return sql.review_comments(self._db, bundle_id)

    def delete_comment(self, comment_id: int) -> None:
        """Delete a comment that has not been sent yet."""
        with self._db.transaction():
            if not sql.delete_review_comment(self._db, comment_id):
                raise InvalidInputError("Only comments not sent yet can be deleted.")

    def confirm_session(self, bundle_id: str, date: dt.date, minutes: int,
                        session_format: str) -> ConfirmedSession:
        """Confirm a supervision session with the sender of a received bundle (signed)."""
        received = sql.received_bundle(self._db, bundle_id)
        if received is None:
            raise EntryNotFoundError("No such received bundle.")
        if not 1 <= minutes <= 24 * 60:
            raise InvalidInputError("A session lasts 1 to 1440 minutes.")
        if session_format not in fmt.SESSION_FORMATS:
            raise InvalidInputError("A session is 'individual' or 'group'.")
        if date > _now().date() + dt.timedelta(days=1):
            raise InvalidInputError("A session cannot be confirmed before it took place.")
        ident, _, _ = self._identity()
        statement = fmt.SessionStatement(
            id=str(uuid.uuid4()), supervisor_key=ident.signing_key,
            supervisee_key=received.sender.signing_key, date=date, minutes=minutes,
            format=session_format,  # checked against SESSION_FORMATS above
        )
        raw = fmt.session_statement_bytes(statement)
        with self._db.transaction():
            sql.add_session(self._db, "given", statement, received.sender, raw, ident.sign(raw))
        return next(s for s in sql.sessions(self._db, "given") if s.id == statement.id)

    def confirmed_sessions(self, side: str | None = None) -> list[ConfirmedSession]:
        """Return sessions confirmed by signature ('given' by me or 'received' from)."""
        return sql.sessions(self._db, side)

    def pending_reply(self, to: str) -> tuple[list[ReviewComment], int]:
        """Return the unsent comments and the number of unsent sessions for a contact."""
        contact = self.contact(to)
        key = contact.card.signing_key
        return (sql.review_comments(self._db, unsent_from=key),
                len(sql.unsent_sessions(self._db, key)))

    def write_reply(self, dest: Path, *, to: str, passphrase: str | None = None) -> WrittenBundle:
        """Write a signed comments bundle with everything not yet sent to this contact."""
        contact = self.contact(to)
        key = contact.card.signing_key
        comments = sql.review_comments(self._db, unsent_from=key)
        sessions = sql.unsent_sessions(self._db, key)
        if not comments and not sessions:
            raise BundleError(f"Nothing to send to {contact.name}: no new comments or "
                              "confirmed sessions.")
        payload = fmt.comments_payload_bytes(fmt.CommentsPayload(
            tuple(fmt.Comment(c.bundle_id, c.entry_id, c.text, c.written_at) for c in comments),
            tuple(fmt.SignedSession(statement, signature) for _, statement, signature in sessions),
        ))

        def mark(bundle_id: str) -> None:
            sql.mark_comments_sent(self._db, [c.id for c in comments], bundle_id)
            sql.mark_sessions_sent(self._db, [s[0] for s in sessions], bundle_id)

        return self._write(
            dest, "comments", payload, None if passphrase else contact.card.fingerprint,
            passphrase, [], counts={"comments": len(comments), "sessions": len(sessions)},
            after=mark,
        )

    # --- the clinician reads comments -----------------------------------------------------

    def comments_on(self, entry_id: EntryId) -> list[EntryComment]:
        """Return the comments received on one of this journal's entries."""
        return sql.entry_comments(self._db, entry_id)

    def overall_comments(self) -> list[EntryComment]:
        """Return comments received on whole bundles rather than one entry."""
        return sql.entry_comments(self._db, None)
