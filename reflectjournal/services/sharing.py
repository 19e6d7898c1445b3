"""The supervision round trip: cards, pairing, sharing, receiving, comments and sessions.

Each method that writes is one transaction; a bundle that fails any check writes nothing
(receiving itself is in services/receiving.py). The GUI and the command line both call
these methods (through `Journal.sharing`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from reflectjournal.domain import bundle as fmt
from reflectjournal.domain import flag_memory as memory
from reflectjournal.domain import share_selection as selection
from reflectjournal.domain.clock import utc_now
from reflectjournal.domain.contact_card import (
    ContactCard,
    card_to_bytes,
    clean_name,
    codes_match,
    pairing_code,
    parse_card,
)
from reflectjournal.domain.errors import (
    BundleError,
    ContactError,
    InvalidInputError,
    UnresolvedFlagsError,
)
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.shared_version import entry_state
from reflectjournal.domain.supervision import (
    Contact,
    EntryComment,
    ReviewComment,
)
from reflectjournal.domain.taxonomy import Catalog
from reflectjournal.domain.wording import count_words
from reflectjournal.services import attestations, shared_state
from reflectjournal.services.desk import SupervisorDesk
from reflectjournal.services.entries import Entries
from reflectjournal.services.receiving import PassphraseNeededError as PassphraseNeededError
from reflectjournal.services.receiving import ReceiveResult as ReceiveResult
from reflectjournal.services.receiving import Receiving
from reflectjournal.services.receiving import read_bundle_file as read_bundle_file
from reflectjournal.services.share_values import BUNDLE_SUFFIX as BUNDLE_SUFFIX
from reflectjournal.services.share_values import ShareDraft as ShareDraft
from reflectjournal.services.share_values import WrittenBundle as WrittenBundle
from reflectjournal.services.share_values import bundle_file_name as bundle_file_name
from reflectjournal.services.share_values import new_bundle_passphrase as new_bundle_passphrase
from reflectjournal.services.tags import Tags
from reflectjournal.store import sealed_bundle as sealed
from reflectjournal.store import shared_versions as versions
from reflectjournal.store import sharing as sql
from reflectjournal.store import supervision_loop as loop_sql
from reflectjournal.store.database import Database
from reflectjournal.store.files import atomic_write, make_private_file, storage_error

CARD_SUFFIX = ".rjcard"


class Sharing(SupervisorDesk):
    """Sharing for one open journal (the supervisor's side of it in services/desk.py)."""

    def __init__(self, db: Database, catalog: Catalog, entries: Entries, tags: Tags) -> None:
        self._db = db
        self._catalog = catalog
        self._entries = entries
        self._tags = tags
        self._receiving = Receiving(db, entries)

    def use_catalog(self, catalog: Catalog) -> None:
        """Follow the journal's catalog after the user's templates changed its prompts."""
        self._catalog = catalog

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
            contact = sql.add_contact(self._db, card, utc_now())
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
            sql.mark_verified(self._db, contact.id, utc_now())
        return self.contact(contact.card.fingerprint)

    def remove_contact(self, name: str) -> Contact:
        """Forget a contact; what they sent stays in the journal."""
        contact = self.contact(name)
        with self._db.transaction():
            sql.remove_contact(self._db, contact.id)
        return contact

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

    def allow_list(self) -> list[str]:
        """Return the terms cleared as not an identifier in this journal, by name."""
        with self._db.transaction():
            terms = sql.allow_list(self._db)
        return sorted(terms, key=str.casefold)

    def allow_terms(self, terms: Sequence[str]) -> list[str]:
        """Add terms to the allow-list: the check no longer flags them in this journal."""
        with self._db.transaction():
            sql.set_allow_list(self._db, memory.clean_terms([*sql.allow_list(self._db), *terms]))
        return self.allow_list()

    def forget_allowed(self, terms: Sequence[str] | None = None) -> list[str]:
        """Remove these terms from the allow-list (all of them when None)."""
        with self._db.transaction():
            kept: list[str] = []
            if terms is not None:
                gone = {memory.term_key(t) for t in terms}
                current = sql.allow_list(self._db)
                missing = [t for t in terms
                           if memory.term_key(t) not in {memory.term_key(c) for c in current}]
                if missing:
                    raise InvalidInputError(f"'{missing[0]}' is not on the allow-list.")
                kept = [t for t in current if memory.term_key(t) not in gone]
            sql.set_allow_list(self._db, kept)
        return self.allow_list()

    def add_to_watch_list(self, terms: Sequence[str]) -> list[str]:
        """Add terms to the watch-list, keeping what is there."""
        return self.set_watch_list([*self.watch_list(), *terms])

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
        catalog = self._catalog
        labels = self._tags.labels()
        shared = []
        states = []
        brought = loop_sql.marked_ids(self._db)  # travel as the supervisee's questions
        for entry in self._entries.get_many(list(dict.fromkeys(entry_ids))):
            states.append((entry.id, entry_state(entry)))
            kind = catalog.kind(entry.kind)
            chosen = (parts or {}).get(kind.id)
            shared.append(replace(selection.to_shared(
                entry, catalog, labels,
                selection.default_parts(kind) if chosen is None else chosen,
                exact_date=exact_dates,
            ), brought=entry.id in brought))
        message = message.strip()
        if len(message) > fmt.MAX_MESSAGE_CHARS:
            raise InvalidInputError(f"The message is over {fmt.MAX_MESSAGE_CHARS} characters.")
        builtin = [t.label for t in self._tags.all() if t.family != "user"]
        flags = memory.without_allowed(
            selection.check(shared, message, self.watch_list(),
                            selection.app_labels(catalog, builtin)),
            self.allow_list())
        return ShareDraft(tuple(shared), message, tuple(flags), tuple(states))

    def write_share(
        self, draft: ShareDraft, dest: Path, *, to: str | None = None,
        passphrase: str | None = None, redact: Collection[str] = (),
        allow: Collection[str] = (), remember: bool = False,
    ) -> WrittenBundle:
        """Write an entries bundle once every flag is resolved (redacted or allowed).

        remember puts the allowed flags' texts on the allow-list once the bundle is written.
        """
        open_flags = draft.unresolved(redact, allow)
        if open_flags:
            raise UnresolvedFlagsError(
                count_words(len(open_flags), "possible identifier is",
                            "possible identifiers are") + " not resolved; nothing was written.",
                tuple(open_flags),
                "Redact each one or mark it as not an identifier.",
            )
        entries, message = draft.resolved(redact)
        payload = fmt.entries_payload_bytes(fmt.EntriesPayload(message, entries))
        cleared = memory.rememberable(draft.flags, allow) if remember else []
        supervisor = self.contact(to).card.signing_key if to is not None else None

        # All in the bundle's transaction: kept only if the bundle is written.
        def keep_cleared(bundle_id: str) -> None:
            versions.record(self._db, bundle_id, entries, dict(draft.states), utc_now())
            if supervisor is not None:  # sharing an entry again answers their questions on it
                loop_sql.answer_by_share(self._db, bundle_id, [e.id for e in entries],
                                         supervisor, utc_now())
            if cleared:  # in the bundle's transaction: remembered only if it is written
                sql.set_allow_list(self._db,
                                   memory.clean_terms([*sql.allow_list(self._db), *cleared]))

        return self._write(dest, "entries", payload, to, passphrase,
                           [e.id for e in entries], counts={"entries": len(entries)},
                           after=keep_cleared)

    def _write(
        self, dest: Path, kind: fmt.BundleKind, payload: bytes, to: str | None,
        passphrase: str | None, entry_ids: Sequence[str], *, counts: Mapping[str, int],
        after: object = None, again: tuple[str, dt.datetime] | None = None,
    ) -> WrittenBundle:
        """Seal, sign and write a bundle, recorded as sent in the same transaction.

        again (bundle id, time) writes a bundle already recorded once more, under its own
        id and time: nothing new is recorded.
        """
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
        bundle_id, now = again or (str(uuid.uuid4()), utc_now())
        manifest = fmt.Manifest(
            bundle_id=bundle_id, kind=kind, created_at=now, sender=me,
            recipients=recipients, payload_sha256=fmt.payload_hash(payload),
        )
        signed = fmt.manifest_bytes(manifest)
        plaintext = fmt.pack(signed, ident.sign(signed), payload)
        # Never write what no receiver opens (the limit keeps opening within its memory).
        if len(plaintext) > fmt.MAX_BUNDLE_BYTES - 64 * 1024:
            raise InvalidInputError(
                f"This bundle would be {len(plaintext) // (1024 * 1024)} MiB; a bundle can be "
                f"at most {fmt.MAX_BUNDLE_BYTES // (1024 * 1024)} MiB. Nothing was written.",
                "Share fewer or shorter entries at a time.")
        if contact is not None:
            data = sealed.seal(plaintext, recipients)
        else:
            assert passphrase is not None
            data = sealed.seal_with_passphrase(plaintext, passphrase)
        with self._db.transaction():
            if again is None:
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

    def receive_file(self, path: Path, passphrase: str | None = None) -> ReceiveResult:
        """Open a bundle file of either kind (see `receive`)."""
        return self._receiving.receive_file(path, passphrase)

    def receive(self, data: bytes, passphrase: str | None = None) -> ReceiveResult:
        """Verify a bundle and file what it carries; any failure writes nothing."""
        return self._receiving.receive(data, passphrase)

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
        attested = attestations.unsent(self._db, key)
        if not comments and not sessions and not attested:
            raise BundleError(f"Nothing to send to {contact.name}: no new comments, "
                              "confirmed sessions or period attestations.")
        payload = self._reply_payload(comments, sessions, attested)

        def mark(bundle_id: str) -> None:
            sql.mark_comments_sent(self._db, [c.id for c in comments], bundle_id)
            sql.mark_sessions_sent(self._db, [s[0] for s in sessions], bundle_id)
            attestations.mark_sent(self._db, [a[0] for a in attested], bundle_id)

        return self._write(
            dest, "comments", payload, None if passphrase else contact.card.fingerprint,
            passphrase, [], counts={"comments": len(comments), "sessions": len(sessions)},
            after=mark,
        )

    def _reply_payload(self, comments: Sequence[ReviewComment],
                       sessions: Sequence[tuple[str, bytes, bytes]],
                       attested: Sequence[tuple[bytes, bytes]]) -> bytes:
        return fmt.comments_payload_bytes(fmt.CommentsPayload(
            tuple(fmt.Comment(c.bundle_id, c.entry_id, c.text, c.written_at,
                              self.answered_version(c.bundle_id, c.entry_id), c.question)
                  for c in comments),
            tuple(fmt.SignedSession(statement, signature) for _, statement, signature in sessions),
            tuple(fmt.SignedSession(statement, signature) for statement, signature in attested),
        ))

    def write_reply_again(self, dest: Path, *, to: str,
                          passphrase: str | None = None) -> WrittenBundle:
        """Write the last reply to this contact again, for when the first file was lost.

        The same bundle id, time, comments and signed statements: the plaintext comes out
        byte for byte the same (Ed25519 signatures are deterministic), only the encryption
        is new. So a journal that did get the first copy says "opened before" and files
        nothing twice, and one that did not files exactly what the first would have.
        """
        contact = self.contact(to)
        last = sql.last_reply_to(self._db, contact.card.signing_key)
        if last is None:
            raise BundleError(f"No reply to {contact.name} was written yet; write one with "
                              "Send comments (reflectjournal reply).")
        comments, sessions = sql.sent_reply_contents(self._db, last[0])
        attested = attestations.sent_in(self._db, last[0])
        payload = self._reply_payload(comments, sessions, attested)
        return self._write(
            dest, "comments", payload, None if passphrase else contact.card.fingerprint,
            passphrase, [], counts={"comments": len(comments), "sessions": len(sessions)},
            again=last,
        )

    def comments_on(self, entry_id: EntryId) -> list[EntryComment]:
        """Return the comments received on one of this journal's entries."""
        return sql.entry_comments(self._db, entry_id)

    def share_state(self, entry_id: EntryId) -> shared_state.ShareState:
        """Return the versions of one of my entries that were shared, and whether it changed."""
        return shared_state.share_state(self._db, self._entries, entry_id,
                                        sql.entry_comments(self._db, entry_id))

    def answered_comments(self, entry_id: EntryId) -> list[shared_state.AnsweredComment]:
        """Return the comments on one of my entries, each with the version it answered."""
        comments = sql.entry_comments(self._db, entry_id)
        state = shared_state.share_state(self._db, self._entries, entry_id, comments)
        return shared_state.answered(state, comments)

    def changed_since_shared(self) -> dict[EntryId, str]:
        """Return the marker of each of my entries edited since it was last shared."""
        return shared_state.changed_entries(self._db, self._entries)

    def overall_comments(self) -> list[EntryComment]:
        """Return comments received on whole bundles rather than one entry."""
        return sql.entry_comments(self._db, None)
