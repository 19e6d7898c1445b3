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


def _said(rj: Rj, who: str, *args: str) -> str:
    """Run a command that succeeds; return its message (standard error)."""
    status, _, err = rj(who, *args)
    assert status == 0, err
    return err


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


def test_questions_and_marks_stay_on_the_agenda_until_answered(rj: Rj, tmp_path: Path) -> None:
    for who, name in PEOPLE.items():
        _ok(rj, who, "contact", "card", "--name", name, "-o", str(tmp_path / f"{who}.rjcard"))
    _pair(rj, tmp_path, "sam")
    _ok(rj, "sam", "add", "--kind", "reflection", "--title", "Bath time",
        "--body", "She splashed and looked at her father.")
    _ok(rj, "sam", "add", "--kind", "reflection", "--title", "Nap time",
        "--body", "He slept on her shoulder.")
    listed = _ok(rj, "sam", "list")
    nap = next(line.split()[0] for line in listed.splitlines() if "Nap time" in line)
    assert "on your supervision agenda" in _said(rj, "sam", "bring", nap)
    assert "marked already" in _said(rj, "sam", "bring", nap)
    _ok(rj, "ada", "receive", str(_share(rj, tmp_path, "sam", "sam-1.rjb")))
    # Ada's side: what Sam brought waits for her, on the agenda and in the caseload alike.
    waiting = json.loads(_ok(rj, "ada", "agenda", "--format", "json"))["supervisees_asked"]
    assert [w["origin"] for w in waiting] == [f"Brought by Sam Rivera: “Nap time” of "
                                              f"{waiting[0]['entry_date']}"]
    [row] = json.loads(_ok(rj, "ada", "received", "--caseload", "--format", "json"))
    assert row["questions"] == 1
    listed = _ok(rj, "ada", "received")
    bath = next(line.split()[0] for line in listed.splitlines() if "Bath time" in line)
    assert "Question kept" in _said(rj, "ada", "comment", bath, "--question", "--text",
                                  "What did you feel\nthen?")
    _ok(rj, "ada", "reply", "--to", "Sam Rivera", "-o", str(tmp_path / "reply.rjb"))
    _ok(rj, "sam", "receive", str(tmp_path / "reply.rjb"))

    agenda = _ok(rj, "sam", "agenda")
    lines = agenda.splitlines()
    assert lines[0].split()[0].startswith("m")  # my mark came first: oldest first
    assert "My mark on “Nap time”" in lines[0]
    assert "Question from Ada Obi on “Bath time”" in lines[1]
    assert lines[2].strip() == "What did you feel then?"  # on one line
    question = lines[1].split()[0]
    assert "off your agenda" in _said(rj, "sam", "agenda", "--answered", question)
    assert "off your agenda" in _said(rj, "sam", "bring", "--done", nap)
    assert "Nothing open" in _said(rj, "sam", "agenda")
    status, _, err = rj("sam", "agenda", "--answered", question)
    assert status != 0
    assert "No open agenda item" in err
    assert "Traceback" not in err
