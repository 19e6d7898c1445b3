"""Text in and out of the terminal: undecodable input refused, controls shown, not obeyed.

Python reads argv and standard input with the `surrogateescape` rule, so bytes that are not
UTF-8 arrive as lone surrogates and would fail much later, deep in SQLite, as an internal
error. They are refused here with one plain line instead. What the CLI prints for people (text
output and messages) goes through `visible_controls`, so a received entry or a contact card
cannot drive the terminal; data outputs (JSON, Markdown, exports, cards) stay exact.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import IO, Any

from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.visible import visible_controls

# Standard input larger than this is not an entry: the longest text an entry holds (200,000
# characters) is at most 800,000 bytes in UTF-8.
MAX_STDIN_BYTES = 1_000_000


def interactive_stdin() -> bool:
    """Whether standard input is a terminal (False when it is closed, a pipe or a file)."""
    return sys.stdin is not None and sys.stdin.isatty()


def undecodable_argument(argv: Sequence[str]) -> int | None:
    """Return the 1-based position of the first argument that was not UTF-8, or None."""
    for position, arg in enumerate(argv, start=1):
        if any("\udc80" <= ch <= "\udcff" for ch in arg):
            return position
    return None


def read_stdin_text() -> str:
    """Read standard input as UTF-8 text, refusing other encodings and oversized input."""
    if sys.stdin is None:  # started with standard input closed (`<&-`)
        raise InvalidInputError("There is no standard input to read the text from; give it "
                                "with --body TEXT, or pipe or type it in. Nothing was changed.")
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text stream without bytes under it (an embedding, a test's StringIO)
        text = sys.stdin.read(MAX_STDIN_BYTES + 1)
        data = text.encode("utf-8", "surrogateescape")
    else:
        try:
            data = buffer.read(MAX_STDIN_BYTES + 1)
        except OSError as exc:
            raise InvalidInputError(
                f"Standard input cannot be read ({exc.strerror or exc}); give the text with "
                "--body TEXT. Nothing was changed.") from None
    if len(data) > MAX_STDIN_BYTES:
        raise InvalidInputError(
            f"Standard input is longer than {MAX_STDIN_BYTES:,} bytes, more than an entry "
            "holds; nothing was changed.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"Standard input is not UTF-8 text (byte {exc.start + 1} cannot be read); save it "
            "as UTF-8 and try again. Nothing was changed.") from None


class VisibleControls:
    """A text stream that shows control and bidi-override characters instead of writing them."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(visible_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, buffer, isatty, fileno, encoding ...
        return getattr(self._stream, name)


def prints_exact_data(args: argparse.Namespace) -> bool:
    """Whether the command's standard output is data to keep byte for byte (JSON, exports)."""
    if getattr(args, "format", None) not in (None, "text"):
        return True
    command, action = getattr(args, "command", None), getattr(args, "action", None)
    return command == "export" or (command == "contact" and action == "card")


@contextmanager
def showing_controls(*, stdout: bool) -> Iterator[None]:
    """Route stderr (messages) and, if `stdout`, standard output through `VisibleControls`."""
    saved = sys.stdout, sys.stderr
    sys.stderr = VisibleControls(sys.stderr)
    if stdout:
        sys.stdout = VisibleControls(sys.stdout)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
