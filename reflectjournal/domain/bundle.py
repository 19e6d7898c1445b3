"""What a supervision bundle holds once decrypted, and its strict parser.

The decrypted bytes are a small JSON object with three members: the manifest (as text,
so the signature covers exact bytes), the sender's Ed25519 signature over it, and the
payload (as text, whose SHA-256 the manifest names). docs/sharing.md describes the format.
Everything here is pure parsing: checking the signature and the keys is the caller's job.
Each part's JSON is counted, read and written by domain/bundle_json.py.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reflectjournal.domain.bundle_json import (
    format_errors,
    json_bytes,
    load_json,
    read_optional,
    read_uuid,
    read_version,
)
from reflectjournal.domain.contact_card import ContactCard, card_from_json, card_to_json
from reflectjournal.domain.entry import MAX_DURATION_MINUTES, MAX_TEXT_CHARS, MAX_TITLE_CHARS
from reflectjournal.domain.errors import BundleFormatError, InvalidInputError
from reflectjournal.domain.exchange import JsonReader
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.shared_version import content_version

BUNDLE_FORMAT = "reflectjournal-bundle"
MANIFEST_FORMAT = "reflectjournal-bundle-manifest"
SESSION_FORMAT = "reflectjournal-confirmed-session"
VERSION = 1
PASSPHRASE_RECIPIENT = "passphrase"  # noqa: S105 (a marker, not a secret)
# Refused before decrypting: a year of weekly bundles of long entries is far below this.
# It also bounds the memory opening takes (issue 18): one emoji makes Python hold a text at
# 4 bytes a character, and the text is held about four times over while it is parsed, so
# 16 MiB keeps the largest bundle under 300 MiB (tests/services/test_bundle_memory.py).
MAX_BUNDLE_BYTES = 16 * 1024 * 1024
MAX_ENTRIES = 500
MAX_COMMENTS = 2000
MAX_SESSIONS = 200
MAX_ATTESTATIONS = 50
MAX_COMMENT_CHARS = 20_000
MAX_MESSAGE_CHARS = 20_000
MAX_RECIPIENTS = 8
MAX_LABEL_CHARS = 300
MAX_ITEMS_PER_ENTRY = 100
SIGNATURE_BYTES = 64

BundleKind = Literal["entries", "comments"]
SessionFormat = Literal["individual", "group"]
SESSION_FORMATS: tuple[SessionFormat, ...] = ("individual", "group")
SESSION_MODES = ("in-person", "virtual")
SESSION_FOCUSES = ("0-3", "3-6", "both")
MAX_DECLARATION_CHARS = 300
FORMAT_LABELS: dict[str, str] = {"individual": "Individual", "group": "Group"}


@dataclass(frozen=True, slots=True)
class SharedEntry:
    """One entry as it leaves the clinician's journal: only the chosen, checked text."""

    id: EntryId
    kind_label: str
    date: str  # "2026-11" (coarsened, the default) or "2026-11-03"
    title: str
    answers: tuple[tuple[str, str], ...]  # (prompt, answer)
    body: str
    fields: tuple[tuple[str, str], ...]  # (field label, value as text)
    duration_minutes: int | None
    tags: tuple[str, ...]  # tag labels, not ids: the supervisor has other user tags
    # False: it came in a bundle written before versions existed, so no comment can name
    # the version it answers (docs/sharing.md, "Versions").
    versioned: bool = True
    # The clinician marked it "bring to supervision": a question for the supervisor. Not
    # part of the version: a mark says what to talk about, not what the entry says.
    brought: bool = False

    @property
    def version(self) -> str | None:
        """Return the hash of this content (domain/shared_version.py), None if unversioned."""
        return content_version(_entry_content(self)) if self.versioned else None


@dataclass(frozen=True, slots=True)
class Comment:
    """A supervisor's comment on one entry of a bundle (entry_id None: on the whole bundle)."""

    answers: str  # the bundle id of the entries bundle it answers
    entry_id: EntryId | None
    text: str
    written_at: dt.datetime
    version: str | None = None  # the version of the entry it answers; None: not known
    question: bool = False  # asked as a question: on the clinician's agenda until answered


@dataclass(frozen=True, slots=True)
class SessionStatement:
    """A supervision session as the supervisor confirmed (and signed) it.

    The details after `format` are optional (spec 2.7): statements written before they
    existed carry none, and each is signed only when given, so their bytes are unchanged.
    """

    id: str
    supervisor_key: bytes
    supervisee_key: bytes
    date: dt.date
    minutes: int
    format: SessionFormat
    mode: str | None = None  # in-person | virtual
    about_own_rsc: bool | None = None  # about the RSC the supervisee provides
    focus: str | None = None  # 0-3 | 3-6 | both
    declaration: str | None = None  # the supervisor's own qualification, in their words
    answers_version: str | None = None  # the version of the bundle it confirms (bundle_version)


@dataclass(frozen=True, slots=True)
class SessionDetails:
    """What a supervisor may add to a confirmation besides date, minutes and format."""

    mode: str | None = None
    about_own_rsc: bool | None = None
    focus: str | None = None
    declaration: str | None = None

    def checked(self) -> dict[str, Any]:
        """Return the details as SessionStatement keywords, or raise InvalidInputError."""
        if self.mode is not None and self.mode not in SESSION_MODES:
            raise InvalidInputError(f"A session's mode is {' or '.join(SESSION_MODES)}.")
        if self.focus is not None and self.focus not in SESSION_FOCUSES:
            raise InvalidInputError(f"A session's age focus is one of "
                                    f"{', '.join(SESSION_FOCUSES)}.")
        declaration = (self.declaration or "").strip() or None
        if declaration is not None and len(declaration) > MAX_DECLARATION_CHARS:
            raise InvalidInputError(f"A declaration of qualification has at most "
                                    f"{MAX_DECLARATION_CHARS} characters.")
        return {"mode": self.mode, "about_own_rsc": self.about_own_rsc, "focus": self.focus,
                "declaration": declaration}


@dataclass(frozen=True, slots=True)
class SignedSession:
    """A session statement's exact bytes and the supervisor's signature over them."""

    statement: bytes
    signature: bytes


@dataclass(frozen=True, slots=True)
class Manifest:
    """Who sent the bundle, to whom, what it is, and the hash of its payload."""

    bundle_id: str
    kind: BundleKind
    created_at: dt.datetime
    sender: ContactCard
    recipients: tuple[str, ...]
    payload_sha256: str


@dataclass(frozen=True, slots=True)
class EntriesPayload:
    """The payload of a clinician's bundle."""

    message: str
    entries: tuple[SharedEntry, ...]


@dataclass(frozen=True, slots=True)
class CommentsPayload:
    """The payload of a supervisor's reply."""

    comments: tuple[Comment, ...]
    sessions: tuple[SignedSession, ...]
    attestations: tuple[SignedSession, ...] = ()  # signed period attestations (spec 2.7)


@dataclass(frozen=True, slots=True)
class OpenedBundle:
    """A decrypted bundle whose structure and payload hash check out (signature unchecked)."""

    manifest: Manifest
    manifest_bytes: bytes
    signature: bytes
    payload: EntriesPayload | CommentsPayload


def manifest_bytes(manifest: Manifest) -> bytes:
    """Serialise a manifest (the bytes the sender signs)."""
    return json_bytes({
        "format": MANIFEST_FORMAT,
        "version": VERSION,
        "bundle_id": manifest.bundle_id,
        "kind": manifest.kind,
        "created_at": manifest.created_at.isoformat(),
        "sender": card_to_json(manifest.sender),
        "recipients": list(manifest.recipients),
        "payload_sha256": manifest.payload_sha256,
    })


def _entry_content(e: SharedEntry) -> dict[str, Any]:
    """Return an entry as the payload holds it, without its version (what the version hashes)."""
    return {
        "id": e.id, "kind": e.kind_label, "date": e.date, "title": e.title,
        "answers": [{"prompt": p, "text": t} for p, t in e.answers],
        "body": e.body,
        "fields": [{"label": label, "value": v} for label, v in e.fields],
        "duration_minutes": e.duration_minutes, "tags": list(e.tags),
    }


def _entry_json(e: SharedEntry) -> dict[str, Any]:
    content = _entry_content(e)
    if e.versioned:
        content["version"] = content_version(content)
    if e.brought:  # only when marked: an unmarked entry keeps the bytes older versions wrote
        content["bring"] = True
    return content


def entries_payload_bytes(payload: EntriesPayload) -> bytes:
    """Serialise the entries a clinician shares, each with its version."""
    return json_bytes({"message": payload.message,
                       "entries": [_entry_json(e) for e in payload.entries]})


def comments_payload_bytes(payload: CommentsPayload) -> bytes:
    """Serialise a supervisor's comments and confirmed sessions."""
    return json_bytes({
        "comments": [
            {"answers": c.answers, "entry_id": c.entry_id, "text": c.text,
             "written_at": c.written_at.isoformat(),
             # Only when known: a comment on an older bundle's entry names no version.
             **({"version": c.version} if c.version is not None else {}),
             # Only when asked: a plain comment keeps the bytes older versions wrote.
             **({"question": True} if c.question else {})}
            for c in payload.comments
        ],
        "sessions": [_signed(s) for s in payload.sessions],
        # Only when there are some: a reply without keeps the bytes older versions wrote.
        **({"attestations": [_signed(a) for a in payload.attestations]}
           if payload.attestations else {}),
    })


def _signed(s: SignedSession) -> dict[str, str]:
    return {"statement": s.statement.decode("utf-8"),
            "signature": base64.b64encode(s.signature).decode("ascii")}


def session_statement_bytes(s: SessionStatement) -> bytes:
    """Serialise a session statement (the bytes the supervisor signs)."""
    return json_bytes({
        "format": SESSION_FORMAT,
        "version": VERSION,
        "id": s.id,
        "supervisor_key": base64.b64encode(s.supervisor_key).decode("ascii"),
        "supervisee_key": base64.b64encode(s.supervisee_key).decode("ascii"),
        "date": s.date.isoformat(),
        "minutes": s.minutes,
        "format_of_session": s.format,
        **{key: value for key, value in (
            ("mode", s.mode), ("about_own_rsc", s.about_own_rsc), ("focus", s.focus),
            ("declaration", s.declaration), ("answers_version", s.answers_version))
            if value is not None},
    })


def pack(manifest: bytes, signature: bytes, payload: bytes) -> bytes:
    """Return the plaintext that gets encrypted: manifest, signature and payload."""
    return json_bytes({
        "format": BUNDLE_FORMAT,
        "manifest": manifest.decode("utf-8"),
        "signature": base64.b64encode(signature).decode("ascii"),
        "payload": payload.decode("utf-8"),
    })


def payload_hash(payload: bytes) -> str:
    """Return the hex SHA-256 the manifest names for a payload."""
    return hashlib.sha256(payload).hexdigest()


def open_plaintext(data: bytes) -> OpenedBundle:
    """Parse decrypted bundle bytes; raise BundleFormatError on anything unexpected."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleFormatError("The bundle's contents are over the size limit.")
    outer = load_json(data, "contents")
    with format_errors("contents"):
        if outer.obj().get("format") != BUNDLE_FORMAT:
            raise BundleFormatError("The file is not a ReflectJournal supervision bundle.")
        manifest_raw = outer.field("manifest").text(64 * 1024, nonempty=True).encode("utf-8")
        signature = outer.field("signature").base64(SIGNATURE_BYTES, "a signature")
        payload_raw = outer.field("payload").text(MAX_BUNDLE_BYTES, nonempty=True).encode(
            "utf-8"
        )
    del outer  # the payload as text: free it before the payload is parsed (memory budget)
    manifest = parse_manifest(manifest_raw)
    if payload_hash(payload_raw) != manifest.payload_sha256:
        raise BundleFormatError("The bundle's payload does not match its signed manifest.")
    payload: EntriesPayload | CommentsPayload
    if manifest.kind == "entries":
        payload = parse_entries_payload(payload_raw)
    else:
        payload = parse_comments_payload(payload_raw)
    return OpenedBundle(manifest, manifest_raw, signature, payload)


def parse_manifest(data: bytes) -> Manifest:
    """Parse a manifest; an unknown version is refused before anything else is read."""
    r = load_json(data, "manifest")
    with format_errors("manifest"):
        if r.obj().get("format") != MANIFEST_FORMAT:
            raise BundleFormatError("The bundle's manifest is not a ReflectJournal manifest.")
        version = r.field("version").value
        if version != VERSION or isinstance(version, bool):
            raise BundleFormatError(
                f"This bundle uses format version {str(version)[:20]}, which this version of "
                f"ReflectJournal cannot read (it reads version {VERSION}).",
                "Ask the sender which version of ReflectJournal they use.",
            )
        recipients = tuple(item.text(100, nonempty=True) for item in r.field("recipients").items())
        if not 0 < len(recipients) <= MAX_RECIPIENTS:
            raise BundleFormatError("The bundle's manifest names no recipients or too many.")
        digest = r.field("payload_sha256").text(64, nonempty=True)
        if len(digest) != 64 or any(c not in "0123456789abcdef" for c in digest):
            raise BundleFormatError("The bundle's manifest has a malformed payload hash.")
        return Manifest(
            bundle_id=read_uuid(r.field("bundle_id")),
            kind=r.field("kind").choice(("entries", "comments")),  # type: ignore[arg-type]
            created_at=r.field("created_at").timestamp(),
            sender=card_from_json(r.field("sender")),
            recipients=recipients,
            payload_sha256=digest,
        )


def parse_entries_payload(data: bytes) -> EntriesPayload:
    """Parse the shared entries, with limits on counts and lengths."""
    r = load_json(data, "entries")
    with format_errors("entries"):
        items = r.field("entries").items()
        if not 0 < len(items) <= MAX_ENTRIES:
            raise BundleFormatError(f"A bundle holds 1 to {MAX_ENTRIES} entries.")
        entries = tuple(_shared_entry(item) for item in items)
        seen: set[str] = set()
        for entry in entries:
            if entry.id in seen:
                raise BundleFormatError(f"The entry {entry.id} appears twice in the bundle.")
            seen.add(entry.id)
        return EntriesPayload(r.field("message").text(MAX_MESSAGE_CHARS), entries)


def _shared_entry(r: JsonReader) -> SharedEntry:
    date = r.field("date").text(10, nonempty=True)
    _check_shared_date(r.field("date"), date)
    duration = r.field("duration_minutes").value
    entry = SharedEntry(
        id=r.field("id").entry_id(),
        kind_label=r.field("kind").text(MAX_LABEL_CHARS, nonempty=True),
        date=date,
        title=r.field("title").text(MAX_TITLE_CHARS),
        answers=tuple(
            (a.field("prompt").text(MAX_LABEL_CHARS * 4, nonempty=True),
             a.field("text").text(MAX_TEXT_CHARS))
            for a in _bounded(r.field("answers"))
        ),
        body=r.field("body").text(MAX_TEXT_CHARS),
        fields=tuple(
            (f.field("label").text(MAX_LABEL_CHARS, nonempty=True),
             f.field("value").text(MAX_LABEL_CHARS * 4))
            for f in _bounded(r.field("fields"))
        ),
        duration_minutes=None if duration is None
        else r.field("duration_minutes").integer(1, MAX_DURATION_MINUTES),
        tags=tuple(t.text(MAX_LABEL_CHARS, nonempty=True) for t in _bounded(r.field("tags"))),
        versioned="version" in r.obj(),
        brought=bool(read_optional(r, "bring", lambda v: v.boolean())),
    )
    if entry.versioned and read_version(r.field("version")) != entry.version:
        raise BundleFormatError(f"The entry {entry.id}'s version does not match its content: "
                                "the bundle may have been altered.")
    return entry


def _bounded(r: JsonReader) -> list[JsonReader]:
    items = r.items()
    if len(items) > MAX_ITEMS_PER_ENTRY:
        raise r.fail(f"at most {MAX_ITEMS_PER_ENTRY} items")
    return items


def _check_shared_date(r: JsonReader, text: str) -> None:
    try:
        if len(text) == 7:
            dt.date.fromisoformat(text + "-01")
        elif len(text) == 10:
            dt.date.fromisoformat(text)
        else:
            raise ValueError
    except ValueError:
        raise r.fail("a month YYYY-MM or a date YYYY-MM-DD") from None


def parse_comments_payload(data: bytes) -> CommentsPayload:
    """Parse a supervisor's reply, with limits on counts and lengths."""
    r = load_json(data, "comments")
    with format_errors("comments"):
        items = r.field("comments").items()
        sessions = r.field("sessions").items()
        attested = r.field("attestations").items() if "attestations" in r.obj() else []
        if (len(items) > MAX_COMMENTS or len(sessions) > MAX_SESSIONS
                or len(attested) > MAX_ATTESTATIONS):
            raise BundleFormatError("The reply holds too many comments, sessions or "
                                    "attestations.")
        if not items and not sessions and not attested:
            raise BundleFormatError("The reply holds no comments, sessions or attestations.")
        comments = tuple(
            Comment(
                answers=read_uuid(c.field("answers")),
                entry_id=None if c.field("entry_id").value is None
                else c.field("entry_id").entry_id(),
                text=c.field("text").text(MAX_COMMENT_CHARS, nonempty=True),
                written_at=c.field("written_at").timestamp(),
                version=read_optional(c, "version", read_version),
                question=bool(read_optional(c, "question", lambda v: v.boolean())),
            )
            for c in items
        )
        signed = tuple(_read_signed(s) for s in sessions)
        attestations = tuple(_read_signed(a) for a in attested)
    for s in signed:
        parse_session_statement(s.statement)
    return CommentsPayload(comments, signed, attestations)


def _read_signed(r: JsonReader) -> SignedSession:
    return SignedSession(
        statement=r.field("statement").text(2048, nonempty=True).encode("utf-8"),
        signature=r.field("signature").base64(SIGNATURE_BYTES, "a signature"))


def parse_session_statement(data: bytes) -> SessionStatement:
    """Parse a confirmed-session statement."""
    r = load_json(data, "confirmed session")
    with format_errors("confirmed session"):
        if r.obj().get("format") != SESSION_FORMAT or r.field("version").value != VERSION:
            raise BundleFormatError("A confirmed session in the bundle has an unknown format.")
        return SessionStatement(
            id=read_uuid(r.field("id")),
            supervisor_key=r.field("supervisor_key").base64(32, "a signing key"),
            supervisee_key=r.field("supervisee_key").base64(32, "a signing key"),
            date=r.field("date").date(),
            minutes=r.field("minutes").integer(1, MAX_DURATION_MINUTES),
            format=r.field("format_of_session").choice(SESSION_FORMATS),  # type: ignore[arg-type]
            mode=read_optional(r, "mode", lambda v: v.choice(SESSION_MODES)),
            about_own_rsc=read_optional(r, "about_own_rsc", lambda v: v.boolean()),
            focus=read_optional(r, "focus", lambda v: v.choice(SESSION_FOCUSES)),
            declaration=read_optional(r, "declaration",
                                  lambda v: v.text(MAX_DECLARATION_CHARS, nonempty=True)),
            answers_version=read_optional(r, "answers_version", read_version),
        )


def entry_ids(payload: EntriesPayload) -> Sequence[EntryId]:
    """Return the ids of the entries in a payload, in order."""
    return [e.id for e in payload.entries]
