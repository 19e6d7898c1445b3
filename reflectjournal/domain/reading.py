"""An entry as safe rich text for the reading pane: a little Markdown, the search words marked.

Every character the user wrote is escaped before anything else: the Markdown understood here
(headings, lists, emphasis, paragraphs) is recognised on the raw text and only our own tags
are added around escaped runs, so no HTML from an entry ever reaches Qt as markup, and a
link, an image or a style in an entry shows as the characters it is made of.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from reflectjournal.domain.endorsement.records import SupervisionField
from reflectjournal.domain.entry import Entry
from reflectjournal.domain.search import ADVANCED_SYNTAX as _ADVANCED
from reflectjournal.domain.taxonomy import Catalog
from reflectjournal.domain.visible import visible_controls
from reflectjournal.domain.word_forms import LANGUAGES, SHORTEST_FORM, stem

SHORT_ID = 8  # characters of an entry's id shown on request; `show` takes a prefix
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
_LETTER_WORD = re.compile(r"(?<!\w)[^\W\d_]+(?!\w)")  # a word with forms: letters only
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^\s*[-*+]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,9}[.)]\s+(.*)$")
# **strong**, __strong__, *emphasis*, _emphasis_ (not inside a word for _, as in snake_case).
_EMPHASIS = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__"
                       r"|\*(?=\S)(.+?)(?<=\S)\*|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")


@dataclass(frozen=True, slots=True)
class Comment:
    """Someone else's words on the entry: shown apart, attributed, never as Markdown."""

    heading: str
    text: str


class SearchTerms(tuple[str, ...]):
    """The words of a search to mark, and whether the search also finds their other forms."""

    with_forms: bool  # kept in the instance's __dict__: a tuple subclass cannot have slots

    def __new__(cls, words: Iterable[str], with_forms: bool = False) -> SearchTerms:
        made = super().__new__(cls, words)
        made.with_forms = with_forms
        return made


def search_terms(query: str, *, with_forms: bool = False) -> SearchTerms:
    """Return the words of a search box's text to mark: quotes, stars and operators go.

    with_forms says that the search finds a word's other forms too ("cry": "cried"), as the
    journal's searches do for a plain query (domain/search.to_fts_query); a query in
    FTS5's own syntax is passed on as written, so its words are marked only as typed.
    """
    words = re.findall(r"[\w'’-]+", query)
    plain = not _ADVANCED.search(query.strip())
    return SearchTerms((w.casefold() for w in words if w not in _OPERATORS and len(w) > 1),
                       with_forms and plain)


class _Marker:
    """Finds the words of a text that a search's terms mark."""

    def __init__(self, terms: Sequence[str]) -> None:
        # A word that starts with a term: the list's search matches the last word as a prefix.
        alternatives = "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))
        self._starts = re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)
        forms = isinstance(terms, SearchTerms) and terms.with_forms
        # Only words of letters have forms, as in the search (domain/word_forms.py).
        self._stems = {(language, stem(t, language)) for t in terms if forms and t.isalpha()
                       for language in LANGUAGES}

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Return (start, end) of each marked word, in order, never overlapping."""
        found = [(m.start(), m.end()) for m in self._starts.finditer(text)]
        if not self._stems:
            return found
        taken = {start for start, _ in found}
        for m in _LETTER_WORD.finditer(text):
            if m.start() in taken or len(m.group()) < SHORTEST_FORM:
                continue
            word = m.group().lower()
            if any((language, stem(word, language)) in self._stems for language in LANGUAGES):
                found.append((m.start(), m.end()))
        return sorted(found)


def _marker(terms: Sequence[str]) -> _Marker | None:
    return _Marker(terms) if terms else None


def hit_spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Return (start, end) of each word in text the search's terms mark, as the pane marks them."""
    mark = _marker(terms)
    return [] if mark is None else mark.spans(text)


def _escaped(text: str, mark: _Marker | None) -> str:
    """Escape raw text, wrapping the search words in our own mark."""
    text = visible_controls(text)
    if mark is None:
        return html.escape(text)
    out, last = [], 0
    for start, end in mark.spans(text):
        out.append(html.escape(text[last:start]))
        out.append(f'<span class="hit">{html.escape(text[start:end])}</span>')
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


def _inline(text: str, mark: _Marker | None) -> str:
    out, last = [], 0
    for found in _EMPHASIS.finditer(text):
        out.append(_escaped(text[last:found.start()], mark))
        strong, strong2, em, em2 = found.groups()
        inner = strong or strong2 or em or em2
        tag = "b" if (strong or strong2) else "i"
        out.append(f"<{tag}>{_escaped(inner, mark)}</{tag}>")
        last = found.end()
    out.append(_escaped(text[last:], mark))
    return "".join(out)


def markdown_html(text: str, terms: Sequence[str] = ()) -> str:
    """Return a Markdown text as safe HTML blocks: headings, lists, emphasis, paragraphs."""
    mark = _marker(terms)
    blocks: list[str] = []
    paragraph: list[str] = []
    items: list[str] = []
    list_tag = ""

    def end_paragraph() -> None:
        if paragraph:
            blocks.append("<p>" + "<br>".join(paragraph) + "</p>")
            paragraph.clear()

    def end_list() -> None:
        nonlocal list_tag
        if items:
            blocks.append(f"<{list_tag}>" + "".join(f"<li>{i}</li>" for i in items)
                          + f"</{list_tag}>")
            items.clear()
        list_tag = ""

    for line in text.splitlines():
        if not line.strip():
            end_paragraph()
            end_list()
            continue
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        numbered = _NUMBERED.match(line)
        if heading:
            end_paragraph()
            end_list()
            # Headings inside an entry sit below the entry's own title and prompt headings.
            level = min(6, len(heading.group(1)) + 2)
            blocks.append(f"<h{level}>{_inline(heading.group(2), mark)}</h{level}>")
        elif bullet or numbered:
            end_paragraph()
            tag = "ul" if bullet else "ol"
            if list_tag and list_tag != tag:
                end_list()
            list_tag = tag
            items.append(_inline((bullet or numbered).group(1), mark))  # type: ignore[union-attr]
        elif items and line[:1].isspace():
            items[-1] += "<br>" + _inline(line.strip(), mark)  # an indented next line
        else:
            end_list()
            paragraph.append(_inline(line, mark))
    end_paragraph()
    end_list()
    return "\n".join(blocks)


def entry_html(entry: Entry, labels: Mapping[str, str], catalog: Catalog,
               terms: Sequence[str] = (), comments: Iterable[Comment] = (),
               *, show_id: bool = False, notice: str = "") -> str:
    """Return the whole entry for the reading pane: title, facts, answers, free text.

    notice is a line of the app's own under the facts ("Changed since you shared it").
    """
    mark = _marker(terms)
    kind = catalog.kind(entry.kind)
    title = _escaped(entry.title, mark) or "(untitled)"
    facts = [html.escape(kind.label), entry.date.isoformat()]
    if entry.duration_minutes:
        facts.append(f"{entry.duration_minutes} min")
    if show_id:
        facts.append(f"id {html.escape(entry.id[:SHORT_ID])}")
    parts = [f"<h2>{title}{' ★' if entry.starred else ''}</h2>",
             f'<p class="facts">{" · ".join(facts)}</p>']
    if notice:
        parts.append(f'<p class="notice"><b>{html.escape(notice)}</b></p>')
    rows = []
    specs = {f.id: f for f in kind.fields}
    for key, value in entry.fields.items():
        spec = specs.get(key)
        choice = {c.id: c.label for c in spec.choices} if spec else {}
        if isinstance(value, bool):
            shown = "yes" if value else "no"
        elif isinstance(value, list):
            shown = ", ".join(choice.get(v, v) for v in value)
        elif key == SupervisionField.PROVIDER_ID and isinstance(value, str):
            shown = labels.get(value, value)  # a provider record's name, when given
        elif isinstance(value, str):
            shown = choice.get(value, value)
        else:
            shown = str(value)
        rows.append((spec.label if spec else key, shown))
    for name, ids in (("Competencies", entry.competencies), ("Themes", entry.themes),
                      ("Tags", entry.tags)):
        if ids:
            rows.append((name, "; ".join(labels.get(t, t) for t in ids)))
    if rows:
        parts.append('<p class="facts">' + "<br>".join(
            f"<b>{html.escape(k)}:</b> {_escaped(v, mark)}" for k, v in rows) + "</p>")
    prompts = {p.id: p for s in catalog.prompt_sets for p in s.prompts}
    for prompt_id, answer in entry.answers.items():
        prompt = prompts.get(prompt_id)
        parts.append(f"<h3>{html.escape(prompt.label if prompt else prompt_id)}</h3>")
        parts.append(markdown_html(answer, terms))
    if entry.body:
        if entry.answers:
            parts.append("<h3>Free text</h3>")
        parts.append(markdown_html(entry.body, terms))
    for comment in comments:
        parts.append(f'<hr><p class="facts"><b>{_escaped(comment.heading, None)}</b></p>')
        parts.append("<p>" + "<br>".join(_escaped(line, mark)
                                         for line in comment.text.splitlines()) + "</p>")
    return "\n".join(parts)
