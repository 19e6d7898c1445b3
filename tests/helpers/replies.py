"""Writing a supervisor's reply by hand, as a forger (or a real supervisor) with the tools would.

The signer signs each session statement and the manifest with its own key, exactly as
Sharing.write_reply does; the reply is locked to the recipient's key or with a passphrase.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from pathlib import Path

from reflectjournal.domain import bundle as fmt
from reflectjournal.domain.contact_card import ContactCard
from reflectjournal.services.journal import Journal
from reflectjournal.store import sealed_bundle as sealed

Session = tuple[dt.date, int, str]  # date, minutes, individual | group


def write_reply(signer: Journal, to: ContactCard, sessions: Sequence[Session], dest: Path, *,
                passphrase: str | None = None) -> Path:
    """Write a comments bundle from `signer` to `to` confirming these sessions."""
    ident, _, _ = signer.sharing._identity()
    me = signer.sharing.my_card()
    signed = []
    for day, minutes, form in sessions:
        statement = fmt.session_statement_bytes(fmt.SessionStatement(
            str(uuid.uuid4()), me.signing_key, to.signing_key, day, minutes,
            form))  # type: ignore[arg-type]
        signed.append(fmt.SignedSession(statement, ident.sign(statement)))
    payload = fmt.comments_payload_bytes(fmt.CommentsPayload((), tuple(signed)))
    recipients = (fmt.PASSPHRASE_RECIPIENT,) if passphrase else (to.age_recipient,)
    manifest = fmt.manifest_bytes(fmt.Manifest(
        str(uuid.uuid4()), "comments", dt.datetime.now(dt.UTC), me, recipients,
        fmt.payload_hash(payload)))
    plaintext = fmt.pack(manifest, ident.sign(manifest), payload)
    data = (sealed.seal_with_passphrase(plaintext, passphrase) if passphrase
            else sealed.seal(plaintext, [to.age_recipient]))
    dest.write_bytes(data)
    return dest
