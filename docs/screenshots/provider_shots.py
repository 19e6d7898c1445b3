"""Screens of RSC providers and period attestations at 1024x700, usual and largest text
(render.py calls render_providers per theme): the Providers window, the merge offer after a
link, the supervisor signing a period attestation, and the clinician's Attestations tab.
Two made-up journals, paired and verified, in the throwaway folder.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from reflectjournal.domain.endorsement.records import Degree, Qualification
from reflectjournal.domain.endorsement.rules import RuleSet
from reflectjournal.domain.entry import EntryChanges
from reflectjournal.services.journal import Journal, JournalOptions
from reflectjournal.store.envelope import KdfParams, KdfPolicy
from reflectjournal.ui.background.session import JournalSession
from reflectjournal.ui.background.tasks import SyncTasks
from reflectjournal.ui.look.app_style import apply_theme
from reflectjournal.ui.progress.progress_dialog import ProgressDialog
from reflectjournal.ui.progress.provider_dialogs import Candidate, MergeOfferDialog
from reflectjournal.ui.progress.providers_dialog import ProvidersDialog
from reflectjournal.ui.settings.options import FONT_POINTS
from reflectjournal.ui.sharing.attest_dialog import AttestDialog

SIZE = (1024, 700)
WORDS = "cedar lantern quietly orbits seven maples"
THROWAWAY = JournalOptions(kdf=KdfPolicy(min_memory_kib=8, min_iterations=1,
                                         fixed=KdfParams(64, 1, 1)))
D = dt.date


def _fail(error: BaseException) -> None:
    raise error


def _journals(work: Path, theme: str) -> tuple[Path, Path]:
    """Sam Rivera's journal with four provider records, and Jordan Lee's, who confirmed and
    attested Sam's sessions; returns their folders."""
    clinician, _ = Journal.create(work / f"{theme}-providers-sam", WORDS, THROWAWAY)
    supervisor, _ = Journal.create(work / f"{theme}-providers-jordan", WORDS, THROWAWAY)
    with clinician, supervisor:
        clinician.sharing.my_card("Sam Rivera", "Home visitor")
        supervisor.sharing.my_card("Jordan Lee", "Reflective supervisor")
        for me, other in ((clinician, supervisor), (supervisor, clinician)):
            contact, code = me.sharing.add_contact(other.sharing.card_bytes())
            me.sharing.verify_contact(contact.name, code)
        clinician.profile.update(category="imhs", degree=Degree.MASTER,
                                 degree_date=D(2015, 6, 1))
        lee = clinician.providers.add("Dr. Lee", Qualification.IMHS, D(2019, 5, 1))
        clinician.providers.qualify(lee.id, Qualification.IMHM_C, D(2024, 1, 1))
        initial = clinician.providers.add("J. Lee")
        ada = clinician.providers.add("Ada Obi", Qualification.IMHM_C, D(2012, 3, 1))
        typed_twice = clinician.providers.add("Ada Obi, LCSW")
        clinician.add_entry(EntryChanges(
            kind="supervision", date=D(2026, 1, 15), duration_minutes=90, title="Group RSC",
            fields={"provider_id": typed_twice.id, "format": "group"}))
        clinician.providers.merge(typed_twice.id, ada.id)
        rosa = clinician.providers.add("Rosa Martínez", Qualification.IMHS, D(2018, 9, 1))
        clinician.providers.qualify(rosa.id, Qualification.NOT_ENDORSED, D(2026, 6, 1))
        for month, provider in ((2, lee), (3, initial), (4, lee), (5, initial), (6, rosa)):
            clinician.add_entry(EntryChanges(
                kind="supervision", date=D(2026, month, 12), duration_minutes=60,
                title="Reflective supervision",
                fields={"provider_id": provider.id, "format": "individual"}))
        note = clinician.add_entry(EntryChanges(kind="reflection", title="For RSC",
                                                body="What I brought this month."))
        draft = clinician.sharing.prepare([note.id])
        clinician.sharing.write_share(draft, work / f"{theme}-p.rjb", to="Jordan Lee",
                                      allow=[f.id for f in draft.flags])
        got = supervisor.sharing.receive_file(work / f"{theme}-p.rjb")
        for day in (D(2026, 9, 10), D(2026, 10, 8), D(2026, 11, 5)):
            supervisor.sharing.confirm_session(got.bundle_id, day, 60, "individual")
        supervisor.sharing.attest_period(got.bundle_id, D(2026, 9, 1), D(2026, 11, 30),
                                         "IMH-E® Infant Mental Health Mentor - Clinical")
        supervisor.sharing.write_reply(work / f"{theme}-r.rjb", to="Sam Rivera")
        clinician.sharing.receive_file(work / f"{theme}-r.rjb")
    return work / f"{theme}-providers-sam", work / f"{theme}-providers-jordan"


def _session(folder: Path) -> JournalSession:
    session = JournalSession(folder, THROWAWAY, SyncTasks())
    session.unlock(WORDS, lambda _: None, _fail)
    return session


def render_providers(theme: str, work: Path, save: Callable[[QWidget, str], None]) -> None:
    """Render the provider and attestation screens in one theme, at both text sizes."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    sam, jordan = _journals(work, theme)
    for size, points in (("", 0), ("-largest", FONT_POINTS.high or 32)):
        apply_theme(app, theme, points)
        session = _session(sam)
        providers = ProvidersDialog(session)
        providers.resize(*SIZE)
        providers.show()
        providers.table.selectRow(1)  # Dr. Lee, with two qualifications in the history
        save(providers, f"{theme}-providers{size}")
        providers.tabs.setCurrentIndex(1)
        if not size:
            save(providers, f"{theme}-providers-merge-log")
        linked = providers.model.value(1).record
        jl = providers.model.value(2)
        offer = MergeOfferDialog(providers, linked, "Jordan Lee",
                                 [Candidate(jl.record, jl.entries)])
        offer.choices[0][0].setChecked(True)
        offer.show()
        offer.adjustSize()
        save(offer, f"{theme}-merge-offer{size}")
        offer.close()
        providers.close()
        if size:
            # The Progress screen itself does not fit 1024x700 at the largest text yet (its
            # category list and button row): its Attestations tab is shown at the usual size.
            _attest_screen(theme, jordan, size, save)
            session.shutdown()
            continue
        results: list[RuleSet] = []
        session.call(lambda j: j.endorsement.rules, results.append, _fail)
        progress = ProgressDialog(session, results[0],
                                  lambda kind, options, parent: None,
                                  lambda provider, parent: None)
        progress.resize(*SIZE)
        progress.show()
        tabs = progress.view.tabs
        tabs.setCurrentIndex(next(i for i in range(tabs.count())
                                  if tabs.tabText(i).replace("&", "") == "Attestations"))
        save(progress, f"{theme}-progress-attestations{size}")
        progress.close()
        session.shutdown()
        _attest_screen(theme, jordan, size, save)
    apply_theme(app, theme, 0)


def _attest_screen(theme: str, jordan: Path, size: str,
                   save: Callable[[QWidget, str], None]) -> None:
    """Render the supervisor signing a period attestation for Sam Rivera."""
    session = _session(jordan)
    attest = AttestDialog(session)
    attest.resize(*SIZE)
    attest.show()
    attest.date_from.setDate(D(2026, 9, 1))
    attest.date_to.setDate(D(2026, 10, 31))
    attest.declaration.setText("IMH-E® Infant Mental Health Mentor - Clinical")
    save(attest, f"{theme}-attest-period{size}")
    attest.close()
    session.shutdown()
