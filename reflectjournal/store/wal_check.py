"""Reading the write-ahead log's own checksums before SQLite does, to find lost commits.

SQLite replays the WAL up to the first frame whose checksum fails and silently drops the
rest, so one flipped byte there loses every later transaction without a word (50 of 50
flips did, and `check` then said ok). Before the journal opens we walk the frames as SQLite
will and call the log damaged when a whole frame of the current log fails its checksum,
or a saved transaction lies beyond the first frame SQLite would stop at. A short last
frame (the process died mid-write) is not damage: nothing it held was saved.

Format (sqlite.org/fileformat2.html#walformat): a 32-byte header (magic, version, page
size, checkpoint sequence, two salts, a checksum of the first 24 bytes), then frames of a
24-byte header (page number, the database size for a commit frame else 0, the two salts,
a running checksum over the frame header's first 8 bytes and the page) and one page. The
page is SQLCipher ciphertext; the headers and checksums are SQLite's, in the clear.
"""

from __future__ import annotations

import struct
from pathlib import Path

_MAGIC_LITTLE, _MAGIC_BIG = 0x377F0682, 0x377F0683
_HEADER, _FRAME_HEADER = 32, 24
_MASK = 0xFFFFFFFF


def _checksum(data: bytes, s0: int, s1: int, big_endian: bool) -> tuple[int, int]:
    """SQLite's WAL checksum: Fibonacci-weighted sums of 32-bit words, two at a time."""
    words = struct.unpack(f"{'>' if big_endian else '<'}{len(data) // 4}I", data)
    for i in range(0, len(words), 2):
        s0 = (s0 + words[i] + s1) & _MASK
        s1 = (s1 + words[i + 1] + s0) & _MASK
    return s0, s1


def wal_problem(wal: Path) -> str | None:
    """Return why replaying this WAL would drop saved transactions, or None if it would not."""
    try:
        data = wal.read_bytes()
    except FileNotFoundError:
        return None
    if len(data) < _HEADER:
        return None  # no frame can have been written: nothing saved is in it
    magic, _version, page_size, _sequence, salt1, salt2, c0, c1 = struct.unpack(
        ">8I", data[:_HEADER])
    frame_size = _FRAME_HEADER + page_size
    big = magic == _MAGIC_BIG
    valid_header = (magic in (_MAGIC_LITTLE, _MAGIC_BIG) and 512 <= page_size <= 65536
                    and page_size & (page_size - 1) == 0
                    and _checksum(data[:24], 0, 0, big) == (c0, c1))
    if not valid_header:
        # SQLite then ignores the whole log; with a frame after the header, that loses data.
        return "its header is damaged" if len(data) >= _HEADER + _FRAME_HEADER + 512 else None
    s0, s1 = c0, c1
    frames = (len(data) - _HEADER) // frame_size
    for n in range(frames):
        at = _HEADER + n * frame_size
        f_salt1, f_salt2, f0, f1 = struct.unpack(">4I", data[at + 8:at + _FRAME_HEADER])
        if (f_salt1, f_salt2) != (salt1, salt2):
            if (f_salt1 == salt1) != (f_salt2 == salt2):
                return f"frame {n + 1} is damaged"  # one salt changed: a flip, not an old frame
            return _later_commit(data, n + 1, frames, frame_size, salt1, salt2)
        s0, s1 = _checksum(data[at:at + 8], s0, s1, big)
        s0, s1 = _checksum(data[at + _FRAME_HEADER:at + frame_size], s0, s1, big)
        if (s0, s1) != (f0, f1):
            # A process killed mid-write leaves a short last frame, never a whole one
            # with a wrong sum: that takes damage (or a torn sector at a power cut, when
            # telling is still better than dropping saved transactions without a word).
            return f"frame {n + 1} of {frames} is damaged"
    return None


def _later_commit(data: bytes, start: int, frames: int, frame_size: int,
                  salt1: int, salt2: int) -> str | None:
    """Say which frame after the last readable one ends a transaction SQLite would drop."""
    for n in range(start, frames):
        at = _HEADER + n * frame_size
        _page, commit, f_salt1, f_salt2 = struct.unpack(">4I", data[at:at + 16])
        if commit and (f_salt1, f_salt2) == (salt1, salt2):
            return f"a saved transaction after frame {start} cannot be read"
    return None
