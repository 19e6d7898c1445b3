"""Printable copies for supervision: a neutral document model and its Markdown.

The same `Document` feeds the PDF writer in the app and the Markdown export, so both show
the same parts of an entry. Printed copies follow the sharing defaults: dates by month,
and the client code, user tags and people's names (supervisor/supervisee) left out unless
asked for, because a sheet of paper or a PDF is a copy that has left the journal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from reflectjournal.domain.entry import Entry, FieldValue
from reflectjournal.domain.taxonomy import Catalog

CONFIDENTIAL = "Private and confidential — an unencrypted copy from ReflectJournal"
PREP_KIND = "supervision-prep"
# Printed only when asked for: the same parts a bundle leaves out by default
# (share_selection's NEVER_SHARED and OFF_BY_DEFAULT).
LEFT_OUT = frozenset({"supervisor", "supervisee", "provider_id", "client_code", "tags"})

# The agenda must fit one page: these caps hold up to AGENDA_ENTRIES entries on A4 and Letter.
# Each entry takes a title line, a line of month, kind and tags, and two lines of excerpt.
AGENDA_ENTRIES = 8
EXCERPT_CHARS = 170
TITLE_CHARS = 64
META_CHARS = 95
AGENDA_TAGS = 3
QUESTIONS = 4
QUESTION_CHARS = 170
CARRIED = 4  # open agenda items printed; the rest are counted
CARRIED_CHARS = 170
# Room for the carried items on one page: this many fewer entries in brief (the rest are
# listed by title, as ever), measured on Letter, the shorter paper.
CARRIED_ROOM = 2
MORE_TITLES_CHARS = 180
NOTE_LINES = 6
# Answers that best say what an entry would bring to supervision, most telling first.
EXCERPT_PREFERENCE = (
    "curiosity",
    "need_next",
    "questions_left",
    "so_what",
    "analysis",
    "what_i_brought",
    "between",
    "my_reactions",
    "noticed_in_me",
    "carrying",
    "strain",
    "on_my_mind",
    "noticing",
    "link_to_practice",
    "next_time",
    "now_what",
)


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading; level 1 is the document's own title."""

    level: int
    text: str


@dataclass(frozen=True, slots=True)
class Meta:
    """A short, muted line under a heading: month, kind, tags."""

    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """The clinician's own words, line breaks kept."""

    text: str


@dataclass(frozen=True, slots=True)
class Bullets:
    """A short list (fields, tags, questions)."""

    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Comment:
    """A comment someone else wrote on the entry, set apart from the clinician's text."""

    author: str
    role: str
    verified: bool
    date: dt.date
    text: str

    @property
    def attribution(self) -> str:
        """Return the line naming who wrote it, whether it was verified, and when."""
        who = f"{self.author}, {self.role}" if self.role else self.author
        check = "verified signature" if self.verified else "signature not verified"
        return f"Comment from {who} ({check}) · {self.date.isoformat()}"


@dataclass(frozen=True, slots=True)
class Notes:
    """Blank ruled lines to write on."""

    lines: int


@dataclass(frozen=True, slots=True)
class Rule:
    """A separator between entries."""


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of plain-text cells under column titles (the hours summary, a log sheet)."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    # Columns whose cells are figures, set flush right in the PDF.
    figures: frozenset[int] = frozenset()


Block = Heading | Meta | Paragraph | Bullets | Comment | Notes | Rule | Table


@dataclass(frozen=True, slots=True)
class Document:
    """A printable document: a title, a subtitle and blocks, nothing Markdown- or Qt-specific."""

    title: str
    subtitle: str
    blocks: tuple[Block, ...]
    one_page: bool = False
    notice: str = CONFIDENTIAL


def month_text(day: dt.date) -> str:
    """Return 'November 2026' (English month names, independent of the locale)."""
    return f"{_MONTHS[day.month - 1]} {day.year}"


_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def entries_document(
    entries: Sequence[Entry],
    comments_by_entry: Mapping[str, Sequence[Comment]],
    catalog: Catalog,
    tag_labels: Mapping[str, str],
    *,
    title: str = "Supervision notes",
    today: dt.date,
    include: Collection[str] = (),
    exact_dates: bool = False,
) -> Document:
    """Return chosen entries in full, each followed by the comments received on it."""
    prompts = {p.id: p.label for s in catalog.prompt_sets for p in s.prompts}
    blocks: list[Block] = []
    for i, e in enumerate(entries):
        if i:
            blocks.append(Rule())
        blocks += [
            Heading(2, e.title.strip() or "(untitled)"),
            Meta(_meta(e, catalog, exact_dates=exact_dates)),
        ]
        details = _details(e, catalog, tag_labels, include)
        if details:
            blocks.append(Bullets(tuple(details)))
        for prompt_id, answer in e.answers.items():
            if answer.strip():
                blocks += [Heading(3, prompts.get(prompt_id, prompt_id)), Paragraph(answer.strip())]
        if e.body.strip():
            if any(a.strip() for a in e.answers.values()):
                blocks.append(Heading(3, "Further reflection"))
            blocks.append(Paragraph(e.body.strip()))
        comments = comments_by_entry.get(e.id, ())
        if comments:
            blocks.append(
                Heading(3, "Comments received" if len(comments) > 1 else "Comment received")
            )
            blocks += comments
    count = f"{len(entries)} {'entry' if len(entries) == 1 else 'entries'}"
    return Document(title, f"{count} · prepared {today.isoformat()}", tuple(blocks))


def agenda_document(
    entries: Sequence[Entry],
    catalog: Catalog,
    tag_labels: Mapping[str, str],
    *,
    today: dt.date,
    title: str = "Supervision agenda",
    include: Collection[str] = (),
    carried: Sequence[str] = (),
) -> Document:
    """Return a one-page agenda: open items, each entry in brief, my questions, notes.

    carried are the open items of the supervision loop, oldest first (domain/agenda.py),
    each a line saying where it came from: printed until answered.
    """
    prep = [e for e in entries if e.kind == PREP_KIND]
    items = [e for e in entries if e.kind != PREP_KIND]
    room = AGENDA_ENTRIES - (CARRIED_ROOM if carried else 0)
    shown, rest = items[:room], items[room:]
    blocks: list[Block] = []
    if carried:
        lines = [shorten(line, CARRIED_CHARS) for line in carried[:CARRIED]]
        if len(carried) > CARRIED:
            more = len(carried) - CARRIED + 1
            lines = [*lines[:CARRIED - 1], f"… and {more} more open items on the agenda screen"]
        blocks += [Heading(2, "Carried forward"), Bullets(tuple(lines))]
    if shown:
        blocks.append(Heading(2, "What I want to talk about"))
    for n, e in enumerate(shown, 1):
        blocks += [
            Heading(3, f"{n}. {shorten(e.title.strip() or '(untitled)', TITLE_CHARS)}"),
            Meta(_agenda_meta(e, catalog, tag_labels, include)),
        ]
        text = excerpt(_excerpt_source(e))
        if text:
            blocks.append(Paragraph(text))
    if rest:
        titles = " · ".join(e.title.strip() or "(untitled)" for e in rest)
        blocks.append(Meta(shorten(f"Also chosen ({len(rest)}): {titles}", MORE_TITLES_CHARS)))
    questions = _questions(prep, catalog)
    if questions:
        blocks += [Heading(2, "Questions I want to bring"), Bullets(questions)]
    blocks += [Heading(2, "Notes"), Notes(NOTE_LINES if questions else NOTE_LINES + 2)]
    return Document(title, f"Prepared {today.isoformat()}", tuple(blocks), one_page=True)


def shorten(text: str, limit: int) -> str:
    """Collapse white space and cut at a word boundary, adding an ellipsis if cut."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-—") + "…"


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def excerpt(text: str, sentences: int = 2, limit: int = EXCERPT_CHARS) -> str:
    """Return the first sentences of text, at most limit characters, cut at a word."""
    flat = " ".join(text.split())
    first = " ".join(_SENTENCE_END.split(flat)[:sentences])
    return shorten(first, limit)


def _excerpt_source(e: Entry) -> str:
    for prompt_id in EXCERPT_PREFERENCE:
        if e.answers.get(prompt_id, "").strip():
            return e.answers[prompt_id]
    if e.body.strip():
        return e.body
    return next((a for a in e.answers.values() if a.strip()), "")


def _questions(prep: Iterable[Entry], catalog: Catalog) -> tuple[str, ...]:
    prompts = {p.id: p.label for s in catalog.prompt_sets for p in s.prompts}
    found: list[str] = []
    for e in prep:
        for prompt_id, answer in e.answers.items():
            if answer.strip():
                label = prompts.get(prompt_id, prompt_id)
                found.append(shorten(f"{label}: {answer}", QUESTION_CHARS))
        if e.body.strip():
            found.append(shorten(e.body, QUESTION_CHARS))
    if len(found) > QUESTIONS:
        more = len(found) - QUESTIONS + 1
        found = [*found[: QUESTIONS - 1], f"… and {more} more in my supervision prep entries"]
    return tuple(found)


def _kind_label(catalog: Catalog, kind_id: str) -> str:
    return next((k.label for k in catalog.kinds if k.id == kind_id), kind_id)


def _meta(e: Entry, catalog: Catalog, *, exact_dates: bool) -> str:
    parts = [
        e.date.isoformat() if exact_dates else month_text(e.date),
        _kind_label(catalog, e.kind),
    ]
    if e.duration_minutes:
        parts.append(f"{e.duration_minutes} min")
    if e.starred:
        parts.append("starred")
    return " · ".join(parts)


def _agenda_meta(
    e: Entry, catalog: Catalog, tag_labels: Mapping[str, str], include: Collection[str]
) -> str:
    ids = list(e.competencies + e.themes) + (list(e.tags) if "tags" in include else [])
    labels = [tag_labels.get(t, t) for t in ids]
    tags = ", ".join(labels[:AGENDA_TAGS])
    if len(labels) > AGENDA_TAGS:
        tags += f" +{len(labels) - AGENDA_TAGS}"
    parts = [month_text(e.date), _kind_label(catalog, e.kind)]
    if tags:
        parts.append(tags)
    return shorten(" · ".join(parts), META_CHARS)


def _details(
    e: Entry, catalog: Catalog, tag_labels: Mapping[str, str], include: Collection[str]
) -> list[str]:
    shown = set(include)
    kind = next((k for k in catalog.kinds if k.id == e.kind), None)
    specs = {f.id: f for f in kind.fields} if kind else {}
    lines = []
    for key, value in e.fields.items():
        if (key in LEFT_OUT and key not in shown) or value in ("", []):
            continue
        spec = specs.get(key)
        choices = {c.id: c.label for c in spec.choices} if spec else {}
        lines.append(f"{spec.label if spec else key}: {_field_text(value, choices)}")
    for part, name, ids in (
        ("competencies", "Competency areas", e.competencies),
        ("themes", "Themes", e.themes),
        ("tags", "My tags", e.tags),
    ):
        if ids and (part not in LEFT_OUT or part in shown):
            lines.append(f"{name}: " + ", ".join(tag_labels.get(t, t) for t in ids))
    return lines


def _field_text(value: FieldValue, choices: Mapping[str, str]) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return ", ".join(choices.get(v, v) for v in value)
    if isinstance(value, float):
        return f"{value:g}"
    return choices.get(value, value) if isinstance(value, str) else str(value)


# Backslash-escaped wherever they appear: emphasis, code, links and images, raw HTML and
# entities, headings, tables and strikethrough. CommonMark lets any ASCII punctuation be
# escaped, so escaping more than strictly needed is always safe.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~&!])")
# Only special at the start of a line: block quotes, lists, setext underlines, fences.
_LINE_START = re.compile(r"^([-+=>])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])")
# Bare URLs would still be turned into links by GFM's autolink extension.
_AUTOLINK = re.compile(r"(?i)(://|(?<![\w.])www\.)")


def escape_markdown(text: str) -> str:
    """Return one line of user text as Markdown that renders literally, markup inert."""
    line = _INLINE.sub(r"\\\1", text.strip())
    line = _AUTOLINK.sub(lambda m: m.group(1).replace(":", r"\:").replace(".", r"\."), line)
    line = _ORDERED.sub(r"\1\\\2", line)
    return _LINE_START.sub(r"\\\1", line)


def _markdown_text(text: str) -> list[str]:
    """Return multi-line user text as Markdown lines: paragraphs kept, lines kept."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text.strip()):
        lines = [escape_markdown(line) for line in para.splitlines() if line.strip()]
        if not lines:
            continue
        if out:
            out.append("")
        # A trailing backslash is CommonMark's hard line break.
        out += [line + "\\" for line in lines[:-1]] + [lines[-1]]
    return out


def _cell(text: str) -> str:
    """Return one table cell's text on one line, inline markup escaped (no line starts here)."""
    line = _INLINE.sub(r"\\\1", " ".join(text.split()))
    return _AUTOLINK.sub(lambda m: m.group(1).replace(":", r"\:").replace(".", r"\."), line)


def _markdown_table(table: Table) -> list[str]:
    """Return a GFM pipe table; cells are one line each, markup (and "|") escaped."""
    def row(cells: Sequence[str]) -> str:
        padded = [*cells, *[""] * (len(table.columns) - len(cells))][: len(table.columns)]
        return "| " + " | ".join(_cell(c) for c in padded) + " |"

    rule = "|" + "|".join(" ---: " if i in table.figures else " --- "
                          for i in range(len(table.columns))) + "|"
    return [row(table.columns), rule, *(row(cells) for cells in table.rows)]


def to_markdown(document: Document) -> str:
    """Render a document as Markdown in which no user text can become markup."""
    out = [
        f"# {escape_markdown(document.title)}",
        "",
        f"*{escape_markdown(document.notice)}*",
        "",
        escape_markdown(document.subtitle),
        "",
    ]
    for block in document.blocks:
        if isinstance(block, Heading):
            out += [f"{'#' * min(max(block.level, 1), 6)} {escape_markdown(block.text)}", ""]
        elif isinstance(block, Meta):
            out += [f"*{escape_markdown(block.text)}*", ""]
        elif isinstance(block, Paragraph):
            out += [*_markdown_text(block.text), ""]
        elif isinstance(block, Bullets):
            out += [f"- {escape_markdown(item)}" for item in block.items] + [""]
        elif isinstance(block, Comment):
            out.append(f"> **{escape_markdown(block.attribution)}**")
            out.append(">")
            out += [f"> {line}" if line else ">" for line in _markdown_text(block.text)]
            out.append("")
        elif isinstance(block, Notes):
            out += ["-" for _ in range(block.lines)] + [""]
        elif isinstance(block, Table):
            out += [*_markdown_table(block), ""]
        else:
            out += ["---", ""]
    return "\n".join(out).rstrip() + "\n"
