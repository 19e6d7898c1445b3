"""The words around a possible name that say it is one, or that it is not (names.py).

Roles and kin before a name, verbs after one, the endings of places, products and programmes,
and the small words a name is typed between. Word lists only, each with why it is there.
"""

from __future__ import annotations

import re


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Lower-case particles inside a name ("Maria de la Cruz", "Ludwig van Beethoven").
CONNECTORS = _set(
    """de del della la las los van von der da dos du di bin ibn al el"""
)
WORDY_ENDINGS = ("ing", "tion", "sion", "ment", "ness")
# Words of family and care roles after which a lower-case word is likely a name.
ROLES = _set(
    """mom mommy mama mother dad daddy papa father baby babe infant son daughter sister
    brother sis bro sibling sib grandma grandpa granny nana gma gpa abuela abuelo aunt
    auntie tia uncle tio cousin bf gf boyfriend girlfriend partner husband wife fiance
    fiancee twin twins stepdad stepmom kid child toddler newborn nurse worker caseworker
    teacher ms mrs mr miss"""
)
# Words that end a place name typed in lower case ("luzerne county", "hope house").
PLACE_AREAS = _set("county township borough parish")
PLACE_BUILDINGS = _set(
    "house shelter center centre academy hospital manor high elementary peds pediatrics college")
# Capitalised words that end a place's name ("Nay Aug Park", "Regional Hospital").
PLACE_ENDINGS = _set(
    """county township borough city park hospital academy center centre house church school
    library ridge hill hills heights valley village summit river lake creek manor
    apartments towers plaza mall shelter clinic daycare side falls springs estates
    gardens commons crossing station end section flats square point bay beach island
    harbor port junction inn motel lodge grove hollow meadow meadows woods acres glen
    knoll landing pointe farms farm market depot college university"""
)
# What follows a name that is also a word when it is used as a name ("Summer was fussy").
NAME_VERBS = _set(
    """was has had said says cried cries came comes went goes got gets sat sits took takes
    ate eats slept sleeps fell ran held smiled laughed napped woke wakes came told asked
    wants wanted looked seemed started stayed crawled walked rolled likes liked loves
    loved needs needed did does didn't doesn't isn't wasn't can't won't kept brought
    arrived left called texted hid bit threw screamed reached pointed"""
)
# Words that, after a capitalised run, make it a product, a programme or a work, not a
# person ("the Owlet sock", "the Wonder Weeks app", "the DIR model").
PRODUCT_NOUNS = _set(
    """app apps carrier sock monitor camera bottle bottles nipple nipples formula pump pumps
    wrap swing seat bouncer crib bassinet stroller pacifier paci cream lotion ointment drops
    wipes diapers book books video videos show series podcast song songs toy toys game
    program programme model approach curriculum scale survey questionnaire screener tool
    assessment handout handouts training method framework checklist inventory website site
    brand product products medicine syrup tablets pill pills shot vaccine sack pillow mat gate
    wash shampoo gel spray vitamins gummies harness class classes group groups protocol
    technique strategy intervention test screen therapy"""
)
# A run that ends in one of these is a method or a programme, not a person ("Marschak
# Interaction Method", "Moral Reconation Therapy").
PROGRAMME_ENDINGS = _set(
    """method therapy scale model program programme approach curriculum inventory assessment
    questionnaire protocol training intervention technique parenting class group survey
    checklist test screener framework system"""
)
STREET_PREPOSITIONS = frozenset({"on", "off"})
# Words after which the next word is a name, whatever its case ("a girl named journey").
NAMING = _set("named called nicknamed")
ING_WORDS = _set("something nothing anything everything during morning evening spring string")
CONTRACTION_TAILS = frozenset({"ll", "re", "ve", "d", "s", "t", "m"})
HEADING_MAX_WORDS = 10
# What opens a bracket that says who the word before it is ("Rich (the cook)", "summer (4yo)",
# "tony (mom's cousin)"): a role, a determiner or an age.
WHO_IN_BRACKETS = re.compile(
    r"[ ]?\((?:\d|(?:the|a|an|my|her|his|their|our|mom'?s|dad'?s|baby'?s|maternal|paternal|foster"
    r"|older|younger|oldest|youngest|big|little|twins?|mom|dad|mother|father|aunt|uncle|cousin"
    r"|sister|brother|grandma|grandpa|gma|gpa|bf|gf|boyfriend|girlfriend|neighbou?r|friend"
    r"|teacher|nurse|worker|caseworker|supervisor)\b)", re.IGNORECASE)
# An apposition that says who a name is ("Faith, my supervisor last year, ...").
WHO_AFTER_COMMA = re.compile(
    r"(?:,[ ]+\d{1,2}(?:[ ]?(?:yo|y/o|mo|months?|years?(?:[ ]old)?))?[ ]*,"
    r"|(?:,|[ ]+and)[ ]+(?:my|her|his|their|our|the|mom'?s|dad'?s)[ ]+(?:\w+[ ]+)?"
    r"(?:supervisor|therapist"
    r"|worker|caseworker|teacher|neighbou?r|friend|coworker|co-worker|cousin|aunt|uncle|sister"
    r"|brother|mother|father|mom|dad|grandma|grandpa|partner|boyfriend|girlfriend|nurse|doctor"
    r"|lawyer|attorney|sponsor|mentor|son|daughter|baby|niece|nephew)\b)", re.IGNORECASE)
# Words before "is" that make the next word a name ("worker is mike", "pt is keyonna").
NAMED_BY_IS = _set(
    """worker caseworker pt patient client name mom dad mother father baby son daughter
    boyfriend girlfriend bf gf supervisor teacher nurse therapist doctor sister brother"""
)
LOWER_TITLES = _set("dr mr mrs ms")
ROMAN = _set("I II III IV V")
PLACE_PREPOSITIONS = _set("at to from in near into")
# Kin words typed short, which a bracket or "is" after them does not make a name.
KIN = _set("ggma ggpa gma gpa gg ggm ggp gramma grammy pop pops poppy mimi meemaw nonna")
DETERMINERS = _set("the a an this that his her their my our your its")
# Parts of a run-together product name that read as a person's name prefix ("DeShawn",
# "LaToya", "McKenzie"), so such a word is not taken for an app ("ClassDojo", "GoFundMe").
NAME_PREFIXES = _set("mc mac de la le da di du van von o ja ka ke sha ty d")
# Lower-case towns by their endings ("swoyersville", "pottstown"), when not an English word.
TOWN_ENDINGS = ("ville", "burg", "burgh", "boro", "borough", "town", "ton", "ford", "field",
                 "port", "mouth", "dale", "haven", "land", "wood")
# Words after which a lower-case word that is no English word is most likely a person
# ("played with kayden", "told jaxon"), unless it is a misspelt English word ("recieved").
SOCIAL_WORDS = _set(
    """with and to for from told asked called saw met visited tell ask call see meet texted
    hugged picked dropped watched"""
)
