"""Identifiers written in words or told by their context: dates in words, holidays, ages over
89, handles without "@", plates after "tags", "last four of her social", partial addresses.

Every pattern has bounded repetition or is anchored at a word boundary, so none can rescan a
long run of text from each of its characters.
"""

from __future__ import annotations

import re

from reflectjournal.domain.deid.kinds import FlagKind, Span
from reflectjournal.domain.deid.lexicon import lexicon
from reflectjournal.domain.deid.patterns import starting_with
from reflectjournal.domain.deid.words import COMMON_WORDS, NOT_NAMES


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())

_RELATIVE = r"(?:(?:last|next|this|past|coming|on|by|until|before|after|since)[ ]+)?"
_PART_OF_DAY = r"(?:[ ]+(?:morning|afternoon|evening|night))?"
# Weekdays: the full names in any case; "tues", "thurs" and "fri" in any case; "Mon", "Wed",
# "Sat", "Sun" only capitalised and in a date's company, since "sat" and "sun" are words.
_WEEKDAY = re.compile(
    rf"(?i:\b{_RELATIVE}(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|(?:tues?|thurs?|thu|fri|weds)"
    rf"\b\.?)){_PART_OF_DAY}"
)
_WEEKDAY_SHORT = re.compile(
    r"(?:(?i:\b(?:on|next|last|this|every|by|until|f/u)[ ]+)(?:Mon|Wed|Sat|Sun)\b\.?"
    r"|\b(?:Mon|Wed|Sat|Sun)\b\.?(?=[ ]*(?:\d|,[ ]*\d|(?i:at|am|pm|morning|night)\b)))"
)
_HABIT = re.compile(r"(?i:\bevery[ ]+$)")  # "every Friday" is a habit, not a date
# Lower-case "mon", "wed", "sat" and "sun" are dates only where a day would stand: after a word
# that schedules ("try again mon", "can u come wed") or a number ("turning 96 sat,"); "march"
# and "may" are months only after a word that places them in time ("last may", "in march"),
# and not when a verb follows ("by may be"). The words are found first, their company checked
# after, which keeps the common "may" cheap.
_LOWER_DAY_OR_MONTH = re.compile(r"\b(?:mon|wed|weds|sat|sun|march|may)\b")
_DAY_BEFORE = re.compile(
    r"(?:\b(?:on|next|this|by|until|til|till|again|come|thru|f/u|see|visit)|\d)[ ]+$")
_DAY_NOT_AFTER = re.compile(
    r"[ ]+(?:down|up|on|in|with|there|by|for|next|quietly|alone|outside|inside|and|to|at[ ]+the"
    r")\b")
_MONTH_BEFORE = re.compile(
    r"\b(?:last|next|since|until|in|early|mid|late|through|thru|of|by)[ ]+$")
_MONTH_NOT_AFTER = re.compile(
    r"[ ]+(?:be|have|not|help|need|want|feel|get|go|come|take|make|look|seem|also|just"
    r"|still|never|well|even|only|i|we|you|he|she|they|it)\b")
# A family's weekly day ("the food pantry on Thursdays", "sees him Tuesdays at 10") narrows
# down who they are; the clinician's own schedule ("I visit on Mondays") does not.
_WEEKDAY_PLURAL = re.compile(
    r"(?i:\b(?P<d>(?:mon|tues|wednes|thurs|fri|satur|sun)days)\b"
    r"(?P<at>[ ]+(?:at\b|@|from\b|after\b|before\b|\d))?)"
)
_ON_BEFORE = re.compile(r"(?i:\bon[ ]+$)")
_OWN_SCHEDULE = re.compile(
    r"(?i:\b(?:i|we|my|our|training|supervision|group|class|meeting|office|staff|consultation)\b)"
)
_SENTENCE_BREAK = re.compile(r"[.!?\n](?=\s)")
_MONTHS_SAFE = "january|february|april|june|july|august|september|october|november|december"
# Only the month is flagged, so "born in March" still reads as a birth date.
_MONTH_WORD = re.compile(
    rf"(?i:\b(?P<a>{_MONTHS_SAFE})\b)"
    r"|(?:(?i:\b(?:early|mid|late|in|since|until|by|through|last|next|this|of)[ ]+)|(?<=[a-z][ ]))"
    r"(?P<b>March|May)\b|(?i:\bmid-)(?P<d>March|May|march|may)\b"
    r"|\b(?P<c>(?:Jan|Feb|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?|Mar\b\.?(?=[ ]*(?:\d|$|[,.;])))"
)
_SEASON_YEAR = re.compile(
    r"(?i:\b(?:spring|summer|fall|autumn|winter)(?:[ ]+(?:of|break))?[ ]+(?:'\d\d|(?:19|20)\d\d)\b)"
    r"|(?i:\b(?:spring|winter|thanksgiving|christmas)[ ]+break\b)"
)
_ORDINAL_WORDS = (
    r"(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|thirtieth|twenty[ \-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|thirty[ \-]first)"
)
# "the first of the month", "on the twenty-third": a day of the month in words.
_ORDINAL_IN_WORDS = re.compile(
    rf"(?i:\bthe[ ]+{_ORDINAL_WORDS}[ ]+of[ ]+(?:the[ ]+month|{_MONTHS_SAFE}|march|may)\b"
    rf"|\b(?:on|by|until|since|before|after)[ ]+the[ ]+{_ORDINAL_WORDS}\b(?=[ ]*(?:[.,;:!?)]|$)))"
)
_ORDINAL = re.compile(
    r"(?i:\bthe[ ]+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b(?![ ]+(?:percentile|grade|time|times"
    r"|birthday|week|weeks|month|months|day|days|floor|century|visit|session|trimester|place"
    r"|child|kid|baby|attempt|try|one|year|hour|minute|round|row|step|question|item|page)\b))"
)
_DATE_DASHED = re.compile(
    r"(?i:\b(?:on|by|since|until|from|due|dated|date|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|mon|tue|tues|wed|thu|thurs|fri|sat|sun)[ ]+)"
    r"(?P<d>(?:1[0-2]|0?[1-9])[.\-](?:[12]\d|3[01]|0?[1-9]))"
    r"(?![\d.\-])"
)
_HOLIDAY_NAMES = (
    r"(?:christmas(?:[ ]+(?:eve|day|morning))?|xmas|thanksgiving(?:[ ]+day)?|easter(?:[ ]+sunday)?"
    r"|halloween|new[ ]+year'?s(?:[ ]+(?:eve|day))?|(?:the[ ]+)?(?:fourth|4th)[ ]+of[ ]+july"
    r"|mother'?s[ ]+day|father'?s[ ]+day|memorial[ ]+day|labou?r[ ]+day|veterans'?[ ]+day"
    r"|valentine'?s(?:[ ]+day)?|juneteenth|hanukkah|chanukah|passover|rosh[ ]+hashanah"
    r"|yom[ ]+kippur|ramadan|eid(?:[ ]+al-(?:fitr|adha))?|diwali|kwanzaa"
    r"|st\.?[ ]+patrick'?s[ ]+day|mlk[ ]+day|martin[ ]+luther[ ]+king[ ]+day|presidents'?[ ]+day"
    r"|independence[ ]+day|cinco[ ]+de[ ]+mayo|good[ ]+friday|black[ ]+friday"
    r"|lunar[ ]+new[ ]+year|chinese[ ]+new[ ]+year|super[ ]+bowl(?:[ ]+sunday)?"
    r"|three[ ]+kings[ ]+day"
    r"|d[ií]a[ ]+de[ ]+(?:los[ ]+)?(?:muertos|reyes)|groundhog[ ]+day|election[ ]+day|boxing[ ]+day"
    r"|ash[ ]+wednesday|palm[ ]+sunday|earth[ ]+day)"
)
_HOLIDAY = re.compile(
    r"(?i:\b(?:the[ ]+(?:day|night|morning|week|weekend|sunday|monday|friday|saturday)[ ]+"
    rf"(?:before|after|of)[ ]+)?{_HOLIDAY_NAMES}\b)"
)
_UNITS_NOT_AGE = r"(?:%|percent|minutes?|mins?|lbs?|pounds|days?|weeks?|months?|hours?|mg|ml|oz" \
    r"|degrees|°|bpm|points?|seconds?|cm|kg|grams?)"
_AGE_NUMBER = r"(?:9\d|1[01]\d)"
_TENS_WORDS = (
    r"(?:ninety|one[ \-]hundred)(?:[ \-](?:one|two|three|four|five|six|seven|eight|nine))?"
)
_AGE = re.compile(
    rf"(?i:\b(?:{_AGE_NUMBER}|{_TENS_WORDS})(?:[ \-]?(?:years?|yrs?)(?:[ \-]old)?"
    r"|[ \-]?y/?o\b|[ ]?y\.o\.?|[ ]?(?:st|nd|rd|th)[ ]+birthday)"
    r"|\b(?:in[ ]+(?:her|his|their)[ ]+)?(?:early[ ]+|late[ ]+|mid[ \-])?(?:nineties|90s|90's)\b"
    r"|\bnonagenarian|\bcentenarian|\b(?:9\d|1[01]\d)[FM]\b)"
)
# A bare 90 to 119 near an elder's word ("great-grandma (94)", "Abuela, 97, ...").
_AGE_NEAR = re.compile(r"(?<![\w.,/:$\-])(?P<n>9\d|1[01]\d)(?![\w%°]|[.,/:\-]\d)")
_ELDER_WORDS = re.compile(
    r"(?i:grand|great|elder|elderly|abuel|bisabuel|nana\b|\bg{1,3}(?:ma|pa|m|p)\b|old\b|age\b|aged\b|turn|birthday"
    r"|widow|nursing[ ]home|senior|years?\b|father|mother|\bmom\b|\bdad\b|aunt|uncle|neighbou?r"
    r"|husband|wife|\bman\b|woman|lady|gentleman|resident|relative)"
)
# "turned 92", "who is 94": only the number is flagged.
_AGE_CONTEXT = re.compile(
    rf"(?i:\b(?:aged?|turned|turns|turning|(?:who|she|he|grandma|grandpa|grandmother"
    rf"|grandfather)(?:'s|[ ]+is|[ ]+was))[ :]+(?P<n>{_AGE_NUMBER}|{_TENS_WORDS})\b"
    rf"(?![ ]*{_UNITS_NOT_AGE}))"
)
# "At 96, she still drives": an age leading its sentence.
_AGE_AT = re.compile(
    rf"(?i:\bat[ ]+)(?P<n>{_AGE_NUMBER})(?=,[ ]*(?:she|he|they|grandma|grandpa)\b)")
# "Hana is 92 and lives alone": a bare number after "is", when nothing says it is a score.
_AGE_BARE = re.compile(
    rf"\b(?:is|was|turns|turned)[ ]+(?P<n>{_AGE_NUMBER})(?=[ ]*(?:and\b|,|\.|;|$))"
)
_NOT_AGE_BEFORE = re.compile(
    r"(?i:score|scored|scale|rate|weigh|level|pressure|percent|temp|oxygen|sat|grade|points?)"
)
_PLATFORMS = (
    r"(?:insta|instagram|ig|snap|snapchat|tiktok|tik[ ]tok|facebook|fb|twitter|threads|venmo"
    r"|cash[ ]?app|discord|kik|telegram|youtube|handle|username|user[ ]name|screen[ ]?name"
    r"|gamertag|gamer[ ]tag|reddit|twitch|pinterest|linkedin|tinder|bumble|hinge|onlyfans"
    r"|zelle|paypal|messenger|whatsapp|groupme|bereal|xbox|psn|roblox|steam|signal|tumblr"
    r"|soundcloud|spotify|linktree|marco[ ]polo)"
)
_HANDLE_CONTEXT = re.compile(
    rf"(?i:\b{_PLATFORMS}\b(?:'s|’s)?(?:[ ]+(?:handle|name|username|account|page|profile|tag"
    r"|id|is|was|as|at|under|called|named|now|it's|its))?"
    r"(?:[ ]+(?:is|was|as|at|under|called|named|now))?[ ]*[:=,\-]?[ ]*[\"'“‘(]?)"
    r"(?P<handle>[@$]?[A-Za-z0-9_][A-Za-z0-9_.\-]{1,29}[A-Za-z0-9_])"
)
# "posts as jess.mama", "goes by 'mamabear_22'": a name someone uses online.
_HANDLE_AS = re.compile(
    r"(?i:\b(?:posts?|posted|posting|goes|went|go)[ ]+(?:as|by|under)[ ]+[\"'“‘]?)"
    r"(?P<handle>[@$]?[A-Za-z0-9_][A-Za-z0-9_.\-]{1,29}[A-Za-z0-9_])"
)
# A handle-like word right before its platform ("she's kay.lee on insta", "mamaof3 on tiktok"):
# the platform is found first, the word before it read after.
_PLATFORM_AFTER = re.compile(rf"(?i:[ ]+(?:on|from|via)[ ]+(?:the[ ]+)?{_PLATFORMS}\b)")
_WORD_BEFORE = re.compile(r"(?<![\w@.$])[@$]?[A-Za-z0-9_][A-Za-z0-9_.\-]{1,29}[A-Za-z0-9_]$")
# Handle-shaped words anywhere: letters with an underscore, dotted and ending in digits, or
# lower-case letters ending in two or more digits ("kingtre570").
_HANDLE_SHAPE = re.compile(
    r"(?<![\w@.$/\-])(?:[A-Za-z][A-Za-z0-9]{0,20}_[A-Za-z0-9_]{1,20}"
    r"|[a-z][a-z0-9]{1,20}\.[a-z][a-z0-9]{0,20}\d{1,6}|[a-z]{4,20}\d{2,6})(?![\w@]|\.\w)"
)
# Handles with the prefix of their platform: "u/tiredmama570" (Reddit), "$AmberJ570" (Cash App).
_HANDLE_PREFIXED = re.compile(
    r"(?<![\w/$])(?:u/[A-Za-z0-9_\-]{3,20}|\$[A-Za-z][A-Za-z0-9_\-]{2,19})(?![\w/])"
)
# A hospital or centre by its initials, where someone was taken ("transferred to CHOP").
_INSTITUTION_INITIALS = re.compile(
    r"(?i:\b(?:transferred|admitted|delivered|born|seen|discharged|taken|sent|airlifted|flown"
    r"|life-flighted|inpatient)[ ]+(?:to|at|from|in)[ ]+(?:the[ ]+)?)(?P<i>[A-Z]{3,6})\b"
)
_PLATE_CONTEXT = re.compile(
    r"(?i:\b(?:tags?|plates?|licen[cs]e[ ]plate|plate[ ]number|tag[ ]number)\b"
    r"(?:[ ]+(?:say|says|said|read|reads|are|is|was|were|number|no\.?|\#))?[ ]*[:,\-\#]?[ ]*)"
    r"(?P<plate>[A-Z0-9]{1,4}[ \-]?[A-Z0-9]{1,5})(?![\w\-])"
)
_PLATE_SHAPE = re.compile(r"(?<![\w\-])(?:[A-Z]{3}[ \-]\d{3,4}|\d[A-Z]{3}\d{3})(?![\w\-])")
_NOT_PLATES = _set("ASQ PHQ GAD ICD DSM EPDS CPT DOB SSN MRN CAS HIV")
_SOCIAL = re.compile(
    r"(?i:\blast[ ]+(?:4|four)(?:[ ]+digits)?[ ]+of[ ]+(?:(?:her|his|their|the|my|mom'?s|dad'?s)"
    r"[ ]+)?(?:social(?:[ ]+security(?:[ ]+(?:number|card))?)?|ssn|ss\#?)\b)"
    r"(?:[^\d\n.!?]{0,25}?(?P<digits>\d{4})(?!\d))?"
)
_SOCIAL_TAIL = re.compile(
    r"(?i:\b(?:her|his|their|mom'?s|dad'?s)[ ]+social[ ]+(?:is|was|ends[ ]+in|ending[ ]+in)[ ]+)"
    r"(?P<digits>\d{4}|\d{3}-?\d{2}-?\d{4})(?!\d)"
)
_ROAD = re.compile(
    r"(?:\b(?:I|Interstate)-\d{1,3}\b|(?i:\binterstate[ ]+\d{1,3}\b)"
    r"|(?i:\b(?:route|rte\.?|rt\.?|highway|hwy\.?|state[ ]+route|county[ ]+road)[ ]*\#?[ ]*\d{1,4}"
    r"[A-Z]?\b)|\b(?:SR|US|CR|PA|NJ|NY)[ \-]\d{1,4}\b)"
)
_EXIT = re.compile(
    r"(?i:\bexit[ ]+\d{1,3}[A-Z]?\b(?:[ ]+(?:on|off)[ ]+(?:I-\d{1,3}|the[ ]+\w{1,20}))?)"
)
_LOT = re.compile(
    r"(?i:\b(?:lot|trailer|space|apt\.?|apartment|unit|room)[ ]*\#?[ ]*"
    r"(?:\d{1,4}[A-Z]?|[A-Z]\d{1,3})\b)"
)
_REASONS = {
    "weekday": "a weekday: with the week it dates a visit",
    "weekly": "a weekday someone keeps to each week: it can tell who they are",
    "month": "a month: dates but for the year can identify",
    "holiday": "a holiday: it dates the day",
    "date": "a date in words or a day of the month",
    "age": "an age over 89 (a HIPAA identifier)",
    "handle": "a social-media handle",
    "plate": "a licence plate (after \u201ctags\u201d or \u201cplate\u201d)",
    "social": "part of a social security number",
    "road": "a road or exit near where someone lives",
    "lot": "a lot, trailer or apartment number",
    "initials": "a hospital's or centre's initials, where someone was taken",
}


# Where each pattern can start (see patterns.py); keep in step with the patterns above.
_MONTH_WORD = starting_with("jfasondemlibtuJFASONDEMLIBTU", _MONTH_WORD)
_HOLIDAY = starting_with("tcxehnf4mlvjprysgbidkaTCXEHNFMLVJPRYSGBIDKA", _HOLIDAY)
_WEEKDAY = starting_with("lntpcobuasmwfLNTPCOBUASMWF", _WEEKDAY)
_DATE_DASHED = starting_with("obsufdmtwOBSUFDMTW", _DATE_DASHED)
_AGE = starting_with("91noielmcNOIELMC", _AGE)
_HANDLE_CONTEXT = starting_with("istfvcdkyhugISTFVCDKYHUG", _HANDLE_CONTEXT)
_WEEKDAY_SHORT = starting_with("onltebufONLTEBUFMWS", _WEEKDAY_SHORT)
_SEASON_YEAR = starting_with("sfawtcSFAWTC", _SEASON_YEAR)
_ROAD = starting_with("IiRrHhSsCcUPN", _ROAD)
_AGE_CONTEXT = starting_with("atwshgATWSHG", _AGE_CONTEXT)
_AGE_AT = starting_with("aA", _AGE_AT)
_INSTITUTION_INITIALS = starting_with("tadbsfliTADBSFLI", _INSTITUTION_INITIALS)
_PLATE_CONTEXT = starting_with("tplTPL", _PLATE_CONTEXT)
_ORDINAL = starting_with("tT", _ORDINAL)
_ORDINAL_IN_WORDS = starting_with("tobusaTOBUSA", _ORDINAL_IN_WORDS)
_EXIT = starting_with("eE", _EXIT)
_LOT = starting_with("ltsauLTSAUrR", _LOT)
_SOCIAL = starting_with("lL", _SOCIAL)
_SOCIAL_TAIL = starting_with("hmtdHMTD", _SOCIAL_TAIL)
_LOWER_DAY_OR_MONTH = starting_with("mws", _LOWER_DAY_OR_MONTH)
_WEEKDAY_PLURAL = starting_with("mtwfsMTWFS", _WEEKDAY_PLURAL)
_HANDLE_PREFIXED = starting_with("u$", _HANDLE_PREFIXED)
_PLATFORM_AFTER = starting_with(" ", _PLATFORM_AFTER)
_HANDLE_AS = starting_with("pgwPGW", _HANDLE_AS)


def wording_spans(text: str) -> list[Span]:
    """Return the identifiers in words or told by their context."""
    spans: list[Span] = []
    for pattern, why in ((_WEEKDAY, "weekday"), (_WEEKDAY_SHORT, "weekday"),
                         (_HOLIDAY, "holiday")):
        for m in pattern.finditer(text):
            if not _HABIT.search(text, max(0, m.start() - 6), m.start()):
                spans.append((*m.span(), FlagKind.DATE, _REASONS[why]))
    spans += _lower_days_and_months(text)
    spans += _weekly_days(text)
    for pattern in (_SEASON_YEAR, _ORDINAL, _ORDINAL_IN_WORDS):
        spans += [(*m.span(), FlagKind.DATE, _REASONS["date"]) for m in pattern.finditer(text)]
    spans += [(*m.span("d"), FlagKind.DATE, _REASONS["date"]) for m in _DATE_DASHED.finditer(text)]
    for m in _MONTH_WORD.finditer(text):
        group = next(g for g in ("a", "b", "c", "d") if m.group(g))
        spans.append((*m.span(group), FlagKind.DATE, _REASONS["month"]))
    spans += [(*m.span(), FlagKind.AGE, _REASONS["age"]) for m in _AGE.finditer(text)]
    spans += [(*m.span("n"), FlagKind.AGE, _REASONS["age"]) for m in _AGE_CONTEXT.finditer(text)]
    spans += [(*m.span("n"), FlagKind.AGE, _REASONS["age"]) for m in _AGE_AT.finditer(text)]
    for m in _AGE_NEAR.finditer(text):
        after = text[m.end() : m.end() + 12]
        if re.match(rf"[ ]*{_UNITS_NOT_AGE}", after, re.IGNORECASE):
            continue
        near = text[max(0, m.start() - 40) : m.start()]
        if _ELDER_WORDS.search(near) and not _NOT_AGE_BEFORE.search(near):
            spans.append((*m.span("n"), FlagKind.AGE, _REASONS["age"]))
    for m in _AGE_BARE.finditer(text):
        if not _NOT_AGE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            spans.append((*m.span("n"), FlagKind.AGE, _REASONS["age"]))
    for m in _INSTITUTION_INITIALS.finditer(text):
        if m.group("i").lower() not in NOT_NAMES:  # "admitted to NICU", "seen in ER"
            spans.append((*m.span("i"), FlagKind.NAME, _REASONS["initials"]))
    spans += _handles(text)
    spans += _plates(text)
    for pattern in (_SOCIAL, _SOCIAL_TAIL):
        for m in pattern.finditer(text):
            start, end = m.span("digits") if m.group("digits") else m.span()
            spans.append((start, end, FlagKind.SSN, _REASONS["social"]))
    for pattern, why in ((_ROAD, "road"), (_EXIT, "road"), (_LOT, "lot")):
        spans += [(*m.span(), FlagKind.ADDRESS, _REASONS[why]) for m in pattern.finditer(text)]
    return spans


def _lower_days_and_months(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _LOWER_DAY_OR_MONTH.finditer(text):
        before = text[max(0, m.start() - 8) : m.start()]
        if m.group() in ("march", "may"):
            if _MONTH_BEFORE.search(before) and not _MONTH_NOT_AFTER.match(text, m.end()):
                spans.append((*m.span(), FlagKind.DATE, _REASONS["month"]))
        elif _DAY_BEFORE.search(before) and not _DAY_NOT_AFTER.match(text, m.end()):
            spans.append((*m.span(), FlagKind.DATE, _REASONS["weekday"]))
    return spans


def _weekly_days(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _WEEKDAY_PLURAL.finditer(text):
        on = _ON_BEFORE.search(text, max(0, m.start() - 6), m.start())
        if not (on or m.group("at")):
            continue  # "Tuesdays are my long days"
        breaks = [b.end() for b in _SENTENCE_BREAK.finditer(text, max(0, m.start() - 160),
                                                             m.start())]
        sentence = text[breaks[-1] if breaks else max(0, m.start() - 160) : m.start()]
        if not _OWN_SCHEDULE.search(sentence):
            spans.append((*m.span("d"), FlagKind.DATE, _REASONS["weekly"]))
    return spans


def _handles(text: str) -> list[Span]:
    lex = lexicon()
    spans: list[Span] = []
    found = [m.span("handle") for m in _HANDLE_CONTEXT.finditer(text)]
    for m in _HANDLE_AS.finditer(text):
        if any(c.isdigit() or c in "_.@$" for c in m.group("handle")):
            found.append(m.span("handle"))  # "goes by Jess" is the name rules' to judge
    for m in _PLATFORM_AFTER.finditer(text):
        low = max(0, m.start() - 32)
        before = _WORD_BEFORE.search(text, low, m.start())
        if before is not None and any(c.isdigit() or c in "_.@$" for c in before.group()):
            # Only a word marked as a handle: "pics on insta" is not one, and a name there
            # ("kaylee on insta") is the name rules' to find.
            spans.append((*before.span(), FlagKind.URL, _REASONS["handle"]))
    for start, end in found:
        handle = text[start:end]
        bare = handle.lstrip("@$").lower()
        marked = handle[0] in "@$" or any(c.isdigit() or c in "_." for c in bare)
        if marked or (bare not in lex.english and bare not in COMMON_WORDS and len(bare) > 3):
            spans.append((start, end, FlagKind.URL, _REASONS["handle"]))
    for m in _HANDLE_PREFIXED.finditer(text):
        spans.append((*m.span(), FlagKind.URL, _REASONS["handle"]))
    for m in _HANDLE_SHAPE.finditer(text):
        spans.append((*m.span(), FlagKind.URL, _REASONS["handle"]))
    return spans


def _plates(text: str) -> list[Span]:
    spans: list[Span] = []
    for m in _PLATE_CONTEXT.finditer(text):
        plate = m.group("plate")
        alnum = [c for c in plate if c.isalnum()]
        if 4 <= len(alnum) <= 8 and any(c.isdigit() for c in alnum) and (
            any(c.isalpha() for c in alnum) or len(alnum) >= 5
        ):
            spans.append((*m.span("plate"), FlagKind.RECORD_NUMBER, _REASONS["plate"]))
    for m in _PLATE_SHAPE.finditer(text):
        year = re.fullmatch(r"[A-Z]{3}[ ](?:19|20)\d\d", m.group())  # "SEP 2024"
        if m.group()[:3] not in _NOT_PLATES and not year:
            spans.append((*m.span(), FlagKind.RECORD_NUMBER, _REASONS["plate"]))
    return spans
