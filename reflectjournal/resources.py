"""The one way to reach files under resources/, from a checkout or an installed wheel."""

from __future__ import annotations

import functools
import tomllib
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

from reflectjournal.domain.endorsement.rules import RuleSet
from reflectjournal.domain.endorsement.rules_parse import RuleFileError, parse_rule_set
from reflectjournal.domain.taxonomy import (
    Catalog,
    parse_competencies,
    parse_kinds,
    parse_prompt_sets,
    parse_theme_groups,
    parse_themes,
)


@functools.cache
def resource_root() -> Path:
    """Return the folder holding the resource files."""
    # In a wheel, resources/ is packaged as reflectjournal/_resources (see pyproject.toml).
    packaged = Path(str(importlib_resources.files("reflectjournal"))) / "_resources"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("ReflectJournal's resource files are missing; reinstall the app")


def resource_path(*parts: str) -> Path:
    """Return the path of one resource file."""
    return resource_root().joinpath(*parts)


def load_toml(name: str) -> dict[str, Any]:
    """Read one TOML data file from resources/."""
    with resource_path(name).open("rb") as handle:
        return tomllib.load(handle)


@functools.cache
def load_catalog() -> Catalog:
    """Load taxonomies, kinds and prompts shipped with the app."""
    competencies = load_toml("competencies.toml")
    themes = load_toml("themes.toml")
    prompts = parse_prompt_sets(load_toml("prompts.toml"), "prompts.toml")
    kinds = parse_kinds(load_toml("entry_kinds.toml"), prompts, "entry_kinds.toml")
    version = "+".join(
        str(d.get("version", "?")) for d in (competencies, themes)
    )
    return Catalog(
        version=version,
        competencies=parse_competencies(competencies, "competencies.toml"),
        themes=parse_themes(themes, "themes.toml"),
        theme_groups=parse_theme_groups(themes, "themes.toml"),
        kinds=kinds,
        prompt_sets=prompts,
    )


RULES_FILE = "endorsement.toml"


def load_rule_set(path: Path | None = None) -> RuleSet:
    """Load the Endorsement rules: the shipped file, or an association's own file at `path`.

    Raises RuleFileError (a JournalError naming the file and key) for a malformed file.
    """
    source = path.name if path is not None else RULES_FILE
    try:
        with (path or resource_path(RULES_FILE)).open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise RuleFileError(source, "(file)", f"not valid TOML: {exc}") from None
    except OSError as exc:
        raise RuleFileError(source, "(file)", f"cannot be read: {exc.strerror}") from None
    return parse_rule_set(data, source)
