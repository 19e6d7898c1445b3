"""Reading the file or folder the user chose for a foreign import, within fixed bounds.

Nothing is ever extracted or followed: a zip's members are read in memory (only its
journal files), a folder is walked without following links, and every read is capped in
size and count, so a hostile or mistaken choice costs a message, not the machine.
"""

from __future__ import annotations

import os
import stat
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.foreign.dayone import MAX_JOURNAL_BYTES
from reflectjournal.domain.foreign.jrnl import MAX_JRNL_BYTES
from reflectjournal.domain.foreign.markdown import NoteFile
from reflectjournal.domain.foreign.model import Skipped

MAX_ZIP_MEMBERS = 200_000
MAX_FOLDER_ITEMS = 200_000  # files and folders looked at
MAX_FOLDER_DEPTH = 32
MAX_NOTE_BYTES = 5 * 1024 * 1024
MAX_NOTES_BYTES = 256 * 1024 * 1024
NOTE_SUFFIXES = (".md", ".markdown")


def read_file(path: Path, limit: int = MAX_JRNL_BYTES) -> bytes:
    """Read one regular file of at most limit bytes."""
    check_regular(path)
    try:
        if path.stat().st_size > limit:
            raise ImportFormatError(f"{path} is too large to import (over {limit >> 20} MB).")
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ImportFormatError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if len(data) > limit:
        raise ImportFormatError(f"{path} is too large to import (over {limit >> 20} MB).")
    return data


def read_dayone_zip(path: Path) -> dict[str, bytes]:
    """Return the journal files (.json at the top, or in one top folder) of a Day One zip."""
    check_regular(path)
    journals: dict[str, bytes] = {}
    total = 0
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS:
                raise ImportFormatError(f"{path.name} holds too many files to be a Day One "
                                        f"export (over {MAX_ZIP_MEMBERS:,}).")
            for info in members:
                name = _safe_member_name(info.filename, path.name)
                if not _is_journal_file(info, name):
                    continue
                if info.flag_bits & 0x1:
                    raise ImportFormatError(f"{path.name} is password-protected; export it "
                                            "again from Day One without a password.")
                if info.file_size > MAX_JOURNAL_BYTES:
                    raise ImportFormatError(f"{name} in {path.name} is too large (over "
                                            f"{MAX_JOURNAL_BYTES >> 20} MB).")
                with archive.open(info) as member:
                    # The size in the header may lie: never read more than the cap.
                    data = member.read(MAX_JOURNAL_BYTES + 1)
                total += len(data)
                if len(data) > MAX_JOURNAL_BYTES or total > MAX_JOURNAL_BYTES:
                    raise ImportFormatError(f"The journal files in {path.name} are too large "
                                            f"together (over {MAX_JOURNAL_BYTES >> 20} MB).")
                journals[name] = data
    except zipfile.BadZipFile:
        raise ImportFormatError(f"{path.name} is not a zip file (or it is damaged).",
                                "Choose the .zip Day One's JSON export wrote.") from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, zlib.error, ValueError,
            RuntimeError):
        raise ImportFormatError(f"{path.name} is damaged or uses a zip feature that "
                                "cannot be read here.") from None
    except OSError as exc:
        raise ImportFormatError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    return journals


def check_regular(path: Path) -> None:
    """Raise ImportFormatError unless path is a regular file."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            raise ImportFormatError(f"{path} is not a file.", "Choose the file itself.")
    except OSError as exc:
        raise ImportFormatError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def _safe_member_name(name: str, archive: str) -> str:
    clean = name.replace("\\", "/")
    parts = PurePosixPath(clean).parts
    if clean.startswith("/") or ".." in parts or (parts and ":" in parts[0]):
        raise ImportFormatError(f"{archive} holds a file named '{name[:80]}' that points "
                                "outside the archive; it is not a Day One export.")
    return clean


def _is_journal_file(info: zipfile.ZipInfo, name: str) -> bool:
    if info.is_dir() or not name.lower().endswith(".json"):
        return False
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind and kind != stat.S_IFREG:
        return False  # a link or device in the archive: never read
    parts = PurePosixPath(name).parts
    # Top level, or inside the one folder a re-zipped export puts everything in.
    return len(parts) == 1 or (len(parts) == 2 and not parts[0].startswith(("__MACOSX", ".")))


def read_markdown_folder(root: Path) -> tuple[list[NoteFile], list[Skipped]]:
    """Return a folder's notes and what was left out (hidden, links, other files, too big)."""
    notes: list[NoteFile] = []
    skipped: list[Skipped] = []
    total = 0
    for rel, path, info in walk_folder(root, NOTE_SUFFIXES, "Markdown notes (.md)", skipped):
        if info.st_size > MAX_NOTE_BYTES:
            skipped.append(Skipped(rel, f"it is larger than {MAX_NOTE_BYTES >> 20} MB"))
            continue
        total += info.st_size
        if total > MAX_NOTES_BYTES:
            raise ImportFormatError(
                f"The notes in {root} add up to more than {MAX_NOTES_BYTES >> 20} MB.",
                "Import the folder in parts.")
        try:
            data = _read_capped(path, MAX_NOTE_BYTES)
        except OSError as exc:
            skipped.append(Skipped(rel, f"it cannot be read ({exc.strerror or exc})"))
            continue
        if data is None:
            skipped.append(Skipped(rel, f"it is larger than {MAX_NOTE_BYTES >> 20} MB"))
            continue
        notes.append(NoteFile(rel, data, info.st_mtime))
    return notes, skipped


def walk_folder(root: Path, suffixes: tuple[str, ...], what: str,
                skipped: list[Skipped]) -> Iterator[tuple[str, Path, os.stat_result]]:
    """Yield the regular files with one of the suffixes under root (path in it, path, stat).

    Hidden entries (.obsidian, .git, .trash: an app's own) are passed over; links are never
    followed; what cannot be read, other files (counted by extension, as not being what),
    and folders nested too deeply are added to skipped.
    """
    try:
        if not root.is_dir() or root.is_symlink():
            raise ImportFormatError(f"{root} is not a folder.",
                                    "Choose the folder that holds the files.")
    except OSError as exc:
        raise ImportFormatError(f"Cannot read {root}: {exc.strerror or exc}.") from None
    others: Counter[str] = Counter()
    looked_at = 0
    stack: list[tuple[Path, int]] = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            children = sorted(folder.iterdir())
        except OSError as exc:
            skipped.append(Skipped(_rel(folder, root) + "/", f"it cannot be read "
                                   f"({exc.strerror or exc})"))
            continue
        for child in children:
            looked_at += 1
            if looked_at > MAX_FOLDER_ITEMS:
                raise ImportFormatError(f"{root} holds too many files to import at once (over "
                                        f"{MAX_FOLDER_ITEMS:,}).", "Choose a smaller folder.")
            rel = _rel(child, root)
            if child.name.startswith("."):
                continue
            try:
                info = child.lstat()
            except OSError as exc:
                skipped.append(Skipped(rel, f"it cannot be read ({exc.strerror or exc})"))
                continue
            if stat.S_ISLNK(info.st_mode):
                skipped.append(Skipped(rel, "it is a link; links are not followed"))
            elif stat.S_ISDIR(info.st_mode):
                if depth + 1 > MAX_FOLDER_DEPTH:
                    skipped.append(Skipped(rel + "/", "it is nested too deeply"))
                else:
                    stack.append((child, depth + 1))
            elif not child.name.lower().endswith(suffixes):
                others[child.suffix.lower() or "(no extension)"] += 1
            elif not stat.S_ISREG(info.st_mode):
                skipped.append(Skipped(rel, "it is not a regular file"))
            else:
                yield rel, child, info
    for suffix, count in sorted(others.items()):
        skipped.append(Skipped(f"{count} {suffix} {'file' if count == 1 else 'files'}",
                               f"only {what} are imported"))


def _rel(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def _read_capped(path: Path, limit: int) -> bytes | None:
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    return None if len(data) > limit else data
