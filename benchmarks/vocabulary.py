"""Word pools and sentence templates for synthetic infant-mental-health reflections.

Every template slot ``{name}`` is filled with a random item of ``POOLS[name]``. The text
is invented for these benchmarks; it only has to look and index like real reflections:
a few very common words (baby, mother, feeding), a long tail, and rare clinical terms.
"""

from __future__ import annotations

POOLS: dict[str, tuple[str, ...]] = {
    "parent": (
        "the mother", "the father", "mum", "dad", "grandmother", "the foster carer",
        "the kinship carer", "the parent", "her partner", "the young mother", "the stepfather",
        "the aunt", "both parents", "the caregiver",
    ),
    "child": (
        "the baby", "the infant", "the toddler", "the little one", "the newborn",
        "the older sibling", "the twins", "the preschooler",
    ),
    "baby_did": (
        "arched away", "turned toward the window", "began to cry", "settled against her chest",
        "reached for the bottle", "smiled for the first time today", "fell asleep mid-feed",
        "watched my face closely", "banged the blocks together", "crawled to the door",
        "pulled at the blanket", "babbled back", "went very still", "rubbed their eyes",
        "refused the spoon", "startled at the noise", "clung to the carer",
        "kept glancing back to check", "fussed until picked up", "explored the toy basket",
    ),
    "responded": (
        "soothed them gently", "looked away", "laughed and copied the sound",
        "held them a little tighter", "put them down quickly", "named the feeling aloud",
        "offered the breast", "waited and watched", "sighed and reached for the phone",
        "sang a lullaby", "rocked them slowly", "handed them to me", "told them to stop",
        "followed their lead", "paused before answering",
    ),
    "manner": (
        "warmly", "hesitantly", "with visible tiredness", "with real delight", "very quickly",
        "without looking up", "tenderly", "a little roughly", "with a lot of patience",
        "almost automatically", "playfully",
    ),
    "feeling_me": (
        "a tightness in my chest", "my own impatience", "a wish to rescue", "sadness",
        "a flicker of irritation", "real warmth", "a pull to fix things", "relief",
        "helplessness", "tenderness", "anxiety about the next visit", "protectiveness",
        "curiosity", "some guilt",
    ),
    "feeling_word": (
        "worried", "moved", "tired", "hopeful", "unsettled", "calm", "frustrated", "useless",
        "touched", "confused", "anxious", "grateful", "heavy", "lighter", "overwhelmed",
    ),
    "topic": (
        "feeding", "sleep", "crying at night", "the return to work", "the move to a new flat",
        "starting childcare", "the birth", "the NICU stay", "weaning", "toilet training",
        "tantrums", "the custody hearing", "money worries", "the new baby", "screen time",
        "the relationship with her own mother", "postnatal depression", "breastfeeding",
        "separation at drop-off", "discipline", "the health visitor's concerns",
        "the developmental check", "visits with the birth family", "the housing situation",
        "bedtime routines", "biting at nursery", "the father's absence", "grief after the loss",
    ),
    "worry": (
        "the baby prefers me", "she is doing it all wrong", "the crying will ever stop",
        "the baby remembers the hospital", "he is too rough", "the baby is behind",
        "they will be judged", "the baby can sense her sadness", "the baby is manipulating her",
        "she is repeating her own childhood", "the placement will last",
    ),
    "trigger": (
        "the door slammed", "the phone rang", "I arrived late", "the older child climbed on her",
        "we talked about the father", "the bottle ran out", "the dog barked",
        "the interpreter left", "the nappy change began", "I asked about her childhood",
    ),
    "echo": (
        "her own mother's coldness", "a time she was left alone as a child",
        "the way my father used to go quiet", "an earlier visit with this family",
        "a story from the grandmother", "the loss she never talked about",
        "my first year in this work", "a family I worked with years ago",
        "how she was cared for in foster care", "the rules of her childhood home",
    ),
    "history": (
        "her own childhood", "a difficult pregnancy", "the premature birth",
        "moving between countries", "years in care", "losing a first baby",
        "growing up with a depressed parent", "the family's migration", "a violent relationship",
        "being the eldest of seven", "a loving grandmother",
    ),
    "affect": (
        "flat voice", "tears", "surprising humour", "anger", "pride", "long silences",
        "a rush of words", "little expression", "shame", "warmth",
    ),
    "quality": (
        "real connection", "attunement", "rupture", "repair", "shared joy", "tension",
        "quiet", "mutual delight", "disconnection", "playfulness",
    ),
    "moment": (
        "the baby reached up and touched her face", "they laughed together at the peekaboo game",
        "she noticed the baby's cue and slowed down", "the feed fell apart",
        "he held the baby up to the mirror", "the toddler brought her a book",
        "she looked at me instead of the baby", "the baby's gaze followed her across the room",
        "she finally sat down on the floor", "the crying stopped once she hummed",
    ),
    "wonder": (
        "the baby's crying stirs something from her own infancy",
        "my tiredness mirrors hers", "I am carrying the family's hopelessness",
        "the father feels pushed out", "the routine protects her from closeness",
        "the baby is being seen as the grandfather", "I am being cast as the critical mother",
        "my advice landed as criticism", "the baby's stillness is a kind of vigilance",
        "she needs me to hold the worry for now",
    ),
    "sup_topic": (
        "my urge to rescue this family", "what I bring from my own childhood",
        "the parallel process with my team", "how culture shaped my assumptions",
        "the limits of my role", "staying with not knowing", "how to end with this family",
        "my reactions to the father", "my fear of getting it wrong", "boundaries",
    ),
    "sup_insight": (
        "how much I had taken on", "the baby's perspective", "my own rhythm of rushing",
        "the strengths I had overlooked", "the family's cultural strengths",
        "that my silence was also an intervention", "how tired I was",
        "the repair that had already happened", "the anger under the sadness",
    ),
    "plan": (
        "slow down and wait", "name the baby's cues aloud", "ask about her own mother",
        "bring this to supervision", "check in about sleep", "offer a video feedback session",
        "ask what she is proud of", "sit on the floor with them", "follow the baby's lead",
        "notice my own breathing", "prepare for the ending", "ask about the interpreter",
        "stay curious instead of advising",
    ),
    "my_action": (
        "giving advice too fast", "talking over the silence", "holding my breath",
        "smiling too much", "looking at the clock", "leaning toward the baby",
        "rushing the ending", "agreeing too quickly",
    ),
    "room": (
        "small kitchen", "cold living room", "crowded clinic room", "video call",
        "noisy waiting area", "tidy flat", "shelter bedroom", "hospital side room",
    ),
    "capacity": (
        "notice the baby", "slow down", "stay present", "talk about the past", "play",
        "ask for help", "rest", "think about feelings",
    ),
    "quote": (
        "that she never had anyone to hold her", "that the baby just wants to annoy her",
        "that things are better since the last visit", "that she does not trust services",
        "that the baby looks like her father", "that she is scared of getting it wrong",
        "that she loves watching him sleep", "that nobody asks how she is",
    ),
    "baby_state": (
        "overwhelmed", "hungry", "frightened", "tired", "curious", "overstimulated",
        "waiting to be noticed", "looking for safety", "teething", "unwell",
    ),
    "parent_state": (
        "exhausted", "lonely", "afraid of being judged", "far away in her thoughts",
        "proud", "still grieving", "trying very hard", "overwhelmed", "depressed", "hopeful",
    ),
    "theory": (
        "attachment theory", "the idea of ghosts in the nursery", "angels in the nursery",
        "serve and return", "the circle of security", "mentalisation",
        "the window of tolerance", "co-regulation", "containment", "reflective functioning",
        "the still face experiment", "parallel process",
    ),
    "holding": (
        "the image of the baby going still", "her question about whether she is a bad mother",
        "the worry about the father's temper", "the sadness in that room",
        "how little support they have", "the hope in the last ten minutes",
    ),
    "routine": (
        "bath time", "the morning feed", "nappy changes", "bedtime", "drop-off at nursery",
        "mealtime", "nap time", "the walk to the park",
    ),
    "routine_response": (
        "became tense and hurried", "sang the same song each time", "handed the baby over",
        "talked softly throughout", "stayed close and watchful", "lost patience",
        "made it into a game",
    ),
    "looked_for": (
        "reassurance", "permission", "comfort", "a smile", "help", "approval",
    ),
    "training_topic": (
        "reflective supervision", "infant observation", "trauma-informed care",
        "the DC:0-5 classification", "perinatal mental health", "video interaction guidance",
        "cultural humility", "early relational health", "child-parent psychotherapy",
        "working with fathers", "motivational interviewing",
    ),
    "learning": (
        "behaviour is communication", "the relationship is the intervention",
        "curiosity comes before advice", "I need to look after myself too",
        "every family has strengths", "the baby is a person from the start",
        "rupture can be repaired", "culture shapes every caregiving choice",
    ),
    "body_state": (
        "heavy", "restless", "tense in the shoulders", "tired but settled", "achy",
        "wired", "calm", "depleted",
    ),
    "selfcare": (
        "a walk at lunchtime", "talking to a colleague", "an early night", "music in the car",
        "writing this down", "time in the garden", "a long bath", "cooking something slowly",
    ),
    "rare": (
        "torticollis", "plagiocephaly", "laryngomalacia", "tongue-tie", "frenotomy",
        "hyperemesis", "oligohydramnios", "kangaroo care", "bradycardia", "jaundice",
        "phototherapy", "reflux", "thrush", "croup", "bronchiolitis", "eczema", "colic",
        "gripe water", "pacifier", "swaddle", "sling", "cosleeping", "nightlight",
        "lullabies", "peekaboo", "babbling", "object permanence", "stranger anxiety",
        "hypervigilance", "dissociation", "mentalising", "proprioceptive", "vestibular",
        "interoception", "neurodivergence", "echolalia", "selective mutism", "pica",
        "encopresis", "enuresis", "failure to thrive", "safeguarding", "guardianship",
        "kinship", "reunification", "adoption", "surrogacy", "IVF", "stillbirth",
        "miscarriage", "postpartum psychosis", "doula", "midwife", "lactation",
        "formula", "weighing clinic", "interpreter", "Ramadan", "Diwali", "Lunar New Year",
    ),
}

COMMON_TEMPLATES: tuple[str, ...] = (
    "{parent} held {child} {manner} while {child} {baby_did}.",
    "{child} {baby_did} and {parent} {responded}.",
    "I noticed {feeling_me} when {parent} talked about {topic}.",
    "We talked about {topic}, and {parent} wondered aloud whether {worry}.",
    "When {trigger}, {child} {baby_did}, and I felt {feeling_word}.",
    "It reminded me of {echo}.",
    "{parent} described {history} with {affect}.",
    "There was a moment of {quality} when {moment}.",
    "I wondered whether {wonder}.",
    "I found myself {my_action} and later felt {feeling_word}.",
    "The {room} seemed to shape how {parent} could {capacity}.",
    "{parent} told me {quote}.",
    "Perhaps {child} was {baby_state}, and {parent} was {parent_state}.",
    "This links to {theory}.",
    "I am still holding {holding}.",
    "Around {routine}, {parent} {routine_response}.",
    "{child} {baby_did} and looked back at {parent} for {looked_for}.",
    "Next time I will {plan}.",
    "After the visit I felt {feeling_word}, and I think {wonder}.",
)

KIND_TEMPLATES: dict[str, tuple[str, ...]] = {
    "session": (
        "During the home visit {child} {baby_did}.",
        "{parent} asked for help with {topic}.",
    ),
    "supervision": (
        "In supervision I brought {sup_topic}.",
        "My supervisor helped me notice {sup_insight}.",
    ),
    "supervision-given": (
        "My supervisee brought {sup_topic}, and I noticed {feeling_me}.",
        "Together we found {sup_insight}.",
    ),
    "supervision-prep": (
        "I want to bring {sup_topic} to supervision.",
        "It feels stuck around {topic}; I keep thinking {wonder}.",
    ),
    "training": (
        "The training on {training_topic} reminded me that {learning}.",
        "A key idea from {training_topic}: {learning}.",
    ),
    "reflection": (
        "Lately I keep returning to {topic}.",
        "I am learning that {learning}.",
    ),
    "self-care": (
        "Today my body felt {body_state}; {selfcare} helped a little.",
        "This week I am carrying {holding}, and I felt {feeling_word}.",
    ),
}

RARE_SENTENCES: tuple[str, ...] = (
    "We also touched on {rare}.",
    "The {rare} question came up again.",
    "{parent} mentioned {rare} in passing.",
)

TITLE_STARTS: dict[str, tuple[str, ...]] = {
    "session": ("Home visit", "Dyadic session", "Clinic visit", "Telehealth check-in",
                "NICU visit", "Group session"),
    "supervision": ("RSC", "Supervision", "Group RSC"),
    "supervision-given": ("Supervising", "Group RSC I led"),
    "supervision-prep": ("For next RSC", "Prep"),
    "training": ("Training", "Workshop", "Reading", "Webinar"),
    "reflection": ("Thinking about", "Notes on", "On my mind"),
    "self-care": ("Check-in", "How I am"),
}

USER_TAG_LABELS: tuple[str, ...] = (
    "follow-up", "to discuss in RSC", "good moment", "paperwork", "interpreter used",
    "NICU graduates", "team meeting", "home safety", "dads group", "waitlist",
    "court report", "school readiness", "breastfeeding", "sleep", "transitions", "grief",
    "teen parents", "twins", "refugee families", "housing", "my learning", "conference",
    "endorsement portfolio", "ending",
)

# Query words, checked against the corpus at measurement time (their hit counts are
# reported). "Common" words come from pools used by many templates; "rare" ones from the
# rare pool, which appears in about one entry in five, one term at a time.
COMMON_WORDS: tuple[str, ...] = (
    "baby", "mother", "father", "felt", "noticed", "parent", "toddler", "infant",
    "feeding", "sleep", "crying", "supervision", "attachment", "repair", "tired", "worried",
    "grandmother", "childhood", "visit", "bedtime", "routine", "warmly", "curiosity",
    "nursery", "reassurance", "comfort", "hopeful", "anxious", "theory", "moment",
)
RARE_WORDS: tuple[str, ...] = (
    "torticollis", "plagiocephaly", "laryngomalacia", "frenotomy", "hyperemesis",
    "oligohydramnios", "bradycardia", "jaundice", "phototherapy", "reflux", "thrush",
    "croup", "bronchiolitis", "eczema", "colic", "pacifier", "swaddle", "cosleeping",
    "midwife", "hypervigilance", "dissociation", "proprioceptive", "vestibular",
    "interoception", "echolalia", "encopresis", "enuresis", "reunification", "doula",
    "lactation", "surrogacy", "stillbirth",
)
PREFIXES: tuple[str, ...] = (
    "attach", "regulat", "sooth", "feed", "sleep", "cry", "superv", "reflect", "grand",
    "play", "mother", "repair", "worr", "anx", "calm", "separat", "bott", "tod", "inf",
    "parent", "hold", "notic", "wonder", "curio", "ghost", "cultur", "rout", "hope",
    "lact", "swadd", "bronch", "enur",
)
