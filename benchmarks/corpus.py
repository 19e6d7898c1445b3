"""Repeatable synthetic journals: entries with prompt answers, fields, tags and dates.

Everything is drawn from one seeded ``random.Random``, so the same size and seed give
the same journal on every machine and every run.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from benchmarks import vocabulary as vocab
from reflectjournal.domain.entry import Entry, FieldValue
from reflectjournal.domain.ids import EntryId, TagId
from reflectjournal.domain.taxonomy import Catalog, EntryKind, FieldSpec, Tag

# Bump when the generated data changes, so journals built by older code are rebuilt.
CORPUS_VERSION = 2
FIRST_DAY = dt.date(2021, 6, 1)
DAYS = 5 * 365
MIN_WORDS, MAX_WORDS = 150, 400

KIND_WEIGHTS: dict[str, float] = {
    "session": 45, "supervision": 14, "supervision-given": 5, "supervision-prep": 5,
    "training": 8, "reflection": 15, "self-care": 8,
}
_DURATION_KINDS = ("session", "supervision", "supervision-given")
_SLOT = re.compile(r"\{(\w+)\}")

Template = tuple[tuple[str, ...], tuple[str, ...]]
"""A template split into literal text pieces and the pool names between them."""


def _compile(text: str) -> Template:
    pieces = _SLOT.split(text)
    return tuple(pieces[0::2]), tuple(pieces[1::2])


_COMMON = tuple(_compile(t) for t in vocab.COMMON_TEMPLATES)
_BY_KIND = {k: tuple(_compile(t) for t in ts) for k, ts in vocab.KIND_TEMPLATES.items()}
_RARE = tuple(_compile(t) for t in vocab.RARE_SENTENCES)


@dataclass(frozen=True, slots=True)
class TagPools:
    """The tags entries are drawn from, with popularity weights."""

    competencies: tuple[Tag, ...]
    themes: tuple[Tag, ...]
    user: tuple[Tag, ...]

    @property
    def all(self) -> tuple[Tag, ...]:
        """Return every tag, for the export document."""
        return self.competencies + self.themes + self.user


def user_tags(seed: int) -> tuple[Tag, ...]:
    """Return the synthetic user tags (ids look like the app's own u-<hex>)."""
    rng = random.Random(f"user-tags-{seed}")
    return tuple(
        Tag(TagId(f"u-{rng.getrandbits(32):08x}"), "user", label)
        for label in vocab.USER_TAG_LABELS
    )


class Generator:
    """Produces entries one at a time, in date order."""

    def __init__(self, seed: int, catalog: Catalog, tags: TagPools) -> None:
        self._rng = random.Random(seed)
        self._catalog = catalog
        self._tags = tags
        self._weights = {
            family: _zipf_weights(len(pool), random.Random(f"{family}-{seed}"))
            for family, pool in (("competency", tags.competencies), ("theme", tags.themes),
                                 ("user", tags.user))
        }

    def entries(self, size: int) -> list[Entry]:
        """Return `size` entries spread over five years, oldest first."""
        days = sorted(self._rng.randrange(DAYS) for _ in range(size))
        return [self.entry(FIRST_DAY + dt.timedelta(days=d)) for d in days]

    def entry(self, day: dt.date) -> Entry:
        """Return one entry dated `day`."""
        rng = self._rng
        kind = self._catalog.kind(rng.choices(list(KIND_WEIGHTS),
                                               list(KIND_WEIGHTS.values()))[0])
        sentences = self._sentences(kind.id, rng.randint(MIN_WORDS, MAX_WORDS))
        answers, body = self._split(kind, sentences)
        created = dt.datetime.combine(day, dt.time(7), dt.UTC) + dt.timedelta(
            seconds=rng.randrange(14 * 3600))
        modified = created + dt.timedelta(seconds=rng.choice((0, 0, 60, 3600, 86400)))
        return Entry(
            id=EntryId(str(uuid.UUID(int=rng.getrandbits(128), version=4))),
            kind=kind.id, date=day, title=self._title(kind.id), body=body,
            answers=answers, fields=self._fields(kind),
            duration_minutes=(rng.randrange(20, 121, 5) if kind.id in _DURATION_KINDS
                              else None),
            competencies=self._pick("competency", self._tags.competencies,
                                    (25, 30, 25, 15, 5)),
            themes=self._pick("theme", self._tags.themes, (40, 35, 18, 7)),
            tags=self._pick("user", self._tags.user, (70, 22, 8)),
            starred=rng.random() < 0.08, created_at=created, modified_at=modified,
        )

    def _sentences(self, kind: str, words: int) -> list[str]:
        rng = self._rng
        templates = _COMMON + _BY_KIND[kind] * 3
        out: list[str] = []
        count = 0
        rare_at = rng.randrange(8) if rng.random() < 0.2 else -1
        while count < words:
            template = rng.choice(_RARE) if len(out) == rare_at else rng.choice(templates)
            sentence = self._fill(template)
            out.append(sentence)
            count += sentence.count(" ") + 1
        return out

    def _fill(self, template: Template) -> str:
        texts, slots = template
        parts = [texts[0]]
        for slot, text in zip(slots, texts[1:], strict=True):
            parts.append(self._rng.choice(vocab.POOLS[slot]))
            parts.append(text)
        sentence = "".join(parts)
        return sentence[0].upper() + sentence[1:]

    def _split(self, kind: EntryKind, sentences: list[str]) -> tuple[dict[str, str], str]:
        """Give some sentences to prompt answers and the rest to the free text."""
        rng = self._rng
        prompts = kind.prompt_set.prompts
        answered = rng.sample(prompts, min(len(prompts), rng.choice((0, 0, 1, 2, 3, 4))))
        answers: dict[str, str] = {}
        for prompt in sorted(answered, key=prompts.index):
            take = rng.randint(1, 4)
            answers[prompt.id] = " ".join(sentences[:take])
            sentences = sentences[take:]
        paragraphs = []
        while sentences:
            take = rng.randint(3, 6)
            paragraphs.append(" ".join(sentences[:take]))
            sentences = sentences[take:]
        return answers, "\n\n".join(paragraphs)

    def _title(self, kind: str) -> str:
        rng = self._rng
        if rng.random() < 0.3:
            return ""
        start = rng.choice(vocab.TITLE_STARTS[kind])
        return f"{start}: {rng.choice(vocab.POOLS['topic'])}"

    def _fields(self, kind: EntryKind) -> dict[str, FieldValue]:
        # provider_id names a provider record, which the benchmark journals do not hold.
        return {f.id: self._value(f) for f in kind.fields
                if self._rng.random() < 0.85 and f.id != "provider_id"}

    def _value(self, spec: FieldSpec) -> FieldValue:
        rng = self._rng
        ids = [c.id for c in spec.choices]
        if spec.type == "choice":
            return rng.choice(ids)
        if spec.type == "multi":
            return rng.sample(ids, rng.randint(1, 3))
        if spec.type == "bool":
            return rng.random() < 0.2
        if spec.type in ("hours", "minutes"):
            return float(rng.randrange(1, 13)) / 2 if spec.type == "hours" else 60
        if spec.type == "count":
            return rng.randrange(1, 9)
        if spec.type == "date":
            year, month, day = rng.randrange(2021, 2027), rng.randrange(1, 13), rng.randrange(1, 29)
            return f"{year}-{month:02d}-{day:02d}"
        if spec.id == "client_code":
            return f"K{rng.randrange(400):03d}"
        if spec.id == "feelings":
            return ", ".join(rng.sample(vocab.POOLS["feeling_word"], 2))
        return rng.choice(("A.B.", "Supervisor M", "C.D.", "Team lead", "E.F.", "Local IMH"))

    def _pick(
        self, family: str, pool: Sequence[Tag], count_weights: Sequence[int]
    ) -> tuple[TagId, ...]:
        if not pool:
            return ()
        rng = self._rng
        count = rng.choices(range(len(count_weights)), count_weights)[0]
        chosen = rng.choices(pool, self._weights[family], k=count)
        return tuple(dict.fromkeys(t.id for t in chosen))


def _zipf_weights(n: int, rng: random.Random) -> list[float]:
    """Return popularity weights ~ 1/rank in a seeded random order (a few tags dominate)."""
    weights = [1.0 / (rank + 1) for rank in range(n)]
    rng.shuffle(weights)
    return weights
