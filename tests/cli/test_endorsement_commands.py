"""`profile`, `provider`, `add --provider`, `amend` and `unlink-confirmation` end to end."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal
from tests.helpers.cli import CliRunner
from tests.helpers.journals import FAST, PASSPHRASE, exchange_cards


def _init(cli: CliRunner) -> None:
    assert cli("init").status == 0


def _usage_error(cli: CliRunner, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    """Run a command line argparse refuses; return its one line (exit status 2)."""
    with pytest.raises(SystemExit) as stopped:
        cli(*args)
    assert stopped.value.code == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    return line


def test_profile_set_and_show(cli: CliRunner) -> None:
    _init(cli)
    done = cli("profile", "set", "--category", "imhs", "--track", "imh", "--degree", "master",
               "--degree-date", "2018-06-01", "--provides-rsc", "yes", "--endorsed", "ifs",
               "--endorsed-since", "2020-02-01", "--submission-date", "2027-03-01")
    assert done.status == 0, done.err
    doc = json.loads(cli("profile", "show", "--format", "json").out)
    assert doc == {
        "category": "imhs", "track": "imh", "degree": "master", "degree_date": "2018-06-01",
        "bachelors_prepared": False, "provides_rsc": True, "endorsed": "ifs",
        "endorsed_since": "2020-02-01", "submission_date": "2027-03-01",
        "rule_set": "alliance-baseline"}
    cli("profile", "set", "--bachelors-prepared", "yes")
    text = cli("profile", "show").out
    assert "category            imhs" in text
    assert "bachelors prepared  yes" in text


def test_profile_usage_errors_exit_2_with_one_line(
    cli: CliRunner, capsys: pytest.CaptureFixture[str],
) -> None:
    _init(cli)
    result = cli("profile", "set")
    assert result.status == 2
    assert result.err.strip() == "reflectjournal profile: error: give at least one value to " \
        "set, e.g. --category imhs"
    assert "'June' is not a date" in _usage_error(cli, capsys, "profile", "set",
                                                  "--degree-date", "June")
    assert "invalid choice: 'imhz'" in _usage_error(cli, capsys, "profile", "set",
                                                    "--category", "imhz")
    refused = cli("profile", "set", "--endorsed-since", "2020-01-01")
    assert refused.status == 1
    assert "needs the category held" in refused.err


def test_providers_from_the_command_line(cli: CliRunner) -> None:
    _init(cli)
    lee = cli("provider", "add", "Dr. Lee", "--qualification", "IMHS", "--since", "2019-05-01")
    assert lee.status == 0, lee.err
    lee_id = lee.out.strip()
    jordan_id = cli("provider", "add", "Jordan Lee", "--qualification", "imhm-c").out.strip()
    assert cli("provider", "qualify", "Dr. Lee", "--qualification", "IMHM-C",
               "--since", "2024-01-01").status == 0
    added = cli("add", "--kind", "supervision", "--provider", "Jordan Lee",
                "--field", "format=individual", "--field", "peer=no",
                "--field", "about_own_rsc=yes", "--field", "supervision_type=reflective",
                "--date", "2026-01-12", "--duration", "60", "--body", "")
    assert added.status == 0, added.err
    entry_id = added.out.strip()
    listed = json.loads(cli("provider", "list", "--format", "json").out)
    assert [(p["name"], p["entries"]) for p in listed] == [("Dr. Lee", 0), ("Jordan Lee", 1)]
    assert listed[0]["qualifications"] == [
        {"qualification": "IMHS", "since": "2019-05-01"},
        {"qualification": "IMHM-C", "since": "2024-01-01"}]
    assert listed[1]["qualifications"] == [{"qualification": "IMHM-C", "since": None}]
    merged = cli("provider", "merge", "Jordan Lee", lee_id[:8])
    assert merged.status == 0, merged.err
    assert "1 entry moved" in merged.err
    fields = json.loads(cli("show", entry_id, "--format", "json").out)["fields"]
    assert fields == {"provider_id": lee_id, "format": "individual", "peer": False,
                      "about_own_rsc": True, "supervision_type": "reflective"}
    assert jordan_id not in cli("provider", "list").out
    assert "Provider: Dr. Lee" in cli("show", entry_id[:8]).out  # the name, not the id
    training = cli("add", "--kind", "training", "--date", "2026-02-01", "--body", "",
                   "--field", "date_end=2026-04-01", "--field", "hours_face_to_face=6",
                   "--field", "hours_independent=2", "--field", "about_rsc=yes",
                   "--field", "dei=yes")
    assert training.status == 0, training.err


def test_provider_mistakes_are_one_plain_line(
    cli: CliRunner, capsys: pytest.CaptureFixture[str],
) -> None:
    _init(cli)
    assert "unknown qualification 'IMHX'" in _usage_error(
        cli, capsys, "provider", "add", "Dr. Lee", "--qualification", "IMHX")
    assert "'05/2019' is not a date" in _usage_error(
        cli, capsys, "provider", "add", "Dr. Lee", "--qualification", "IMHS", "--since",
        "05/2019")
    unknown = cli("add", "--kind", "supervision", "--provider", "Nobody", "--body", "")
    assert unknown.status == 1
    assert "No provider is called 'Nobody'" in unknown.err
    assert "Traceback" not in unknown.err
    assert cli("provider", "list").out == ""


def test_amend_lists_and_unlink_refuses_an_unsigned_entry(cli: CliRunner) -> None:
    _init(cli)
    cli("provider", "add", "Dr. Lee", "--qualification", "IMHS")
    entry_id = cli("add", "--kind", "supervision", "--provider", "Dr. Lee", "--duration", "60",
                   "--body", "").out.strip()
    assert cli("amend", entry_id[:8], "--text", "Ran ten minutes over.").status == 0
    assert "Ran ten minutes over." in cli("amend", entry_id[:8]).out
    refused = cli("unlink-confirmation", entry_id[:8])
    assert refused.status == 1
    assert "no signed confirmation" in refused.err


def test_show_tells_a_signed_confirmation_its_difference_and_the_amendments(
    cli: CliRunner, journal_dir: Path, tmp_path: Path,
) -> None:
    with Journal.create(journal_dir, PASSPHRASE, FAST)[0] as clinician, \
            Journal.create(tmp_path / "supervisor", PASSPHRASE, FAST)[0] as supervisor:
        clinician.sharing.my_card("Sam Rivera")
        supervisor.sharing.my_card("Dr. Ada Obi")
        exchange_cards(clinician, supervisor)
        ada = clinician.providers.add("Ada", contact="Dr. Ada Obi")
        logged = clinician.add_entry(EntryChanges(
            kind="supervision", date=dt.date(2026, 11, 10), duration_minutes=60,
            fields={"provider_id": ada.id})).id
        note = clinician.add_entry(EntryChanges(kind="reflection", title="For RSC", body="x"))
        draft = clinician.sharing.prepare([note.id])
        clinician.sharing.write_share(draft, tmp_path / "s.rjb", to="Dr. Ada Obi",
                                      redact=[f.id for f in draft.flags])
        got = supervisor.sharing.receive_file(tmp_path / "s.rjb")
        supervisor.sharing.confirm_session(got.bundle_id, dt.date(2026, 11, 10), 75,
                                           "individual")
        supervisor.sharing.write_reply(tmp_path / "r.rjb", to="Sam Rivera")
        clinician.sharing.receive_file(tmp_path / "r.rjb")
    assert cli("amend", logged[:8], "--text", "We ran over.").status == 0
    shown = cli("show", logged[:8]).out
    assert "Provider: Ada" in shown
    assert "Confirmed by Dr. Ada Obi's signature: 75 min on 2026-11-10." in shown
    assert "You had logged 60 min; the confirmed minutes count." in shown
    assert "We ran over." in shown
    doc = json.loads(cli("show", logged, "--format", "json").out)
    assert [a["text"] for a in doc["amendments"]] == ["We ran over."]
    refused = cli("edit", logged[:8], "--duration", "60")
    assert refused.status == 1
    assert "confirmed by your provider's signature" in refused.err


def test_provider_link_offers_to_merge_similar_names(
    cli: CliRunner, journal_dir: Path, tmp_path: Path,
) -> None:
    with Journal.create(journal_dir, PASSPHRASE, FAST)[0] as clinician, \
            Journal.create(tmp_path / "supervisor", PASSPHRASE, FAST)[0] as supervisor:
        clinician.sharing.my_card("Sam Rivera")
        supervisor.sharing.my_card("Jordan Lee")
        exchange_cards(clinician, supervisor)
        doctor = clinician.providers.add("Dr. Lee")
        initial = clinician.providers.add("J. Lee")
        clinician.add_entry(EntryChanges(kind="supervision", date=dt.date(2026, 3, 2),
                                         duration_minutes=60,
                                         fields={"provider_id": initial.id}))
        other = clinician.providers.add("Dr. Lim")
    linked = cli("provider", "link", "Dr. Lee", "--contact", "Jordan Lee")
    assert linked.status == 0, linked.err
    hints = [line for line in linked.err.splitlines() if line.startswith("hint:")]
    assert hints == [f"hint: 'J. Lee' ({initial.id[:8]}, 1 entry) may be the same person. "
                     f"To merge it into this record: reflectjournal provider merge "
                     f"{initial.id[:8]} {doctor.id[:8]}"]
    assert other.id[:8] not in linked.err  # another surname: not offered
    assert cli("provider", "merge", initial.id[:8], doctor.id[:8]).status == 0  # as hinted
    unlinked = cli("provider", "link", "Dr. Lee")
    assert "hint:" not in unlinked.err  # nothing is offered on unlinking
    added = cli("provider", "add", "Jordan Lee", "--qualification", "IMHS",
                "--contact", "Jordan Lee")  # linked as it is made
    assert added.status == 0, added.err
    assert f"hint: 'Dr. Lee' ({doctor.id[:8]}, 1 entry) may be the same person." in added.err
