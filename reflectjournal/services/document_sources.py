"""Reading the Word or OpenDocument files the user chose (one file, or a folder of them).

A document is a zip; only the few parts that hold its text, styles and dates are read, in
memory and capped in size, so pictures inside are never opened. A file in Word's old format,
or saved with a password (both are OLE compound files, not zips), gets a message that says
how to save a copy that can be read.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from reflectjournal.domain.errors import ImportFormatError
from reflectjournal.domain.foreign.document_text import DOCX_PARTS, ODT_PARTS
from reflectjournal.domain.foreign.documents import DOCUMENT_SUFFIXES, DocumentFile
from reflectjournal.domain.foreign.model import Skipped
from reflectjournal.services.foreign_sources import check_regular, walk_folder

MAX_DOCUMENT_BYTES = 200 * 1024 * 1024  # the file, pictures and all
MAX_PART_BYTES = 64 * 1024 * 1024  # one part's XML, as stored uncompressed
MAX_TEXT_PARTS_BYTES = 512 * 1024 * 1024  # all documents' parts together
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODT_MIME = b"application/vnd.oasis.opendocument.text"
_SAVE_AS = ("Open it in Word, LibreOffice or Pages and save a copy as .docx (without a "
            "password), then import that copy.")


def read_documents(path: Path) -> tuple[list[DocumentFile], list[Skipped], bool]:
    """Return the documents at path (a file or a folder), what was left out, and whether
    path was one file (then a document that cannot be read is an error, not a skip)."""
    if path.is_dir():
        documents, skipped = _read_folder(path)
        return documents, skipped, False
    check_regular(path)
    kind = DOCUMENT_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        hint = (_SAVE_AS if path.suffix.lower() in (".doc", ".rtf", ".pages", ".wpd")
                else "Choose a .docx or .odt file, or a folder of them.")
        raise ImportFormatError(f"{path.name} is not a Word (.docx) or OpenDocument (.odt) "
                                "file.", hint)
    return [_read(path, path.name)], [], True


def _read_folder(root: Path) -> tuple[list[DocumentFile], list[Skipped]]:
    documents: list[DocumentFile] = []
    skipped: list[Skipped] = []
    total = 0
    for rel, path, _info in walk_folder(root, tuple(DOCUMENT_SUFFIXES),
                                       "Word and OpenDocument files (.docx, .odt)", skipped):
        if path.name.startswith("~$"):
            continue  # Word's lock file beside an open document
        try:
            document = _read(path, rel)
        except ImportFormatError as exc:
            why = exc.message.rstrip(".")
            if why.startswith(f"{rel} "):
                why = "it " + why.removeprefix(f"{rel} ")
            skipped.append(Skipped(rel, why))
            continue
        total += sum(len(part) for part in document.parts.values())
        if total > MAX_TEXT_PARTS_BYTES:
            raise ImportFormatError(f"The documents in {root} hold more than "
                                    f"{MAX_TEXT_PARTS_BYTES >> 20} MB of text.",
                                    "Import the folder in parts.")
        documents.append(document)
    return documents, skipped


def _read(path: Path, name: str) -> DocumentFile:
    kind = DOCUMENT_SUFFIXES[path.suffix.lower()]
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise ImportFormatError(f"{name} is too large to import (over "
                                    f"{MAX_DOCUMENT_BYTES >> 20} MB).")
        with path.open("rb") as handle:
            magic = handle.read(8)
        if magic == _OLE:
            raise ImportFormatError(f"{name} is password-protected or in Word's old format.",
                                    _SAVE_AS)
        parts = _parts(path, name, DOCX_PARTS if kind == "docx" else ODT_PARTS, kind)
        modified = path.stat().st_mtime
    except OSError as exc:
        raise ImportFormatError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    return DocumentFile(name, kind, parts, modified)


def _parts(path: Path, name: str, wanted: tuple[str, ...], kind: str) -> dict[str, bytes]:
    parts: dict[str, bytes] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            members = {info.filename: info for info in archive.infolist()}
            if kind == "odt":
                _check_odt(archive, members, name)
            for part in wanted:
                info = members.get(part)
                if info is None:
                    continue
                if info.flag_bits & 0x1:
                    raise ImportFormatError(f"{name} is password-protected.", _SAVE_AS)
                if info.file_size > MAX_PART_BYTES:
                    raise ImportFormatError(f"{name} holds more text than can be imported "
                                            f"(its {part} is over {MAX_PART_BYTES >> 20} MB).")
                with archive.open(info) as member:
                    # The size in the zip's header may lie: never read past the cap.
                    data = member.read(MAX_PART_BYTES + 1)
                if len(data) > MAX_PART_BYTES:
                    raise ImportFormatError(f"{name} holds more text than can be imported "
                                            f"(its {part} is over {MAX_PART_BYTES >> 20} MB).")
                parts[part] = data
    except zipfile.BadZipFile:
        raise ImportFormatError(f"{name} is damaged: it is not the zip file a .{kind} is.",
                                _SAVE_AS) from None
    except (zipfile.LargeZipFile, NotImplementedError, EOFError, zlib.error, ValueError,
            RuntimeError):
        raise ImportFormatError(f"{name} is damaged or uses a zip feature that cannot be "
                                "read here.", _SAVE_AS) from None
    return parts


def _check_odt(archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo],
               name: str) -> None:
    """Refuse an OpenDocument file that is not text, or whose content is encrypted."""
    mime = members.get("mimetype")
    if mime is not None and mime.file_size < 200:
        found = archive.read(mime).strip()
        # text, text-web (saved from HTML), text-master (a master document) hold text.
        if found and not found.startswith(_ODT_MIME):
            raise ImportFormatError(f"{name} is an OpenDocument file but not a text document "
                                    f"({found.decode('ascii', 'replace')[:60]}).")
    manifest = members.get("META-INF/manifest.xml")
    if manifest is not None and manifest.file_size < MAX_PART_BYTES:
        with archive.open(manifest) as member:
            if b"encryption-data" in member.read(MAX_PART_BYTES):
                raise ImportFormatError(f"{name} is password-protected.", _SAVE_AS)
