"""Issue 15's check on the command line: two clinicians and one supervisor, three journals."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from reflectjournal.cli.main import run
from reflectjournal.domain.contact_card import parse_card
from reflectjournal.services.journal import Journal
from tests.helpers.journals import FAST, PASSPHRASE

Rj = Callable[..., tuple[int, str, str]]
PEOPLE = {"sam": "Sam Rivera", "lee": "Lee Chen", "ada": "Ada Obi"}


@pytest.fixture
def rj(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
       capsys: pytest.CaptureFixture[str]) -> Rj:
    monkeypatch.setenv("REFLECTJOURNAL_PASSPHRASE", PASSPHRASE)
    for who in PEOPLE:
        Journal.create(tmp_path / who, PASSPHRASE, FAST)[0].close()

    def call(who: str, *args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = run(["--journal", str(tmp_path / who), *args], options=FAST)
        out = capsys.readouterr()
        return status, out.out, out.err

    return call


def _ok(rj: Rj, who: str, *args: str) -> str:
    status, out, err = rj(who, *args)
    assert status == 0, err
    return out


def _pair(rj: Rj, tmp: Path, clinician: str) -> None:
    _ok(rj, clinician, "contact", "add", str(tmp / "ada.rjcard"))
    code = _ok(rj, "ada", "contact", "add", str(tmp / f"{clinician}.rjcard"))
    code = code.split("Pairing code: ")[1].strip()
    _ok(rj, clinician, "contact", "verify", "Ada Obi", "--code", code)
    _ok(rj, "ada", "contact", "verify", PEOPLE[clinician], "--code", code)


def _share(rj: Rj, tmp: Path, who: str, name: str) -> Path:
    _ok(rj, who, "share", "--to", "Ada Obi", "--kind", "reflection", "--redact-flags", "-o",
        str(tmp / name))
    return tmp / name


def test_two_clinicians_and_a_supervisor_round_the_loop(rj: Rj, tmp_path: Path) -> None:
    keys = {}
    for who, name in PEOPLE.items():
        card = tmp_path / f"{who}.rjcard"
        _ok(rj, who, "contact", "card", "--name", name, "-o", str(card))
        keys[who] = parse_card(card.read_bytes()).signing_key
    _pair(rj, tmp_path, "sam")
    _pair(rj, tmp_path, "lee")
    _ok(rj, "sam", "add", "--kind", "reflection", "--title", "Bath time",
        "--body", "She splashed and looked at her father.")
    _ok(rj, "lee", "add", "--kind", "reflection", "--title", "Tummy time",
        "--body", "He lifted his head for the first time.")
    for who in ("sam", "lee"):
        _ok(rj, "ada", "receive", str(_share(rj, tmp_path, who, f"{who}-1.rjb")))
    listed = _ok(rj, "ada", "received")
    ids = {title: next(line.split()[0] for line in listed.splitlines() if title in line)
           for title in ("Bath time", "Tummy time")}

    # One group session for both, in one step: a statement each.
    out = _ok(rj, "ada", "confirm-session", ids["Bath time"], ids["Tummy time"],
              "--minutes", "90", "--mode", "virtual")
    assert out.count("Confirmed a group session of 90 min") == 2
    _ok(rj, "ada", "comment", ids["Bath time"], "--text", "What did you feel then?")
    for who in ("sam", "lee"):
        _ok(rj, "ada", "reply", "--to", PEOPLE[who], "-o", str(tmp_path / f"reply-{who}.rjb"))
        _ok(rj, who, "receive", str(tmp_path / f"reply-{who}.rjb"))
        [row] = json.loads(_ok(rj, who, "signed-statements"))
        statement = json.loads(row["statement"])
        assert statement["format_of_session"] == "group"
        assert base64.b64decode(statement["supervisee_key"]) == keys[who]
        other = "lee" if who == "sam" else "sam"
        assert base64.b64encode(keys[other]).decode() not in row["statement"]
        assert PEOPLE[other] not in row["statement"]

    # Sam edits the entry his supervisor read: marked; shared again, she sees what changed.
    bath = ids["Bath time"]
    assert "on this version" in _ok(rj, "sam", "show", bath)
    _ok(rj, "sam", "edit", bath, "--body", "She splashed, then reached for her father.")
    shown = _ok(rj, "sam", "show", bath)
    assert "Changed since your supervisor read it." in shown
    _ok(rj, "ada", "receive", str(_share(rj, tmp_path, "sam", "sam-2.rjb")))
    seen = _ok(rj, "ada", "received", bath)
    assert "Changed since the version received on" in seen
    assert "She [-splashed and looked at -]{+splashed, then reached for +}her father." in seen

    # Lee's reply file was lost: written again, it files once whichever copy arrives.
    _ok(rj, "ada", "reply", "--to", "Lee Chen", "--again", "-o", str(tmp_path / "again.rjb"))
    assert "nothing changed" in _ok(rj, "lee", "receive", str(tmp_path / "again.rjb"))
