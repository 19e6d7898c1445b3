"""The columns and cell words of a spreadsheet of past hours, as people write them.

A clinician's own log says "Date", "Hours", "Supervisor", "Individual/Group", or in Spanish
"Fecha", "Horas": each header is matched, case and punctuation aside, to one column the
ledger needs (docs/import-hours-csv.md lists them). Cell words ("yes", "group", "zoom") are
read the same way. Nothing here looks at a whole file: see backlog_csv.py.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from enum import StrEnum


class Column(StrEnum):
    """What a column of the file is read as."""

    DATE = "date"
    DATE_END = "end date"
    KIND = "kind"
    MINUTES = "minutes"
    HOURS = "hours"
    PROVIDER = "provider"
    SPONSOR = "sponsor"
    TITLE = "title"
    NOTES = "notes"
    FORMAT = "format"
    GROUP_SIZE = "group size"
    MODE = "mode"
    PEER = "peer"
    SUPERVISION_TYPE = "kind of supervision"
    ABOUT_OWN_RSC = "about the RSC I provide"
    FOCUS = "age focus"
    CONFIRMATION = "confirmation"
    FACE_HOURS = "face-to-face hours"
    FACE_MINUTES = "face-to-face minutes"
    INDEPENDENT_HOURS = "independent hours"
    INDEPENDENT_MINUTES = "independent minutes"
    ABOUT_RSC = "about RSC"
    DEI = "DEI"
    DIDACTIC = "didactic"
    COUNTS = "counts for Endorsement"
    CERTIFICATE = "certificate kept"
    CE_CREDITS = "CE credits"


# A log repeats its words on every row ("RSC", "individual", "zoom"): fold each once.
@functools.lru_cache(maxsize=4096)
def header_key(text: str) -> str:
    """Return a header or cell as compared: accents, case, punctuation and spacing gone."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


_ALIASES: dict[Column, tuple[str, ...]] = {
    Column.DATE: ("date", "day", "session date", "date of session", "start date", "start",
                  "from", "training date", "date of training", "fecha", "fecha inicio",
                  "fecha de inicio", "dia"),
    Column.DATE_END: ("end date", "date end", "end", "to", "until", "last day", "finish date",
                      "fecha fin", "fecha final", "fecha de fin", "hasta"),
    Column.KIND: ("kind", "type", "activity", "entry type", "record type", "category",
                  "hours type", "type of hours", "tipo", "actividad"),
    Column.MINUTES: ("minutes", "mins", "min", "duration minutes", "duration min",
                     "length minutes", "minutos", "duracion minutos"),
    Column.HOURS: ("hours", "hrs", "hr", "h", "duration", "duration hours", "length",
                   "clock hours", "total hours", "time", "horas", "duracion", "duracion horas"),
    Column.PROVIDER: ("provider", "supervisor", "consultant", "rsc provider",
                      "supervisor name", "provider name", "supervisor consultant",
                      "reflective supervisor", "mentor", "with", "supervisora",
                      "supervisor a", "proveedor"),
    Column.SPONSOR: ("sponsor", "trainer", "organization", "organisation", "presenter",
                     "offered by", "host", "training provider", "sponsoring organization",
                     "organizer", "organiser", "organizacion", "entidad"),
    Column.TITLE: ("title", "training", "training title", "topic", "course", "event",
                   "name", "workshop", "session title", "titulo", "tema", "curso"),
    Column.NOTES: ("notes", "note", "comments", "comment", "notas", "comentarios"),
    Column.FORMAT: ("format", "individual group", "individual or group", "group or individual",
                    "group individual", "ind grp", "formato"),
    Column.GROUP_SIZE: ("group size", "participants", "number in group", "tamano del grupo"),
    Column.MODE: ("mode", "in person virtual", "in person or virtual", "delivery", "modality",
                  "modalidad"),
    Column.PEER: ("peer", "peer supervision", "peer consultation", "entre pares"),
    Column.SUPERVISION_TYPE: ("supervision type", "kind of supervision", "type of supervision",
                              "rsc type", "tipo de supervision"),
    Column.ABOUT_OWN_RSC: ("about own rsc", "about my rsc", "about the rsc i provide",
                           "about rsc i provide", "about rsc provided", "rsc i provide"),
    Column.FOCUS: ("age focus", "focus", "ages", "age group", "edades"),
    Column.CONFIRMATION: ("confirmation", "confirmed", "signed", "signature", "verified",
                          "firmado"),
    Column.FACE_HOURS: ("face to face hours", "face to face", "f2f", "f2f hours", "live hours",
                        "in person hours", "contact hours", "horas presenciales"),
    Column.FACE_MINUTES: ("face to face minutes", "f2f minutes", "live minutes"),
    Column.INDEPENDENT_HOURS: ("independent hours", "independent", "independent learning",
                               "independent learning hours", "self study", "self study hours",
                               "self paced", "self paced hours", "horas autonomas"),
    Column.INDEPENDENT_MINUTES: ("independent minutes", "self study minutes"),
    Column.ABOUT_RSC: ("about rsc", "rsc", "rsc training", "about reflective supervision"),
    Column.DEI: ("dei", "diversity equity inclusion", "diversity equity and inclusion",
                 "diversity", "equity"),
    Column.DIDACTIC: ("didactic",),
    Column.COUNTS: ("counts for endorsement", "counts", "counts toward endorsement",
                    "for endorsement", "endorsement"),
    Column.CERTIFICATE: ("certificate", "certificate kept", "certificate on file",
                         "certificado"),
    Column.CE_CREDITS: ("ce", "ces", "ceu", "ceus", "ce credits", "credits",
                        "continuing education", "continuing education credits", "creditos"),
}
HEADERS: dict[str, Column] = {alias: column for column, aliases in _ALIASES.items()
                              for alias in aliases}


def column_of(header: str) -> Column | None:
    """Return what a header names, or None when it is not a column the import reads."""
    key = header_key(header)
    if key in HEADERS:
        return HEADERS[key]
    # "Hours (decimal)", "Minutes (total)", "Date (mm/dd/yyyy)": the words before a bracket.
    bare = header_key(re.split(r"[(\[]", header, maxsplit=1)[0])
    return HEADERS.get(bare) if bare else None


MINUTE_COLUMNS = frozenset({Column.MINUTES, Column.FACE_MINUTES, Column.INDEPENDENT_MINUTES})

_TRAINING_WORDS = frozenset({
    "training", "trainings", "course", "workshop", "webinar", "conference", "seminar",
    "class", "in service", "in service training", "inservice", "ce", "continuing education",
    "formacion", "curso", "taller", "capacitacion"})
_SUPERVISION_WORDS = frozenset({
    "supervision", "rsc", "reflective supervision", "reflective consultation",
    "reflective supervision consultation", "supervision consultation", "rsc received",
    "supervision received", "consultation received", "supervision recibida", "supervision rsc"})
_SUPERVISION_TYPES = {"case consultation": "consultation", "consultation": "consultation",
                      "administrative": "administrative", "administrative supervision":
                      "administrative", "admin": "administrative", "reflective": "reflective",
                      "reflective supervision": "reflective", "rsc": "reflective",
                      "reflective consultation": "reflective", "consulta de casos":
                      "consultation", "administrativa": "administrative", "reflexiva":
                      "reflective"}
KIND_TRAINING, KIND_SUPERVISION = "training", "supervision"


def kind_of(cell: str) -> tuple[str, dict[str, str]] | None:
    """Return the entry kind a Kind cell names, and what else it says (peer, consultation)."""
    key = header_key(cell)
    if key in _TRAINING_WORDS:
        return KIND_TRAINING, {}
    if key in _SUPERVISION_WORDS:
        return KIND_SUPERVISION, {}
    if key in ("peer supervision", "peer consultation", "peer"):
        return KIND_SUPERVISION, {"peer": "yes"}
    if key in _SUPERVISION_TYPES:
        return KIND_SUPERVISION, {"supervision_type": _SUPERVISION_TYPES[key]}
    return None


def supervision_type_of(cell: str) -> str | None:
    """Return reflective | consultation | administrative for a cell, or None."""
    return _SUPERVISION_TYPES.get(header_key(cell))


_YES = frozenset({"yes", "y", "true", "1", "x", "si", "s", "checked", "v"})
_NO = frozenset({"no", "n", "false", "0", "unchecked"})


def yes_no(cell: str) -> bool | None:
    """Return True or False for a yes/no cell; None when it is neither (an empty cell too)."""
    key = header_key(cell)
    if cell.strip() in ("✓", "✔", "☑"):
        return True
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None


_FORMATS = {"individual": "individual", "ind": "individual", "i": "individual",
            "one on one": "individual", "1 1": "individual", "1 on 1": "individual",
            "individual supervision": "individual", "individual rsc": "individual",
            "group": "group", "grp": "group", "g": "group", "group supervision": "group",
            "group rsc": "group", "grupal": "group", "grupo": "group"}
_MODES = {"in person": "in-person", "in-person": "in-person", "inperson": "in-person",
          "face to face": "in-person", "office": "in-person", "on site": "in-person",
          "onsite": "in-person", "presencial": "in-person", "virtual": "virtual",
          "video": "virtual", "zoom": "virtual", "teams": "virtual", "online": "virtual",
          "remote": "virtual", "telehealth": "virtual", "phone": "virtual", "telephone":
          "virtual", "en linea": "virtual", "videollamada": "virtual"}
_FOCUSES = {"0 3": "0-3", "infant": "0-3", "infants": "0-3", "infant toddler": "0-3",
            "infants and toddlers": "0-3", "birth to 3": "0-3", "0 36 months": "0-3",
            "3 6": "3-6", "early childhood": "3-6", "preschool": "3-6", "both": "both",
            "0 6": "both", "birth to 6": "both", "ambos": "both"}
_CONFIRMATIONS = {"hand logged": "hand-logged", "by hand": "hand-logged", "no": "hand-logged",
                  "n": "hand-logged", "not signed": "hand-logged", "unsigned": "hand-logged",
                  "printed": "printed-signature", "printed signature": "printed-signature",
                  "paper": "printed-signature", "paper log": "printed-signature",
                  "signed": "printed-signature", "yes": "printed-signature",
                  "y": "printed-signature", "signed log": "printed-signature",
                  "si": "printed-signature", "firmado": "printed-signature"}


def format_of(cell: str) -> str | None:
    """Return individual | group, or None."""
    return _FORMATS.get(header_key(cell))


def mode_of(cell: str) -> str | None:
    """Return in-person | virtual, or None."""
    return _MODES.get(header_key(cell))


def focus_of(cell: str) -> str | None:
    """Return 0-3 | 3-6 | both, or None."""
    return _FOCUSES.get(header_key(cell))


def confirmation_of(cell: str) -> str | None:
    """Return hand-logged | printed-signature: a file can show a paper signature, never the
    app's own signed statement, which only a supervisor's confirmation brings."""
    return _CONFIRMATIONS.get(header_key(cell))
