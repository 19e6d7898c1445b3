"""A supervisor's confirmation carries the session's details (spec 2.7), and they arrive.

Two real journals: the clinician logs a session by hand and shares an entry; the supervisor
confirms it with its mode, whether it was about the supervisee's own RSC, the age focus and
their own declaration of qualification; the reply fills those fields on the hand-logged
entry (attached, not duplicated), and the progress report counts it as signed.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_sharing_commands import Rj, _pair, two  # noqa: F401  (the fixture)


def test_the_details_a_supervisor_signs_reach_the_logged_session(
        two: tuple[Rj, Path]) -> None:  # noqa: F811
    call, tmp = two
    _pair(call, tmp)
    assert call("clinician", "provider", "add", "Ada Obi", "--qualification", "IMHM-C",
                "--contact", "Ada Obi")[0] == 0
    status, out, err = call("clinician", "add", "--kind", "supervision", "--provider",
                            "Ada Obi", "--date", "2026-11-10", "--duration", "50",
                            "--body", "What I brought")
    assert status == 0, err
    logged = out.strip()
    status, out, err = call("clinician", "add", "--kind", "session", "--title", "Visit",
                            "--body", "Bath time.")
    shared = out.strip()
    bundle = tmp / "b.rjb"
    assert call("clinician", "share", "--to", "Ada Obi", "--id", shared, "--redact-flags",
                "-o", str(bundle))[0] == 0
    assert call("supervisor", "receive", str(bundle))[0] == 0
    status, _, err = call("supervisor", "confirm-session", shared, "--date", "2026-11-10",
                          "--minutes", "60", "--mode", "virtual", "--about-own-rsc", "yes",
                          "--focus", "0-3", "--declaration", "IMH-E Mentor-Clinical since 2014")
    assert status == 0, err
    reply = tmp / "reply.rjb"
    assert call("supervisor", "reply", "--to", "Sam Rivera", "-o", str(reply))[0] == 0
    status, out, err = call("clinician", "receive", str(reply))
    assert status == 0, err
    status, out, _ = call("clinician", "list", "--kind", "supervision", "--format", "json")
    [entry] = json.loads(out)  # attached to the hand-logged session, not a second one
    assert entry["id"] == logged
    assert entry["duration_minutes"] == 60  # the confirmed minutes win
    assert entry["fields"]["mode"] == "virtual"
    assert entry["fields"]["about_own_rsc"] is True
    assert entry["fields"]["focus"] == "0-3"
    assert entry["fields"]["confirmation"] == "signed"
    status, out, _ = call("clinician", "progress", "--category", "imhm-c", "--as-of",
                          "2026-12-01", "--format", "csv")
    assert "2026-11-10,Ada Obi,60" in out
    assert "verified signature" in out


def test_a_bad_detail_is_a_usage_error(two: tuple[Rj, Path]) -> None:  # noqa: F811
    call, _ = two
    import pytest

    with pytest.raises(SystemExit) as stopped:
        call("supervisor", "confirm-session", "abcd", "--minutes", "60", "--mode", "phone")
    assert stopped.value.code == 2
