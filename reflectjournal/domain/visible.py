"""Text from someone else shown as written: controls and direction overrides made visible.

Its own small module, free of other imports, because the command line loads it on every start
(cli/terminal.py) and the app's lists use it on every row.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls; and the bidirectional embeddings,
# overrides and isolates, which reorder what follows them (a file name or code read
# backwards, a title that swaps a row's columns). Marks such as U+200F stay: they only give a
# direction to neutral characters, and right-to-left writing needs them.
_HIDDEN_EFFECT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0x9F else f"<U+{code:04X}>"


def visible_controls(text: str) -> str:
    """Return `text` with characters that act instead of showing written visibly.

    ESC becomes `\\x1b`, a carriage return `\\x0d`, the right-to-left override `<U+202E>`:
    text from someone else (a received entry, a contact card) cannot move a terminal's
    cursor, recolour it, rewrite lines, or reorder what is shown around it.
    """
    return _HIDDEN_EFFECT.sub(_shown, text)
