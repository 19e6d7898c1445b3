"""Tags, entry kinds, fields and prompt sets, built from the data files in resources/.

The parsing here is strict so that a broken data file fails at start-up with the file and
key named, not later with a KeyError in the middle of a user's work.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from reflectjournal.domain.entry import FieldValue
from reflectjournal.domain.errors import InvalidInputError
from reflectjournal.domain.ids import TagId

TagFamily = Literal["competency", "theme", "user"]
FieldType = Literal["minutes", "hours", "choice", "multi", "text", "bool", "count", "date"]
_FIELD_TYPES: tuple[FieldType, ...] = (
    "minutes", "hours", "choice", "multi", "text", "bool", "count", "date")
MAX_COUNT = 100_000
_HOURS = ("none", "direct", "rsc-received", "rsc-given", "training")


@dataclass(frozen=True, slots=True)
class Tag:
    """A competency area, knowledge area, theme or user tag."""

    id: TagId
    family: TagFamily
    label: str
    parent: TagId | None = None
    meaning: str = ""
    group: str = ""
    aliases: tuple[str, ...] = ()
    retired: bool = False
    confirmed: bool = True  # False: a label we could not verify; the app marks it
    levels: tuple[str, ...] = ()  # Endorsement category ids it applies to; () = every one
    source: str = ""  # where a theme's idea comes from (themes only)
    alias_of: TagId | None = None  # another tag for the same idea; filters find both
    reference_ratings: bool = False  # reviewers judge this area mainly from reference ratings
    category_labels: tuple[tuple[str, str], ...] = ()  # (category, its own wording) pairs

    @property
    def level(self) -> int:
        """Return 1 for a top-level tag, 2 for a child."""
        return 1 if self.parent is None else 2

    def applies_to(self, category: str) -> bool:
        """Return whether this tag belongs to the given Endorsement category's list."""
        return not self.levels or category in self.levels

    def label_for(self, category: str) -> str:
        """Return the label in the category's own wording, if it words the item differently."""
        return dict(self.category_labels).get(category, self.label)


@dataclass(frozen=True, slots=True)
class Choice:
    """One option of a choice field."""

    id: str
    label: str


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """A kind-specific field such as setting or clock hours."""

    id: str
    label: str
    type: FieldType
    choices: tuple[Choice, ...] = ()
    help: str = ""
    # What an absent value means (only bools use it: `counts_for_endorsement` is true
    # unless unticked, so an editor stores False for it rather than leaving it out).
    default: bool | None = None

    def validate(self, value: FieldValue) -> FieldValue:
        """Return the value in canonical form or raise InvalidInputError."""
        ids = [c.id for c in self.choices]
        if self.type == "bool":
            if isinstance(value, bool):
                return value
        elif self.type == "minutes":
            if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 24 * 60:
                return value
        elif self.type == "hours":
            if isinstance(value, int | float) and not isinstance(value, bool) and (
                0 <= value <= 1000
            ):
                return float(value)
        elif self.type == "text":
            if isinstance(value, str) and len(value) <= 2000:
                return value
        elif self.type == "count":
            if isinstance(value, int) and not isinstance(value, bool) and (
                0 <= value <= MAX_COUNT
            ):
                return value
        elif self.type == "date":
            if isinstance(value, str) and _is_date(value):
                return value
        elif self.type == "choice":
            if isinstance(value, str) and value in ids:
                return value
        elif isinstance(value, list) and all(isinstance(v, str) and v in ids for v in value):
            return list(dict.fromkeys(value))
        allowed = f" (one of: {', '.join(ids)})" if ids else ""
        allowed = " (a date, YYYY-MM-DD)" if self.type == "date" else allowed
        raise InvalidInputError(f"'{value}' is not a valid value for {self.label}{allowed}.")


@dataclass(frozen=True, slots=True)
class Prompt:
    """One guided reflection question."""

    id: str
    label: str
    text: str


@dataclass(frozen=True, slots=True)
class PromptSet:
    """An ordered list of prompts shown for a kind of entry."""

    id: str
    label: str
    prompts: tuple[Prompt, ...]
    credit: str = ""  # whose reflective model the set follows, e.g. "Borton; Driscoll"
    # The user's template whose prompts these are ("t-..."); "" for the resources' own.
    # It travels with the prompts, so what the editor asks names the template a draft of
    # it was written on.
    template: str = ""


@dataclass(frozen=True, slots=True)
class EntryKind:
    """An entry kind (session, supervision ...) with its fields and prompts."""

    id: str
    label: str
    description: str
    prompt_set: PromptSet
    fields: tuple[FieldSpec, ...]
    uses_duration: bool
    hours: str

    def field(self, field_id: str) -> FieldSpec:
        """Return the field spec or raise InvalidInputError naming the allowed fields."""
        for spec in self.fields:
            if spec.id == field_id:
                return spec
        allowed = ", ".join(f.id for f in self.fields) or "none"
        raise InvalidInputError(
            f"'{self.label}' entries have no field '{field_id}' (fields: {allowed})."
        )

    def validate_fields(self, values: Mapping[str, FieldValue]) -> dict[str, FieldValue]:
        """Return the fields in canonical form, or raise for unknown fields or bad values."""
        return {key: self.field(key).validate(value) for key, value in values.items()}


@dataclass(frozen=True, slots=True)
class ThemeGroup:
    """A family of themes (ghosts in the nursery, angels, the practitioner ...)."""

    id: str
    label: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Catalog:
    """Everything the resource files define, versioned."""

    version: str
    competencies: tuple[Tag, ...]
    themes: tuple[Tag, ...]
    kinds: tuple[EntryKind, ...]
    prompt_sets: tuple[PromptSet, ...]
    theme_groups: tuple[ThemeGroup, ...] = ()

    def kind(self, kind_id: str) -> EntryKind:
        """Return the kind with this id (or label, case-insensitively)."""
        wanted = kind_id.strip().casefold()
        for kind in self.kinds:
            if wanted in (kind.id, kind.label.casefold()):
                return kind
        raise InvalidInputError(
            f"Unknown entry kind '{kind_id}'.",
            f"Kinds: {', '.join(k.id for k in self.kinds)}.",
        )


def resolve_tag(name_or_id: str, tags: Iterable[Tag], what: str) -> Tag:
    """Find a tag by id, label or alias, case-insensitively; suggest close matches if none."""
    wanted = " ".join(name_or_id.split()).casefold()
    candidates = list(tags)
    for tag in candidates:
        names = (tag.id.casefold(), tag.label.casefold(), *(a.casefold() for a in tag.aliases))
        if wanted in names:
            return tag
    close = _close_labels(wanted, [t.label for t in candidates if not t.retired])
    family = {"tag": "user"}.get(what, what)
    hint = (f"Did you mean: {'; '.join(close)}?" if close
            else f"List them with: reflectjournal tags --family {family}")
    raise InvalidInputError(f"Unknown {what} '{name_or_id}'.", hint)


def _close_labels(wanted: str, labels: Sequence[str]) -> list[str]:
    """Return up to three labels that look like what was typed, best first.

    Labels are long ("Attachment, separation, trauma, grief & loss"), so a typed word is
    also compared with each word of a label, and a fragment matches labels containing it.
    """
    scored: dict[str, float] = {}
    for label in labels:
        folded = label.casefold()
        words = [w.strip(",&/()") for w in folded.split()]
        best = max(
            [difflib.SequenceMatcher(None, wanted, folded).ratio()]
            + [difflib.SequenceMatcher(None, wanted, w).ratio() for w in words if w]
        )
        if wanted and wanted in folded:
            best = max(best, 0.9)
        if best >= 0.75:
            scored[label] = best
    return sorted(scored, key=lambda label: -scored[label])[:3]


def _text(table: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    value = table.get(key, default)
    if not isinstance(value, str) or (default is None and not value):
        raise ValueError(f"{where}: '{key}' must be a non-empty string")
    return value


def _names(table: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError(f"{where}: '{key}' must be a list of non-empty strings")
    return tuple(value)


def _flag(table: Mapping[str, Any], key: str, where: str, default: bool = False) -> bool:
    value = table.get(key, default)
    if not isinstance(value, bool):
        raise ValueError(f"{where}: '{key}' must be true or false")
    return value


def _tables(table: Mapping[str, Any], key: str, where: str) -> list[Mapping[str, Any]]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"{where}: '{key}' must be a list of tables")
    return value


def parse_competencies(data: Mapping[str, Any], where: str) -> tuple[Tag, ...]:
    """Build level-1 and level-2 competency tags from competencies.toml.

    A tag's `levels` are the categories (listed once in `categories`) whose competency list
    holds it. An area without `levels` applies to every category; a knowledge area without
    them applies wherever its area does, and never outside it.
    """
    categories = _names(data, "categories", where)
    _check_unique(categories, f"{where}: categories")
    tags: list[Tag] = []
    for i, area in enumerate(_tables(data, "area", where)):
        at = f"{where}: area[{i}]"
        area_id = TagId(_text(area, "id", at))
        area_levels = _levels(area, at, categories, categories)
        tags.append(Tag(area_id, "competency", _text(area, "label", at),
                        aliases=_names(area, "aliases", at), confirmed=_confirmed(area, at),
                        retired=_flag(area, "retired", at),
                        levels=area_levels,
                        reference_ratings=_flag(area, "reference_ratings", at),
                        category_labels=_category_labels(area, at, area_levels)))
        for j, child in enumerate(_tables(area, "knowledge", at)):
            ct = f"{at}.knowledge[{j}]"
            levels = _levels(child, ct, area_levels or categories, area_levels)
            tags.append(Tag(TagId(_text(child, "id", ct)), "competency", _text(child, "label", ct),
                            parent=area_id, aliases=_names(child, "aliases", ct),
                            confirmed=_confirmed(child, ct), retired=_flag(child, "retired", ct),
                            levels=levels, category_labels=_category_labels(child, ct, levels)))
    _check_unique((t.id for t in tags), where)
    return tuple(tags)


def _confirmed(table: Mapping[str, Any], where: str) -> bool:
    """Read a tag's `confirmed` key: a label is taken as verified unless marked false."""
    return _flag(table, "confirmed", where, True)


def _category_labels(table: Mapping[str, Any], where: str,
                     levels: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """Read `label_for`: category id -> that category's wording, for categories it applies to."""
    raw = table.get("label_for", {})
    if not isinstance(raw, dict) or not all(
        isinstance(k, str) and k in levels and isinstance(v, str) and v.strip()
        for k, v in raw.items()
    ):
        raise ValueError(
            f"{where}: 'label_for' must map categories of its levels"
            f" ({', '.join(levels) or 'none'}) to non-empty labels"
        )
    return tuple(raw.items())


def _levels(table: Mapping[str, Any], where: str, allowed: Sequence[str],
            default: tuple[str, ...]) -> tuple[str, ...]:
    """Read a tag's `levels`, each one of `allowed`; absent means `default`."""
    if "levels" not in table:
        return default
    levels = _names(table, "levels", where)
    unknown = [level for level in levels if level not in allowed]
    if unknown or not levels:
        choices = ", ".join(allowed) or "none: list them in 'categories' first"
        raise ValueError(f"{where}: 'levels' must name categories from: {choices}")
    return levels


def parse_theme_groups(data: Mapping[str, Any], where: str) -> tuple[ThemeGroup, ...]:
    """Build the theme groups from themes.toml, in file order."""
    groups = []
    for i, group in enumerate(_tables(data, "group", where)):
        at = f"{where}: group[{i}]"
        groups.append(ThemeGroup(_text(group, "id", at), _text(group, "label", at),
                                 _text(group, "description", at, "")))
    _check_unique((g.id for g in groups), where)
    return tuple(groups)


def parse_themes(data: Mapping[str, Any], where: str) -> tuple[Tag, ...]:
    """Build theme tags from themes.toml."""
    groups = {_text(g, "id", where) for g in _tables(data, "group", where)}
    tags: list[Tag] = []
    for i, theme in enumerate(_tables(data, "theme", where)):
        at = f"{where}: theme[{i}]"
        group = _text(theme, "group", at)
        if group not in groups:
            raise ValueError(f"{at}: unknown group '{group}'")
        alias_of = theme.get("alias_of")
        if alias_of is not None:
            alias_of = TagId(_text(theme, "alias_of", at))
        tags.append(Tag(TagId(_text(theme, "id", at)), "theme", _text(theme, "label", at),
                        meaning=_text(theme, "meaning", at, ""), group=group,
                        source=_text(theme, "source", at, ""), alias_of=alias_of,
                        retired=_flag(theme, "retired", at)))
    _check_unique((t.id for t in tags), where)
    _check_alias_targets(tags, where)
    return tuple(tags)


def _check_alias_targets(tags: Sequence[Tag], where: str) -> None:
    """Refuse an `alias_of` naming an unknown tag, itself, or another alias (no chains)."""
    by_id = {t.id: t for t in tags}
    for tag in tags:
        if tag.alias_of is None:
            continue
        target = by_id.get(tag.alias_of)
        if target is None or target.id == tag.id or target.alias_of is not None:
            raise ValueError(
                f"{where}: theme '{tag.id}': 'alias_of' must name another theme that is not"
                f" itself an alias ('{tag.alias_of}')"
            )


def linked_tags(tag_id: TagId, tags: Iterable[Tag]) -> tuple[TagId, ...]:
    """Return the other tags naming the same idea as `tag_id` (its alias target or aliases)."""
    candidates = list(tags)
    by_id = {t.id: t for t in candidates}
    tag = by_id.get(tag_id)
    if tag is None:
        return ()
    root = tag.alias_of or tag.id
    family = [t.id for t in candidates if root in (t.id, t.alias_of)]
    return tuple(t for t in family if t != tag_id)


def parse_prompt_sets(data: Mapping[str, Any], where: str) -> tuple[PromptSet, ...]:
    """Build prompt sets from prompts.toml."""
    sets = []
    for i, raw in enumerate(_tables(data, "prompt_set", where)):
        at = f"{where}: prompt_set[{i}]"
        prompts = tuple(
            Prompt(_text(p, "id", f"{at}.prompt[{j}]"), _text(p, "label", f"{at}.prompt[{j}]"),
                   _text(p, "text", f"{at}.prompt[{j}]"))
            for j, p in enumerate(_tables(raw, "prompt", at))
        )
        _check_unique((p.id for p in prompts), at)
        sets.append(PromptSet(_text(raw, "id", at), _text(raw, "label", at), prompts,
                              _text(raw, "credit", at, "")))
    _check_unique((s.id for s in sets), where)
    return tuple(sets)


def parse_kinds(
    data: Mapping[str, Any], prompt_sets: Sequence[PromptSet], where: str
) -> tuple[EntryKind, ...]:
    """Build entry kinds and their field specs from entry_kinds.toml."""
    fields: dict[str, FieldSpec] = {}
    for i, raw in enumerate(_tables(data, "field", where)):
        at = f"{where}: field[{i}]"
        ftype = _field_type(_text(raw, "type", at), at)
        choices = tuple(
            Choice(_text(c, "id", at), _text(c, "label", at)) for c in _tables(raw, "choices", at)
        )
        default = raw.get("default")
        if default is not None and (ftype != "bool" or not isinstance(default, bool)):
            raise ValueError(f"{at}: 'default' is only for bool fields, as true or false")
        spec = FieldSpec(_text(raw, "id", at), _text(raw, "label", at), ftype,
                         choices, _text(raw, "help", at, ""), default)
        fields[spec.id] = spec
    sets = {s.id: s for s in prompt_sets}
    kinds = []
    for i, raw in enumerate(_tables(data, "kind", where)):
        at = f"{where}: kind[{i}]"
        set_id = _text(raw, "prompt_set", at)
        if set_id not in sets:
            raise ValueError(f"{at}: unknown prompt_set '{set_id}'")
        try:
            kind_fields = tuple(fields[f] for f in raw.get("fields", []))
        except KeyError as exc:
            raise ValueError(f"{at}: unknown field {exc}") from None
        hours = _text(raw, "hours", at, "none")
        if hours not in _HOURS:
            raise ValueError(f"{at}: unknown hours '{hours}' (one of: {', '.join(_HOURS)})")
        kinds.append(EntryKind(
            _text(raw, "id", at), _text(raw, "label", at), _text(raw, "description", at, ""),
            sets[set_id], kind_fields, _flag(raw, "uses_duration", at), hours,
        ))
    _check_unique((k.id for k in kinds), where)
    return tuple(kinds)


def _is_date(text: str) -> bool:
    try:
        return len(text) == 10 and bool(dt.date.fromisoformat(text))
    except ValueError:
        return False


def _field_type(text: str, where: str) -> FieldType:
    for known in _FIELD_TYPES:
        if text == known:
            return known
    raise ValueError(f"{where}: unknown type '{text}'")


def _check_unique(ids: Iterable[str], where: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{where}: duplicate id '{item}'")
        seen.add(item)
