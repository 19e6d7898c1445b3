"""What a change to the journal touched, so that each view refreshes only what it shows."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Changes:
    """The parts of a journal an operation changed (compare Anki's OpChanges).

    The GUI hands this to every view after the operation succeeds; a view reloads the parts
    it shows and ignores the rest.
    """

    entries: bool = False  # entries added, edited, deleted or brought back
    tags: bool = False  # tags added, renamed or retired (counts follow entries)
    drafts: bool = False  # unsaved editor state kept or dropped
    received: bool = False  # bundles, comments or confirmed sessions filed or written
    contacts: bool = False  # contacts or the watch-list
    trash: bool = False  # entries moved into the trash, restored from it or forgotten
    providers: bool = False  # RSC provider records or the Endorsement profile
    templates: bool = False  # the prompts a kind asks (the user's templates)
    spelling: bool = False  # the spelling language (the personal dictionary only grows)
    everything: bool = False  # the whole journal replaced (a restore)

    def __or__(self, other: Changes) -> Changes:
        return Changes(**{f.name: getattr(self, f.name) or getattr(other, f.name)
                          for f in fields(self)})

    def touches(self, *parts: str) -> bool:
        """Return whether any of the named parts changed (everything touches all)."""
        return self.everything or any(getattr(self, part) for part in parts)


NOTHING = Changes()
ENTRIES = Changes(entries=True)
TAGS = Changes(tags=True)
DRAFTS = Changes(drafts=True)
RECEIVED = Changes(received=True)
CONTACTS = Changes(contacts=True)
TRASH = Changes(trash=True)
PROVIDERS = Changes(providers=True)
TEMPLATES = Changes(templates=True)
SPELLING = Changes(spelling=True)
EVERYTHING = Changes(everything=True)
