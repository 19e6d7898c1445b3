"""Only a verified supervisor's ordinary confirmations count (issue 18), on the command line.

Real journals: the clinician paired with and verified Ada Obi (the supervisor); replies are
written as their signers would write them (tests/helpers/replies.py) and opened with
`receive`. After each, the journal's entries are compared with what they were before.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from reflectjournal.cli.main import run
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from tests.helpers.journals import FAST, PASSPHRASE, exchange_cards
from tests.helpers.replies import write_reply

Rj = Callable[..., tuple[int, str, str]]
TODAY = dt.datetime.now(dt.UTC).date()
WORDS = "maple orbit candle velvet harbor sprout"


@pytest.fixture
def rj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
       capsys: pytest.CaptureFixture[str]) -> Rj:
    monkeypatch.setenv("REFLECTJOURNAL_PASSPHRASE", PASSPHRASE)
    clinician, _ = Journal.create(tmp_path / "clinician", PASSPHRASE, FAST)
    supervisor, _ = Journal.create(tmp_path / "supervisor", PASSPHRASE, FAST)
    with clinician, supervisor:
        clinician.sharing.my_card("Sam Rivera", "Home visitor")
        supervisor.sharing.my_card("Ada Obi", "Reflective supervisor")
        exchange_cards(clinician, supervisor)
        clinician.add_entry(EntryChanges(kind="reflection", title="Before", body="a note",
                                         date=TODAY - dt.timedelta(days=40)))

    def call(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = run(["--journal", str(tmp_path / "clinician"), *args], options=FAST)
        out = capsys.readouterr()
        return status, out.out, out.err

    return call


def _signer(tmp: Path, name: str) -> Journal:
    journal, _ = Journal.create(tmp / name.replace(" ", "-").lower(), PASSPHRASE, FAST)
    journal.sharing.my_card(name, "Reflective supervisor")
    return journal


def _clinician_card(tmp: Path) -> bytes:
    with Journal.open(tmp / "clinician", PASSPHRASE, FAST) as clinician:
        return clinician.sharing.card_bytes()


def _entries(call: Rj) -> list[dict[str, object]]:
    status, out, _ = call("list", "--format", "json")
    assert status == 0
    return list(json.loads(out))


def _claims(call: Rj, *more: str) -> list[dict[str, object]]:
    status, out, _ = call("claims", "list", "--format", "json", *more)
    assert status == 0
    return list(json.loads(out))


def _receive(call: Rj, reply: Path) -> str:
    status, out, err = call("receive", str(reply))
    assert status == 0, err
    return out + err


def _days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def test_a_forged_passphrase_reply_of_240_hours_counts_for_nothing(
    rj: Rj, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = _entries(rj)
    with _signer(tmp_path, "Ada Obi") as stranger:  # same name, another key
        card = stranger.sharing.add_contact(_clinician_card(tmp_path))[0].card
        reply = write_reply(stranger, card, [(_days_ago(30 - i), 1440, "individual")
                                             for i in range(10)],
                            tmp_path / "reply.rjb", passphrase=WORDS)
    monkeypatch.setenv("REFLECTJOURNAL_BUNDLE_PASSPHRASE", WORDS)
    said = _receive(rj, reply)
    assert "Filed no comments or confirmed sessions from" in said
    assert "10 sessions kept as unverified claims" in said
    assert _entries(rj) == before  # no supervision entry, confirmed or not
    claims = _claims(rj)
    assert len(claims) == 10
    assert {c["kind"] for c in claims} == {"unverified claim"}
    reasons = " | ".join(str(r) for c in claims for r in c["reasons"])  # type: ignore[attr-defined]
    assert "differs from the one you verified for Ada Obi" in reasons
    assert "lasts 24 h" in reasons
    assert "adds 240 h at once" in reasons

    status, out, err = rj("claims", "accept", str(claims[0]["id"])[:8])
    assert status == 0, err
    assert "hand-logged" in err
    assert "not confirmed" in err
    added = [e for e in _entries(rj) if e not in before]
    [entry] = added
    assert entry["title"] == "Supervision with Ada Obi"
    assert "confirmed" not in str(entry["title"])
    status, out, _ = rj("show", str(entry["id"]), "--format", "json")
    assert json.loads(out)["fields"]["confirmation"] == "hand-logged"
    assert rj("claims", "reject", str(claims[1]["id"])[:8])[0] == 0
    assert len(_claims(rj)) == 8
    states = {c["id"]: c["state"] for c in _claims(rj, "--all")}
    assert (states[claims[0]["id"]], states[claims[1]["id"]]) == ("accepted", "rejected")
    status, _, err = rj("claims", "accept", str(claims[1]["id"])[:8])
    assert status != 0
    assert "rejected already" in err
    assert _receive(rj, reply).startswith("This bundle")  # opened before: nothing changes
    assert len(_claims(rj, "--all")) == 10


def test_a_reply_signed_by_an_unverified_contact_is_a_claim(rj: Rj, tmp_path: Path) -> None:
    before = _entries(rj)
    with _signer(tmp_path, "Lee Park") as lee:
        card = lee.sharing.add_contact(_clinician_card(tmp_path))[0].card
        (tmp_path / "lee.rjcard").write_bytes(lee.sharing.card_bytes())
        reply = write_reply(lee, card, [(_days_ago(3), 60, "individual")], tmp_path / "r.rjb")
    assert rj("contact", "add", str(tmp_path / "lee.rjcard"))[0] == 0  # never verified
    said = _receive(rj, reply)
    assert "Filed no comments or confirmed sessions from" in said
    assert "1 session kept" in said
    assert _entries(rj) == before
    [claim] = _claims(rj)
    assert claim["reasons"] == ["signed by Lee Park, a contact you have not verified"]


def test_a_verified_contacts_implausible_sessions_are_held_with_reasons(
    rj: Rj, tmp_path: Path,
) -> None:
    before = _entries(rj)
    with Journal.open(tmp_path / "supervisor", PASSPHRASE, FAST) as ada:
        [sam] = ada.sharing.contacts()
        next_year = TODAY.replace(year=TODAY.year + 1, day=1)
        reply = write_reply(ada, sam.card, [(_days_ago(9), 1440, "individual"),
                                            (next_year, 60, "individual"),
                                            (_days_ago(2), 60, "individual")],
                            tmp_path / "reply.rjb")
    said = _receive(rj, reply)
    assert "1 confirmed supervision session from" in said
    assert "2 sessions held for your decision" in said
    [added] = [e for e in _entries(rj) if e not in before]
    assert added["date"] == _days_ago(2).isoformat()
    claims = _claims(rj)
    assert [(c["kind"], c["minutes"]) for c in claims] == [
        ("held confirmation", 1440), ("held confirmation", 60)]
    assert claims[0]["reasons"] == ["it lasts 24 h; a session over 3 hours is unusual"]
    assert claims[1]["reasons"] == [f"it is dated {next_year.isoformat()}, in the future"]
    # Accepted knowingly, a verified contact's held session is filed as signed.
    status, _, err = rj("claims", "accept", str(claims[0]["id"]))
    assert status == 0
    assert "confirmed by their verified signature" in err
    [signed] = [e for e in _entries(rj) if e not in before and e != added]
    assert (signed["date"], signed["title"]) == (_days_ago(9).isoformat(),
                                                 "Supervision with Ada Obi (confirmed)")


def test_mark_printed_signature(rj: Rj) -> None:
    status, out, err = rj("add", "--kind", "supervision", "--title", "RSC", "--date",
                          _days_ago(5).isoformat(), "--duration", "60", "--body", "met")
    assert status == 0, err
    [entry] = [e for e in _entries(rj) if e["title"] == "RSC"]
    status, _, err = rj("mark-printed-signature", str(entry["id"])[:8])
    assert status == 0, err
    status, out, _ = rj("show", str(entry["id"]), "--format", "json")
    assert json.loads(out)["fields"]["confirmation"] == "printed-signature"
    [note] = [e for e in _entries(rj) if e["title"] == "Before"]
    status, _, err = rj("mark-printed-signature", str(note["id"])[:8])
    assert status != 0
    assert "Only a supervision session" in err


def test_the_summary_says_how_each_session_was_confirmed_and_names_the_signing_key(
    rj: Rj, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    with Journal.open(tmp_path / "supervisor", PASSPHRASE, FAST) as ada:
        [sam] = ada.sharing.contacts()
        ada_key = ada.sharing.my_card().signing_key
        fingerprint = ada.sharing.my_card().fingerprint
        verified = write_reply(ada, sam.card, [(_days_ago(20), 60, "individual"),
                                               (_days_ago(12), 300, "individual")],
                               tmp_path / "verified.rjb")
    with _signer(tmp_path, "Ada Obi") as stranger:
        card = stranger.sharing.add_contact(_clinician_card(tmp_path))[0].card
        forged = write_reply(stranger, card, [(_days_ago(6), 60, "individual"),
                                              (_days_ago(4), 60, "individual")],
                             tmp_path / "forged.rjb", passphrase=WORDS)
    _receive(rj, verified)
    monkeypatch.setenv("REFLECTJOURNAL_BUNDLE_PASSPHRASE", WORDS)
    _receive(rj, forged)
    accepted = [c for c in _claims(rj) if c["date"] == _days_ago(6).isoformat()]
    assert rj("claims", "accept", str(accepted[0]["id"]))[0] == 0
    assert rj("profile", "set", "--category", "imhs")[0] == 0
    status, markdown, err = rj("progress", "--format", "markdown")
    assert status == 0, err
    rows = {line.split("|")[1].strip(): line for line in markdown.splitlines()
            if line.startswith("| 20")}
    assert f"verified signature, key {fingerprint}" in rows[_days_ago(20).isoformat()]
    assert "hand-logged" in rows[_days_ago(6).isoformat()]  # the accepted claim
    assert "verified" not in rows[_days_ago(6).isoformat()]
    held = rows[_days_ago(12).isoformat()]
    assert "held confirmation" in held
    assert "over 3 hours" in held
    assert "unverified claim" in rows[_days_ago(4).isoformat()]
    assert ada_key.hex() in markdown  # the full public key, to check signatures offline
    status, csv_text, _ = rj("progress", "--format", "csv")
    assert f"verified signature, key {fingerprint}" in csv_text
    assert "not counted: unverified claim" in csv_text
    assert "not counted: held confirmation" in csv_text


def test_signed_statements_check_out_offline_with_the_key_on_the_summary(
    rj: Rj, tmp_path: Path,
) -> None:
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    with Journal.open(tmp_path / "supervisor", PASSPHRASE, FAST) as ada:
        [sam] = ada.sharing.contacts()
        fingerprint = ada.sharing.my_card().fingerprint
        reply = write_reply(ada, sam.card, [(_days_ago(20), 60, "individual")],
                            tmp_path / "r.rjb")
    _receive(rj, reply)
    status, out, err = rj("signed-statements")
    assert status == 0, err
    [signed] = json.loads(out)
    assert signed["signer_key_fingerprint"] == fingerprint
    key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(signed["signer_key_hex"]))
    key.verify(base64.b64decode(signed["signature_base64"]), signed["statement"].encode())
    assert json.loads(signed["statement"])["minutes"] == 60
    assert rj("profile", "set", "--category", "imhs")[0] == 0
    assert signed["signer_key_hex"] in rj("progress", "--format", "markdown")[1]
