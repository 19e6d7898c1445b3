"""The identifier check on its development corpus (tests/fixtures/deid-dev/), kind by kind,
and the properties that keep it honest: reasons, safe terms, patterns that cannot blow up.

The corpus is the one the detector was tuned on, so its figures are optimistic; the frozen
held-out corpus (docs/deidentification.md) gives the fair ones.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.deid_dev import CORPUS, build, corpus_text, parse_marked
from benchmarks.deid_heldout import read_corpus
from reflectjournal.domain.deid import names, phones, structured, watch_list, wording
from reflectjournal.domain.deid.lexicon import lexicon
from reflectjournal.domain.deidentify import find_flags

# Every kind the development corpus holds; its floors are in test_deid_floors.py.
DEV_KINDS = frozenset(
    {"address", "age", "date", "email", "handle", "id-number", "name", "phone", "place", "plate",
     "url"})
PATTERN_MODULES = (structured, wording, phones, names, watch_list)
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, sre_constants.POSSESSIVE_REPEAT)


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, object]]:
    return read_corpus(CORPUS)


def _detect(text: str) -> list[tuple[int, int]]:
    return [(f.start, f.end) for f in find_flags(text)]


def test_the_stored_corpus_is_built_from_the_marked_sentences() -> None:
    assert CORPUS.read_text(encoding="utf-8") == corpus_text(build())


def test_marks_become_exact_offsets_and_bad_marks_are_refused() -> None:
    line = parse_marked("Mom ({{name|jess}}) called {{phone|570-555-0182}}.")
    assert line == {"text": "Mom (jess) called 570-555-0182.", "spans": [
        {"start": 5, "end": 9, "kind": "name"}, {"start": 18, "end": 30, "kind": "phone"}]}
    with pytest.raises(ValueError, match="unknown kind"):
        parse_marked("{{person|Jess}}")
    with pytest.raises(ValueError, match="unclosed"):
        parse_marked("{{name|Jess")


def test_the_corpus_has_every_kind_and_many_clean_sentences(
    corpus: list[dict[str, object]],
) -> None:
    assert len(corpus) >= 400
    clean = sum(not line["spans"] for line in corpus)
    assert clean / len(corpus) >= 0.40
    kinds = {str(s["kind"]) for line in corpus for s in line["spans"]}  # type: ignore[attr-defined]
    assert kinds == DEV_KINDS


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Home visit with mom (jess) today.", "jess"),
        ("Will cried when I came in.", "Will"),
        ("May napped the whole time.", "May"),
        ("We will meet the day after Thanksgiving.", "the day after Thanksgiving"),
        ("Next visit is thurs at 10.", "thurs"),
        ("They are moving to luzerne county soon.", "luzerne county"),
        ("Her great-grandmother is 94.", "94"),
        ("Her insta is mila.mama22 now.", "mila.mama22"),
        ("Dad's car has PA tags HZK-4471.", "HZK-4471"),
        ("She gave the last four of her social, 4417.", "4417"),
        ("He works off exit 52 on I-81.", "exit 52 on I-81"),
        ("They live in lot 17 out back.", "lot 17"),
        ("The foster mom lives on Route 30.", "Route 30"),
        ("Her mother can be reached at 011 502 2345 6789.", "011 502 2345 6789"),
        ("They go to the food pantry on Thursdays.", "Thursdays"),
        ("She sees him Tuesdays at 10.", "Tuesdays"),
        ("no answer, try again mon", "mon"),
        ("her mom died last may", "may"),
        ("DOB 6/1/2025, so he's 6 months.", "6 months"),
        ("Child born 2/14/2023, age 3 years 9 months, referred.", "3 years 9 months"),
        ("ggma 94 lives w/ them", "94"),
        ("Rich (the cook) gives him crackers.", "Rich"),
        ("summer (4yo) hitting bb", "summer"),
        ("Foster mom (Carol) brought the baby.", "Carol"),
        ("Faith, my supervisor last year, used to say it.", "Faith"),
        ("case closed w/ cys, worker is mike", "mike"),
        ("warm handoff to dr. amir", "amir"),
        ("mike's # is on the form", "mike"),
        ("can u come wed, jayla has shots", "jayla"),
        ("Honor hid under the table.", "Honor"),
        ("party at the fire hall in swoyersville", "swoyersville"),
        ("he is 16, in 10th grade at coughlin high", "coughlin high"),
        ("He is in Mexico City for the funeral.", "Mexico City"),
        ("The training was at Keystone College.", "Keystone College"),
        ("a screenshot from u/tiredmama570 on reddit", "u/tiredmama570"),
        ("She shared her CashApp, $AmberJ570, for the seat.", "$AmberJ570"),
        ("Mom's new number is 570\u2013555\u20130112.", "570\u2013555\u20130112"),
        ("she posts as kay.lee on insta", "kay.lee"),
        ("her venmo is jess-miller-12", "jess-miller-12"),
        ("she lives on hazle st near the laundromat", "hazle st"),
        ("seen jan 5 at the clinic", "jan 5"),
        ("they moved in mid-March", "March"),
        ("her medicaid number ends in 4410", "4410"),
        ("case # 24-dp-1188 w/ cys", "24-dp-1188"),
        ("DOB 1/2/24 (10 mo)", "(10 mo)"),
        ("her first birthday is on 5/6", "first birthday"),
        ("he turns 2 on 5/6", "2"),
        ("she played with kayden all morning", "kayden"),
        ("Jade and her mom came to group.", "Jade"),
        ("Summer, 4, was hitting the baby.", "Summer"),
        ("At 96, she still drives to church.", "96"),
        ("she'll be 3 on 5/6", "3"),
        ("seen 3/4/25 at 4 months for shots", "4 months"),
        ("with jos\u00e9 and his mom", "jos\u00e9"),
        ("they moved to hazleton last year", "hazleton"),
        ("Baby transferred to CHOP for surgery.", "CHOP"),
        ("her tiktok is 'mamabear.jess' and it is public", "mamabear.jess"),
        ("her insta (kaylee.m22) shows the house", "kaylee.m22"),
        ("on snapchat, jessmama570", "jessmama570"),
        ("she posts as jess.mama on there", "jess.mama"),
        ("Her number is five seven zero, five five five, zero one nine three.",
         "five seven zero, five five five, zero one nine three"),
    ],
)
def test_what_clinicians_really_write_is_flagged(text: str, flagged: str) -> None:
    assert flagged in [f.text for f in find_flags(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Reflection After The Home Visit",
        "Mom used Similac and the Pack 'n Play.",
        "We did Kangaroo Care and Eat Sleep Console.",
        "We used Ages & Stages and the PURPLE Crying handout.",
        "They were approved for Section 8.",
        "She read Selma Fraiberg, Daniel Stern and Dr. Seuss.",
        "I'm tired and I've been thinking.",
        "Apgar scores were 8/9.",
        "She has the 988 crisis line and 1-800-799-7233 saved.",
        "Hope is hard for her to hold right now.",
        "I visit on Mondays and every Friday.",
        "Tuesdays are my long days.",
        "The classroom uses ClassDojo and mom posts in it at midnight.",
        "The Family First Act changed how the county pays for placements.",
        "The Child Protective Services Law defines the reporting duty.",
        "Professional Use of Self came up in supervision.",
        "Describing, Responding, Exploring, Linking, Integrating: we got to Exploring.",
        "Diversity, Equity and Inclusion module, 3 hours.",
        "The county trainer said the score is not a screening.",
        "The pickup grandpa drives a maroon Buick and waits outside.",
        "Mom texted at 11 pm and said the wifi was down.",
        "bb 11 mo, pulling to stand, says mama dada",
        "The baby went to Level III care.",
        "The system was developed by Nugent and colleagues.",
        "The grant ends in 2027.",
        "mom posting bb pics on insta",
        "We may 3 times a week try it.",
        "He sat on the couch.",
        "mom called and recieved the papers",
        "call pedi re: shots",
        "talked with neuro about it",
        "Baby was admitted to NICU at 2am.",
        "She goes by Mom at home.",
        "Her instagram is private now.",
    ],
)
def test_what_is_not_identifying_is_left_alone(text: str) -> None:
    assert find_flags(text) == []


def test_every_flag_says_why_in_plain_words(corpus: list[dict[str, object]]) -> None:
    for line in corpus:
        for flag in find_flags(str(line["text"]), ["Jess"]):
            assert flag.reason
            assert flag.why == flag.reason
            assert re.fullmatch(r"[^\n]{8,90}", flag.reason), flag.reason


def test_no_single_word_safe_term_is_a_first_name() -> None:
    # "Willow" or "Elmo" as a safe term would hide a child's name wherever it stands.
    lex = lexicon()
    single = [t for t in lex.safe_terms if " " not in t]
    assert [t for t in single if t.lower() in lex.given_names] == []


def test_the_look_aheads_change_no_find(corpus: list[dict[str, object]]) -> None:
    """Each pattern finds the same spans with and without its first-character look-ahead."""
    first = Path(__file__).with_name("deid_corpus.txt").read_text(encoding="utf-8")
    text = "\n".join(str(line["text"]) for line in corpus) + "\n" + first
    checked = 0
    for module in (structured, wording, phones):
        for value in vars(module).values():
            if isinstance(value, re.Pattern) and value.pattern.startswith("(?=["):
                inner = value.pattern[value.pattern.index("])(?:") + 5 : -1]
                plain = re.compile(inner, value.flags)
                assert [m.span() for m in value.finditer(text)] == [
                    m.span() for m in plain.finditer(text)
                ], value.pattern[:60]
                checked += 1
    assert checked >= 30


def _unbounded_repeats(parsed: object, inside_unbounded: bool = False) -> list[str]:
    """Return the places where an unbounded repeat sits inside another unbounded repeat."""
    problems: list[str] = []
    for op, arg in parsed:  # type: ignore[attr-defined]
        if op in _REPEATS:
            _low, high, body = arg
            unbounded = high is sre_constants.MAXREPEAT
            if unbounded and inside_unbounded:
                problems.append(str(body)[:60])
            problems += _unbounded_repeats(body, inside_unbounded or unbounded)
        elif op == sre_constants.SUBPATTERN:
            problems += _unbounded_repeats(arg[-1], inside_unbounded)
        elif op == sre_constants.BRANCH:
            for branch in arg[1]:
                problems += _unbounded_repeats(branch, inside_unbounded)
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            problems += _unbounded_repeats(arg[1], inside_unbounded)
    return problems


def test_no_pattern_nests_unbounded_repeats() -> None:
    """The structural half of 'linear time': no (x+)+ shapes, so no catastrophic backtracking."""
    found = 0
    for module in PATTERN_MODULES:
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found += 1
                assert _unbounded_repeats(sre_parse.parse(value.pattern, value.flags)) == [], (
                    f"{module.__name__}.{name}"
                )
    assert found >= 60


def test_the_structural_check_sees_a_nested_repeat() -> None:
    assert _unbounded_repeats(sre_parse.parse(r"(?:a+b?)+$"))
    assert not _unbounded_repeats(sre_parse.parse(r"(?:a+b){1,5}"))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_unicode_gives_valid_flags(text: str) -> None:
    flags = find_flags(text, ["Jess", "Mary Jane"])
    for a, b in itertools.pairwise(flags):
        assert a.end <= b.start
    for flag in flags:
        assert 0 <= flag.start < flag.end <= len(text)
        assert text[flag.start : flag.end] == flag.text
        assert flag.why


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(
    ["mom (jess) ", "Will ", "tags ", "ABC-1234 ", "five ", "94 ", "O'", "@", "a_b1 ", "Route ",
     "the day after ", "Christmas ", "Dr. ", "\n", "Ms. Rose ", "011 ", "·", "é"]), max_size=300))
def test_pathological_repeats_give_valid_flags(pieces: list[str]) -> None:
    text = "".join(pieces)
    for flag in find_flags(text):
        assert text[flag.start : flag.end] == flag.text


def test_a_one_megabyte_line_is_checked() -> None:
    line = ("mom (jess) texted 570-555-0182 about tags HZK-4471 on thurs " * 17000)[:1_000_000]
    flags = find_flags(line)
    assert len(flags) > 50000
    assert all(line[f.start : f.end] == f.text for f in flags[:100])


def test_corpus_lines_are_json_with_offsets_that_match() -> None:
    for raw in CORPUS.read_text(encoding="utf-8").splitlines():
        line = json.loads(raw)
        for span in line["spans"]:
            assert 0 <= span["start"] < span["end"] <= len(line["text"])


def test_an_age_is_flagged_beside_a_date_but_not_a_gestational_age_or_a_lone_age() -> None:
    born = find_flags("The baby was born 3/2/2024 at 34 weeks and is 6 weeks old now.")
    ages = [f.text for f in born if f.kind.value == "age"]
    assert len(ages) == 1, ages
    assert ages[0].startswith("6 weeks"), ages
    assert find_flags("She's 3 now and the 7-month-old sleeps well.") == []
