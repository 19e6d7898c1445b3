"""A period attestation through two real journals (spec 2.7): signed from what the supervisor
confirmed, carried in the reply, kept by the supervisee, listed on the progress summary, and
refused when tampered with."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reflectjournal.domain import attestation as fmt
from tests.cli.test_sharing_commands import Rj, _pair, two  # noqa: F401  (the fixture)


def _shared(call: Rj, tmp: Path) -> str:
    _pair(call, tmp)
    status, out, _ = call("clinician", "add", "--kind", "session", "--title", "Visit",
                          "--body", "Bath time.")
    assert status == 0
    entry = out.strip()
    bundle = tmp / "b.rjb"
    assert call("clinician", "share", "--to", "Ada Obi", "--id", entry, "--redact-flags",
                "-o", str(bundle))[0] == 0
    assert call("supervisor", "receive", str(bundle))[0] == 0
    return entry


def test_an_attestation_is_signed_carried_kept_and_listed(two: tuple[Rj, Path]) -> None:  # noqa: F811
    call, tmp = two
    entry = _shared(call, tmp)
    for day, minutes in (("2026-09-10", 60), ("2026-10-08", 60), ("2026-11-05", 90)):
        assert call("supervisor", "confirm-session", entry, "--date", day, "--minutes",
                    str(minutes))[0] == 0
    status, out, err = call("supervisor", "attest-period", entry, "--from", "2026-09-01",
                            "--to", "2026-10-31", "--declaration", "IMH-E Mentor-Clinical")
    assert status == 0, err
    assert ("Between 2026-09-01 and 2026-10-31 I provided 2 sessions, 2 hours, of reflective "
            "supervision/consultation to Sam Rivera, individually; during that time I held "
            "IMH-E Mentor-Clinical.") in out
    reply = tmp / "reply.rjb"
    assert call("supervisor", "reply", "--to", "Sam Rivera", "-o", str(reply))[0] == 0
    status, out, err = call("clinician", "receive", str(reply))
    assert status == 0, err
    assert "; 1 period attestation kept as evidence" in out
    status, out, _ = call("clinician", "attestations", "--format", "json")
    [kept] = json.loads(out)
    assert (kept["side"], kept["sessions"], kept["minutes"], kept["verified"]) == (
        "received", 2, 120, True)
    status, out, _ = call("clinician", "progress", "--category", "imhs", "--format",
                          "markdown", "--name", "Sam Rivera")
    assert "Supporting evidence: period attestations" in out
    assert "verified signature, key" in out
    status, out, _ = call("clinician", "progress", "--category", "imhs", "--format", "json")
    assert json.loads(out)["attestations"][0]["supervisor"] == "Ada Obi"
    # The same reply again adds nothing.
    assert call("clinician", "receive", str(reply))[0] == 0
    assert len(json.loads(call("clinician", "attestations", "--format", "json")[1])) == 1


def test_a_period_without_confirmed_sessions_is_refused(two: tuple[Rj, Path]) -> None:  # noqa: F811
    call, tmp = two
    entry = _shared(call, tmp)
    status, _, err = call("supervisor", "attest-period", entry, "--from", "2026-01-01",
                          "--to", "2026-02-01")
    assert status == 1
    assert "confirmed no sessions" in err
    with pytest.raises(SystemExit):
        call("supervisor", "attest-period", entry, "--from", "2026-02-30", "--to", "2026-03-01")


def test_a_tampered_attestation_does_not_parse_or_verify() -> None:
    import datetime as dt

    made = fmt.PeriodAttestation("0f0f0f0f-0000-4000-8000-000000000001", b"a" * 32, b"b" * 32,
                                 dt.date(2026, 1, 1), dt.date(2026, 3, 31), 3, 180,
                                 "individual", "IMHS", dt.date(2026, 4, 1))
    raw = fmt.attestation_bytes(made)
    assert fmt.parse_attestation(raw) == made
    with pytest.raises(Exception, match="ends before it starts"):
        fmt.parse_attestation(raw.replace(b'"to":"2026-03-31"', b'"to":"2025-03-31"'))
    with pytest.raises(Exception, match="malformed"):
        fmt.parse_attestation(raw.replace(b'"sessions":3', b'"sessions":-3'))
