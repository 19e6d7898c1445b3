"""Reading an import file's JSON object member by member, without holding the whole file.

json.loads of a 227 MB export held the bytes, the text and every parsed value at once
(824 MiB peak at 100,000 entries). Here the file is decoded a chunk at a time and each
value is parsed by the standard library's C decoder (raw_decode) as soon as it is whole,
so an array of entries can be read one entry at a time. Errors read as json.loads words
them (message, line and column), as ImportFormatError.
"""

from __future__ import annotations

import codecs
import functools
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from reflectjournal.domain.errors import ImportFormatError

CHUNK = 1 << 20
"""Bytes read at a time; more when one value is larger than what is buffered."""
_SPACE = re.compile(r"[ \t\n\r]*")
_CUT_SHORT = 8
"""A decode error this close to the buffer's end may only mean the value goes on."""


class JsonStream:
    """One JSON document read from a binary stream, front to back."""

    def __init__(self, stream: BinaryIO, max_bytes: int) -> None:
        self._stream = stream
        self._max_bytes = max_bytes
        self._bytes = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")()
        self._decode = json.JSONDecoder().raw_decode
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._line = 1
        """The line of self._buf[0], for messages."""
        self._column = 0
        """How far into its line self._buf[0] is."""

    def at(self, char: str) -> bool:
        """Return whether the next value starts with char ('{' or '['), consuming it if so."""
        if self._peek() != char:
            return False
        self._pos += 1
        return True

    def value(self) -> Any:
        """Read the next whole value."""
        if self._peek() == "\ufeff" and self._at_start():
            raise self._syntax("Unexpected UTF-8 BOM (decode using utf-8-sig)", self._pos)
        while True:
            try:
                value, end = self._decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                cut = exc.pos >= len(self._buf) - _CUT_SHORT or exc.msg.startswith(
                    "Unterminated string")
                if cut and self._more():
                    continue
                raise self._syntax(exc.msg, exc.pos) from None
            except (ValueError, RecursionError):
                # Integers over Python's digit limit, or nesting deeper than the recursion limit.
                raise ImportFormatError(
                    "The file is not a ReflectJournal export (a number is too long or the data"
                    " is nested too deeply)."
                ) from None
            # A number at the end of the buffer may go on in the next chunk.
            if end >= len(self._buf) and self._more():
                continue
            self._pos = end
            return value

    def members(self) -> Iterator[str]:
        """Yield the keys of the object just entered (after at('{')); read each value between."""
        char = self._peek()
        if char == "}":
            self._pos += 1
            return
        while True:
            if char != '"':
                raise self._syntax("Expecting property name enclosed in double quotes", self._pos)
            key = self.value()
            if self._peek() != ":":
                raise self._syntax("Expecting ':' delimiter", self._pos)
            self._pos += 1
            yield key
            # Python 3.13+ json names a trailing comma, at the comma; 3.11 expects a name after.
            trailing = _trailing_comma_message()
            if trailing and self._peek() == "," and self._char_after() == "}":
                raise self._syntax(trailing, self._pos)
            if not self._after_item("}"):
                return
            char = self._peek()

    def items(self) -> Iterator[Any]:
        """Yield the values of the array just entered (after at('[')), one at a time."""
        if self._peek() == "]":
            self._pos += 1
            return
        while True:
            yield self.value()
            if not self._after_item("]"):
                return

    def end(self) -> None:
        """Check that nothing but white space follows the document."""
        if self._peek():
            raise self._syntax("Extra data", self._pos)

    def _after_item(self, close: str) -> bool:
        """Step over ',' (True: another item follows) or the closing bracket (False)."""
        char = self._peek()
        self._pos += 1
        if char == ",":
            return True
        if char == close:
            return False
        raise self._syntax("Expecting ',' delimiter", self._pos - 1)

    def _char_after(self) -> str:
        """Return the next non-space character after the one at the position, which stays."""
        while True:
            after = _SPACE.match(self._buf, self._pos + 1).end()  # type: ignore[union-attr]
            if after < len(self._buf):
                return self._buf[after]
            if not self._more():  # keeps the buffer from the position on
                return ""

    def _peek(self) -> str:
        """Skip white space; return the next character ('' at the end of the file)."""
        while True:
            self._pos = _SPACE.match(self._buf, self._pos).end()  # type: ignore[union-attr]
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._more():
                return ""

    def _at_start(self) -> bool:
        return self._line == 1 and self._column == 0 and self._pos == 0

    def _more(self) -> bool:
        """Read more of the file into the buffer; False at its end."""
        if self._eof:
            return False
        pending = len(self._decoder.getstate()[0])
        # At least as much as is buffered, so one long value is decoded O(n), not O(n²).
        chunk = self._stream.read(max(CHUNK, len(self._buf) - self._pos))
        start = self._bytes - pending
        self._bytes += len(chunk)
        if self._bytes > self._max_bytes:
            raise ImportFormatError("The file is too large to be a ReflectJournal export.")
        try:
            text = self._decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:
            raise ImportFormatError(
                f"The file is not UTF-8 text (byte {start + exc.start}).") from None
        self._eof = not chunk
        if not text:  # the buffer stays as it is, so positions found in it still hold
            return not self._eof
        self._drop_read()
        self._buf += text
        return True

    def _drop_read(self) -> None:
        """Forget the text already parsed, keeping count of its lines for messages."""
        if not self._pos:
            return
        newline = self._buf.rfind("\n", 0, self._pos)
        if newline >= 0:
            self._line += self._buf.count("\n", 0, self._pos)
            self._column = self._pos - newline - 1
        else:
            self._column += self._pos
        self._buf = self._buf[self._pos:]
        self._pos = 0

    def _syntax(self, message: str, index: int) -> ImportFormatError:
        newline = self._buf.rfind("\n", 0, index)
        line = self._line + self._buf.count("\n", 0, index)
        column = index - newline if newline >= 0 else self._column + index + 1
        return ImportFormatError(
            f"The file is not valid JSON: {message} at line {line}, column {column}.")


@functools.cache
def _trailing_comma_message() -> str | None:
    """Return how this Python's json words '{"a": 1,}', if it names the trailing comma."""
    try:
        json.loads('{"a": 1,}')
    except json.JSONDecodeError as exc:
        return exc.msg if "trailing comma" in exc.msg else None
    return None
