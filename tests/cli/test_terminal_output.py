"""Text from others cannot drive the terminal: controls and bidi overrides print visibly.

A supervisee's entry holding ESC sequences (cursor moves, colours, a rewritten line) and the
right-to-left override reaches the supervisor through a bundle; `received`, `show`, `list`
and `search` print it escaped, and `--format json` keeps it exact.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_sharing_commands import Rj, _pair, two  # noqa: F401  (the fixture)

HOSTILE_TITLE = "Nap \x1b[2J\x1b[31mRED\x07 \u202egnp.exe"
HOSTILE_BODY = "Fell asleep\r\x1b[1Aoverwritten \u2066isolated\u2069 end"


def _no_raw_controls(text: str) -> None:
    for ch in ("\x1b", "\x07", "\r", "\u202e", "\u2066", "\u2069"):
        assert ch not in text, repr(ch)


def test_a_received_entry_with_escape_sequences_prints_them_visibly(
        two: tuple[Rj, Path]) -> None:  # noqa: F811
    call, tmp = two
    _pair(call, tmp)
    status, out, err = call("clinician", "add", "--kind", "session", "--title", HOSTILE_TITLE,
                            "--date", "2026-11-04", "--body", HOSTILE_BODY)
    assert status == 0, err
    own_id = out.strip()
    for args in (["list"], ["show", own_id[:8]], ["search", "asleep"]):
        status, out, _ = call("clinician", *args)
        assert status == 0
        _no_raw_controls(out)
        assert "\\x1b[31mRED\\x07 <U+202E>gnp.exe" in out
    status, out, _ = call("clinician", "show", own_id[:8])
    assert "Fell asleep\\x0d\\x1b[1Aoverwritten <U+2066>isolated<U+2069> end" in out
    status, out, _ = call("clinician", "list", "--format", "json")
    assert json.loads(out)[0]["title"] == HOSTILE_TITLE  # data stays exact

    bundle = tmp / "b.rjb"
    status, _, err = call("clinician", "share", "--to", "Ada Obi", "--id", own_id,
                          "--exact-dates", "--redact-flags", "-o", str(bundle))
    assert status == 0, err
    assert call("supervisor", "receive", str(bundle))[0] == 0
    status, out, err = call("supervisor", "received")
    assert status == 0
    _no_raw_controls(out + err)
    assert "<U+202E>gnp.exe" in out
    received_id = next(line.split()[0] for line in out.splitlines()
                       if "gnp.exe" in line)
    status, out, err = call("supervisor", "received", received_id)
    assert status == 0, err
    _no_raw_controls(out + err)
    assert "\\x1b[2J" in out
