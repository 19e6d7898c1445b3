"""The supervision round trip on the command line, two journals in one test."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from reflectjournal.cli.main import run
from reflectjournal.services.journal import Journal
from tests.helpers.journals import FAST, PASSPHRASE

Rj = Callable[..., tuple[int, str, str]]


@pytest.fixture
def two(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> tuple[Rj, Path]:
    monkeypatch.setenv("REFLECTJOURNAL_PASSPHRASE", PASSPHRASE)
    for name in ("clinician", "supervisor"):
        Journal.create(tmp_path / name, PASSPHRASE, FAST)[0].close()

    def rj(who: str, *args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = run(["--journal", str(tmp_path / who), *args], options=FAST)
        out = capsys.readouterr()
        return status, out.out, out.err

    return rj, tmp_path


def _pair(call: Rj, tmp: Path) -> None:
    assert call("clinician", "contact", "card", "--name", "Sam Rivera", "--role", "Home visitor",
                "-o", str(tmp / "sam.rjcard"))[0] == 0
    assert call("supervisor", "contact", "card", "--name", "Ada Obi",
                "-o", str(tmp / "ada.rjcard"))[0] == 0
    status, out_c, _ = call("clinician", "contact", "add", str(tmp / "ada.rjcard"))
    assert status == 0
    status, out_s, _ = call("supervisor", "contact", "add", str(tmp / "sam.rjcard"))
    code_c = out_c.split("Pairing code: ")[1].strip()
    code_s = out_s.split("Pairing code: ")[1].strip()
    assert code_c == code_s
    assert call("clinician", "contact", "verify", "Ada Obi", "--code", code_s)[0] == 0
    assert call("supervisor", "contact", "verify", "Sam Rivera", "--code", code_c)[0] == 0


def test_the_round_trip_on_the_command_line(two: tuple[Rj, Path]) -> None:
    call, tmp = two
    _pair(call, tmp)
    status, out, _ = call("clinician", "contact", "list", "--format", "json")
    [ada] = json.loads(out)
    assert (ada["name"], ada["verified"]) == ("Ada Obi", True)
    call("clinician", "watch-list", "--add", "Maribel")
    call("clinician", "add", "--kind", "session", "--title", "Bath time", "--date", "2026-11-04",
         "--body", "Maribel laughed when the water splashed.", "--client-code", "QX7-KLM")
    bundle = tmp / "supervision-2026-11.rjb"

    status, out, err = call("clinician", "share", "--to", "Ada Obi", "--kind", "session",
                            "-o", str(bundle))
    assert status == 1
    assert "watch-list" in out
    assert '"Maribel"' in out
    assert "not resolved" in err
    assert not bundle.exists()

    status, out, _ = call("clinician", "share", "--to", "Ada Obi", "--kind", "session",
                          "--redact-flags", "--dry-run")
    assert status == 0
    assert "Maribel" not in out.split("\n\n", 1)[1]  # the preview shows the placeholder
    assert "QX7-KLM" not in out  # client code off by default
    assert "2026-11\n" in out or "2026-11 " in out  # month only

    status, _, err = call("clinician", "share", "--to", "Ada Obi", "--kind", "session",
                          "--redact-flags", "-o", str(bundle))
    assert status == 0, err
    status, out, _ = call("supervisor", "receive", str(bundle))
    assert status == 0
    assert "Filed 1 shared entry from Sam Rivera (verified)" in out
    status, out, _ = call("supervisor", "received")
    entry_id = out.splitlines()[1].split()[0]
    status, out, _ = call("supervisor", "received", entry_id)
    assert "Bath time" in out
    assert "Maribel" not in out
    assert call("supervisor", "comment", entry_id, "--text", "What did you notice in you?")[0] == 0
    status, out, _ = call("supervisor", "confirm-session", entry_id, "--date", "2026-11-10",
                          "--minutes", "60")
    assert status == 0
    assert "signed" in out
    reply = tmp / "supervision-comments-2026-11.rjb"
    assert call("supervisor", "reply", "--to", "Sam Rivera", "-o", str(reply))[0] == 0

    status, out, _ = call("clinician", "receive", str(reply))
    assert "Filed 1 comment and 1 confirmed supervision session from" in out
    status, out, _ = call("clinician", "show", entry_id)
    assert "Comment from Ada Obi (verified)" in out
    assert "on this version:" in out
    assert "What did you notice in you?" in out
    assert "Changed since" not in out
    assert call("clinician", "edit", entry_id, "--body", "The water splashed; she laughed.")[0] == 0
    status, out, _ = call("clinician", "show", entry_id)
    assert "Changed since your supervisor read it." in out
    assert "on the version you shared on" in out
    assert "(you have changed the entry since)" in out
    status, out, _ = call("clinician", "list", "--kind", "supervision")
    assert "Supervision with Ada Obi (confirmed)" in out
    status, out, _ = call("clinician", "receive", str(reply))
    assert "nothing changed" in out
    # A reply with a comment and no session says so, without "and 0 confirmed ... sessions".
    assert call("supervisor", "comment", entry_id, "--text", "And the bath after?")[0] == 0
    again = tmp / "supervision-comments-again.rjb"
    assert call("supervisor", "reply", "--to", "Sam Rivera", "-o", str(again))[0] == 0
    status, out, _ = call("clinician", "receive", str(again))
    assert "Filed 1 comment from Ada Obi (verified)" in out


def test_share_needs_a_verified_contact_and_a_clear_choice(two: tuple[Rj, Path]) -> None:
    call, tmp = two
    call("clinician", "contact", "card", "--name", "Sam", "-o", str(tmp / "sam.rjcard"))
    call("supervisor", "contact", "card", "--name", "Ada", "-o", str(tmp / "ada.rjcard"))
    call("clinician", "contact", "add", str(tmp / "ada.rjcard"))
    call("clinician", "add", "--kind", "reflection", "--title", "T", "--body", "quiet day")
    status, _, err = call("clinician", "share", "--to", "Ada", "--kind", "reflection",
                          "-o", str(tmp / "b.rjb"))
    assert status == 1
    assert "not verified" in err
    status, _, err = call("clinician", "share", "--to", "Ada", "-o", str(tmp / "b.rjb"))
    assert status == 1
    assert "Choose what to share" in err
    status, _, err = call("clinician", "contact", "verify", "Ada", "--code", "1234 5678 9012")
    assert status == 1
    assert "does not match" in err
    status, _, err = call("clinician", "contact", "card")
    assert status == 0  # the name was kept
    status, _, err = call("supervisor", "receive", str(tmp / "missing.rjb"))
    assert status == 1
    assert "Cannot read" in err
    (tmp / "junk.rjb").write_bytes(b"not a bundle at all")
    status, _, err = call("supervisor", "receive", str(tmp / "junk.rjb"))
    assert status == 1
    assert "damaged or not a ReflectJournal bundle" in err
    assert not list(tmp.glob("b.rjb"))
