"""A draft names the template its editor asked, and reopens on it (by id) or says it is gone."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from reflectjournal.domain.entry import EntryChanges
from reflectjournal.domain.ids import EntryId
from reflectjournal.domain.templates import BUILTIN, TemplatePrompt
from reflectjournal.services.journal import Journal
from reflectjournal.services.templates import KindTemplate
from reflectjournal.store import schema
from tests.helpers.journals import FAST, PASSPHRASE, copy_stored_journal

NEW_ID = EntryId("7c0e2b55-1d9a-4e3f-8b64-5a2f9c1d7e08")


def _dyadic(journal: Journal) -> tuple[KindTemplate, KindTemplate]:
    visit = journal.templates.new("session", "After a home visit")  # the default
    dyadic = journal.templates.new("session", "Dyadic session")
    dyadic = journal.templates.save(replace(dyadic.template, prompts=(
        TemplatePrompt("", "The dyad", "What passed between them?"),
        TemplatePrompt("", "My part", "What did I bring to it?"))))
    return visit, dyadic


def _answers(template: KindTemplate) -> dict[str, str]:
    first, second = (p.id for p in template.template.shown)
    return {first: "They laughed together", second: "I waited before speaking"}


def test_the_draft_keeps_its_template_across_closing(journal_dir: Path, journal: Journal) -> None:
    _visit, dyadic = _dyadic(journal)
    changes = EntryChanges(kind="session", answers=_answers(dyadic))
    journal.save_draft(NEW_ID, changes, (), dyadic.template.id)
    journal.close()
    with Journal.open(journal_dir, PASSPHRASE, FAST) as reopened:
        [draft] = reopened.drafts()
        assert (draft.template, draft.changes) == (dyadic.template.id, changes)
        resumed = reopened.templates.for_draft("session", draft.template)
        assert resumed is not None
        assert (resumed.template, resumed.found) == (dyadic, True)
        assert not resumed.template.is_default


def test_a_renamed_template_is_found_by_its_id(journal: Journal) -> None:
    _visit, dyadic = _dyadic(journal)
    journal.save_draft(NEW_ID, EntryChanges(kind="session"), (), dyadic.template.id)
    renamed = journal.templates.rename(dyadic.template.id, "Pairs")
    resumed = journal.templates.for_draft("session", journal.draft(NEW_ID).template)
    assert resumed is not None
    assert (resumed.template.template.label, resumed.found) == ("Pairs", True)
    assert resumed.template == renamed


def test_a_deleted_template_gives_the_kinds_default_and_says_it_is_gone(
    journal: Journal,
) -> None:
    visit, dyadic = _dyadic(journal)
    journal.save_draft(NEW_ID, EntryChanges(kind="session", answers=_answers(dyadic)), (),
                       dyadic.template.id)
    journal.templates.delete(dyadic.template.id)
    draft = journal.draft(NEW_ID)
    assert draft is not None
    assert draft.template == dyadic.template.id
    resumed = journal.templates.for_draft("session", draft.template, draft.changes.answers or ())
    assert resumed is not None
    assert (resumed.template, resumed.found) == (visit, False)
    assert draft.changes.answers == _answers(dyadic)  # nothing of the text is lost


def test_the_built_in_template_is_named_apart_from_a_users_default(journal: Journal) -> None:
    visit, _dyadic_template = _dyadic(journal)
    journal.save_draft(NEW_ID, EntryChanges(kind="session"), (), BUILTIN)
    resumed = journal.templates.for_draft("session", journal.draft(NEW_ID).template)
    assert resumed is not None
    assert (resumed.template.custom, resumed.template.is_default, resumed.found) == (
        False, False, True)
    assert visit.is_default


def test_a_draft_naming_no_template_opens_on_the_one_its_answers_fit(journal: Journal) -> None:
    visit, dyadic = _dyadic(journal)
    fit = journal.templates.for_draft("session", "", _answers(dyadic))
    assert fit is not None
    assert (fit.template, fit.found) == (dyadic, True)
    # Answers the default asks as well as another: the default.
    baby = {"baby": "She reached for the cup"}
    tie = journal.templates.for_draft("session", "", baby)
    assert tie is not None
    assert tie.template == visit
    assert journal.templates.for_draft("no-such-kind", dyadic.template.id) is None


def test_a_template_that_is_not_an_id_is_neither_stored_nor_read(journal: Journal) -> None:
    journal.save_draft(NEW_ID, EntryChanges(title="kept"), (), "Dyadic session")
    assert journal._db.scalar("SELECT template FROM drafts") is None
    journal._db.execute("UPDATE drafts SET template = 'After a home visit'")
    [draft] = journal.drafts()
    assert (draft.changes.title, draft.template) == ("kept", "")  # the text stays


def test_a_version_16_draft_opens_on_the_template_its_answers_were_written_on(
    tmp_path: Path,
) -> None:
    folder = copy_stored_journal("journal-v16-drafts", tmp_path)
    with Journal.open(folder, PASSPHRASE, FAST) as journal:
        assert journal.check().schema_version == schema.LATEST
        assert len(list((folder / "backups").glob("before-upgrade-*.rjbackup"))) == 1
        [draft] = journal.drafts()
        assert draft.template == ""  # a draft of schema 16 did not say
        assert (draft.changes.title, draft.changes.date) == ("Kitchen floor",
                                                             dt.date(2026, 6, 3))
        assert draft.changes.answers == {"u-37d65d1d": "They laughed together",
                                         "u-27baf522": "I waited before speaking"}
        [_builtin, visit, dyadic] = journal.templates.of_kind("session")
        assert (visit.template.label, visit.is_default) == ("After a home visit", True)
        resumed = journal.templates.for_draft("session", "", draft.changes.answers)
        assert resumed is not None
        assert resumed.template == dyadic
        # Kept again today, it names its template.
        journal.save_draft(draft.entry_id, draft.changes, (), dyadic.template.id)
        assert journal.draft(draft.entry_id).template == dyadic.template.id
        assert [s.title for s in journal.list_entries()] == ["Quiet week"]
        assert journal.check().ok
