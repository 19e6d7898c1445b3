"""Word lists for the capitalised-name heuristic in `names` (plain data, all lower case).

`NOT_NAMES` are never flagged, wherever they stand: the pronoun "I", months and weekdays,
holidays, family roles used as forms of address, programmes and measures of the field,
theorists, languages and peoples, and places no smaller than a US state (which HIPAA's
Safe Harbor list allows).

`COMMON_WORDS` are ordinary English words. A capitalised common word is skipped only at the
start of a sentence; in mid-sentence a capital letter is the best hint of a proper noun
("we met Hope", "Cook County"), so there it is still flagged.

`TITLES` are words after which the next capitalised word is flagged even if it is common
("Ms. Rose", "Judge Price").
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTHS_AND_DAYS = """
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
monday tuesday wednesday thursday friday saturday sunday
mon tue tues wed thu thur thurs fri sat sun
mondays tuesdays wednesdays thursdays fridays saturdays sundays
"""

_HOLIDAYS_AND_FAITH = """
christmas easter thanksgiving halloween passover hanukkah chanukah diwali ramadan eid kwanzaa
juneteenth memorial labor labour veterans independence valentine valentines mother's father's
lunar new year years eve day night holiday holidays
god lord allah mass rosary sabbath shabbat jummah bible quran koran torah scripture church
mosque synagogue temple
christian christians catholic protestant baptist pentecostal muslim muslims jewish hindu
buddhist sikh mormon evangelical orthodox
"""

_FAMILY_ROLES = """
i mom moms mommy mom's mama mamá mami mother mothers dad dads daddy dad's papa papá papi
father fathers baby babies baby's grandma grandpa granny grandmother grandfather nana nanna
abuela abuelo abuelita abuelito tía tío tia tio titi auntie aunt uncle sister brother
cousin godmother godfather madrina padrino bebé nene nena mijo mija sis bro boo
"""

_TITLES = """
dr dr. mr mr. mrs mrs. ms ms. mx mx. miss prof prof. professor judge officer det det.
detective sgt sgt. sergeant pastor rev rev. reverend coach nurse aunt auntie uncle tía tío
tia tio titi grandma grandpa abuela abuelo st st. saint san santa
"""

# The field's programmes, measures, services and institutions (names only).
_PROGRAMMES = """
head start early intervention wic snap tanf ssi ssdi medicaid medicare nicu picu
icu part ifsp iep dir floortime circle security child-parent child parent parents
psychotherapy cpp asq asq-3 asq:se asq:se-2 se dc dcfs cps dhs acs dss dcf gal casa rsc
endorsement endorsed endorsements alliance advancement association infant infants toddler
toddlers family families mental health specialist specialists associate mentor mentors
clinical policy research faculty reflective supervision supervisor consultation consultant
practice practitioner competency competencies guidelines framework rios fan facilitating
attuned interactions ncast bayley bayley-4 mullen battelle deca edinburgh epds phq phq-9
gad gad-7 apgar pcit abc triple incredible parents-as-teachers nurse-family partnership healthy
safecare safe care touchpoints newborn behavioral behavioural observations nbo strange
situation still face working model interview wmci minding video feedback zero three
strengthening protective factors adverse childhood experiences aces trauma-informed trauma
informed reggio montessori ghosts ghost nursery angels serve return services service
department court courts juvenile dependency family court hospital hospitals clinic clinics
center centre centers program programs programme unit team agency agencies office school
schools daycare childcare preschool shelter housing authority division bureau county-wide
state federal national institute university college academy foundation coalition network
collaborative learning training webinar conference institute module modules session sessions
visit visits home visiting visitor visitors guardian litem ad appointed special advocate
advocates protective investigator caseworker caseworkers worker workers social case manager
managers intake hotline legal aid public defender attorney general assistant
diagnostic classification disorders dsm dsm-5 dc:0-5 icd icd-10 ce ceu ceus cne cme lmsw lcsw
lmhc lcat lpc lmft ot pt slp rn np md phd psyd msw bsw iecmh imh ecmh iecmhc ecmhc
covid covid-19 coronavirus pandemic zoom teams skype facetime whatsapp google gmail facebook
instagram tiktok youtube twitter snapchat iphone ipad android excel word powerpoint pdf
amazon target walmart uber lyft cta metra
doula doulas lactation pediatrics neonatology psychiatry psychology radiology cardiology
neurology genetics nutrition dietitian audiology ophthalmology triage sensory developmental
developmentally milestones
tdap dtap mmr hpv rsv hib ipv pcv rotavirus varicella hepatitis flu vaccine vaccines
"""

_THEORISTS = """
fraiberg adelson shapiro bowlby ainsworth winnicott lieberman brazelton tronick siegel
weatherston stroud heffron shahmoon-shanok greenspan wieder piaget vygotsky erikson freud
bion fonagy slade gibbs driscoll kolb schön schon zeanah gilkerson emde sroufe
porges shonkoff beebe lachmann mahler spitz bronfenbrenner maslow ghosh ippen
nugent karp
"""

# Languages, peoples and places no smaller than a state (allowed by Safe Harbor).
_PEOPLES_AND_STATES = """
english spanish arabic somali haitian creole kreyòl french portuguese vietnamese mandarin
cantonese chinese korean japanese hmong tagalog filipino polish russian ukrainian urdu hindi
bengali punjabi swahili amharic tigrinya oromo yoruba igbo twi farsi persian dari pashto
burmese nepali karenni rohingya quechua mam k'iche' asl sign
american americans african asian european latino latina latinx latine hispanic black white
indigenous native alaska pacific islander mexican guatemalan honduran salvadoran
puerto rican puertorriqueña dominican cuban colombian venezuelan ecuadorian peruvian
ethiopian eritrean nigerian ghanaian congolese syrian afghan iraqi iranian yemeni
palestinian indian pakistani bangladeshi irish italian german
alabama arizona arkansas california colorado connecticut delaware florida
hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
michigan minnesota mississippi missouri montana nebraska nevada hampshire jersey mexico york
carolina ohio oklahoma oregon pennsylvania rhode island tennessee texas utah vermont
wisconsin wyoming usa u.s. america united states canada guatemala honduras haiti
puerto rico dominican republic cuba colombia venezuela ecuador peru brazil ukraine
poland russia china vietnam korea japan philippines india pakistan afghanistan iraq iran
syria yemen somalia ethiopia eritrea nigeria ghana congo sudan egypt morocco
europe africa
"""

NOT_NAMES: frozenset[str] = _words(
    _MONTHS_AND_DAYS
    + _HOLIDAYS_AND_FAITH
    + _FAMILY_ROLES
    + _PROGRAMMES
    + _THEORISTS
    + _PEOPLES_AND_STATES
)

TITLES: frozenset[str] = _words(_TITLES)

# Ordinary words that often start a sentence in a clinician's note. Names that are also
# words (Hope, Grace, Rose, Joy, Mark) are left out on purpose, so a sentence that starts
# with one is still flagged.
_COMMON = """
a an the this that these those there here it its it's they them their theirs we us our ours
you your yours he him his she her hers me my mine myself yourself himself herself itself
ourselves themselves who whom whose what which when where why how whoever whatever whenever
wherever however
and or but nor so yet for because although though while whereas if unless until till since
once than then also too either neither both each every all any some none no not nothing
none nobody noone someone somebody something anyone anybody anything everyone everybody
everything else other others another such same own only just even still already almost
always never ever often sometimes usually rarely seldom again soon later earlier today
tonight tomorrow yesterday now lately recently finally eventually meanwhile afterwards
afterward beforehand instead otherwise therefore thus hence anyway besides moreover
furthermore overall perhaps maybe probably possibly certainly clearly obviously apparently
actually really quite very rather somewhat slightly mostly mainly partly fully nearly
hardly barely simply mainly especially particularly generally typically initially
interestingly unfortunately fortunately luckily sadly honestly frankly hopefully thankfully
surprisingly importantly notably gradually suddenly slowly quickly quietly gently softly
together alone apart away back forward up down out in on off over under above below between
among through throughout during before after about around across along against toward
towards into onto upon within without beyond behind beside besides near next past via per
at by from of to with like unlike despite regarding concerning including
yes yeah ok okay oh ah um uh well hmm wow hi hello bye goodbye please thanks thank sorry
one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
hundred thousand first second third fourth fifth last next final half quarter several few
many much more most less least lot lots plenty enough
be am is are was were been being have has had having do does did doing done will would shall
should can could may might must ought need needs needed let lets let's
isn't aren't wasn't weren't haven't hasn't hadn't don't doesn't didn't won't wouldn't
shouldn't can't cannot couldn't mustn't i'm i've i'd i'll you're you've we're we've they're
they've he's she's that's there's what's who's here's where's how's
get gets got getting go goes went going gone come comes came coming make makes made making
take takes took taking taken give gives gave giving given see sees saw seeing seen look looks
looked looking watch watches watched watching notice notices noticed noticing hear hears
heard hearing listen listens listened listening say says said saying tell tells told
telling ask asks asked asking answer answered talk talks talked talking speak spoke speaking
call calls called calling text texted write writes wrote writing written read reading
think thinks thought thinking feel feels felt feeling know knows knew knowing known wonder
wondered wondering wonders believe believed remember remembered remembering forget forgot
want wants wanted wanting wish wished like liked love loved loves loving hate hated
try tries tried trying seem seems seemed keep keeps kept keeping leave leaves left leaving
stay stays stayed staying bring brings brought bringing hold holds held holding put puts
start starts started starting begin began begun beginning end ends ended ending stop stops
stopped stopping finish finished continue continued continuing move moves moved moving
sit sat sitting stand stood standing walk walked walking run ran running play plays played
playing sleep sleeps slept sleeping eat ate eating eaten feed feeds fed feeding drink drank
cry cries cried crying laugh laughed laughing smile smiled smiling hug hugged reach reached
reaching crawl crawled crawling roll rolled rolling turn turned turning open opened close
closed help helps helped helping show showed showing offer offered offering share shared
sharing meet met meeting arrive arrived arriving return returned returning wait waited
waiting work works worked working use used using find found finding lose lost losing miss
missed missing happen happened happening change changed changing learn learned learning
explore explored exploring reflect reflected reflecting reflection reflections consider
considered describe described describing explain explained mention mentioned suggest
suggested notice plan planned planning review reviewed schedule scheduled cancel cancelled
canceled reschedule rescheduled confirm confirmed discuss discussed name named
again already good bad great fine okay hard easy difficult tough heavy light new old young
little small big large long short high low full empty hot cold warm cool quiet loud calm
busy tired sad happy angry scared afraid worried anxious nervous upset glad proud ashamed
lonely safe unsafe kind gentle rough sweet soft clear unclear sure unsure true false real
right wrong different similar important interesting curious strange odd usual unusual
whole entire main early late free open closed ready able unable likely unlikely possible
impossible hopeful helpful useful present absent
time times day days week weeks month months year years hour hours minute minutes moment
moments morning mornings afternoon evening evenings night nights weekend weekends today's
baby child children kid kids toddler infant son daughter sons daughters boy boys girl girls
man men woman women people person family families parent parents mother father mom dad
caregiver caregivers partner partners husband wife boyfriend girlfriend friend friends
neighbor neighbors neighbour teacher teachers nurse nurses doctor doctors worker staff
team supervisor therapist clinician clinicians visitor interpreter director manager
home house apartment room kitchen bedroom floor door window car bus train street park
school work office clinic hospital shelter church store place places world life
thing things way ways part parts kind sort lot piece story stories history question
questions idea ideas point problem problems issue issues reason reasons plan plans goal
goals need feelings feeling sense mind body heart voice face eyes hands head arms
visit visits session sessions meeting call calls note notes form forms paper paperwork
report reports letter letters email emails phone message messages
attachment attunement regulation dysregulation separation reunion repair rupture loss grief
trauma safety risk support care play feeding sleep crying bedtime naps nap routine routines
behavior behaviour development language speech words word milestones screening assessment
diagnosis referral referrals services treatment therapy intervention goals outcomes
observation observations reflection supervision consultation training trainings hours
mom's dad's baby's mother's father's family's parent's child's
drop-off dropoff pickup pick-up bath bathtime diaper diapers bottle bottles formula breast
breastfeeding pumping tummy blanket toy toys book books blocks ball swing crib stroller
car-seat highchair
overall afterwards anyway nonetheless nevertheless regardless likewise similarly
sometimes eventually ultimately especially admittedly
whether whatever wherever whichever whenever
morning evening noon midnight spring summer fall autumn winter
mostly partly rather somehow somewhere anywhere everywhere nowhere
attended completed finished logged earned registered scored rated drove walked took spent
sat kept
grandmother grandfather grandparents grandparent aunt uncle cousin cousins sibling siblings
twins twin stepfather stepmother stepdad stepmom foster kinship adoptive adoption birth
biological bio
maternal paternal prenatal postnatal postpartum pregnancy pregnant labor delivery
weight height temperature fever
discharge transfer transition transitions placement placements reunification custody
visitation hearing hearings judge lawyer attorney caseworker caseload
mine none

# Imperatives and the words of forms and documents that open a line of notes.
send mail email fax print sign check bring follow link see note remember consider try
ask review update attach upload download save delete copy forward reply schedule
step steps phase phases level levels stage chapter chapters section sections page pages
item items table figure appendix module lesson unit part parts question questions
docket file files account accounts licence license licensure record records chart charts
case cases number numbers total totals summary agenda minutes topic topics task tasks
group groups individual dyadic virtual telehealth in-person primary secondary parallel
kangaroo skin-to-skin swaddle swaddling rooting latch latching colic reflux
pediatrician pediatric neonatal prematurity preemie preemies nicu-grad

# Words of notes and texts that no dictionary lists, and words of the field it lacks.
wifi sats dada bff bffs fam pm am dob intl appt appts wk wks yo hr hrs mins lol omg idk tbh
smh thx pls plz rn asap fyi btw aka etc vm cxl resched
permanency perinatal antenatal intrapartum neonatology postpartum peripartum kinship
reunification telehealth
pedi peds pcp obgyn gyn ob derm neuro ortho ent gi psych rehab meds labs vitals resp ekg eeg
mri cbc nsg sched mtg mtgs conf pics vid vids msg msgs txt txts convo bc cuz tho thru
"""

COMMON_WORDS: frozenset[str] = _words(_COMMON) | NOT_NAMES

# First names that are also everyday words. At the start of a sentence these count as names
# only when a verb follows ("Will cried", not "Will she"); other first names that the
# dictionary also lists as rare words ("Maria", "Ali") count as names wherever they stand.
NAME_WORDS: frozenset[str] = _words(
    """
    will may hope grace rose summer bill mark june april august autumn faith joy dawn
    art pat sue jack frank grant guy ray rich rob robin rocky rod ruby rusty sandy sunny
    amber crystal daisy destiny eve iris ivy jade jay jean jewel lily pearl penny precious
    sky skye storm star river rain angel baby bud buck chase chip christian cliff curt dean
    dot earl ernest gene glen gay heath hunter king lane major mason max miles misty
    pierce reed rex rocky sage scott skip stone victor wade ward warren wes win wood young
    harmony trinity journey paisley willow haven heaven miracle melody honey brook brooke
    carol carter cooper page price violet hazel olive ginger holly ivory coral
    may mercy patience prudence charity liberty justice noble royal marshall don
    honor honour wren legend story nova ocean lyric bliss halo echo raven phoenix blaze ace
    genesis zion saint legacy serenity karma sparrow lark dove aspen cedar juniper clover
    poppy rain sunny cash gunner archer ryder sterling true
    """
)
