"""Where the foreign-import samples are (tests/fixtures/foreign/README.md says how made)."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

FOREIGN = Path(__file__).resolve().parents[2] / "fixtures" / "foreign"
JRNL = FOREIGN / "jrnl"
DAYONE = FOREIGN / "dayone"
MARKDOWN = FOREIGN / "markdown"
NEW_YORK = ZoneInfo("America/New_York")
WORD = FOREIGN / "word"
