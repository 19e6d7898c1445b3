"""A reply whose file was lost is written again: the same content, nothing filed twice."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.errors import BundleError
from reflectjournal.store import sealed_bundle as sealed
from tests.helpers.journals import paired_journals


def test_the_reply_written_again_is_the_same_plaintext_and_files_once(tmp_path: Path) -> None:
    clinician, supervisor = paired_journals(tmp_path)
    with clinician, supervisor:
        entry = clinician.add_entry(EntryChanges(kind="reflection", title="Bath",
                                                 body="Splashing.")).id
        draft = clinician.sharing.prepare([entry])
        bundle = clinician.sharing.write_share(draft, tmp_path / "b.rjb", to="Dr. Ada Obi",
                                               redact=[f.id for f in draft.flags]).bundle_id
        supervisor.sharing.receive_file(tmp_path / "b.rjb")
        with pytest.raises(BundleError, match="No reply to Sam Rivera was written yet"):
            supervisor.sharing.write_reply_again(tmp_path / "x.rjb", to="Sam Rivera")
        supervisor.sharing.add_comment(bundle, entry, "What did she reach for?")
        supervisor.sharing.confirm_session(bundle, dt.date.today(), 60, "individual")
        first = supervisor.sharing.write_reply(tmp_path / "r1.rjb", to="Sam Rivera")
        supervisor.sharing.add_comment(bundle, None, "Written after the reply: not in it")
        again = supervisor.sharing.write_reply_again(tmp_path / "r2.rjb", to="Sam Rivera")
        assert (again.bundle_id, again.comments, again.sessions) == (first.bundle_id, 1, 1)
        one, two = (tmp_path / "r1.rjb").read_bytes(), (tmp_path / "r2.rjb").read_bytes()
        assert one != two  # sealed afresh
        ident, _, _ = clinician.sharing._identity()
        assert sealed.unseal(one, ident.age_secret) == sealed.unseal(two, ident.age_secret)
        assert len(supervisor.sharing.pending_reply("Sam Rivera")[0]) == 1  # still unsent

        result = clinician.sharing.receive_file(tmp_path / "r2.rjb")  # the first was lost
        assert (result.comments, result.sessions) == (1, 1)
        assert clinician.sharing.receive_file(tmp_path / "r1.rjb").already_filed  # it turned up
        assert len(clinician.sharing.comments_on(entry)) == 1
        assert len(clinician.sharing.confirmed_sessions("received")) == 1
