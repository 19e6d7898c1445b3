"""`received` with search, filters, JSON and the caseload, on a supervisor's desk."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from reflectjournal.cli.main import run
from reflectjournal.services.received import key_fingerprint
from tests.helpers.desk import desk_journals
from tests.helpers.journals import FAST, PASSPHRASE

Rj = Callable[..., tuple[int, str, str]]


@pytest.fixture
def rj(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Rj:
    desk_journals(tmp_path).close()
    monkeypatch.setenv("REFLECTJOURNAL_PASSPHRASE", PASSPHRASE)

    def call(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        status = run(["--journal", str(tmp_path / "supervisor"), *args], options=FAST)
        out = capsys.readouterr()
        return status, out.out, out.err

    return call


def test_without_filters_received_lists_bundle_by_bundle(rj: Rj) -> None:
    status, out, _ = rj("received")
    assert status == 0
    assert "from Jo Park (verified), 2 entries" in out
    assert "Grandmother's visit" in out


def test_search_and_filters_print_matches_with_marked_words(rj: Rj) -> None:
    status, out, _ = rj("received", "--search", "grandmother", "--supervisee", "Jo Park")
    assert status == 0
    assert "Bath time" in out
    assert "Grandmother's visit" not in out
    assert "[grandmother]" in out
    assert "from Jo Park" in out
    assert "(new, unanswered)" in out
    status, out, err = rj("received", "--kind", "reflection", "--from", "2026-05-01")
    assert (status, out.count("\n    from"), err) == (0, 1, "")
    assert "Bottles" in out
    status, out, err = rj("received", "--search", "nothing-like-this")
    assert (status, out, err.strip()) == (0, "", "No received entries match.")


def test_json_streams_one_received_entry_a_line(rj: Rj) -> None:
    status, out, _ = rj("received", "--search", "bott*", "--format", "json")
    assert status == 0
    lines = out.splitlines()
    assert lines[0] == "["
    assert lines[-1] == "]"
    assert len(lines) == 4
    docs = json.loads(out)
    assert [d["title"] for d in docs] == ["Bottles", "Grandmother's visit"]
    assert docs[1]["answers"] == [
        {"prompt": docs[1]["answers"][0]["prompt"], "text": "He rooted toward the bottle."}
    ]
    assert docs[1]["supervisee"]["name"] == "Sam Rivera"
    assert not docs[0]["read"]
    assert "[Bottle" in docs[0]["snippet"]


def test_showing_an_entry_marks_it_read_and_unanswered_filters(rj: Rj) -> None:
    _, out, _ = rj("received", "--search", "rooted", "--format", "json")
    [doc] = json.loads(out)
    assert rj("received", doc["id"][:8])[0] == 0
    _, out, _ = rj("received", "--unread", "--format", "json")
    assert doc["id"] not in out
    assert len(json.loads(out)) == 3
    assert rj("comment", doc["id"][:8], "--text", "What did you feel?")[0] == 0
    _, out, _ = rj("received", "--unanswered", "--supervisee", "Sam Rivera")
    assert "After a hard week" in out
    assert "Grandmother" not in out
    status, out, _ = rj("received", "--caseload")
    assert status == 0
    sam = next(line for line in out.splitlines() if line.startswith("Sam Rivera"))
    assert sam.split()[2:7] == ["2", "1", "1", "0", "none"]  # entries, new, unanswered, questions
    _, out, _ = rj("received", "--caseload", "--format", "json")
    assert {d["name"]: d["unread"] for d in json.loads(out)} == {"Jo Park": 2, "Sam Rivera": 1}


def test_a_removed_contact_lists_by_key_and_an_unknown_name_is_told(rj: Rj) -> None:
    _, out, _ = rj("received", "--caseload", "--format", "json")
    sam = next(d for d in json.loads(out) if d["name"] == "Sam Rivera")
    _, out, _ = rj("received", "--supervisee", "Sam Rivera", "--format", "json")
    shared = json.loads(out)[0]["id"]
    status, _, err = rj("comment", shared[:8], "--text", "Before")
    assert status == 0
    assert "goes with your next reply to Sam Rivera (reflectjournal reply --to 'Sam Rivera')" in err
    assert rj("contact", "remove", "Sam Rivera")[0] == 0
    # A comment on what a removed contact sent is kept, and the way a reply can go is told.
    status, _, err = rj("comment", shared[:8], "--text", "After")
    assert status == 0
    assert "Sam Rivera is no longer one of your contacts, so no reply can go" in err
    status, out, _ = rj("received", "--supervisee", sam["fingerprint"])
    assert status == 0
    assert f"from removed contact {sam['fingerprint']}" in out
    status, _, err = rj("received", "--supervisee", "Sam Rivera")
    assert status == 1
    assert "Nobody who shared entries is called 'Sam Rivera'" in err
    assert "Traceback" not in err
    assert key_fingerprint(b"x") not in out


def test_two_contacts_with_one_name_are_asked_apart_plainly(rj: Rj, tmp_path: Path) -> None:
    from reflectjournal.services.journal import Journal

    with Journal.open(tmp_path / "jo", PASSPHRASE, FAST) as jo:
        jo.sharing.my_card("Sam Rivera", "Nurse")
        (tmp_path / "second-sam.rjcard").write_bytes(jo.sharing.card_bytes())
    assert rj("contact", "add", str(tmp_path / "second-sam.rjcard"))[0] == 0
    status, out, err = rj("received", "--supervisee", "Sam Rivera")
    assert status == 1
    assert out == ""
    assert "2 contacts are called 'Sam Rivera'; which one do you mean?" in err
    assert "has shared entries" in err
    assert "Traceback" not in err
