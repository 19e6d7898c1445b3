"""Possible names and places: capitalised words that are not common words, and names typed in
lower case.

A capitalised word is judged by where it stands and by three word lists (lexicon.py): the
English dictionary, the census first names and surnames, and the proper nouns.
- After a title ("Ms.", "Judge", "Aunt") it is flagged.
- In mid-sentence a capital letter is the best hint of a proper noun, so it is flagged unless it
  is an English word that is no one's name ("Kangaroo Care", "Pyramid Model"). "on Elm" is
  flagged all the same: a capitalised word after "on" or "off" reads as a street.
- At the start of a sentence every word is capitalised, so only words that are not English are
  flagged, plus names that are also words ("Will", "May", "Summer") when a verb follows
  ("Will cried", not "Will she").
- In a heading ("Reflection After The Home Visit") only known names that are not words count.
A lower-case word is flagged when it is a first name that is not an English word ("mom jess"),
or any word that is not English right after a family role or in brackets after one
("mom (jess)", "sibling kayden"); "luzerne county" and "hope house" read as places.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from reflectjournal.domain.deid.kinds import FlagKind, Span
from reflectjournal.domain.deid.lexicon import Lexicon, lexicon
from reflectjournal.domain.deid.name_cues import (
    CONNECTORS,
    CONTRACTION_TAILS,
    DETERMINERS,
    HEADING_MAX_WORDS,
    ING_WORDS,
    KIN,
    LOWER_TITLES,
    NAME_PREFIXES,
    NAME_VERBS,
    NAMED_BY_IS,
    NAMING,
    PLACE_AREAS,
    PLACE_BUILDINGS,
    PLACE_ENDINGS,
    PLACE_PREPOSITIONS,
    PRODUCT_NOUNS,
    PROGRAMME_ENDINGS,
    ROLES,
    ROMAN,
    SOCIAL_WORDS,
    STREET_PREPOSITIONS,
    TOWN_ENDINGS,
    WHO_AFTER_COMMA,
    WHO_IN_BRACKETS,
    WORDY_ENDINGS,
)
from reflectjournal.domain.deid.words import COMMON_WORDS, NAME_WORDS, NOT_NAMES, TITLES


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())

_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+){0,10}")
_SENTENCE_END = frozenset('.!?:;\n"“(•*')
_ABBREVIATIONS = frozenset({"st", "mt", "jr", "sr", "no", "vs", "ft", "ave", "apt"}) | TITLES
def name_spans(text: str) -> list[Span]:
    """Return possible names and places, each with the reason it was flagged."""
    lex = lexicon()
    spans: list[Span] = []
    for line_start, line in _lines(text):
        heading = _is_heading(line)
        spans += _line_spans(line, line_start, lex, heading=heading)
    return spans


def _lines(text: str) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _is_heading(line: str) -> bool:
    """Return whether a line reads as a Title Case heading, not a sentence."""
    stripped = line.strip().lstrip("#*- ").rstrip()
    if not stripped or stripped[-1] in ".!?,;" or len(stripped) > 120:
        return False
    words = _WORD.findall(stripped)
    if not 1 <= len(words) <= HEADING_MAX_WORDS:
        return False
    long_words = [w for w in words if len(w) > 3 or w.lower() not in COMMON_WORDS]
    return bool(long_words) and all(w[0].isupper() for w in long_words)


class _Word:
    __slots__ = ("after_title", "before", "end", "gap", "lower", "possessive", "sentence_start",
                 "start", "text")

    def __init__(self, start: int, end: int, text: str, gap: str, possessive: bool) -> None:
        self.start, self.end, self.text, self.gap = start, end, text, gap
        self.possessive = possessive
        self.lower = text.lower()
        self.sentence_start = False
        self.after_title = False
        self.before = ""  # the word before, lower case


def _line_spans(line: str, offset: int, lex: Lexicon, *, heading: bool) -> list[Span]:
    words: list[_Word] = []
    prev_end = 0
    for m in _WORD.finditer(line):
        start, end = m.span()
        word_text = m.group()
        possessive = word_text[-2:] in ("'s", "’s") and len(word_text) > 2
        if possessive:
            word_text, end = word_text[:-2], end - 2  # "Maria's": the name is "Maria"
        words.append(_Word(start, end, word_text, line[prev_end:start], possessive))
        prev_end = m.end()
    for i, w in enumerate(words):
        prev = words[i - 1] if i else None
        initial = prev is not None and len(prev.text) == 1 and prev.text.isupper()
        w.sentence_start = prev is None or (
            any(c in _SENTENCE_END for c in w.gap)
            and not (w.gap.strip() == "." and (initial or prev.lower in _ABBREVIATIONS))
        )
        w.before = prev.lower if prev is not None else ""
        w.after_title = (
            prev is not None and prev.text[:1].isupper() and prev.lower in TITLES
            and w.gap in (" ", ". ")
        )
    spans: list[Span] = []
    run: list[tuple[_Word, str | None]] = []  # capitalised words, each with a reason or None
    for i, w in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        joins = bool(run) and (w.gap == " " or (w.gap == ". " and (
            len(run[-1][0].text) == 1 or run[-1][0].after_title or run[-1][0].lower in TITLES)))
        if w.text[0].isupper():
            if not joins:
                _close_run(run, spans, offset, w)
                run = []
            glued = _glued(line, w)
            after = words[i + 2] if i + 2 < len(words) else None
            reason = None if glued else _capital_reason(
                w, words[i - 1] if i else None, nxt, lex, heading=heading, after=after, line=line)
            run.append((w, reason))
            continue
        if run and joins and w.lower in CONNECTORS:
            run.append((w, None))
            continue
        if run and w.lower in PLACE_AREAS and joins and any(
                rw.lower not in COMMON_WORDS for rw, _why in run):
            run.append((w, "a place name (ends in \u201c" + w.lower + "\u201d)"))
            continue
        _close_run(run, spans, offset, w)
        run = []
        found = _lower_case(words, i, line, lex)
        if found is not None:
            start, end, kind, why = found
            spans.append((offset + start, offset + end, kind, why))
    _close_run(run, spans, offset)
    return spans


def _glued(line: str, w: _Word) -> bool:
    """Letters glued to digits ("IPv6", "Bayley4") are part of a code, not a name."""
    return (w.start > 0 and line[w.start - 1].isdigit()) or (
        w.end < len(line) and line[w.end].isdigit()
    )


def _capital_reason(
    w: _Word, prev: _Word | None, nxt: _Word | None, lex: Lexicon, *, heading: bool,
    after: _Word | None = None, line: str = "",
) -> str | None:
    """Return why a capitalised word may be a name, or None if it is probably not one."""
    word, lower = w.text, w.lower
    if len(word) == 1 and word != "I" and prev is not None and w.gap in (" ", ". ") and (
        w.after_title or prev.lower in ROLES
    ):
        return "an initial after a title or a family role (\u201c" + prev.text + "\u201d)"
    if _after_naming(prev, w):
        return "a word after \u201cnamed\u201d or \u201ccalled\u201d"
    if len(word) < 2 or (word.isupper() and len(word) > 1) or (
        len(word) > 2 and word[-1] == "s" and word[:-1].isupper()
    ):
        return None  # initials and acronyms (WIC, NICU, ABCs) are not names on their own
    if w.after_title:
        if lower in TITLES or prev is None:
            return None
        return "a name after a title (\u201c" + prev.text + "\u201d)"
    if _run_together(word, lex):
        return None  # "ClassDojo", "GoFundMe", "NeuroPro": an app or a product
    month_name = lower in NOT_NAMES and lower in lex.given_names
    if w.sentence_start and month_name and _used_as_name(nxt, after, line):
        return "a first name that is also a word, used as a name here"  # "May napped"
    if lower in NOT_NAMES or lower in TITLES:
        return None
    if prev is not None and prev.lower in ROLES and w.gap.endswith("(") and (
        line[w.end : w.end + 1] == ")" and lower not in COMMON_WORDS - NAME_WORDS
    ):
        return "a name in brackets after a family role"  # "her own mother (Crystal)"
    if "'" in lower or "’" in lower:
        base, _sep, tail = lower.replace("’", "'").partition("'")
        if tail in CONTRACTION_TAILS and (base in COMMON_WORDS or base in lex.english):
            return None  # "We'll", "They'd"
    parts = lower.split("-") if "-" in lower else [lower]
    if "-" in word and len(parts[0]) == 1:
        return None  # "C-section", "X-ray", "T-shirt"
    known = [p for p in parts if p in lex.english or p in COMMON_WORDS or p in NOT_NAMES]
    is_word = len(known) == len(parts)
    # "Cue-Based": a hyphenated word is a name only if each English part is one too.
    is_name = any(lex.is_name(p) for p in parts) and all(
        lex.is_name(p) or p not in lex.english for p in parts)
    named = lower in lex.given_names or lower in NAME_WORDS or not is_word
    if not heading and named and lower not in ROLES and WHO_IN_BRACKETS.match(line, w.end):
        return "a name, with who they are in brackets after it"  # "Rich (the cook)"
    if heading:
        if not is_word and (is_name or any(p in lex.proper_nouns for p in parts)):
            return "a known name in a heading"
        return None
    if w.sentence_start:
        if not is_word:
            if len(lower) >= 6 and lower.endswith(WORDY_ENDINGS):
                return None
            return "a capitalised word that is not an English word"
        given = [p for p in parts if p in lex.given_names or p in NAME_WORDS]
        if given and lower not in COMMON_WORDS and not any(p in NAME_WORDS for p in given):
            return "a first name (the dictionary lists it only as a rare word)"  # "Maria"
        if given and (_used_as_name(nxt, after, line) or w.possessive or _paired(nxt, after)
                      or WHO_AFTER_COMMA.match(line, w.end)):
            return "a first name that is also a word, used as a name here"
        return None
    if not is_word:
        return "capitalised in mid-sentence and not an English word"
    if is_name and not (is_word and lower not in lex.given_names and (
            _in_title_phrase(prev, nxt, after, line) or (nxt is not None and nxt.gap == " "
                                                         and nxt.text in ROMAN))):
        # A surname that is also a word ("Law", "Self", "Level") names an idea or a level in
        # a titled phrase: "Professional Use of Self", "Level III".
        return "capitalised in mid-sentence and a known first name or surname"
    if is_name:
        return None
    if prev is not None and prev.lower in STREET_PREPOSITIONS and w.gap == " ":
        return "a capitalised word after \u201c" + prev.lower + "\u201d, perhaps a street"
    # An abstract noun ("Equity", "Responding") is a named idea unless it follows a word of
    # place ("moved to Reading").
    abstract = lower.endswith((*WORDY_ENDINGS, "ity", "al")) and (
        prev is None or prev.lower not in ("in", "to", "from", "near"))
    if lower not in COMMON_WORDS and (nxt is None or not nxt.text[:1].isupper() or nxt.gap != " ") \
            and (prev is None or not prev.text[:1].isupper() or w.gap != " ") \
            and not abstract and not _in_title_phrase(prev, nxt, after, line):
        # A lone capitalised word in mid-sentence ("we met Journey", "moved to Reading") is
        # more often a name than not; runs of such words are products ("Kangaroo Care").
        return "capitalised in mid-sentence"
    return None


def _run_together(word: str, lex: Lexicon) -> bool:
    """Return whether a word runs words together as apps and brands do ("ClassDojo")."""
    if word[1:].islower():
        return False  # the usual case
    cuts = [i for i in range(1, len(word)) if word[i].isupper() and word[i - 1].islower()]
    if not cuts:
        return False
    parts = [word[a:b].lower() for a, b in zip([0, *cuts], [*cuts, len(word)], strict=True)]
    if parts[0] in NAME_PREFIXES:
        return False  # "DeShawn", "LaToya", "McKenzie"
    return len(parts) >= 3 or any(p in lex.english or p in COMMON_WORDS for p in parts[1:]) or (
        len(parts[0]) >= 4 and parts[0] in lex.english)


def _in_title_phrase(
    prev: _Word | None, nxt: _Word | None, after: _Word | None, line: str
) -> bool:
    """Return whether a lone capitalised word is joined to another by "of" or "and"."""
    # "Professional Use of Self", "Equity and Inclusion": a named idea, not a person.
    joiners = ("of", "and", "&", "for")
    if nxt is not None and nxt.lower in joiners and after is not None and after.text[:1].isupper():
        return True
    if prev is None or prev.lower not in joiners:
        return False
    before = [m.group() for m in _WORD.finditer(line, max(0, prev.start - 40), prev.start)]
    return bool(before) and before[-1][:1].isupper()


def _paired(nxt: _Word | None, after: _Word | None) -> bool:
    """Return whether "and" and a capitalised word follow ("Jade and Luis came")."""
    return nxt is not None and nxt.lower == "and" and after is not None and (
        after.text[:1].isupper() and after.gap == " " and after.lower not in COMMON_WORDS
        and after.lower not in NOT_NAMES)


def _after_naming(prev: _Word | None, w: _Word) -> bool:
    return prev is not None and prev.lower in NAMING and w.gap == " " and (
        w.lower not in COMMON_WORDS and w.lower not in NOT_NAMES and len(w.lower) > 1)


def _used_as_name(nxt: _Word | None, after: _Word | None = None, line: str = "") -> bool:
    if nxt is None:
        return False
    if nxt.lower == "is" and nxt.gap == " ":
        # "Rose is the foster mom", "Sage is walking", "Precious is 17"; not "Hope is hard".
        if after is None:
            return False
        gap = line[nxt.end : after.start]
        return gap.strip()[:1].isdigit() or (after.gap == " " and (
            (after.lower.endswith("ing") and len(after.lower) > 5 and after.lower not in ING_WORDS)
            or (after.lower in ("the", "my", "our", "her", "his", "mom's", "dad's")
            and _next_is_role(line, after))))
    return nxt.text[:1].islower() and nxt.gap == " " and (
        nxt.lower in NAME_VERBS or (nxt.lower.endswith("ed") and len(nxt.lower) > 4)
    )


def _next_is_role(line: str, w: _Word) -> bool:
    m = _WORD.search(line, w.end)
    word = m.group().lower().removesuffix("'s").removesuffix("’s") if m else ""
    return word in ROLES or word in ("foster", "oldest", "youngest")


def _lower_case(
    words: list[_Word], i: int, line: str, lex: Lexicon
) -> tuple[int, int, FlagKind, str] | None:
    """Return a name or place typed in lower case at words[i], or None."""
    w = words[i]
    lower = w.lower
    if _glued(line, w):
        return None  # "2nd", "3rd", "10am"
    nxt = words[i + 1] if i + 1 < len(words) else None
    prev = words[i - 1] if i else None
    english = lower in lex.english
    # Only a bracket after, "is" or a title before, or "'s" can make a name of a common word.
    if w.possessive or line.startswith(("(", " ("), w.end) or (
            prev is not None and (prev.lower == "is" or prev.lower in LOWER_TITLES)):
        found = _lower_name_by_context(words, i, line, lex)
        if found is not None:
            return w.start, w.end, FlagKind.NAME, found
    if len(lower) < 2 or lower in COMMON_WORDS or lower in NOT_NAMES or lower in TITLES:
        return None
    if prev is not None and prev.lower in ("named", "nicknamed") and _after_naming(prev, w):
        return w.start, w.end, FlagKind.NAME, "a word after \u201cnamed\u201d or \u201ccalled\u201d"
    if nxt is not None and nxt.gap == " " and nxt.text.islower():
        if (nxt.lower in PLACE_AREAS and not english) or (
            nxt.lower in PLACE_AREAS and lower not in COMMON_WORDS and lex.is_name(lower)
        ):
            why = "a place name (ends in \u201c" + nxt.lower + "\u201d)"
            return w.start, nxt.end, FlagKind.NAME, why
        if nxt.lower in PLACE_BUILDINGS and (lower in lex.given_names or not english) and (
            prev is None or prev.lower not in ("my", "your", "his", "her", "our", "their")
        ):
            return w.start, nxt.end, FlagKind.NAME, "a place name (\u201c" + nxt.lower + "\u201d)"
    if english:
        in_brackets = line[max(0, w.start - 1) : w.start] == "(" and prev is not None \
            and prev.lower in ROLES
        if in_brackets and lower in lex.given_names:
            return w.start, w.end, FlagKind.NAME, "a first name in brackets after a family role"
        if (prev is not None and prev.text.islower() and prev.lower in ROLES and w.gap == " "
                and lower in lex.given_names):
            return w.start, w.end, FlagKind.NAME, "a first name after a family role"
        return None
    after_role = (prev is not None and prev.text.islower() and prev.lower in ROLES
                  and w.gap in (" ", " (", ", "))
    if lower in lex.given_names or lower in lex.proper_nouns or (
            not lower.isascii() and _folded(lower) in lex.given_names):
        end = w.end
        if nxt is not None and nxt.gap == " " and nxt.text.islower() and nxt.lower in lex.surnames \
                and nxt.lower not in lex.english:
            end = nxt.end  # "jess miller"
        why = "a first name typed in lower case" if lower in lex.given_names else (
            "a name or place typed in lower case")
        return w.start, end, FlagKind.NAME, why
    if after_role and w.text.isalpha() and len(lower) >= 3:
        return w.start, w.end, FlagKind.NAME, "a word that is not English after a family role"
    if len(lower) >= 7 and lower.endswith(TOWN_ENDINGS) and w.text.isalpha():
        return w.start, w.end, FlagKind.NAME, "a town's name typed in lower case"
    if prev is not None and prev.lower in SOCIAL_WORDS and w.gap == " " and 4 <= len(lower) <= 20 \
            and w.text.isalpha() and any(c in "aeiouy" for c in lower) and not _misspelt(lower):
        return w.start, w.end, FlagKind.NAME, "a word that is not English, where a person would be"
    if re.fullmatch(r"[a-z]j", lower) or (
        nxt is not None and nxt.gap == " " and nxt.lower in NAME_VERBS and len(lower) >= 4
        and w.text.isalpha() and any(c in "aeiouy" for c in lower)
        and (prev is None or (prev.lower not in DETERMINERS and not prev.possessive))
    ):
        return w.start, w.end, FlagKind.NAME, "a word that is not English, used as a name"
    return None


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def _folded(word: str) -> str:
    """Return word without its accents ("josé" is "jose")."""
    return "".join(c for c in unicodedata.normalize("NFD", word) if not unicodedata.combining(c))


@functools.lru_cache(maxsize=4096)
def _misspelt(word: str) -> bool:
    """Return whether one slip of the keys turns word into an English word ("recieved")."""
    # Cached: a note repeats its names, and each answer costs a few hundred set lookups.
    english = lexicon().english
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    for a, b in splits:
        if b and a + b[1:] in english:
            return True  # one letter too many
        if len(b) > 1 and a + b[1] + b[0] + b[2:] in english:
            return True  # two letters swapped
        for c in _LETTERS:
            if (b and a + c + b[1:] in english) or a + c + b in english:
                return True  # one letter wrong or missing
    return False


def _lower_name_by_context(words: list[_Word], i: int, line: str, lex: Lexicon) -> str | None:
    """Return why a lower-case word is a name by the words around it, or None."""
    w = words[i]
    lower = w.lower
    prev = words[i - 1] if i else None
    if not w.text.islower() or not w.text.isalpha() or lower in ROLES or lower in KIN:
        return None
    english = lower in lex.english
    plain = lower not in COMMON_WORDS or lower in NAME_WORDS
    named = lower in lex.given_names or lower in NAME_WORDS or (
        not english and lower not in COMMON_WORDS and lower not in NOT_NAMES
        and (len(lower) >= 3 or re.fullmatch(r"[a-z]j", lower) is not None))
    if named and plain and WHO_IN_BRACKETS.match(line, w.end):
        return "a name, with who they are in brackets after it"  # "tony (mom's cousin)"
    if prev is None:
        if w.possessive and lower in lex.given_names and lower not in COMMON_WORDS:
            return "a first name typed in lower case"  # "mike's # 570-..."
        return None
    before = words[i - 2] if i >= 2 else None
    if named and plain and prev.lower == "is" and before is not None and (
            before.lower in NAMED_BY_IS):
        return "a name after \u201c" + before.text + " is\u201d"  # "worker is mike"
    if prev.lower in LOWER_TITLES and prev.text.islower() and w.gap in (" ", ". ") and (
            lower not in COMMON_WORDS and lower not in NOT_NAMES):
        return "a name after a title (\u201c" + prev.text + "\u201d)"  # "dr. amir"
    if w.possessive and lower in lex.given_names and lower not in COMMON_WORDS and (
            prev.lower not in DETERMINERS and lower not in NOT_NAMES):
        return "a first name typed in lower case"
    return None


def _names_a_thing(run: list[tuple[_Word, str | None]]) -> bool:
    """Return whether a run of English words, one of them no one's name, names a thing."""
    # A person's name is made of names ("Rose Baker"); a run with a plain word in it ("Child
    # Protective Services Law") is a law, a programme or an agency, and a place keeps its
    # last word ("Keystone College"), so it is left to the place rule.
    words = [w for w, _why in run if not w.text.isupper()]
    if len(words) < 2 or any(w.after_title or w.lower in TITLES for w in words) or (
            words[-1].lower in PLACE_ENDINGS or run[0][0].before in PLACE_PREPOSITIONS):
        return False  # "Aunt Cookie"; "at Little Sprouts", "to Bright Beginnings daycare"
    lex = lexicon()
    english = all(w.lower in lex.english or w.lower in COMMON_WORDS for w in words)
    plain = any(not lex.is_name(w.lower) and w.lower not in NAME_WORDS for w in words)
    return english and plain and not any(w.lower in lex.given_names for w in words)


def _may_lead_a_name(w: _Word) -> bool:
    lower = w.lower
    return not (w.sentence_start or lower in COMMON_WORDS or lower in NOT_NAMES
                or lower in TITLES or lower in CONNECTORS or w.text.isupper())


def _close_run(
    run: list[tuple[_Word, str | None]], spans: list[Span], offset: int,
    nxt: _Word | None = None,
) -> None:
    """Flag a run of capitalised words from its first candidate on, names and initials included."""
    if run and not run[0][0].after_title and (
        (nxt is not None and nxt.gap == " " and nxt.lower in PRODUCT_NOUNS)
        or (run[0][0].text == "The" and not run[0][0].sentence_start)
    ):
        return  # "the Owlet sock", "a copy of The Whole-Brain Child": a product or a work
    if len(run) >= 2 and run[-1][0].lower in PROGRAMME_ENDINGS and not run[0][0].after_title:
        return  # "Marschak Interaction Method"
    if len(run) >= 2 and _names_a_thing(run):
        return  # "Child Protective Services Law", "Family First Act"
    first = next((i for i, (_w, why) in enumerate(run) if why), None)
    last_word = run[-1][0] if run else None
    if first is None:
        # "Nay Aug Park", "Regional Hospital": a place by its last word, if any other word in
        # the run is not one of the field's own terms.
        if (
            last_word is not None and len(run) >= 2 and last_word.lower in PLACE_ENDINGS
            and (last_word.lower == "city" or any(
                w.lower not in NOT_NAMES and w.lower not in COMMON_WORDS for w, _ in run[:-1]))
        ):
            spans.append((offset + run[0][0].start, offset + last_word.end, FlagKind.NAME,
                          "a place name (ends in \u201c" + last_word.text + "\u201d)"))
        return
    while first > 0 and _may_lead_a_name(run[first - 1][0]):
        first -= 1  # "Oak Park": the run's name starts at "Oak", not at "Park"
    last = first
    for i in range(first + 1, len(run)):
        w, why = run[i]
        if why or (len(w.text) == 1 and w.text.isupper()) or w.lower in PLACE_ENDINGS:
            last = i
    reason = next(why for _w, why in run[first:] if why)
    spans.append((offset + run[first][0].start, offset + run[last][0].end, FlagKind.NAME, reason))
