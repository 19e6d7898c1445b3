"""The supervision round trip through the services layer, and every bundle it must refuse."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reflectjournal.domain import bundle as fmt
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import (
    BundleDamagedError,
    BundleError,
    BundleFormatError,
    BundleNotForYouError,
    BundleSenderError,
    BundleTooLargeError,
    ContactError,
    InvalidInputError,
    UnresolvedFlagsError,
    WrongBundlePassphraseError,
)
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.services.journal import Journal
from reflectjournal.services.sharing import PassphraseNeededError
from reflectjournal.store import sealed_bundle as sealed
from tests.helpers.journals import FAST, PASSPHRASE, exchange_cards, paired_journals
from tests.helpers.leaks import found_in

CANARY = "Zyxwvut-canary-4471"


def _folder_bytes(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != "journal.lock"}


@dataclass
class Pair:
    """A clinician's and a supervisor's journals whose cards are exchanged and verified."""

    clinician: Journal
    supervisor: Journal
    tmp: Path

    def reopen(self, who: str) -> Journal:
        journal = getattr(self, who)
        folder = journal.folder.root
        journal.close()
        fresh = Journal.open(folder, PASSPHRASE, FAST)
        setattr(self, who, fresh)
        return fresh


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    p = Pair(*paired_journals(tmp_path), tmp_path)
    yield p
    p.clinician.close()
    p.supervisor.close()


def _session(journal: Journal, title: str = "Feeding at the kitchen table",
             body: str = "The 7-month-old turned away from the spoon.") -> EntryId:
    return journal.add_entry(EntryChanges(
        kind="session", date=dt.date(2026, 11, 3), title=title, body=body,
        answers={"baby": "She watched her mother's face before eating."},
        fields={"setting": "home", "client_code": "QX7-KLM", "feelings": "tender"},
        duration_minutes=60,
    )).id


def _share(pair: Pair, ids: list[EntryId], name: str = "supervision.rjb", **kw: object) -> Path:
    draft = pair.clinician.sharing.prepare(ids)
    dest = pair.tmp / name
    pair.clinician.sharing.write_share(
        draft, dest, to="Dr. Ada Obi", redact=[f.id for f in draft.flags], **kw)  # type: ignore[arg-type]
    return dest


def test_pairing_codes_match_and_a_wrong_code_leaves_the_contact_unverified(
    tmp_path: Path,
) -> None:
    with Journal.create(tmp_path / "a", PASSPHRASE, FAST)[0] as a, \
            Journal.create(tmp_path / "b", PASSPHRASE, FAST)[0] as b:
        a.sharing.my_card("Sam Rivera")
        b.sharing.my_card("Ada Obi")
        exchange_cards(a, b, verify=False)
        [ada] = a.sharing.contacts()
        assert not ada.verified
        with pytest.raises(ContactError, match="does not match"):
            a.sharing.verify_contact("Ada Obi", "0000 0000 0000")
        assert not a.sharing.contacts()[0].verified
        code = b.sharing.pairing_code(b.sharing.contact("Sam Rivera"))
        assert len(code.replace(" ", "")) == 12
        assert a.sharing.verify_contact("ada obi", code.replace(" ", "-")).verified
        a.sharing.remove_contact("Ada Obi")
        assert a.sharing.contacts() == []


def test_a_swapped_card_changes_the_code(tmp_path: Path) -> None:
    with Journal.create(tmp_path / "a", PASSPHRASE, FAST)[0] as a, \
            Journal.create(tmp_path / "b", PASSPHRASE, FAST)[0] as b, \
            Journal.create(tmp_path / "m", PASSPHRASE, FAST)[0] as mallory:
        for j, name in ((a, "Sam"), (b, "Ada"), (mallory, "Ada")):
            j.sharing.my_card(name)
        _, code_at_a = a.sharing.add_contact(mallory.sharing.card_bytes())  # swapped in transit
        _, code_at_b = b.sharing.add_contact(a.sharing.card_bytes())
        assert code_at_a != code_at_b


def test_clinician_and_supervisor_complete_the_round_trip(pair: Pair) -> None:
    first = _session(pair.clinician)
    second = _session(pair.clinician, "Bedtime worries", "Her father said the nights are long.")
    draft = pair.clinician.sharing.prepare([first, second], message="Two from this month.")
    one = draft.entries[0]
    assert one.date == "2026-11"  # coarsened to the month by default
    assert "Client code" not in dict(one.fields)  # off unless chosen
    assert dict(one.fields)["Setting"] == "Home"
    bundle = pair.tmp / "supervision-2026-11.rjb"
    written = pair.clinician.sharing.write_share(
        draft, bundle, to="Dr. Ada Obi", redact=[f.id for f in draft.flags])
    assert written.entries == 2

    got = pair.supervisor.sharing.receive_file(bundle)
    assert (got.kind, got.entries, got.sender, got.verified) == ("entries", 2, "Sam Rivera", True)
    [received] = pair.supervisor.sharing.received_bundles()
    assert received.message == "Two from this month."
    entries = pair.supervisor.sharing.received_entries(received.bundle_id)
    assert [e.entry.title for e in entries] == ["Feeding at the kitchen table", "Bedtime worries"]
    assert pair.supervisor.count_entries() == 0  # kept apart from the supervisor's own entries

    review = pair.supervisor.sharing
    review.add_comment(received.bundle_id, first, "What did you feel when she turned away?")
    review.add_comment(received.bundle_id, None, "Good to see both sides of the dyad.")
    review.confirm_session(received.bundle_id, dt.date(2026, 11, 10), 90, "individual")
    reply = pair.tmp / "supervision-comments-2026-11.rjb"
    sent = review.write_reply(reply, to="Sam Rivera")
    assert (sent.comments, sent.sessions) == (2, 1)
    with pytest.raises(BundleError, match="Nothing to send"):
        review.write_reply(pair.tmp / "again.rjb", to="Sam Rivera")

    body_before = pair.clinician.get_entry(first).body
    back = pair.clinician.sharing.receive_file(reply)
    assert (back.kind, back.comments, back.sessions, back.verified) == ("comments", 2, 1, True)
    [comment] = pair.clinician.sharing.comments_on(first)
    assert comment.text == "What did you feel when she turned away?"
    assert (comment.author, comment.verified) == ("Dr. Ada Obi", True)
    assert pair.clinician.get_entry(first).body == body_before  # never changes my text
    [overall] = pair.clinician.sharing.overall_comments()
    assert overall.text.startswith("Good to see")
    [session] = pair.clinician.sharing.confirmed_sessions("received")
    assert (session.minutes, session.format, session.other_name) == (90, "individual",
                                                                    "Dr. Ada Obi")
    entry = pair.clinician.get_entry(str(session.entry_id))
    [provider] = pair.clinician.providers.all()  # made for the signer, linked to their key
    assert (provider.name, provider.contact_key) == (
        "Dr. Ada Obi", pair.supervisor.sharing.my_card().signing_key.hex())
    assert (entry.kind, entry.duration_minutes, entry.fields["provider_id"],
            entry.fields["confirmation"]) == ("supervision", 90, provider.id, "signed")

    again = pair.clinician.sharing.receive_file(reply)  # idempotent
    assert again.already_filed
    assert len(pair.clinician.sharing.comments_on(first)) == 1
    assert pair.clinician.count_entries() == 3


def test_passphrase_mode_works_without_pairing(tmp_path: Path) -> None:
    with Journal.create(tmp_path / "a", PASSPHRASE, FAST)[0] as a, \
            Journal.create(tmp_path / "b", PASSPHRASE, FAST)[0] as b:
        a.sharing.my_card("Sam Rivera")
        b.sharing.my_card("Ada Obi")
        entry = _session(a)
        draft = a.sharing.prepare([entry])
        words = "maple orbit candle velvet harbor sprout"
        dest = tmp_path / "bundle.rjb"
        a.sharing.write_share(draft, dest, passphrase=words,
                              allow=[f.id for f in draft.flags])
        with pytest.raises(PassphraseNeededError):
            b.sharing.receive_file(dest)
        with pytest.raises(WrongBundlePassphraseError):
            b.sharing.receive_file(dest, "maple orbit candle velvet harbor sprouts")
        got = b.sharing.receive_file(dest, words)
        assert (got.entries, got.verified, got.sender) == (1, False, "Sam Rivera")
        [sam] = b.sharing.contacts()  # kept, unverified, so a reply can be sent
        assert not sam.verified


def test_unresolved_flags_stop_the_bundle_and_redaction_removes_the_text(pair: Pair) -> None:
    pair.clinician.sharing.set_watch_list(["Maribel"])
    entry = _session(pair.clinician, "Visit", "Maribel called from 312-555-0142 at noon.")
    draft = pair.clinician.sharing.prepare([entry])
    kinds = {f.flag.kind.value for f in draft.flags}
    assert {"watch-list", "phone"} <= kinds
    dest = pair.tmp / "b.rjb"
    with pytest.raises(UnresolvedFlagsError) as caught:
        pair.clinician.sharing.write_share(draft, dest, to="Dr. Ada Obi")
    assert len(caught.value.flags) == len(draft.flags)
    assert not dest.exists()
    pair.clinician.sharing.write_share(draft, dest, to="Dr. Ada Obi",
                                       redact=[f.id for f in draft.flags])
    pair.supervisor.sharing.receive_file(dest)
    [b] = pair.supervisor.sharing.received_bundles()
    [got] = pair.supervisor.sharing.received_entries(b.bundle_id)
    assert "Maribel" not in got.entry.body
    assert "555-0142" not in got.entry.body


def test_canary_text_never_appears_in_the_bundle_bytes(pair: Pair) -> None:
    entry = _session(pair.clinician, f"Title {CANARY}", f"Body {CANARY}")
    dest = _share(pair, [entry])
    assert found_in(dest.read_bytes(), CANARY, "Title", "kitchen") == []


# Bad input: each refused with nothing written.


@pytest.fixture
def sent(pair: Pair) -> tuple[Pair, bytes]:
    dest = _share(pair, [_session(pair.clinician)])
    return pair, dest.read_bytes()


def _refused(pair: Pair, data: bytes, error: type[Exception], passphrase: str | None = None,
             who: str = "supervisor") -> None:
    journal = getattr(pair, who)
    folder = journal.folder.root
    journal.close()
    before = _folder_bytes(folder)
    journal = pair.reopen(who)
    with pytest.raises(error):
        journal.sharing.receive(data, passphrase)
    journal.close()
    assert _folder_bytes(folder) == before
    pair.reopen(who)


def _flip(data: bytes, at: int) -> bytes:
    changed = bytearray(data)
    changed[at] ^= 0x01
    return bytes(changed)


def test_a_flipped_byte_anywhere_is_refused(sent: tuple[Pair, bytes]) -> None:
    pair, data = sent
    body = data.index(b"\n---") + 60
    _refused(pair, _flip(data, 5), BundleDamagedError)  # header line
    _refused(pair, _flip(data, body), BundleDamagedError)  # body
    _refused(pair, _flip(data, len(data) - 2), BundleDamagedError)  # last chunk
    _refused(pair, _flip(data, 40), BundleError)  # inside a recipient stanza


def test_a_truncated_bundle_is_refused(sent: tuple[Pair, bytes]) -> None:
    pair, data = sent
    _refused(pair, data[:-1], BundleDamagedError)
    _refused(pair, data[: len(data) // 2], BundleDamagedError)


def test_an_oversized_file_is_refused_before_decrypting(sent: tuple[Pair, bytes]) -> None:
    pair, _ = sent
    big = pair.tmp / "big.rjb"
    with big.open("wb") as handle:
        handle.truncate(fmt.MAX_BUNDLE_BYTES + 1)
    with pytest.raises(BundleTooLargeError):
        pair.supervisor.sharing.receive_file(big)


def _forged(pair: Pair, sender: Journal | None = None, *, manifest_edit: Callable[
        [dict[str, object]], None] | None = None, payload: bytes | None = None,
        recipients: list[str] | None = None, resign: bool = True,
        signature_from: bytes | None = None) -> bytes:
    """Build a bundle by hand, as an attacker with the right tools would."""
    sender = sender or pair.clinician
    ident, _, _ = sender.sharing._identity()
    me = sender.sharing.my_card()
    sup = pair.supervisor.sharing.my_card()
    entry = fmt.SharedEntry(EntryId("0b7e0b5e-6c39-4d43-9a43-3f3c1fd5d2a1"), "Session", "2026-11",
                            "Forged", (), "text", (), None, ())
    payload = payload or fmt.entries_payload_bytes(fmt.EntriesPayload("", (entry,)))
    to = recipients or [sup.age_recipient]
    manifest = fmt.Manifest("5f1d4c0e-2a6b-4b8e-8c57-7d1e2f3a4b5c", "entries",
                            dt.datetime(2026, 11, 20, tzinfo=dt.UTC), me, tuple(to),
                            fmt.payload_hash(payload))
    raw = fmt.manifest_bytes(manifest)
    if manifest_edit:
        doc = json.loads(raw)
        manifest_edit(doc)
        raw = json.dumps(doc).encode()
    signature = ident.sign(signature_from or raw) if resign else b"\0" * 64
    return sealed.seal(fmt.pack(raw, signature, payload), [sup.age_recipient])


def test_a_forged_bundle_signed_by_an_unknown_key_is_refused(pair: Pair) -> None:
    with Journal.create(pair.tmp / "stranger", PASSPHRASE, FAST)[0] as stranger:
        stranger.sharing.my_card("Sam Rivera")  # same name, other key
        _refused(pair, _forged(pair, stranger), BundleSenderError)


def test_a_bundle_from_an_unverified_contact_is_refused(pair: Pair) -> None:
    with Journal.create(pair.tmp / "new", PASSPHRASE, FAST)[0] as newcomer:
        newcomer.sharing.my_card("Lee Park")
        pair.supervisor.sharing.add_contact(newcomer.sharing.card_bytes())
        _refused(pair, _forged(pair, newcomer), BundleSenderError)


def test_a_signature_over_another_manifest_is_refused(pair: Pair) -> None:
    other = b'{"format":"reflectjournal-bundle-manifest","version":1}'
    _refused(pair, _forged(pair, signature_from=other), BundleSenderError)
    _refused(pair, _forged(pair, resign=False), BundleSenderError)


def test_a_bundle_not_addressed_to_me_is_refused(pair: Pair) -> None:
    with Journal.create(pair.tmp / "third", PASSPHRASE, FAST)[0] as third:
        third.sharing.my_card("Third")
        data = sealed.seal(b"anything", [third.sharing.my_card().age_recipient])
        _refused(pair, data, BundleNotForYouError)
        # Encrypted to me, but the signed manifest names someone else: passed on.
        forwarded = _forged(pair, recipients=[third.sharing.my_card().age_recipient])
        _refused(pair, forwarded, BundleNotForYouError)


def test_an_unknown_format_version_is_refused(pair: Pair) -> None:
    def bump(doc: dict[str, object]) -> None:
        doc["version"] = 2

    _refused(pair, _forged(pair, manifest_edit=bump), BundleFormatError)


def test_the_same_bundle_twice_changes_nothing(sent: tuple[Pair, bytes]) -> None:
    pair, data = sent
    assert pair.supervisor.sharing.receive(data).entries == 1
    folder = pair.supervisor.folder.root
    pair.supervisor.close()
    before = _folder_bytes(folder)
    assert pair.reopen("supervisor").sharing.receive(data).already_filed
    pair.supervisor.close()
    assert _folder_bytes(folder) == before
    assert len(pair.reopen("supervisor").sharing.received_bundles()) == 1


def test_comments_on_entries_the_bundle_did_not_carry_are_refused(
    sent: tuple[Pair, bytes],
) -> None:
    pair, data = sent
    pair.supervisor.sharing.receive(data)
    [b] = pair.supervisor.sharing.received_bundles()
    other_entry = _session(pair.clinician, "Never shared")
    sup = pair.supervisor.sharing
    ident, _, _ = sup._identity()
    payload = fmt.comments_payload_bytes(fmt.CommentsPayload(
        (fmt.Comment(b.bundle_id, other_entry, "About the entry I never got",
                     dt.datetime(2026, 11, 21, tzinfo=dt.UTC)),), ()))
    me, clin = sup.my_card(), pair.clinician.sharing.my_card()
    manifest = fmt.Manifest("9a1d4c0e-2a6b-4b8e-8c57-7d1e2f3a4b5c", "comments",
                            dt.datetime(2026, 11, 21, tzinfo=dt.UTC), me,
                            (clin.age_recipient, me.age_recipient), fmt.payload_hash(payload))
    raw = fmt.manifest_bytes(manifest)
    data = sealed.seal(fmt.pack(raw, ident.sign(raw), payload), [clin.age_recipient])
    _refused(pair, data, BundleFormatError, who="clinician")
    assert pair.clinician.sharing.comments_on(other_entry) == []


def test_a_wrong_passphrase_in_passphrase_mode_is_refused(pair: Pair) -> None:
    entry = _session(pair.clinician)
    draft = pair.clinician.sharing.prepare([entry])
    dest = pair.tmp / "p.rjb"
    pair.clinician.sharing.write_share(draft, dest, passphrase="one two three four five six",
                                       redact=[f.id for f in draft.flags])
    _refused(pair, dest.read_bytes(), WrongBundlePassphraseError, "one two three four five")


def test_a_huge_scrypt_work_factor_is_refused_before_deriving(pair: Pair) -> None:
    header = (b"age-encryption.org/v1\n-> scrypt AinRCnrYNBEUoKWWomhcbA 40\n"
              b"8JsHVrSVNPZBZhvUTdhhOZO08MaMr7S4VhzNzkcuKAw\n--- pWj1R65fKG0Oih\n")
    _refused(pair, header + b"\0" * 64, BundleDamagedError, "any words at all here")


def test_the_apps_own_labels_are_not_flagged_but_typed_fields_are(pair: Pair) -> None:
    entry = pair.clinician.add_entry(EntryChanges(
        kind="session", date=dt.date(2026, 11, 3), title="quiet visit", body="we sat.",
        fields={"present": ["foster-kin", "professional"], "service": "dyadic",
                "feelings": "Worried about Maribel"},
        themes=(TagId("G1"),),
    ))
    draft = pair.clinician.sharing.prepare([entry.id])
    [flag] = draft.flags
    assert flag.flag.text == "Maribel"
    assert flag.location.startswith("field:")


def test_a_bundle_no_receiver_would_open_is_never_written(
    pair: Pair, monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The real limit is 16 MiB; a smaller one keeps the test quick, the rule is the same.
    monkeypatch.setattr(fmt, "MAX_BUNDLE_BYTES", 128 * 1024)
    entry = _session(pair.clinician, "Long visit", "We sat on the floor and played. " * 3000)
    with pytest.raises(InvalidInputError, match="a bundle can be at most"):
        _share(pair, [entry], "big.rjb")
    assert not (pair.tmp / "big.rjb").exists()
    assert _share(pair, [_session(pair.clinician, "Short", "We played.")]).exists()
